#!/usr/bin/env python3
"""Census of the direct false positives by kind (issue 14, session 34, docs/quotes.md round 31).

usage: direct_census.py GOLD PRED [--show PREFIX] [--limit N]

Matching is score.py's ("direct" row). Each direct prediction that matches no gold direct item
is put in the first kind that fits, by the gold item that overlaps it most and by our own quote:
  A1 gold mixed, same words: the span holds one mark of a pair (an annotator's sentence of a
     longer quotation, a paragraph of a quotation over paragraphs): the set's converter label;
  A2 gold mixed, the reporter's words before or after ours added ("said that …: “…”");
  A3 gold indirect, a transcript turn in marks ("PENCE: …"), the span started after the name;
  A4 gold indirect, a headline or quotation in single marks;
  A5 gold indirect, other (a block quotation or piece without marks of its own);
  B  nothing in the gold: a scare quote, title or term (three words or fewer, or every word
     capitalized);
  C  gold direct there: a span boundary off by a mark or a word (split or shifted);
  D  nothing in the gold: a quotation with no speaker and no cue;
  E  nothing in the gold: an attributed quotation the annotators left out (an annotation gap).
`--show PREFIX` prints the items of kinds starting with PREFIX (ours in {{ }}, gold in [[ ]]).
"""
import argparse
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score as S
import mixed_census as M

TURN = re.compile(r"(?:[A-Z][A-Z.'-]+ ){0,3}[A-Z][A-Z'-]{2,}:\s")


def kind_of(text, s, e, q, gq):
    if gq is None:
        words = text[s:e].split()
        if len(words) <= 3 or all(w[:1].isupper() for w in words if w[:1].isalpha()):
            return "B nothing in the gold: scare quote, title or term"
        if not any(q["speaker"]) and not q["cue"]:
            return "D nothing in the gold: no speaker and no cue"
        return "E nothing in the gold: attributed, not annotated (gold gap)"
    gs, ge, gi = gq
    if gi["kind"] == "direct":
        return "C gold direct there: span boundary"
    if gi["kind"] == "mixed":
        if gs < s - 3 or ge > e + 3:
            return "A2 gold mixed: the reporter's words added before or after"
        return "A1 gold mixed: same words, one mark of the pair (sentence or paragraph piece)"
    if TURN.match(text[s:e]):
        return "A3 gold indirect: transcript turn (NAME: …)"
    if text[s - 1:s] in ("‘", "'") and text[s - 2:s] != "''":
        return "A4 gold indirect: headline or quotation in single marks"
    return "A5 gold indirect: block quotation or piece without marks"


def census(gold, pred, show=None, limit=60):
    c = collections.Counter()
    shown = 0
    for did, g in gold.items():
        text = g["text"]
        golds = [(q["start"], q["end"], q) for q in g["quotes"] if q["kind"] == "direct"]
        preds = S.units(pred.get(did, []), {"direct"}, False)
        matched = {i for i, _ in S.match(preds, golds)}
        every = [(x["start"], x["end"], x) for x in g["quotes"]]
        c["matched"] += len(matched)
        c["predicted"] += len(preds)
        for i, (s, e, q) in enumerate(preds):
            if i in matched:
                continue
            gq = M.nearest(every, (s, e))
            k = kind_of(text, s, e, q, gq)
            c[k] += 1
            if show and k.startswith(show) and shown < limit:
                shown += 1
                gold_text = f"{gq[2]['kind']}[[{text[gq[0]:gq[1]][:120]}]]" if gq else "-"
                print(f"{k[:2]} {did[11:45]} | {text[max(0, s - 60):s]!r} {{{{{text[s:e][:120]}}}}} gold={gold_text} speaker={q['speaker']}")
    return c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--show")
    ap.add_argument("--limit", type=int, default=60)
    a = ap.parse_args()
    c = census(S.load_gold(a.gold, "normalized"), S.load_pred(a.pred), a.show, a.limit)
    for k in sorted(c):
        if k not in ("matched", "predicted"):
            print(f"| {k} | {c[k]} |")
    print(f"| false positives | {c['predicted'] - c['matched']} |")
    print(f"| matched | {c['matched']} |")
    print(f"| predicted | {c['predicted']} |")


if __name__ == "__main__":
    main()
