#!/usr/bin/env python3
"""Generates a corpus of short news stories (about 1 KB each, like wire copy) for the runner
benchmark's short-document mode, in two layouts holding the same stories in the same order:

  OUT_DIR/jsonl/news.jsonl        one JSONL file, a story a line ({"id", "text", "feed", "published"})
  OUT_DIR/files/NNNN/story-N.txt  one plain-text file a story (title, blank line, paragraphs)

The sentences are those of make_corpus.py (an order-2 Markov chain over real news sentences: the
sample corpus and, when present, the PolNeAR texts; a fifth of them quotations with an
attribution). A story is a title and one-to-two-sentence paragraphs up to a size drawn around
1 KB (0.3 to 2 KB); about a fifth end with one of a few wire footers (boilerplate that dedup
removes), and about 3% are exact and 3% near copies of a recent story.

usage: make_short_corpus.py OUT_DIR --mb 20 [--seed 11] [--polnear PATH]
"""
import argparse
import json
import os
import random

from make_corpus import ROOT, Markov, load_pool, make_pool, next_story

FOOTERS = [
    "Reporting by the Global Wire Service newsroom; editing by the world desk.",
    "This story has been corrected to fix the spelling of a name in the fourth paragraph.",
    "Copyright 2024 Global Wire Service. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Additional reporting by our correspondents in the region; writing by the news desk.",
]


def story(rng, pool):
    """A title and paragraphs of one or two sentences, up to a size drawn around 1 KB."""
    size = int(rng.triangular(300, 1800, 500))
    title = rng.choice(pool)[:90].rstrip(" ,.;:")
    paragraphs, total = [], len(title)
    while total < size or len(paragraphs) < 2:
        paragraph = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 2)))
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    if rng.random() < 0.2:
        paragraphs.append(rng.choice(FOOTERS))
    return title, paragraphs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--polnear", default=os.path.join(ROOT, "..", "shared", "benchmarks", "quotes", "polnear_dev.jsonl"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    markov = Markov(load_pool(args.polnear), rng)
    pool = make_pool(rng, markov, max(20000, int(args.mb * 1024 * 1024 / 130 / 3)))
    target = int(args.mb * 1024 * 1024)
    os.makedirs(os.path.join(args.out, "jsonl"), exist_ok=True)
    written, serial, recent = 0, 0, []
    with open(os.path.join(args.out, "jsonl", "news.jsonl"), "w", encoding="utf-8") as jsonl:
        while written < target:
            serial += 1
            title, paragraphs = next_story(rng, recent, lambda: story(rng, pool))
            text = title + "\n\n" + "\n\n".join(paragraphs)
            date = "2024-03-%02d" % (serial % 28 + 1)
            jsonl.write(json.dumps({"id": f"story-{serial}", "text": text, "feed": "wire", "published": date},
                                   ensure_ascii=False) + "\n")
            folder = os.path.join(args.out, "files", f"{serial // 1000:04d}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"story-{serial:07d}.txt"), "w", encoding="utf-8") as f:
                f.write(text + "\n")
            written += len(text.encode()) + 1
    print(f"wrote {written / 1e6:.1f} MB of text, {serial} stories, in two layouts into {args.out}")


if __name__ == "__main__":
    main()
