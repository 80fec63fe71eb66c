#!/usr/bin/env python3
"""Runs the peer extractors on the benchmark pages on one thread and writes their output for score.py.

usage: peers.py PAGES_DIR OUT_DIR [--min-seconds S]
Writes OUT_DIR/PEER.json ({page id: {"articleBody": text}}) for trafilatura-default,
trafilatura-precision, readability-lxml and resiliparse, and OUT_DIR/peers-speed.json
({PEER: MB/s}); prints MB/s of HTML for each. The pages are read as bytes and decoded as UTF-8
(with replacement, a leading byte-order mark removed) before timing, as the peers receive them.
"""
import json, os, sys, time

import lxml.html
import trafilatura
from readability import Document
from resiliparse.extract.html2text import extract_plain_text

# Elements after which readability-lxml's HTML output gets a line break, so that words of two
# blocks are not glued together when the HTML is turned into text.
BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
          "blockquote", "pre", "dd", "dt", "section", "article", "table", "ul", "ol"}


def readability_text(html):
    summary = Document(html).summary(html_partial=True)
    if not summary.strip():
        return ""
    tree = lxml.html.fromstring(summary)
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag in BLOCKS:
            el.tail = "\n" + (el.tail or "")
    return tree.text_content()


PEERS = {
    "trafilatura-default": lambda html: trafilatura.extract(html) or "",
    "trafilatura-precision": lambda html: trafilatura.extract(html, include_comments=False, favor_precision=True) or "",
    "readability-lxml": readability_text,
    "resiliparse": lambda html: extract_plain_text(html, main_content=True) or "",
}


def main():
    pages_dir, out_dir = sys.argv[1], sys.argv[2]
    min_seconds = float(sys.argv[sys.argv.index("--min-seconds") + 1]) if "--min-seconds" in sys.argv else 0.0
    names = sorted(n for n in os.listdir(pages_dir) if n.endswith(".html"))
    pages = []
    for n in names:
        with open(os.path.join(pages_dir, n), "rb") as f:
            raw = f.read()
        pages.append((n[:-len(".html")], raw.decode("utf-8", errors="replace").lstrip("\ufeff"), len(raw)))
    total_bytes = sum(p[2] for p in pages)
    speeds = {}
    for label, extract in PEERS.items():
        out = {}
        done = 0
        start = time.perf_counter()
        rounds = 0
        while True:
            for page_id, html, _ in pages:
                try:
                    text = extract(html)
                except Exception as e:  # a peer that fails on a page gives nothing for it
                    if rounds == 0:
                        print(f"{label}: {page_id}: {type(e).__name__}: {e}", file=sys.stderr)
                    text = ""
                if rounds == 0:
                    out[page_id] = {"articleBody": text}
            done += total_bytes
            rounds += 1
            if time.perf_counter() - start >= min_seconds:
                break
        elapsed = time.perf_counter() - start
        speeds[label] = done / 1e6 / elapsed
        with open(os.path.join(out_dir, label + ".json"), "w") as f:
            json.dump(out, f)
        print(f"{label}: {len(pages)} pages, {done / 1e6:.1f} MB of HTML in {elapsed:.2f} s = {speeds[label]:.1f} MB/s on one thread")
    with open(os.path.join(out_dir, "peers-speed.json"), "w") as f:
        json.dump(speeds, f)


if __name__ == "__main__":
    main()
