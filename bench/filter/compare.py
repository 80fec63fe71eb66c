#!/usr/bin/env python3
"""Runs datatrove's GopherRepetitionFilter, GopherQualityFilter and C4QualityFilter (defaults,
English) on every document of SET.jsonl, compares each decision with TextMill's filter stage
(OURS.tsv: id, reason, detail, from `textmill-bench filter`), and prints agreement, every
disagreement with its cause, and speed beside TextMill's (OURS_SPEED.json).

A document's decision is "kept" or the first rule that fired, trying the three filters in
that order on the original text (as TextMill does: C4's line removal is not applied to the
text the other filters see). The cause of a disagreement is found by comparing datatrove's
words (spaCy's English tokenizer) with TextMill's (OURS_WORDS.tsv) and, for C4, the sentence
counts.

usage: compare.py SET.jsonl OURS.tsv OURS_WORDS.tsv OURS_SPEED.json [--limit N]
"""
import json
import sys
import time
import warnings

warnings.filterwarnings("ignore")
from loguru import logger  # noqa: E402

logger.remove()
from datatrove.data import Document  # noqa: E402
from datatrove.pipeline.filters import C4QualityFilter, GopherQualityFilter, GopherRepetitionFilter  # noqa: E402
from datatrove.utils.text import split_into_words  # noqa: E402


def decide(filters, text, doc_id):
    for f in filters:
        result = f.filter(Document(text=text, id=doc_id))
        keep, reason = (result if isinstance(result, tuple) else (result, None))
        if not keep:
            return reason or f.name
    return "kept"


def main():
    args = sys.argv[1:]
    limit = None
    if "--limit" in args:
        k = args.index("--limit"); limit = int(args[k + 1]); del args[k:k + 2]
    set_path, ours_path, words_path, speed_path = args
    docs = [json.loads(line) for line in open(set_path, encoding="utf-8") if line.strip()]
    if limit:
        docs = docs[:limit]
    ours = {}
    for line in open(ours_path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        ours[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "")
    our_words = {}
    for line in open(words_path, encoding="utf-8"):
        i, _, w = line.rstrip("\n").partition("\t")
        our_words[i] = w.split("\x1f") if w else []

    filters = [GopherRepetitionFilter(), GopherQualityFilter(), C4QualityFilter()]
    decide(filters, "Warm up the tokenizer. " * 20, "warmup")
    theirs = {}
    t0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        theirs[d["id"]] = decide(filters, d["text"], d["id"])
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    total_bytes = sum(len(d["text"].encode("utf-8")) for d in docs)

    same = same_reason = 0
    by_origin = {}
    disagreements = []
    for d in docs:
        a = theirs[d["id"]]
        b, detail = ours.get(d["id"], ("missing", ""))
        origin = d["origin"].split(":")[0]
        o = by_origin.setdefault(origin, [0, 0])
        o[1] += 1
        if (a == "kept") == (b == "kept"):
            same += 1
            o[0] += 1
            same_reason += a == b
        else:
            disagreements.append((d, a, b, detail))

    n = len(docs)
    print(f"documents: {n} ({total_bytes / 1e6:.1f} MB)")
    dropped = sum(1 for v in theirs.values() if v != "kept")
    print(f"datatrove drops {dropped} ({100 * dropped / n:.1f} %); TextMill drops {sum(1 for d in docs if ours.get(d['id'], ('kept',))[0] != 'kept')}")
    print(f"agreement (same keep/drop decision): {same}/{n} = {100 * same / n:.2f} %")
    print(f"same first rule too: {same_reason}/{n} = {100 * same_reason / n:.2f} %")
    for origin, (s, t) in sorted(by_origin.items()):
        print(f"  {origin:10s} {s}/{t} = {100 * s / t:.2f} %")
    print(f"\ndisagreements ({len(disagreements)}):")
    for d, a, b, detail in disagreements:
        words = split_into_words(d["text"])
        mine = our_words.get(d["id"], [])
        cause = "same words; "
        if words != mine:
            k = next((i for i, (x, y) in enumerate(zip(words, mine)) if x != y), min(len(words), len(mine)))
            cause = (f"tokenisation: {len(words)} words (datatrove) vs {len(mine)} (TextMill), first difference at word {k}: "
                     f"{words[max(0, k - 2):k + 3]} vs {mine[max(0, k - 2):k + 3]}; ")
        print(f"- {d['id']} ({d['origin']}): datatrove {a}; TextMill {b} ({detail}). Cause: {cause}")
    speed = json.load(open(speed_path))
    print(f"\nspeed, one thread:")
    print(f"  datatrove 3 filters: {n / cpu:.1f} docs/s, {total_bytes / cpu / 1e6:.3f} MB/s (CPU time {cpu:.1f} s, wall {wall:.1f} s)")
    print(f"  TextMill filter:     {speed['docs_per_s']:.1f} docs/s, {speed['mb_per_s']:.2f} MB/s (CPU time)")
    print(f"  TextMill / datatrove: {speed['mb_per_s'] / (total_bytes / cpu / 1e6):.0f}x")


if __name__ == "__main__":
    main()
