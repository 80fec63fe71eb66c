#!/usr/bin/env python3
"""One large document of a given shape and size, for the memory benchmark (bench/memory/run).

    make_docs.py SHAPE MB OUT_FILE [--seed=7]      (no arguments: lists the shapes)

Shapes:
  news             one long plain-text news article: real news sentences rewritten by the runner
                   benchmark's word chain (bench/runner/make_corpus.py), a fifth of them quotations
                   with a speaker, role and cue, in paragraphs of 1–4 sentences
  html             the same article inside a news page (navigation, banners, related stories, …)
  a-lines          "a\\n" repeated: millions of one-letter lines (each a paragraph after normalize)
  one-paragraph    news words without a sentence stop or a line break: one giant paragraph
  giant-quotation  one quotation mark, then news sentences on one line, then its close and a cue
  tiny-sentences   "He left. She won. …": millions of two-word sentences in paragraphs of 40
  quote-dense      news where every paragraph is quotations: a speaker of some 2,500 people, a role
                   and a cue each, as in a long dump of wire stories (a record 8× the text: every
                   quotation repeats its words, its speaker, role and name)
"""
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "runner"))
import make_corpus  # noqa: E402  (the runner benchmark's news-sentence generator)

SHAPES = ["news", "html", "a-lines", "one-paragraph", "giant-quotation", "tiny-sentences", "quote-dense"]
FIRST = ["Maria", "James", "Aisha", "Tom", "Nadia", "Peter", "Grace", "Luis", "Elena", "Omar", "Sofia", "Daniel",
         "Hannah", "Ivan", "Chloe", "Samuel", "Leila", "Marco", "Yuki", "Fatima", "David", "Ingrid", "Kofi", "Rosa",
         "Anders", "Mei", "Pablo", "Zara", "Henrik", "Amara", "Dmitri", "Lucia", "Tariq", "Eva", "Jonas", "Priya",
         "Mateo", "Olga", "Rahul", "Nora", "Felix", "Ayesha", "Victor", "Lena", "Kwame", "Irene", "Hugo", "Sana",
         "Bruno", "Mira"]
LAST = ["Lopez", "Chen", "Bello", "Fischer", "Karimova", "Olsen", "Mwangi", "Romero", "Ruiz", "Haddad", "Marin",
        "Osei", "Weiss", "Petrov", "Nakamura", "Kowalski", "Dubois", "Mensah", "Ibrahim", "Lindqvist", "Novak",
        "Santos", "Okafor", "Moreau", "Tanaka", "Horvat", "Costa", "Ahmadi", "Berg", "Rossi", "Kim", "Nowak",
        "Silva", "Adeyemi", "Jensen", "Popescu", "Yilmaz", "Kuznetsov", "Andersen", "Murphy", "Fernandes",
        "Abdullah", "Schmidt", "Varga", "Walsh", "Park", "Ortiz", "Boateng", "Hassan", "Keller"]
TINY = ["He left.", "She won.", "They agreed.", "It rained.", "Nobody came.", "Prices rose.", "Talks failed.",
        "We waited.", "Police arrived.", "Markets fell.", "Voters decided.", "Officials declined."]


def news_pool(rng):
    """20,000 generated sentences, a fifth of them quotations (as the runner benchmark's corpus)."""
    polnear = os.path.join(make_corpus.ROOT, "..", "shared", "benchmarks", "quotes", "polnear_dev.jsonl")
    markov = make_corpus.Markov(make_corpus.load_pool(polnear), rng)
    return make_corpus.make_pool(rng, markov, 20000)


def paragraphs(rng, pool, target):
    """Paragraphs of 1–4 pool sentences until about `target` bytes."""
    out, size = [], 0
    while size < target:
        p = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 4)))
        out.append(p)
        size += len(p.encode()) + 2
    return out


def make(shape, target, rng):
    if shape == "a-lines":
        return "a\n" * (target // 2)
    if shape == "tiny-sentences":
        out, size = [], 0
        while size < target:
            p = " ".join(rng.choice(TINY) for _ in range(40))
            out.append(p)
            size += len(p) + 2
        return "\n\n".join(out) + "\n"
    pool = news_pool(rng)
    if shape == "quote-dense":
        said = [re.sub(r"[.?!…“”\"]", "", s).strip() for s in pool if "“" not in s]
        out, size = [], 0
        while size < target:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            role = rng.choice(make_corpus.ROLES)
            a, b = rng.choice(said), rng.choice(said)
            p = (f"“{a},” said {name}, {role}. “{b}.” {name.split()[1]} added that the council "
                 f"“will vote soon.”")
            out.append(p)
            size += len(p.encode()) + 2
        return "\n\n".join(out) + "\n"
    if shape == "news":
        title = rng.choice(pool)[:90].rstrip(" ,.;:")
        return title + "\n\n" + "\n\n".join(paragraphs(rng, pool, target)) + "\n"
    if shape == "html":
        title = rng.choice(pool)[:90].rstrip(" ,.;:")
        return make_corpus.html_page(rng, title, paragraphs(rng, pool, target), 1)
    words = " ".join(re.sub(r"[.?!…“”\"]", "", s) for s in pool).replace("\n", " ").split()
    out, size = [], 0
    while size < target:
        w = rng.choice(words)
        out.append(w)
        size += len(w.encode()) + 1
    if shape == "one-paragraph":
        return "The " + " ".join(out) + "\n"
    if shape == "giant-quotation":
        return "Smith spoke at length. \u201cThe " + " ".join(out) + ",\u201d he said.\n"
    raise SystemExit(f"unknown shape {shape!r}: one of {', '.join(SHAPES)}")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--seed=")]
    if len(args) != 3:
        print(" ".join(SHAPES))
        return
    seeds = [int(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--seed=")]
    seed = seeds[-1] if seeds else 7
    shape, mb, out = args[0], float(args[1]), args[2]
    if shape not in SHAPES:
        raise SystemExit(f"unknown shape {shape!r}: one of {', '.join(SHAPES)}")
    text = make(shape, int(mb * 1024 * 1024), random.Random(seed))
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
