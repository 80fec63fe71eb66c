#!/usr/bin/env python3
"""Indirect gold items by their cue's lemma: how many there are, how many a run matches, what the
lexicon knows of the word, and how often the word is a cue where it stands (standard library only).

usage: cue_census.py --gold GOLD.jsonl --pred PRED.jsonl [--after PRED2.jsonl] [--top N]
                     [--lexicon Sources/TextMill/Stages/Quotes/QuotesLexiconData.swift]

Matching is score.py's (same module): spans that overlap by at least half of the longer one,
one-to-one, greedy; gold kinds normalized. The lemma of a gold `cue` text: lower case, leading
auxiliaries, negations, adverbs and determiners left out ("has repeatedly accused" → accuse), the first word's
inflection folded (the lexicon's own forms first, then -s/-es/-ed/-ing with the base form the text
uses most), a particle after it kept ("called for" → "call for"), any cue holding "according to"
is that phrase.

"cue share": of the word's forms outside double quotation marks in the gold's texts, the share
that stand where a gold attribution of any kind has its cue (the nearest occurrence of the cue
text within 300 characters of the item). It is the precision a cue word could have at best if
every use of it gave a quote: a word far under the stage's precision is no cue to add.
"""
import argparse
import collections
import json
import re

import score

AUX = set("""has have had having is are was were be been being will would could should may might can
must do does did also not never reportedly just later previously already still even once long often
repeatedly publicly recently first then to now widely 's don't doesn't didn't won't wouldn't can't
couldn't isn't aren't wasn't weren't hasn't haven't the a an his her their its""".split())
PARTICLES = {"for", "to", "of", "on", "about", "out", "in", "up", "back", "against", "as"}
IRREGULAR = {"saw": "see", "seen": "see", "thought": "think", "felt": "feel", "knew": "know", "known": "know",
             "told": "tell", "said": "say", "wrote": "write", "written": "write", "spoke": "speak",
             "spoken": "speak", "found": "find", "shown": "show", "made": "make", "gave": "give",
             "given": "give", "took": "take", "taken": "take", "went": "go", "gone": "go", "meant": "mean",
             "understood": "understand", "held": "hold", "led": "lead", "kept": "keep", "left": "leave",
             "brought": "bring", "sought": "seek", "swore": "swear", "sworn": "swear", "heard": "hear"}
LISTS = {"reportingVerbs": "reporting_verbs", "topicVerbs": "topic_verbs", "refusalVerbs": "refusal_verbs",
         "castingVerbs": "casting_verbs", "namingVerbs": "naming_verbs", "speechNouns": "speech_nouns",
         "documentNouns": "document_nouns", "sourcePhrases": "source_phrases"}
VERB_LISTS = {"reportingVerbs", "topicVerbs", "refusalVerbs", "castingVerbs", "namingVerbs"}


def read_lexicon(path):
    """form -> [(list, base, tags)] and form -> base, from the Swift file's multi-line strings."""
    src = open(path, encoding="utf-8").read()
    known, base = collections.defaultdict(list), {}
    for m in re.finditer(r'static let (\w+) = """\n(.*?)\n\s*"""', src, re.S):
        if m.group(1) not in LISTS:
            continue
        for line in m.group(2).split("\n"):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            forms = [p for p in parts if not p.startswith(("@", "+"))]
            tags = " ".join(p for p in parts if p.startswith(("@", "+")))
            if m.group(1) in VERB_LISTS:
                for f in forms:
                    known[f].append((LISTS[m.group(1)], forms[0], tags))
                    base.setdefault(f, forms[0])
            else:
                known[" ".join(forms)].append((LISTS[m.group(1)], " ".join(forms), tags))
    return known, base


class Lemmas:
    def __init__(self, base, vocabulary):
        self.base, self.vocabulary = base, vocabulary

    def word(self, w):
        w = w.lower().replace("’", "'")
        if w in self.base:
            return self.base[w]
        if w in IRREGULAR:
            return IRREGULAR[w]
        cands = []
        if w.endswith(("ies", "ied")):
            cands.append(w[:-3] + "y")
        for suffix in ("ing", "ed"):
            if w.endswith(suffix):
                s = w[:-len(suffix)]
                cands += [s + "e", s] + ([s[:-1]] if len(s) > 2 and s[-1] == s[-2] else [])
        if w.endswith("es"):
            cands += [w[:-2], w[:-1]]
        elif w.endswith("s") and not w.endswith("ss"):
            cands.append(w[:-1])
        cands = [c for c in cands if len(c) > 1 and self.vocabulary[c] > 0]
        return max(cands, key=lambda c: self.vocabulary[c]) if cands else w

    def cue(self, cue):
        c = cue.lower().replace("’", "'").strip()
        if not c:
            return "(none)"
        if "according to" in c:
            return "according to"
        ws = re.findall(r"[a-z']+|[:;,]", c)
        if not ws:
            return c
        i = 0
        while i < len(ws) - 1 and ws[i] in AUX:
            i += 1
        head = self.word(ws[i])
        if i + 1 < len(ws) and ws[i + 1] in PARTICLES:
            head += " " + ws[i + 1]
        return head


def cue_positions(doc):
    """Character offsets of the text that hold a gold cue (any kind)."""
    text, held = doc["text"], set()
    for q in doc["quotes"]:
        cue = (q.get("cue") or "").strip()
        if not cue:
            continue
        s, e, best = q["quote_start"], q["quote_end"], None
        for m in re.finditer(re.escape(cue), text):
            d = s - m.end() if m.end() <= s else (m.start() - e if m.start() >= e else 0)
            if 0 <= d <= 300 and (best is None or d < best[0]):
                best = (d, m.start(), m.end())
        if best:
            held.update(range(best[1], best[2]))
    return held


def cue_shares(path, lemmas):
    """lemma -> [occurrences outside double marks, occurrences at a gold cue]."""
    out = collections.defaultdict(lambda: [0, 0])
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        doc = json.loads(line)
        held = cue_positions(doc)
        for para in re.finditer(r"[^\n]+", doc["text"]):
            inside = False
            for m in re.finditer(r'["“”]|[A-Za-z]+', para.group(0)):
                g = m.group(0)
                if g in '"“”':
                    inside = (not inside) if g == '"' else g == "“"
                    continue
                if inside:
                    continue
                row = out[lemmas.word(g)]
                row[0] += 1
                if para.start() + m.start() in held:
                    row[1] += 1
    return out


def matched(gold, pred, lemmas):
    """lemma -> [gold items, matched, Counter of cue texts]."""
    rows = collections.defaultdict(lambda: [0, 0, collections.Counter()])
    for doc_id, g in gold.items():
        golds = [(q["start"], q["end"], q) for q in g["quotes"] if q["kind"] == "indirect"]
        preds = score.units(pred.get(doc_id, []), {"indirect"}, False)
        hit = {j for _, j in score.match(preds, golds)}
        for j, (_, _, q) in enumerate(golds):
            row = rows[lemmas.cue(q["cue"])]
            row[0] += 1
            row[1] += j in hit
            row[2][q["cue"].lower()] += 1
    return rows


def short(cue):
    words = cue.split()
    return " ".join(words[:3]) + (" …" if len(words) > 3 else "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--after", help="a second run's predictions: its matched count beside the first's")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--lexicon", default="Sources/TextMill/Stages/Quotes/QuotesLexiconData.swift")
    args = ap.parse_args()
    known, base = read_lexicon(args.lexicon)
    gold = score.load_gold(args.gold, "normalized")
    vocabulary = collections.Counter()
    for g in gold.values():
        vocabulary.update(w.lower() for w in re.findall(r"[A-Za-z]+", g["text"]))
    lemmas = Lemmas(base, vocabulary)
    rows = matched(gold, score.load_pred(args.pred), lemmas)
    after = matched(gold, score.load_pred(args.after), lemmas) if args.after else None
    shares = cue_shares(args.gold, lemmas)
    total, hit = sum(r[0] for r in rows.values()), sum(r[1] for r in rows.values())
    print(f"indirect gold items {total}, matched {hit}" + (f", after {sum(r[1] for r in after.values())}" if after else ""))
    print("| # | cue (lemma) | gold | matched | " + ("matched after | " if after else "") + "missed | lexicon (list, tags) | cue share | commonest cues |")
    print("|---|---|---|---|" + ("---|" if after else "") + "---|---|---|---|")
    order = sorted(rows.items(), key=lambda kv: (kv[1][1] - kv[1][0], kv[0]))
    for n, (key, (g, ok, forms)) in enumerate(order[:args.top], 1):
        word = key if key == "according to" else key.split()[0]
        info = known.get(word) or [x for xs in known.values() for x in xs if x[1] == word]
        lex = "; ".join(sorted({f"{name}{' ' + tags if tags else ''}" for name, _, tags in info})) or "–"
        occ, at_cue = shares.get(word, [0, 0]) if key != "according to" else (0, 0)
        share = f"{at_cue / occ:.2f} ({at_cue}/{occ})" if occ else "–"
        # At most three words of a cue text: the table holds counts, not the set's sentences.
        common = ", ".join(f'"{short(f)}" {c}' for f, c in forms.most_common(3)).replace("|", "/")
        mid = f"{after[key][1]} | " if after else ""
        print(f"| {n} | {key} | {g} | {ok} | {mid}{g - ok} | {lex} | {share} | {common} |")


if __name__ == "__main__":
    main()
