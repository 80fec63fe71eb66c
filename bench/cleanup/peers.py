#!/usr/bin/env python3
"""Runs trafilatura on the benchmark pages on one thread and writes its output for score.py.

usage: peers.py PAGES_DIR OUT_DIR [--min-seconds S]
Writes OUT_DIR/trafilatura-default.json and OUT_DIR/trafilatura-precision.json
({page id: {"articleBody": text}}) and prints MB/s of HTML for each setting. The pages are read
as bytes and decoded as UTF-8 (with replacement) before timing, as trafilatura receives them.
"""
import json, os, sys, time

import trafilatura


def main():
    pages_dir, out_dir = sys.argv[1], sys.argv[2]
    min_seconds = float(sys.argv[sys.argv.index("--min-seconds") + 1]) if "--min-seconds" in sys.argv else 0.0
    names = sorted(n for n in os.listdir(pages_dir) if n.endswith(".html"))
    pages = []
    for n in names:
        with open(os.path.join(pages_dir, n), "rb") as f:
            raw = f.read()
        pages.append((n[:-len(".html")], raw.decode("utf-8", errors="replace"), len(raw)))
    total_bytes = sum(p[2] for p in pages)
    settings = {
        "trafilatura-default": dict(),
        "trafilatura-precision": dict(include_comments=False, favor_precision=True),
    }
    for label, kwargs in settings.items():
        out = {}
        done = 0
        start = time.perf_counter()
        rounds = 0
        while True:
            for page_id, html, _ in pages:
                text = trafilatura.extract(html, **kwargs) or ""
                if rounds == 0:
                    out[page_id] = {"articleBody": text}
            done += total_bytes
            rounds += 1
            if time.perf_counter() - start >= min_seconds:
                break
        elapsed = time.perf_counter() - start
        with open(os.path.join(out_dir, label + ".json"), "w") as f:
            json.dump(out, f)
        print(f"{label}: {len(pages)} pages, {done / 1e6:.1f} MB of HTML in {elapsed:.2f} s = {done / 1e6 / elapsed:.1f} MB/s on one thread")


if __name__ == "__main__":
    main()
