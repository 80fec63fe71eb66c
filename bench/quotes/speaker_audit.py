#!/usr/bin/env python3
"""Speaker names that name no one, and entities that look like one person (issue 14 part 3).

usage: speaker_audit.py [LABEL=]OUTPUT.jsonl ... [--show KIND] [--list] [--top N]

Reads the records' `quotes` (any textmill output: `output/corpus.jsonl` of `bash scripts/run.sh`,
`textmill run` with normalize, sentences and quotes on PolNeAR's texts, or the predictions of
`textmill-bench quotes --out`, which carry `entity` and `name` too) and puts every named speaker
(`speaker.name`) in the first kind that fits, each read from the word lists of
QuotesLexiconData.swift:

  pronoun         only pronouns (`pronouns`, `object_pronouns`, `indefinite_pronouns`): "him"
  demonstrative   a demonstrative alone, or one written onto its verb (`demonstratives`): "That"
                  (of "That's not to suggest …")
  relative        only relative pronouns (`relative_pronouns`): "which"
  determiner      only determiners and numbers (`determiners`): "Some", "five"
  grammar word    only function, time, filler or preposition words (`function_words`,
                  `time_words`, `speaker_cue_fillers`, `prepositions`): "perhaps", "this month"
  thing           a common phrase whose head is a thing (`inanimate_nouns`): "the door"
  common-as-name  one capitalized common noun (`speaker_nouns`, `organisation_nouns`; a plural in
                  -s of one) written as a name: "Police", "Sources"; counted, not an error by
                  itself (a name such as "Police" in a headline) unless it splits an entity (below)
  no one named    an unresolved or document speaker that still has a name

and lists "two entities, one person": two entities of one document whose names are one name
whatever the case and a leading article ("Police" / "police"), or proper names (every word
capitalized) sharing their last word where one holds the other's words ("PENCE" / "Mike Pence").

One output: the counts and every item of the error kinds (`--show KIND` for another kind,
`--list` for every distinct name with its quotes and documents). Several: a Markdown table of the
counts, a column an output (main's beside a branch's). Exit status 1 when the last output has an
item of an error kind or an entity pair, else 0.
"""
import collections
import json
import os
import re
import sys

LEXICON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Sources", "TextMill",
                       "Stages", "Quotes", "QuotesLexiconData.swift")
WORD = re.compile(r"[^\W_][\w'’.-]*", re.UNICODE)
ERRORS = ["pronoun", "demonstrative", "relative", "determiner", "grammar word", "thing", "no one named"]
KINDS = ERRORS[:6] + ["common-as-name"] + ERRORS[6:]


def word_list(swift, name):
    """The words of a list of QuotesLexiconData.swift (every word of a line but its tags and
    particles); an empty set for a list the file does not hold."""
    m = re.search(r"static let " + name + r' = """\n(.*?)\n\s*"""', swift, re.S)
    out = set()
    for line in (m.group(1).splitlines() if m else []):
        parts = line.split("#")[0].split()
        if not parts or parts[0].startswith("@"):
            continue
        out |= {p.lower() for p in parts if not p.startswith(("@", "+"))}
    return out


class Lexicon:
    def __init__(self, path=LEXICON):
        with open(path, encoding="utf-8") as f:
            swift = f.read()
        self.pronouns = (word_list(swift, "pronouns") | word_list(swift, "objectPronouns")
                         | word_list(swift, "indefinitePronouns"))
        self.relatives = word_list(swift, "relativePronouns")
        self.demonstratives = word_list(swift, "demonstratives")
        self.determiners = word_list(swift, "determiners")
        self.function = set()
        for name in ("functionWords", "timeWords", "speakerCueFillers", "prepositions", "auxiliaries"):
            self.function |= word_list(swift, name)
        self.things = word_list(swift, "inanimateNouns")
        self.nouns = word_list(swift, "speakerNouns") | word_list(swift, "organisationNouns")


def words(name):
    return [w.lower().rstrip(".").replace("’", "'") for w in WORD.findall(name)]


PREPOSITIONS = {"of", "in", "at", "for", "with", "on", "from", "to", "by", "about", "near", "who", "which", "that"}


def head(ws):
    """The head of a common noun phrase: its last word before a preposition or relative pronoun."""
    for k, x in enumerate(ws):
        if k > 0 and x in PREPOSITIONS:
            return ws[k - 1]
    return ws[-1]


def proper(name):
    """A proper name: every word capitalized ("Mike Pence", "PENCE"; not "Many people")."""
    ws = WORD.findall(name)
    return bool(ws) and all(w[0].isupper() for w in ws)


def kind(name, lex):
    """The first kind of `KINDS` the name is, or None."""
    w = words(name)
    if not w:
        return None
    bare = [x[:-2] if x.endswith("'s") else x for x in w]
    if all(x in lex.pronouns for x in bare):
        return "pronoun"
    if len(w) == 1 and (w[0] in lex.demonstratives or bare[0] in lex.demonstratives):
        return "demonstrative"
    if all(x in lex.relatives for x in bare):
        return "relative"
    if all(x in lex.determiners or x.replace(",", "").isdigit() for x in bare):
        return "determiner"
    if all(x in lex.function or x in lex.determiners for x in bare):
        return "grammar word"
    if not proper(name) and head(w) in lex.things:
        return "thing"
    if len(w) == 1 and name[0].isupper() and (w[0] in lex.nouns or w[0].endswith("s") and w[0][:-1] in lex.nouns):
        return "common-as-name"
    return None


def folded(name):
    """The name whatever its case and leading article: "The Embassy" and "embassy" are one."""
    w = words(name)
    while len(w) > 1 and w[0] in ("the", "a", "an"):
        w = w[1:]
    return tuple(w)


def one_person(a, b):
    """Two names of one entity: one name whatever the case, or proper names sharing their last
    word where one holds the other's words in order."""
    wa, wb = folded(a), folded(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    if not (proper(a) and proper(b)) or wa[-1] != wb[-1]:
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    it = iter(long_)
    return all(w in it for w in short)


def audit(path, lex):
    """Per kind, the (document, name) of each named quote of that kind; the entity pairs; the
    named quotes and documents of each distinct name."""
    found = collections.defaultdict(list)
    pairs = []
    names = collections.Counter()
    docs = collections.defaultdict(set)
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            entities = {}
            for q in rec.get("quotes") or []:
                s = q.get("speaker") or {}
                name = s.get("name")
                if not name:
                    continue
                if s.get("unresolved") or s.get("document"):
                    found["no one named"].append((rec["id"], name))
                names[name] += 1
                docs[name].add(rec["id"])
                k = kind(name, lex)
                if k:
                    found[k].append((rec["id"], name))
                entities.setdefault(s.get("entity"), name)
            seen = list(entities.values())
            for a in range(len(seen)):
                for b in range(a + 1, len(seen)):
                    if one_person(seen[a], seen[b]):
                        pairs.append((rec["id"], seen[a], seen[b]))
    return found, pairs, names, docs


def main():
    args = sys.argv[1:]
    show = set()
    top = 0
    listing = False
    paths = []
    i = 0
    while i < len(args):
        if args[i] == "--show" and i + 1 < len(args):
            show.add(args[i + 1])
            i += 2
        elif args[i] == "--top" and i + 1 < len(args):
            top = int(args[i + 1])
            i += 2
        elif args[i] == "--list":
            listing = True
            i += 1
        else:
            label, _, path = args[i].rpartition("=") if "=" in args[i] else ("", "", args[i])
            paths.append((label or os.path.basename(path), path))
            i += 1
    if not paths:
        sys.exit(__doc__)
    lex = Lexicon()
    results = [(label, audit(path, lex)) for label, path in paths]
    if len(results) > 1:
        print("| kind | " + " | ".join(label for label, _ in results) + " |")
        print("|---|" + "---|" * len(results))
        for k in KINDS:
            print(f"| {k} | " + " | ".join(str(len(r[0].get(k, []))) for _, r in results) + " |")
        print("| two entities, one person | " + " | ".join(str(len(r[1])) for _, r in results) + " |")
        print("| distinct names | " + " | ".join(str(len(r[2])) for _, r in results) + " |")
        print("| named quotes | " + " | ".join(str(sum(r[2].values())) for _, r in results) + " |")
        print()
    label, (found, pairs, names, docs) = results[-1]
    if listing:
        for name, n in sorted(names.items(), key=lambda x: (-x[1], x[0]))[:top or None]:
            print(f"{n:6d} {len(docs[name]):4d}  {name}")
    print(f"{label}: distinct names {len(names)}, named quotes {sum(names.values())}")
    for k in KINDS:
        items = found.get(k, [])
        print(f"{k}: {len(items)}")
        if k in ERRORS or k in show:
            for d, n in items[:top or None]:
                print(f"  {d}: {n!r}")
    print(f"two entities, one person: {len(pairs)}")
    for d, a, b in pairs:
        print(f"  {d}: {a!r} / {b!r}")
    return 1 if pairs or any(found.get(k) for k in ERRORS) else 0


if __name__ == "__main__":
    sys.exit(main())
