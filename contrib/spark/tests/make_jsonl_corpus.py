#!/usr/bin/env python3
"""Writes a JSONL news corpus for checking the Spark job against `textmill run`.

Articles are recombined real news sentences (bench/runner/make_corpus.py: the sample corpus and,
when present, PolNeAR). Planted across the whole corpus, so that a document and its copies
usually land in different partitions:
  - exact copies of any earlier document (new id, same text; some are copies of near copies),
  - near copies (a syndication header and footer, a few words changed), and near copies of near
    copies (version chains),
  - a template cluster: hundreds of near-identical pages (one long text, a few words changed in
    each) that share their band keys, the giant bucket a distributed dedup must survive,
  - documents without words, HTML records, records without an id (path#N ids), numeric ids, ids
    that need JSON escapes, extra fields and `meta`,
  - bad lines: not JSON, no text, text not a string, blank and white-space lines, CRLF line ends,
    a line over the config's size limit,
  - files: nested folders whose names sort differently by byte and by component, a .gz file, a
    .gz file cut short, an .ndjson file, an empty file, a file of blank lines, a hidden file
    (skipped).

usage: make_jsonl_corpus.py OUT_DIR [--mb 12] [--seed 5] [--template 300] [--big-line]
"""
import argparse
import gzip
import importlib.util
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))


# Lines a JSONL reader must report (or skip, the blank ones) without stopping: cut short, not JSON,
# no text, text not a string, blank, white space only, not an object.
BAD_LINES = ['{"id": "bad-SERIAL", "text": ', "not json at all", '{"id": "xSERIAL"}', '{"text": 42}', "", "   \t ", "[1, 2]"]


def load_make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", os.path.join(ROOT, "bench", "runner", "make_corpus.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=12)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--template", type=int, default=300, help="pages in the near-identical template cluster")
    ap.add_argument("--big-line", action="store_true", help="add a 1.5 MB record (for a config with max_document_mb: 1)")
    a = ap.parse_args()
    mc = load_make_corpus()
    rng = random.Random(a.seed)
    pool = mc.load_pool(os.path.join(ROOT, "..", "shared", "benchmarks", "quotes", "polnear_dev.jsonl"))
    target = int(a.mb * 1024 * 1024)

    template_title, template = mc.article(rng, pool)
    template = template + [p for p in mc.article(rng, pool)[1]]      # a long page: small edits stay near
    docs = []                      # (title, paragraphs) of every article so far
    records = []
    written = 0
    serial = 0
    template_left = a.template
    while written < target:
        serial += 1
        r = rng.random()
        if docs and r < 0.035:
            title, paragraphs = rng.choice(docs)                             # exact copy
        elif docs and r < 0.075:
            title, base = rng.choice(docs)
            paragraphs = mc.near_copy(rng, base)                             # near copy (or copy of one)
            docs.append((title, paragraphs))
        elif template_left and r < 0.075 + a.template / max(1, target / 5000):
            template_left -= 1
            title, paragraphs = template_title, list(template)
            for _ in range(rng.randint(1, 4)):                               # a few words changed
                i = rng.randrange(len(paragraphs))
                words = paragraphs[i].split()
                words[rng.randrange(len(words))] = rng.choice(["today", "reportedly", "on Tuesday", "sources said", "officials"])
                paragraphs[i] = " ".join(words)
        else:
            title, paragraphs = mc.article(rng, pool)
            docs.append((title, paragraphs))
        text = title + "\n\n" + "\n\n".join(paragraphs)
        rec = {"id": f"story-{serial}", "text": text, "feed": rng.choice(["wire", "site", "rss"])}
        k = rng.random()
        if k < 0.05:
            del rec["id"]                                                    # id from path#line
        elif k < 0.07:
            rec["id"] = serial                                               # a numeric id
        elif k < 0.08:
            rec["id"] = f"“quoted” \"{serial}\" näive/\\tab"              # escapes in ids
        elif k < 0.12:
            rec = {"id": f"page-{serial}", "html": "<html><body><article><h1>%s</h1>%s</article></body></html>"
                   % (title, "".join(f"<p>{p}</p>" for p in paragraphs))}
        elif k < 0.13:
            rec["text"] = rng.choice(["", "— … —", "   ", "* * *"])          # no words
        elif k < 0.15:
            rec["meta"] = {"url": f"https://example.com/{serial}", "lang": "en"}
        records.append(json.dumps(rec, ensure_ascii=rng.random() < 0.5))
        written += len(records[-1]) + 1
        if rng.random() < 0.003:
            records.append(rng.choice(BAD_LINES).replace("SERIAL", str(serial)))
    # Every kind of bad line at least once, whatever the random draws gave: the tests count on them.
    for n, line in enumerate(BAD_LINES):
        records.insert((n + 1) * len(records) // (len(BAD_LINES) + 1), line.replace("SERIAL", "planted"))
    if a.big_line:
        records.insert(len(records) // 2, json.dumps({"id": "too-big", "text": "word " * 300_000}))

    # Files: mostly ordinary batches in nested folders, plus the odd ones.
    os.makedirs(a.out, exist_ok=True)
    folders = ["a", "a-c", "a/b", "b/10", "b/9", "b/9/x", "c"]
    i = 0
    n = 0
    while i < len(records):
        size = rng.choice([10, 40, 100, 250, 600])
        batch = records[i:i + size]
        i += size
        n += 1
        folder = os.path.join(a.out, folders[n % len(folders)])
        os.makedirs(folder, exist_ok=True)
        kind = n % 9
        body = "\n".join(batch) + "\n"
        if kind == 4:
            body = body.replace("\n", "\r\n")
        name = os.path.join(folder, f"batch-{n:04d}")
        if kind == 7:
            with gzip.open(name + ".jsonl.gz", "wt", encoding="utf-8") as f:
                f.write(body)
        elif kind == 8:
            with open(name + ".ndjson", "w", encoding="utf-8") as f:
                f.write(body.rstrip("\n"))                                   # no final newline
        else:
            with open(name + ".jsonl", "w", encoding="utf-8") as f:
                f.write(body)
    for folder in folders:
        os.makedirs(os.path.join(a.out, folder), exist_ok=True)
    open(os.path.join(a.out, "a", "empty.jsonl"), "w").close()
    with open(os.path.join(a.out, "b", "blank.jsonl"), "w") as f:
        f.write("\n  \n\t\n")
    with open(os.path.join(a.out, "c", ".hidden.jsonl"), "w") as f:
        f.write('{"text": "never read"}\n')
    # A .gz file cut short (a copy that stopped half way): its complete lines are records, then
    # one read error; the run goes on with the next file.
    # (Ids of their own: `textmill run` writes an id once per output.)
    cut_short = [json.dumps({"id": f"cut-short-{k}", "text": t + "\n\n" + "\n\n".join(p)}) for k, (t, p) in enumerate(docs[:40])]
    cut = gzip.compress(("\n".join(cut_short) + "\n").encode("utf-8"))
    with open(os.path.join(a.out, "b", "cut-short.jsonl.gz"), "wb") as f:
        f.write(cut[:len(cut) * 2 // 3])
    print(f"wrote {written / 1e6:.1f} MB, {len(records)} lines in {n} files into {a.out}")


if __name__ == "__main__":
    main()
