#!/usr/bin/env python3
"""Writes a JSONL corpus of N documents whose dedup structure grows in proportion to N, for the
Spark job's N/4N/16N table (bench/spark/run --scaling).

Per 1,000 documents: about 700 unique articles (bench/runner/make_corpus.py's Markov news
prose), 30 exact copies, 30 syndicated near copies, two sites of 50 templated pages each (one
long page, a few words changed per page: near duplicates of one another, sharing band keys),
and three duplicate chains of 20 versions (each version a few words away from the one before,
so late versions are far from the first). Ids are unique; 500 records a file.

usage: make_scaling_corpus.py OUT_DIR --docs N [--seed 3]
"""
import argparse
import importlib.util
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EDITS = ["today", "reportedly", "on Tuesday", "sources said", "officials", "in a statement", "late on Monday"]


def load_make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", os.path.join(ROOT, "bench", "runner", "make_corpus.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def edited(rng, paragraphs, words):
    """The paragraphs with `words` words replaced."""
    out = list(paragraphs)
    for _ in range(words):
        i = rng.randrange(len(out))
        w = out[i].split()
        if w:
            w[rng.randrange(len(w))] = rng.choice(EDITS)
            out[i] = " ".join(w)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--seed", type=int, default=3)
    a = ap.parse_args()
    mc = load_make_corpus()
    rng = random.Random(a.seed)
    markov = mc.Markov(mc.load_pool(os.path.join(ROOT, "..", "shared", "benchmarks", "quotes", "polnear_dev.jsonl")), rng)
    # About 30 sentences an article: a pool of 10 a document uses each about three times, at every N
    # (a fixed pool would make chance candidates grow with N).
    pool = mc.make_pool(rng, markov, max(2000, a.docs * 10))
    plan = []                       # what each document is, in order
    blocks = (a.docs + 999) // 1000
    for _ in range(blocks):
        block = ["article"] * 1000
        slots = list(range(1000))
        rng.shuffle(slots)
        at = 0
        for kind, n in (("exact", 30), ("near", 30), ("template", 100), ("chain", 60)):
            for s in slots[at:at + n]:
                block[s] = kind
            at += n
        plan += block
    plan = plan[:a.docs]
    os.makedirs(a.out, exist_ok=True)
    recent, sites, chains = [], [], []
    out, written = None, 0
    for serial, kind in enumerate(plan):
        if kind == "exact" and recent:
            title, paragraphs = rng.choice(recent)
        elif kind == "near" and recent:
            title, base = rng.choice(recent)
            paragraphs = mc.near_copy(rng, base)
        elif kind == "template":
            if not sites or len(sites[-1][2]) >= 50:
                title, page = mc.article(rng, pool)
                sites.append((title, page + mc.article(rng, pool)[1], []))
            title, page, pages = sites[-1]
            pages.append(serial)
            paragraphs = edited(rng, page, rng.randint(1, 4))
        elif kind == "chain":
            if not chains or chains[-1][2] >= 20:
                title, paragraphs = mc.article(rng, pool)
                chains.append([title, paragraphs, 1])
            else:
                chains[-1][1] = edited(rng, chains[-1][1], 3)
                chains[-1][2] += 1
            title, paragraphs = chains[-1][0], chains[-1][1]
        else:
            title, paragraphs = mc.article(rng, pool)
            recent.append((title, paragraphs))
            if len(recent) > 500:
                recent.pop(0)
        if serial % 500 == 0:
            if out:
                out.close()
            out = open(os.path.join(a.out, f"batch-{serial // 500:05d}.jsonl"), "w", encoding="utf-8")
        line = json.dumps({"id": f"doc-{serial}", "text": title + "\n\n" + "\n\n".join(paragraphs)}, ensure_ascii=False) + "\n"
        out.write(line)
        written += len(line.encode())
    if out:
        out.close()
    print(f"wrote {written / 1e6:.1f} MB, {len(plan)} documents, into {a.out}")


if __name__ == "__main__":
    main()
