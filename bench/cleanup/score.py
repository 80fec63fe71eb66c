#!/usr/bin/env python3
"""Scores extracted article text against the scrapinghub article-extraction-benchmark ground truth.

The metric is the benchmark's own (written here from its description): tokens are `\\w+` matches
(case kept); each text becomes the multiset of its word 4-gram shingles (a text shorter than four
tokens is one shingle of all of them); per page tp = |truth ∩ pred|, fp = |pred − truth|,
fn = |truth − pred| as multisets; precision and recall are computed per page (1 when both fp and
fn are 0; recall 0 when nothing matched; precision undefined and left out of its mean when
nothing was predicted) and averaged over pages; F1 comes from the two averages.
"Accuracy" is the share of pages whose token sequence matches exactly.

usage: score.py GROUND_TRUTH.json PREDICTION.json [--label NAME] [--split] [--worst N]
PREDICTION is {id: {"articleBody": text}} or {"output": {...}} (the benchmark's published files).
"""
import json, re, sys
from collections import Counter

TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    tokens = TOKEN.findall(text or "")
    out = []
    for i in range(0, max(1, len(tokens) - n + 1)):
        s = " ".join(tokens[i:i + n])
        if s:
            out.append(s)
    return Counter(out)


def page_counts(truth, pred):
    t, p = shingles(truth), shingles(pred)
    return sum((t & p).values()), sum((p - t).values()), sum((t - p).values())


def precision(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return None  # nothing predicted: precision is undefined and left out of the mean
    return tp / (tp + fp)


def recall(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def score(truth, pred, ids):
    rows = []
    for k in ids:
        body = (pred.get(k) or {}).get("articleBody", "") or ""
        tp, fp, fn = page_counts(truth[k]["articleBody"], body)
        rows.append((k, precision(tp, fp, fn), recall(tp, fp, fn),
                     TOKEN.findall(truth[k]["articleBody"]) == TOKEN.findall(body)))
    defined = [r[1] for r in rows if r[1] is not None]
    p = sum(defined) / len(defined) if defined else 0.0
    r = sum(r[2] for r in rows) / len(rows)
    f = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(1 for x in rows if x[3]) / len(rows)
    return p, r, f, acc, rows


def main():
    args = sys.argv[1:]
    label, split, worst = None, False, 0
    if "--label" in args:
        i = args.index("--label"); label = args[i + 1]; del args[i:i + 2]
    if "--split" in args:
        args.remove("--split"); split = True
    if "--worst" in args:
        i = args.index("--worst"); worst = int(args[i + 1]); del args[i:i + 2]
    truth = json.load(open(args[0]))
    pred = json.load(open(args[1]))
    if "output" in pred and isinstance(pred["output"], dict):
        pred = pred["output"]
    ids = sorted(truth)
    label = label or args[1]
    p, r, f, acc, rows = score(truth, pred, ids)
    print(f"{label:<40} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  accuracy {acc:.3f}  ({len(ids)} pages)")
    if split:
        # A fixed split by page id (the ids are sha256 names, so this is a random split):
        # tune on one half, check the other half did not get worse.
        for name, half in (("  ids 0-7", [k for k in ids if k[0] < "8"]), ("  ids 8-f", [k for k in ids if k[0] >= "8"])):
            hp, hr, hf, _, _ = score(truth, pred, half)
            print(f"{label + name:<40} P {hp:.3f}  R {hr:.3f}  F1 {hf:.3f}  ({len(half)} pages)")
    if worst:
        for k, pp, rr, _ in sorted(rows, key=lambda x: min(x[1] if x[1] is not None else 0, x[2]))[:worst]:
            print(f"  {k[:16]} P {pp or 0:.3f} R {rr:.3f}  {truth[k]['url'][:90]}")


if __name__ == "__main__":
    main()
