#!/usr/bin/env python3
"""Unpacks one wceb-dev set (NAME.jsonl.gz: one page a line with `id`, `html`, `gold`) for the bench.

usage: prepare.py SET.jsonl.gz OUT_DIR
Writes OUT_DIR/pages/ID.html (the decoded page as UTF-8 with a byte-order mark, so every tool
reads the same characters whatever the page declares; `/` in ids becomes `_`) and
OUT_DIR/ground-truth.json ({id: {"articleBody": gold, "url": ""}}, the format score.py reads).
Files already there are kept, so a second run costs nothing.
"""
import gzip, json, os, sys


def main():
    source, out_dir = sys.argv[1], sys.argv[2]
    pages = os.path.join(out_dir, "pages")
    truth_path = os.path.join(out_dir, "ground-truth.json")
    if os.path.isfile(truth_path) and os.path.isdir(pages) and os.listdir(pages):
        return
    os.makedirs(pages, exist_ok=True)
    truth = {}
    with gzip.open(source, "rt", encoding="utf-8") as f:
        for line in f:
            page = json.loads(line)
            page_id = page["id"].replace("/", "_")
            with open(os.path.join(pages, page_id + ".html"), "wb") as out:
                out.write(b"\xef\xbb\xbf" + page["html"].encode("utf-8", errors="replace"))
            truth[page_id] = {"articleBody": page["gold"], "url": ""}
    with open(truth_path + ".tmp", "w") as f:
        json.dump(truth, f)
    os.replace(truth_path + ".tmp", truth_path)


if __name__ == "__main__":
    main()
