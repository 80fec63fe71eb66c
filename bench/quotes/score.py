#!/usr/bin/env python3
"""Scores quotation predictions against PolNeAR-style gold (standard library only).

usage: score.py --gold GOLD.jsonl --pred NAME=PRED.jsonl [--pred NAME=PRED.jsonl ...]
                [--kinds normalized|converted] [--show-errors NAME] [--limit N]

Gold: one JSON object a line: {"id", "text", "quotes": [{"quote_start", "quote_end", "kind", "speaker"}]}.
Predictions: {"id", "quotes": [{"start", "end", "kind", "speaker": {"text", "resolved_from": {"text"}},
"content": {"start", "end"}}]}. Offsets are Unicode code points on both sides.

Matching rule (issue 6): a predicted quotation matches a gold one when their spans overlap by at
least half of the longer span; pairs are made one-to-one, greedily by overlap. Precision, recall
and F1 per kind (predicted kind against gold kind), for direct+mixed as one class, and for all
kinds pooled. Speaker accuracy is measured on matched pairs whose gold source is not empty: the
prediction is right when its speaker (the name, or the pronoun/surname it was resolved from)
contains the head word of the gold source.

Mixed quotes: TextMill's `span` is the quoted words (DESIGN.md); PolNeAR's mixed fragment is the
whole reported content. A prediction with a `content` span is scored twice: on its quoted words
("words") and on its content ("content"); fragments sharing one content count once.

"indirect, verb-of-saying cue": gold and predicted indirect items whose cue is a verb of saying
(SAYING below: say, tell, add, state, according to, …) on both sides.

Gold kinds: PolNeAR's NYT articles write double quotes as two apostrophes (''), which the set's
converter did not count as quotation marks, so their quotations are labelled indirect with the
marks inside the span. `--kinds normalized` (the default) applies the converter's own rule with
'' counted as a double mark (direct: wholly inside one pair, span without the marks; mixed: holds
a mark); `--kinds converted` keeps the labels as shipped.
"""
import argparse
import json
import re
import sys

PREPOSITIONS = {"of", "for", "at", "from", "in", "on", "with", "by", "to", "about"}
WORD = re.compile(r"[\w@#][\w@#'’./&-]*", re.UNICODE)


def head_word(source):
    """The head word of a gold source phrase: before a comma or relative clause, before a
    preposition that starts a lower-case complement, possessive stripped, last word."""
    s = re.sub(r"\([^)]*\)", " ", source).strip()
    s = re.split(r",|\s(?:who|which|that)\s", s)[0]
    words = WORD.findall(s)
    if not words:
        return None
    kept = [words[0]]
    for k in range(1, len(words)):
        w = words[k]
        if w.lower() in PREPOSITIONS and (k + 1 >= len(words) or not words[k + 1][:1].isupper()):
            break
        kept.append(w)
    return normalize_word(kept[-1])


def normalize_word(w):
    w = w.lower().replace("’", "'").rstrip(".")
    if w.endswith("'s"):
        w = w[:-2]
    return w.rstrip("'")


def words_of(text):
    return {normalize_word(w) for w in WORD.findall(text or "")}


def load_gold(path, kinds):
    gold = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            text = d["text"]
            items = []
            for q in d["quotes"]:
                s, e, kind = q["quote_start"], q["quote_end"], q["kind"]
                if kinds == "normalized" and kind == "indirect":
                    s, e, kind = renormalize(text, s, e)
                items.append({"start": s, "end": e, "kind": kind, "speaker": q.get("speaker") or "", "cue": q.get("cue") or ""})
            gold[d["id"]] = {"text": text, "quotes": items}
    return gold


def renormalize(text, s, e):
    """The converter's rule with '' as a double mark."""
    # An annotation that starts between the two apostrophes of an opening '' gets the first one back.
    if s > 0 and text[s - 1] == "'" and text[s:s + 1] == "'" and text[s:s + 2] != "''":
        s -= 1
    frag = text[s:e]
    stripped = frag.strip()
    lead = len(frag) - len(frag.lstrip())
    if "''" not in stripped:
        return s, e, "indirect"
    if stripped.startswith("''") and stripped.endswith("''") and stripped.count("''") == 2 and len(stripped) > 4:
        start = s + lead + 2
        return start, start + len(stripped) - 4, "direct"
    return s, e, "mixed"


def load_pred(path):
    pred = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            items = []
            for q in d.get("quotes", []):
                sp = q.get("speaker") or {}
                written = [sp.get("text", "")]
                if sp.get("resolved_from"):
                    written.append(sp["resolved_from"].get("text", ""))
                content = q.get("content")
                cue = q.get("cue") or {}
                items.append({"start": q["start"], "end": q["end"], "kind": q["kind"], "speaker": written,
                              "content": (content["start"], content["end"]) if content else None,
                              "cue": cue.get("text", "")})
            pred[d["id"]] = items
    return pred


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(preds, golds):
    """One-to-one greedy matching by overlap; returns [(pred_index, gold_index)]."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            o = overlap(p, g)
            if o > 0 and o * 2 >= max(p[1] - p[0], g[1] - g[0]):
                pairs.append((o, i, j))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for o, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


class Tally:
    def __init__(self):
        self.tp = self.np = self.ng = 0
        self.sp_ok = self.sp_n = 0

    def prf(self):
        p = self.tp / self.np if self.np else 0.0
        r = self.tp / self.ng if self.ng else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def speaker(self):
        return self.sp_ok / self.sp_n if self.sp_n else 0.0


# Verbs of saying (issue 14: "say, tell, add, state, according to, …"), every form: the cue
# of a gold or predicted item is one when any of its words is.
SAYING = set("""
say says said saying tell tells told telling add adds added adding state states stated stating
note notes noted noting write writes wrote writing written explain explains explained explaining
announce announces announced announcing declare declares declared declaring claim claims claimed
claiming insist insists insisted insisting argue argues argued arguing warn warns warned warning
reply replies replied replying respond responds responded responding ask asks asked asking
acknowledge acknowledges acknowledged acknowledging report reports reported reporting
comment comments commented commenting remark remarks remarked remarking assert asserts asserted
asserting allege alleges alleged alleging confirm confirms confirmed confirming deny denies denied
denying reiterate reiterates reiterated reiterating testify testifies testified testifying
tweet tweets tweeted tweeting
""".split())


def saying_cue(cue):
    words = cue.lower().split()
    return "according to" in cue.lower() or any(w in SAYING for w in words)


def units(items, kinds, use_content, saying=False):
    """Spans of predicted items of the given kinds; mixed items use their content when asked;
    with `saying`, only items whose cue is a verb of saying."""
    out, seen = [], set()
    for q in items:
        if q["kind"] not in kinds:
            continue
        if saying and not saying_cue(q.get("cue", "")):
            continue
        span = (q["start"], q["end"])
        if use_content and q["kind"] == "mixed" and q["content"]:
            span = q["content"]
            if span in seen:
                continue
            seen.add(span)
        out.append((span[0], span[1], q))
    return out


def score(gold, pred, kinds_pred, kinds_gold, use_content=False, saying=False):
    t = Tally()
    for doc_id, g in gold.items():
        golds = [(q["start"], q["end"], q) for q in g["quotes"]
                 if q["kind"] in kinds_gold and (not saying or saying_cue(q["cue"]))]
        preds = units(pred.get(doc_id, []), kinds_pred, use_content, saying)
        t.np += len(preds)
        t.ng += len(golds)
        for i, j in match(preds, golds):
            t.tp += 1
            gs = golds[j][2]["speaker"]
            h = head_word(gs) if gs else None
            if h:
                t.sp_n += 1
                written = set()
                for s in preds[i][2]["speaker"]:
                    written |= words_of(s)
                if h in written:
                    t.sp_ok += 1
    return t


ROWS = [
    ("direct", {"direct"}, {"direct"}, False),
    ("mixed (quoted words)", {"mixed"}, {"mixed"}, False),
    ("mixed (content)", {"mixed"}, {"mixed"}, True),
    ("direct+mixed (quoted words)", {"direct", "mixed"}, {"direct", "mixed"}, False),
    ("direct+mixed (content)", {"direct", "mixed"}, {"direct", "mixed"}, True),
    ("indirect", {"indirect"}, {"indirect"}, False),
    ("indirect, verb-of-saying cue", {"indirect"}, {"indirect"}, "saying"),
    ("all kinds pooled (content)", {"direct", "mixed", "indirect"}, {"direct", "mixed", "indirect"}, True),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--pred", action="append", required=True, help="NAME=FILE")
    ap.add_argument("--kinds", choices=["normalized", "converted"], default="normalized")
    ap.add_argument("--show-errors", metavar="NAME")
    ap.add_argument("--kind", default="direct", help="kind for --show-errors")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--half", choices=["a", "b"],
                    help="score only half of the documents (a: 1st, 3rd, …; b: 2nd, 4th, …): develop on one, check on the other")
    args = ap.parse_args()
    gold = load_gold(args.gold, args.kinds)
    if args.half:
        keep = 0 if args.half == "a" else 1
        gold = {k: v for n, (k, v) in enumerate(gold.items()) if n % 2 == keep}
    systems = []
    for spec in args.pred:
        name, _, path = spec.partition("=")
        systems.append((name, load_pred(path)))
    counts = {}
    for g in gold.values():
        for q in g["quotes"]:
            counts[q["kind"]] = counts.get(q["kind"], 0) + 1
    print(f"gold: {len(gold)} documents; direct {counts.get('direct', 0)}, mixed {counts.get('mixed', 0)}, "
          f"indirect {counts.get('indirect', 0)} (kinds {args.kinds})")
    header = f"{'':30}" + "".join(f"{name:>26}" for name, _ in systems)
    print(header)
    print(f"{'':30}" + "".join(f"{'P     R     F1   spk':>26}" for _ in systems))
    for label, kp, kg, content in ROWS:
        line = f"{label:30}"
        for _, pred in systems:
            t = score(gold, pred, kp, kg, content is True, content == "saying")
            p, r, f = t.prf()
            line += f"{p:8.3f}{r:6.3f}{f:6.3f}{t.speaker():6.3f}"
        print(line)
    if args.show_errors:
        pred = dict(systems)[args.show_errors]
        show_errors(gold, pred, args.kind, args.limit)


def show_errors(gold, pred, kind, limit):
    """Prints missed gold items and unmatched predictions of one kind, with context."""
    shown = 0
    for doc_id, g in gold.items():
        text = g["text"]
        golds = [(q["start"], q["end"], q) for q in g["quotes"] if q["kind"] == kind]
        preds = units(pred.get(doc_id, []), {kind}, kind == "mixed")
        m = match(preds, golds)
        mp = {i for i, _ in m}
        mg = {j for _, j in m}
        for j, (s, e, q) in enumerate(golds):
            if j not in mg and shown < limit:
                shown += 1
                print(f"MISS {doc_id[11:50]} | {text[max(0, s - 60):s]!r} [[{text[s:e][:160]}]] {text[e:e + 40]!r} | {q['speaker']}")
        for i, (s, e, q) in enumerate(preds):
            if i not in mp and shown < limit:
                shown += 1
                print(f"FP   {doc_id[11:50]} | {text[max(0, s - 60):s]!r} [[{text[s:e][:160]}]] {text[e:e + 40]!r} | {q['speaker']}")
        for i, j in m:
            gs = golds[j][2]["speaker"]
            h = head_word(gs) if gs else None
            written = set()
            for s in preds[i][2]["speaker"]:
                written |= words_of(s)
            if h and h not in written and shown < limit:
                shown += 1
                s, e = golds[j][0], golds[j][1]
                print(f"SPK  {doc_id[11:50]} | {text[s:e][:70]!r} gold={gs!r} head={h!r} ours={preds[i][2]['speaker']}")


if __name__ == "__main__":
    main()
