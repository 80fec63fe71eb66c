#!/usr/bin/env python3
"""Scores TextMill's language stage (OURS.tsv: id, code, score, reliable, from
`textmill-bench language`) and py3langid (run here, on the same documents) against the known
language of each document of SET.jsonl, and prints accuracy by kind (paragraph, snippet) and
language, and speed beside TextMill's (OURS_SPEED.json).

Codes are compared on their language part ("zh-Hant" = "zh"); libcld2's "nb" and "no" and
py3langid's "nb"/"nn"/"no" all count as Norwegian ("no").

usage: score.py SET.jsonl OURS.tsv OURS_SPEED.json
"""
import json
import sys
import time

import py3langid


def base(code):
    code = code.split("-")[0].split("_")[0].lower()
    return {"nb": "no", "nn": "no", "iw": "he", "in": "id"}.get(code, code)


def main():
    set_path, ours_path, speed_path = sys.argv[1:]
    docs = [json.loads(line) for line in open(set_path, encoding="utf-8") if line.strip()]
    ours = {}
    for line in open(ours_path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        ours[parts[0]] = base(parts[1])
    py3langid.classify("warm up the model")
    theirs = {}
    t0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        theirs[d["id"]] = base(py3langid.classify(d["text"])[0])
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    total = sum(len(d["text"].encode("utf-8")) for d in docs)

    def accuracy(subset, guesses):
        return sum(guesses[d["id"]] == d["lang"] for d in subset), len(subset)

    print(f"documents: {len(docs)} ({total / 1e6:.2f} MB), languages: {len({d['lang'] for d in docs})}")
    print(f"{'':24s} {'TextMill (libcld2)':>20s} {'py3langid':>20s}")
    for kind in ("paragraph", "snippet", None):
        subset = [d for d in docs if kind is None or d["kind"] == kind]
        a, n = accuracy(subset, ours)
        b, _ = accuracy(subset, theirs)
        label = f"{kind or 'all'}s ({n})" if kind else f"all ({n})"
        print(f"{label:24s} {100 * a / n:19.2f}% {100 * b / n:19.2f}%")
    print("\nby language (paragraphs + snippets): ours / py3langid")
    row = []
    for lang in sorted({d["lang"] for d in docs}):
        subset = [d for d in docs if d["lang"] == lang]
        a, n = accuracy(subset, ours)
        b, _ = accuracy(subset, theirs)
        row.append(f"{lang} {a}/{b}/{n}")
    print("  " + ", ".join(row))
    wrong = {}
    for d in docs:
        if ours[d["id"]] != d["lang"]:
            wrong.setdefault(d["lang"] + "->" + ours[d["id"]], 0)
            wrong[d["lang"] + "->" + ours[d["id"]]] += 1
    print("TextMill's errors (expected->answered: count): " + ", ".join(f"{k}: {v}" for k, v in sorted(wrong.items(), key=lambda x: -x[1])))
    speed = json.load(open(speed_path))
    print("\nspeed, one thread:")
    print(f"  py3langid: {len(docs) / cpu:.0f} docs/s, {total / cpu / 1e6:.2f} MB/s (CPU {cpu:.2f} s, wall {wall:.2f} s)")
    print(f"  TextMill:  {speed['docs_per_s']:.0f} docs/s, {speed['mb_per_s']:.2f} MB/s (CPU time)")
    print(f"  TextMill / py3langid: {speed['mb_per_s'] / (total / cpu / 1e6):.1f}x")


if __name__ == "__main__":
    main()
