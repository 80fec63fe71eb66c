#!/usr/bin/env python3
"""Every distinct speaker name of a TextMill output, and the checks of issue 14 part 3.

usage: speaker_names.py OUTPUT.jsonl [--list]

Reads the records' `quotes` (the default pipeline's output, or any JSONL with them) and prints:
the distinct names (`speaker.name`) with how many quotes and documents name them (`--list`);
the speakers that are no one (a name that is only pronouns, relative or indefinite pronouns, a
common noun phrase headed by a thing, `inanimate_nouns`, or an unresolved or document speaker that
still has a name; the lists are read from QuotesLexiconData.swift); and "two entities, one person": two
entities of one document whose names are proper names (every word capitalized), share their last
word whatever its case, and one holds the other's words (a transcript's "PENCE" beside "Mike Pence"). Exit status 1 when a check
finds anything, else 0.
"""
import collections
import json
import os
import re
import sys

LEXICON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Sources", "TextMill",
                       "Stages", "Quotes", "QuotesLexiconData.swift")
WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


def word_list(swift, name):
    """The first word of each entry of a list of QuotesLexiconData.swift."""
    m = re.search(r"static let " + name + r' = """\n(.*?)\n\s*"""', swift, re.S)
    out = set()
    for line in m.group(1).splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("@"):
            out.add(line.split()[0].lower())
    return out


def no_one_words():
    """Pronouns, relative and indefinite pronouns: words that never name anyone; and the heads
    of things that never speak (`inanimate_nouns`)."""
    with open(LEXICON, encoding="utf-8") as f:
        swift = f.read()
    people = set()
    for name in ("pronouns", "relativePronouns", "indefinitePronouns"):
        people |= word_list(swift, name)
    return people | {"me", "us", "him", "her", "them"}, word_list(swift, "inanimateNouns")


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


def main():
    path = sys.argv[1]
    pronouns, things = no_one_words()
    listing = "--list" in sys.argv[2:]
    names = collections.Counter()
    docs = collections.defaultdict(set)
    no_one = []
    split = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            entities = {}
            for q in rec.get("quotes") or []:
                s = q.get("speaker") or {}
                name = s.get("name")
                if (s.get("unresolved") or s.get("document")) and name:
                    no_one.append((rec["id"], name, "unresolved or document, yet named"))
                if not name:
                    continue
                names[name] += 1
                docs[name].add(rec["id"])
                w = words(name)
                if w and all(x in pronouns for x in w):
                    no_one.append((rec["id"], name, "a pronoun as a name"))
                elif w and not proper(name) and head(w) in things:
                    no_one.append((rec["id"], name, "a thing as a name"))
                entities.setdefault(s.get("entity"), name)
            seen = list(entities.items())
            for a in range(len(seen)):
                for b in range(a + 1, len(seen)):
                    if not (proper(seen[a][1]) and proper(seen[b][1])):
                        continue
                    wa, wb = words(seen[a][1]), words(seen[b][1])
                    if not wa or not wb or wa[-1] != wb[-1]:
                        continue
                    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
                    it = iter(long_)
                    if all(w in it for w in short):
                        split.append((rec["id"], seen[a][1], seen[b][1]))
    if listing:
        for name, n in sorted(names.items(), key=lambda x: (-x[1], x[0])):
            print(f"{n:6d} {len(docs[name]):4d}  {name}")
    print(f"distinct names: {len(names)}, named quotes: {sum(names.values())}")
    print(f"speakers that are no one: {len(no_one)}")
    for d, n, why in no_one:
        print(f"  {d}: {n!r} ({why})")
    print(f"two entities, one person: {len(split)}")
    for d, a, b in split:
        print(f"  {d}: {a!r} / {b!r}")
    return 1 if no_one or split else 0


if __name__ == "__main__":
    sys.exit(main())
