#!/usr/bin/env python3
"""Census of the mixed-quotation misses (scored on `content`) and of the direct false positives.

usage: mixed_census.py GOLD_A PRED_A GOLD_B PRED_B [--show KIND] [--limit N]

Matching is score.py's (spans overlap by half of the longer one, one-to-one, greedy), on the
rows "mixed (content)" and "direct". Each gold mixed item that no mixed prediction matches is put
in one kind, the first that fits: one of our mixed contents overlaps it (too long or too short,
and at which end), our direct or indirect quotation lies over it, or nothing of ours does (then
by the quoted words inside the gold: one to three words, a title or scare quote; longer; no mark
of ours at all). Each unmatched mixed prediction and each unmatched direct prediction is put in a
kind by what the gold holds there (another kind, a boundary of the same kind, nothing). Prints
Markdown tables with a column for each pair of files (docs/quotes.md, session 32). `--show KIND`
prints the items of kinds whose label starts with KIND (context, gold in [[ ]], ours in {{ }}).
"""
import argparse
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score as S

MARKS = "\"“”«»„"
QUOTED = re.compile(r"[\"“«„]([^\"”»“]*)[\"”»]|''(.*?)''")


def quoted_words(text):
    """The words inside the first pair of double marks of a gold span (None when it holds none)."""
    m = QUOTED.search(text)
    if not m:
        return None
    return (m.group(1) if m.group(1) is not None else m.group(2)).split()


def nearest(units, span):
    ov = [u for u in units if S.overlap(u, span) > 0]
    return max(ov, key=lambda u: S.overlap(u, span)) if ov else None


def mixed_misses(gold, pred, shown, show, limit):
    c = collections.Counter()
    for did, g in gold.items():
        text = g["text"]
        golds = [(q["start"], q["end"], q) for q in g["quotes"] if q["kind"] == "mixed"]
        preds = S.units(pred.get(did, []), {"mixed"}, True)
        direct = S.units(pred.get(did, []), {"direct"}, False)
        indirect = S.units(pred.get(did, []), {"indirect"}, False)
        matched = {j for _, j in S.match(preds, golds)}
        matched_p = {i for i, _ in S.match(preds, golds)}
        free = [p for i, p in enumerate(preds) if i not in matched_p]
        for j, (s, e, q) in enumerate(golds):
            c["gold"] += 1
            if j in matched:
                c["matched"] += 1
                continue
            c["missed"] += 1
            p = nearest(preds, (s, e))
            kind = None
            if p:
                if S.overlap(p, (s, e)) * 2 >= max(p[1] - p[0], e - s):
                    kind = "M0 ours matches another gold item"
                elif p[1] - p[0] > e - s:
                    kind = ("M1 too long: ours starts earlier" if p[0] < s - 3 else
                            "M2 too long: ours runs on past the gold's end")
                else:
                    kind = ("M3 too short: ours starts later (the gold holds words before ours)" if p[0] > s + 3 else
                            "M4 too short: ours ends earlier")
            elif nearest(direct, (s, e)):
                d = nearest(direct, (s, e))
                if d[0] > s + 3:
                    kind = "M5 ours is direct: the gold adds the reporter's words before it"
                elif d[1] < e - 3:
                    kind = "M6 ours is direct: the gold adds the words after it"
                else:
                    kind = "M6b ours is direct: the gold item is a piece of it or its words with one mark (the converter's convention)"
            elif nearest(indirect, (s, e)):
                kind = "M7 ours is indirect there (marks inside our content)"
            else:
                w = quoted_words(text[s:e])
                if w is None:
                    kind = "M8 nothing: no double mark in the gold span (single marks)"
                elif len(w) <= 3:
                    kind = "M9 nothing: quoted words of one to three words (scare quote, label, title)"
                else:
                    kind = "MA nothing: longer quoted words"
            c[kind] += 1
            if show and kind.startswith(show) and shown[0] < limit:
                shown[0] += 1
                print(f"{kind[:2]} {did[11:45]} | {text[max(0, s - 80):s]!r} [[{text[s:e][:200]}]] {text[e:e + 50]!r}"
                      + (f" ours={{{{{text[p[0]:p[1]][:200]}}}}}" if p else ""))
        for p in free:
            s, e = p[0], p[1]
            allg = [(q["start"], q["end"], q) for q in g["quotes"]]
            gq = nearest(allg, (s, e))
            if gq is None:
                kind = "F3 nothing in the gold there"
            elif gq[2]["kind"] == "mixed":
                kind = "F0 gold mixed there (boundary, counted above)"
            elif gq[2]["kind"] == "direct":
                kind = "F1 gold direct there"
            else:
                kind = "F2 gold indirect there"
            c[kind] += 1
            c["predicted, unmatched"] += 1
            if show and kind.startswith(show) and shown[0] < limit:
                shown[0] += 1
                print(f"{kind[:2]} {did[11:45]} | {text[max(0, s - 80):s]!r} {{{{{text[s:e][:200]}}}}} {text[e:e + 50]!r}"
                      + (f" gold={gq[2]['kind']}[[{text[gq[0]:gq[1]][:200]}]]" if gq else ""))
    return c


def direct_false_positives(gold, pred, shown, show, limit):
    c = collections.Counter()
    for did, g in gold.items():
        text = g["text"]
        golds = [(q["start"], q["end"], q) for q in g["quotes"] if q["kind"] == "direct"]
        preds = S.units(pred.get(did, []), {"direct"}, False)
        m = S.match(preds, golds)
        mp = {i for i, _ in m}
        c["predicted"] += len(preds)
        c["matched"] += len(m)
        for i, (s, e, q) in enumerate(preds):
            if i in mp:
                continue
            allg = [(x["start"], x["end"], x) for x in g["quotes"]]
            gq = nearest(allg, (s, e))
            if gq is None:
                kind = "D6 nothing in the gold there"
            else:
                gs, ge, gi = gq
                if gi["kind"] == "direct":
                    kind = "D0 gold direct there, split or shifted"
                elif gi["kind"] == "mixed":
                    if gs < s - 3 and ge <= e + 3:
                        kind = "D1 gold mixed: adds the reporter's words before ours"
                    elif gs < s - 3:
                        kind = "D2 gold mixed: adds words before and after ours"
                    elif ge > e + 3:
                        kind = "D3 gold mixed: adds the words after ours"
                    else:
                        kind = "D4 gold mixed: same words (one mark of the pair inside, or a piece)"
                else:
                    kind = "D5 gold indirect there"
            c[kind] += 1
            if show and kind.startswith(show) and shown[0] < limit:
                shown[0] += 1
                print(f"{kind[:2]} {did[11:45]} | {text[max(0, s - 80):s]!r} {{{{{text[s:e][:160]}}}}} {text[e:e + 50]!r}"
                      + (f" gold={gq[2]['kind']}[[{text[gq[0]:gq[1]][:200]}]]" if gq else ""))
    return c


def table(title, ca, cb, na, nb, totals):
    print(f"| {title} | {na} | {nb} |")
    print("|---|---|---|")
    for k in sorted(set(ca) | set(cb)):
        if k in totals or k[:1] not in "MFD":
            continue
        print(f"| {k.split(' ', 1)[1]} | {ca[k]} | {cb[k]} |")
    for k in totals:
        print(f"| {k} | {ca[k]} | {cb[k]} |")
    print()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs=4)
    ap.add_argument("--show")
    ap.add_argument("--limit", type=int, default=60)
    a = ap.parse_args()
    ga, pa, gb, pb = a.files
    shown = [0]
    G = [S.load_gold(ga, "normalized"), S.load_gold(gb, "normalized")]
    P = [S.load_pred(pa), S.load_pred(pb)]
    mm = [mixed_misses(G[0], P[0], shown, a.show, a.limit), mixed_misses(G[1], P[1], shown, a.show, a.limit)]
    dd = [direct_false_positives(G[0], P[0], shown, a.show, a.limit),
          direct_false_positives(G[1], P[1], shown, a.show, a.limit)]
    na, nb = ga.rsplit("/", 1)[-1], gb.rsplit("/", 1)[-1]
    misses = {k: v for k, v in mm[0].items() if k[0] == "M" or k in ("gold", "matched", "missed")}
    table("gold mixed item not matched (by `content`)",
          collections.Counter({k: v for k, v in mm[0].items() if not k.startswith("F")}),
          collections.Counter({k: v for k, v in mm[1].items() if not k.startswith("F")}),
          na, nb, ["missed", "matched", "gold"])
    table("our mixed prediction not matched (by `content`)",
          collections.Counter({k: v for k, v in mm[0].items() if k.startswith("F") or k.startswith("pred")}),
          collections.Counter({k: v for k, v in mm[1].items() if k.startswith("F") or k.startswith("pred")}),
          na, nb, ["predicted, unmatched"])
    table("our direct prediction not matched", dd[0], dd[1], na, nb, ["matched", "predicted"])


if __name__ == "__main__":
    main()
