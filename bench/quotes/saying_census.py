#!/usr/bin/env python3
"""Census of the missed indirect items whose cue is a verb of saying, by kind of miss.

usage: saying_census.py GOLD_A PRED_A GOLD_B PRED_B

Matching is score.py's, with the verb-of-saying filter on both sides (the row "indirect,
verb-of-saying cue"), so "matched" is that row's right items. Each gold item no prediction
matches is put in one kind: our nearest saying-cue prediction overlaps it by less than half of
the longer span (too long: starts earlier, runs on past a comma, past and/but, or into words
with no comma; too short), another indirect prediction (with a cue that is no verb of saying) or
a direct/mixed one overlaps it, or nothing does (then by where the gold's cue stands: right
before the content, with one or two words or more; before it with a comma or other words
between; after it). Prints a Markdown table with a column for each pair of files (docs/quotes.md,
round 25).
"""
import sys, collections, re
sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
import score as S
PREP = set("in on at for with by from to during after before as despite since over of about amid because".split())
def census(gpath, ppath):
    gold = S.load_gold(gpath, "normalized"); pred = S.load_pred(ppath)
    c = collections.Counter()
    for did, g in gold.items():
        text = g["text"]
        golds = [(q["start"], q["end"], q) for q in g["quotes"] if q["kind"] == "indirect" and S.saying_cue(q["cue"])]
        preds = S.units(pred.get(did, []), {"indirect"}, False, True)
        allind = S.units(pred.get(did, []), {"indirect"}, False)
        allp = S.units(pred.get(did, []), {"direct","mixed","indirect"}, True)
        matched = {j for i, j in S.match(preds, golds)}
        for j, (s, e, q) in enumerate(golds):
            c["gold"] += 1
            if j in matched: c["matched"] += 1; continue
            c["missed"] += 1
            ov = [p for p in preds if S.overlap(p, (s, e)) > 0]
            if ov:
                p = max(ov, key=lambda p: S.overlap(p, (s, e)))
                if S.overlap(p, (s, e)) * 2 >= max(p[1]-p[0], e-s): c["B4 ours matches another gold item"] += 1; continue
                if p[1]-p[0] > e-s:
                    if p[0] < s - 3: c["B1 too long: ours starts earlier (before a fronted adverbial, a second piece, an earlier clause)"] += 1
                    else:
                        m = re.match(r"\s*([,;:—–-]?)\s*(\S*)", text[e:p[1]]); punct, w = m.group(1), m.group(2).lower()
                        if punct == ",": c["B2 too long: ours runs on past a comma (a comparison, apposition, main clause, adjunct)"] += 1
                        elif w in ("and", "but", "or"): c["B3 too long: ours runs on past and/but (a coordinated verb or clause)"] += 1
                        else: c["B3b too long: ours runs on into adjuncts or a relative clause with no comma"] += 1
                else: c["B5 too short: ours stops at a comma, which, dash or second cue where the gold goes on"] += 1
                continue
            if any(S.overlap(p, (s, e)) > 0 for p in allind): c["K1 ours overlaps with a cue that is no verb of saying"] += 1; continue
            if any(S.overlap(p, (s, e)) > 0 for p in allp): c["K2 ours is direct or mixed there"] += 1; continue
            ps = text.rfind("\n", 0, s) + 1; pe = text.find("\n", e); pe = len(text) if pe < 0 else pe
            cue = q["cue"]; b = text.rfind(cue, ps, s); a = text.find(cue, e, pe)
            n = len(text[s:e].split())
            if b >= 0 and (a < 0 or s - b < a - e):
                gap = text[b+len(cue):s].strip()
                if gap == "" and n <= 2: c["N1 nothing: cue right before, content of one or two words (an object, pronoun, wh-word)"] += 1
                elif gap == "": c["N2 nothing: cue right before, longer content (an object the lexicon does not take, a clause not read)"] += 1
                elif gap.endswith(","): c["N3 nothing: cue, adjuncts or speaker, comma, content"] += 1
                else: c["N4 nothing: a hearer, adjuncts or a statement between cue and content"] += 1
            elif a >= 0: c["N5 nothing: content before its cue (relative pronoun, inverted or passive cue, CONTENT, according to X)"] += 1
            else: c["N6 nothing: cue not found in the paragraph"] += 1
    return c
ct = census(sys.argv[1], sys.argv[2]); cd = census(sys.argv[3], sys.argv[4])
print("| kind of miss | " + sys.argv[1].rsplit("/", 1)[-1] + " | " + sys.argv[3].rsplit("/", 1)[-1] + " |"); print("|---|---|---|")
for k in sorted(set(ct) | set(cd)):
    if k in ("gold", "matched", "missed"): continue
    print('| ' + k.split(' ', 1)[1] + f' | {ct[k]} | {cd[k]} |')
for k in ("missed", "matched", "gold"): print(f"| {k} | {ct[k]} | {cd[k]} |")
