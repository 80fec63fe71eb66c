#!/usr/bin/env python3
"""Indirect gold items by their cue's lemma (cue_census.py's lemma) and by what a run's output lacks
there (standard library only; issue 14, round 30).

usage: miss_census.py --gold GOLD.jsonl --pred PRED.jsonl [--top N]
                      [--lexicon Sources/TextMill/Stages/Quotes/QuotesLexiconData.swift]

Each gold indirect item (kinds normalized) falls in the first row that fits: matched (score.py's
rule against the run's indirect predictions: overlap by at least half of the longer span,
one-to-one, greedy); right span, wrong kind (a direct or mixed prediction, or a mixed one's
`content`, overlaps it by half of the longer span); indirect, wrong span (an indirect prediction
overlaps it, too little); other kind overlaps (a direct or mixed prediction overlaps it, too
little); nothing. The counts are printed for all items, for those whose cue is a verb of saying
(score.py's list; matched here against every indirect prediction, so the count can exceed
score.py's verb-of-saying row, which asks the prediction's cue to be one too), by lemma and by the
lexicon lists that hold the lemma.
"""
import argparse
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402
import cue_census as cc  # noqa: E402

KINDS = ["matched", "right span, wrong kind", "indirect, wrong span", "other kind overlaps", "nothing"]


def classify(gold, pred, lem):
    rows = collections.defaultdict(collections.Counter)
    tot, saying = collections.Counter(), collections.Counter()
    for doc_id, g in gold.items():
        golds = [(q["start"], q["end"], q) for q in g["quotes"] if q["kind"] == "indirect"]
        items = pred.get(doc_id, [])
        ind = score.units(items, {"indirect"}, False)
        hit = {j for _, j in score.match(ind, golds)}
        others = score.units(items, {"direct", "mixed"}, False) + score.units(items, {"mixed"}, True)
        for j, (s, e, q) in enumerate(golds):
            def half(p):
                o = score.overlap(p, (s, e))
                return o > 0 and o * 2 >= max(p[1] - p[0], e - s)
            if j in hit:
                k = "matched"
            elif any(half(p) for p in others):
                k = "right span, wrong kind"
            elif any(score.overlap(p, (s, e)) > 0 for p in ind):
                k = "indirect, wrong span"
            elif any(score.overlap(p, (s, e)) > 0 for p in others):
                k = "other kind overlaps"
            else:
                k = "nothing"
            rows[lem.cue(q["cue"])][k] += 1
            tot[k] += 1
            if score.saying_cue(q["cue"]):
                saying[k] += 1
    return rows, tot, saying


def lists_of(key, known):
    word = key if key == "according to" else key.split()[0]
    info = known.get(word) or [x for xs in known.values() for x in xs if x[1] == word]
    return "; ".join(sorted({name for name, _, _ in info})) or "–"


def line(label, c, extra=""):
    return f"| {label} | {extra}{sum(c.values())} | " + " | ".join(str(c[k]) for k in KINDS) + " |"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--lexicon", default="Sources/TextMill/Stages/Quotes/QuotesLexiconData.swift")
    args = ap.parse_args()
    known, base = cc.read_lexicon(args.lexicon)
    gold = score.load_gold(args.gold, "normalized")
    vocabulary = collections.Counter()
    for g in gold.values():
        vocabulary.update(w.lower() for w in re.findall(r"[A-Za-z]+", g["text"]))
    rows, tot, saying = classify(gold, score.load_pred(args.pred), cc.Lemmas(base, vocabulary))
    head = "| gold | " + " | ".join(KINDS) + " |"
    print("| items " + head)
    print("|---" * (2 + len(KINDS)) + "|")
    print(line("all indirect", tot))
    print(line("cue a verb of saying", saying))
    print()
    print("| # | cue (lemma) | lexicon " + head)
    print("|---" * (4 + len(KINDS)) + "|")
    order = sorted(rows.items(), key=lambda kv: (kv[1]["matched"] - sum(kv[1].values()), kv[0]))
    for n, (key, c) in enumerate(order[:args.top], 1):
        print(line(f"{n} | {key}", c, f"{lists_of(key, known)} | "))
    print()
    classes = collections.defaultdict(collections.Counter)
    for key, c in rows.items():
        name = f"\"{key}\"" if key in ("(none)", ":", "in") else lists_of(key, known)
        classes[name if name != "–" else "(in no list)"].update(c)
    print("| lexicon lists of the cue " + head)
    print("|---" * (2 + len(KINDS)) + "|")
    for name, c in sorted(classes.items(), key=lambda kv: -sum(kv[1].values()))[:args.top]:
        print(line(name, c))


if __name__ == "__main__":
    main()
