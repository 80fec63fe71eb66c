#!/usr/bin/env python3
"""The largest rows of saying_census.py split by what the gold holds (docs/quotes.md, round 26).

usage: saying_split.py GOLD PRED [ROW [N]]

For the verb-of-saying items PRED misses (score.py's matching, as saying_census.py counts them),
splits three rows of the census: "nothing: cue right before, longer content" by the content's
shape (a noun phrase, a topic after a cue ending in a preposition, a clause with or without
"that", an infinitive, a question) and the cue's (passive, -ing); "nothing: content before its
cue" by what stands before the cue (a relative pronoun or wh-word alone, content and a comma, the
first piece of a split content, a noun and a relative clause without "that"); "too short" by
where our content stops inside the gold's. Prints the counts; with ROW (a label as printed) the
first N items of that row (default 30), the gold's content in [[ ]].
"""
import collections, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score as S

FINITE = re.compile(r"\b(is|are|was|were|will|would|has|have|had|can|could|should|must|may|might|did|does|do|\w+ed|says|said)\b")
PASSIVE = {"was", "is", "were", "been", "are", "be", "being"}


def longer_content(cue, content):
    cw = cue.lower().split(); cl = content.lower()
    if cw[0] in PASSIVE or (len(cw) > 1 and cw[-2] in PASSIVE): return "passive cue"
    if cl.startswith("that "): return "that-clause"
    if cl.startswith("to "): return "infinitive"
    if re.match(r"(whether|if|why|how|what|when|who|where)\b", cl): return "question"
    if cw[-1] in ("about", "on", "of", "for", "to", "against", "with"): return "topic after a preposition"
    if cw[-1].endswith("ing"): return "-ing cue and a clause" if FINITE.search(content) else "-ing cue and a noun phrase"
    return "clause, no that" if FINITE.search(content) else "noun phrase"


def content_before(cue, content, after):
    cl = content.lower().strip(); first = cue.lower().split()[0]
    if re.match(r"(which|what|that|who|whom|where|as|than|something|everything|whose)\b", cl) and len(cl.split()) <= 2:
        return "relative pronoun, wh-word or as alone"
    if first in PASSIVE: return "passive cue"
    head = after.split(cue)[0] if cue in after else ""
    if re.match(r"\s*[,”\"’']*\s*,", after) and re.search(r",\s*$", head): return "first piece of a split content"
    if after.lstrip().startswith(",") or after.lstrip()[:2] in ("”,", ",”"): return "content, comma, attribution"
    if re.match(r"\s*\S+(\s+\S+){0,6}\s+" + re.escape(first), after): return "noun and relative clause without that"
    return "other"


def too_short(gold, ours):
    k = gold.find(ours[:30]) if ours else -1
    if k > 0: return "ours starts late"
    if k < 0: return "other"
    nxt = gold[k + len(ours):].strip()[:1]
    if nxt == ",": return "ours ends at a comma"
    if nxt in "-—–": return "ours ends at a dash"
    if nxt == "a": return "ours ends at and"
    if nxt in ".;": return "ours ends at a sentence end or semicolon"
    return "other"


def split(gpath, ppath):
    gold = S.load_gold(gpath, "normalized"); pred = S.load_pred(ppath)
    rows = collections.defaultdict(list)
    for did, g in gold.items():
        text = g["text"]
        golds = [(q["start"], q["end"], q) for q in g["quotes"] if q["kind"] == "indirect" and S.saying_cue(q["cue"])]
        preds = S.units(pred.get(did, []), {"indirect"}, False, True)
        others = S.units(pred.get(did, []), {"direct", "mixed", "indirect"}, True)
        matched = {j for i, j in S.match(preds, golds)}
        for j, (s, e, q) in enumerate(golds):
            if j in matched: continue
            content = text[s:e]
            ps = text.rfind("\n", 0, s) + 1; pe = text.find("\n", e); pe = len(text) if pe < 0 else pe
            shown = text[max(ps, s - 120):s] + "[[" + content + "]]" + text[e:min(pe, e + 80)]
            ov = [p for p in preds if S.overlap(p, (s, e)) > 0]
            if ov:
                p = max(ov, key=lambda p: S.overlap(p, (s, e)))
                if S.overlap(p, (s, e)) * 2 < max(p[1] - p[0], e - s) and p[1] - p[0] < e - s:
                    rows["too short: " + too_short(content, text[p[0]:p[1]].rstrip())].append(shown)
                continue
            if any(S.overlap(p, (s, e)) > 0 for p in others): continue
            cue = q["cue"]; b = text.rfind(cue, ps, s); a = text.find(cue, e, pe)
            if b >= 0 and (a < 0 or s - b < a - e):
                if text[b + len(cue):s].strip() == "" and len(content.split()) > 2:
                    rows["cue right before: " + longer_content(cue, content)].append(shown)
            elif a >= 0:
                rows["content before its cue: " + content_before(cue, content, text[e:e + 120])].append(shown)
    return rows


if __name__ == "__main__":
    rows = split(sys.argv[1], sys.argv[2])
    for k in sorted(rows, key=lambda k: (k.split(":")[0], -len(rows[k]))): print(f"{len(rows[k]):5d}  {k}")
    if len(sys.argv) > 3:
        for x in rows.get(sys.argv[3], [])[:int(sys.argv[4]) if len(sys.argv) > 4 else 30]: print("  ", x.replace("\n", " "))
