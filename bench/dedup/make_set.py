#!/usr/bin/env python3
"""Builds a near-duplicate news set with known pairs for bench/dedup.

Base documents:
  * real news text: the sample corpus (input/*.txt) and the 84 PolNeAR dev articles
    (field "text" of polnear_dev.jsonl);
  * synthetic news-like articles: a word-level Markov chain (order 2) trained on those real
    texts writes sentences; an article is a headline plus 4-22 paragraphs of 1-4 sentences.
    The chain copies phrases from real news, so unrelated articles share some shingles, as
    real articles on the same story do.
Variants (the near duplicates): a third of the bases get 1-3 variants, each made by 1-3 realistic
edits (syndication header or footer, new headline, word edits, dropped or moved paragraphs,
quote and dash styles, hard wrapping at 60-76 columns, truncation with "Read more", a
correction note). A third of the variants are made from an earlier variant, not the base, so
chains of partial matches occur. All documents are shuffled.

Truth: Jaccard similarity of word 5-shingles after NFKC, case folding and dropping punctuation
(words = runs of letters and digits), computed exactly for every pair of documents that share
at least one shingle. Written to pairs.tsv (id_a, id_b, jaccard) for every pair with
Jaccard >= 0.3.

usage: make_set.py OUT_DIR INPUT_DIR POLNEAR_JSONL [--seed N] [--synthetic N]
"""
import json
import os
import random
import re
import sys
import unicodedata
from collections import defaultdict

# Words: runs of letters and digits; each Han, kana or Thai character is a word of its own
# (those scripts do not put spaces between words); TextMill's tokenizer does the same.
_UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD = re.compile(r"[%s]|[^\W_%s]+" % (_UNSPACED, _UNSPACED))


def words(text):
    return WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text, k=5):
    w = words(text)
    if not w:
        return set()
    if len(w) < k:
        return {" ".join(w)}
    return {" ".join(w[i:i + k]) for i in range(len(w) - k + 1)}


def paragraphs(text):
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def load_bases(input_dir, polnear):
    bases = []
    for name in sorted(os.listdir(input_dir)):
        if name.endswith(".txt"):
            with open(os.path.join(input_dir, name), encoding="utf-8") as f:
                bases.append(("real/" + name, f.read()))
    if polnear and os.path.exists(polnear):
        with open(polnear, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                bases.append(("real/" + rec["id"].split("/")[-1], rec["text"]))
    return bases


class Markov:
    def __init__(self, texts, rng):
        self.rng = rng
        self.next = defaultdict(list)
        self.starts = []
        for text in texts:
            for para in paragraphs(text):
                for sent in re.split(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])", para):
                    toks = sent.split()
                    if len(toks) < 6:
                        continue
                    self.starts.append((toks[0], toks[1]))
                    for i in range(len(toks) - 2):
                        self.next[(toks[i], toks[i + 1])].append(toks[i + 2])
                    self.next[(toks[-2], toks[-1])].append(None)

    def sentence(self):
        out = []
        while len(out) < 6:
            a, b = self.rng.choice(self.starts)
            out = [a, b]
            while len(out) < 60:
                c = self.rng.choice(self.next.get((a, b)) or [None])
                if c is None:
                    break
                out.append(c)
                a, b = b, c
        s = " ".join(out)
        if s[-1] not in ".!?\"”":
            s += "."
        return s

    def article(self):
        title = " ".join(self.sentence().split()[: self.rng.randint(5, 12)]).rstrip(".,;:")
        paras = [title]
        for _ in range(self.rng.randint(4, 22)):
            paras.append(" ".join(self.sentence() for _ in range(self.rng.randint(1, 4))))
        return "\n\n".join(paras)


HEADERS = ["WASHINGTON (AP) — ", "NEW YORK (Reuters) - ", "By Staff Writers | ", "(CNN) ", "LONDON — ",
           "Updated 6:42 p.m. ET\n\n", "By Jonathan Lemire, Associated Press\n\n", "Originally published on politico.com\n\n"]
FOOTERS = [
    "Copyright 2016 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Reporting by Steve Holland; Editing by Grant McCool",
    "Follow us on Twitter @NewsDesk and like us on Facebook.",
    "Click here to sign up for our daily newsletter.",
    "This article originally appeared on The Conversation. Read the original article.",
    "Read more: Clinton, Trump spar over economy in final stretch",
    "Have a news tip? Email us at tips@example.com.",
]
SWAPS = {"said": "says", "says": "said", "Mr.": "", "percent": "%", "president": "President", "would": "will",
         "Thursday": "Wednesday", "the": "a", "and": "&", "about": "around", "told": "said to"}


def edit_header(rng, paras):
    h = rng.choice(HEADERS)
    if h.endswith("\n\n"):
        return [h.strip()] + paras
    body = paras[:]
    i = 1 if len(body) > 1 else 0
    body[i] = h + body[i]
    return body


def edit_footer(rng, paras):
    return paras + [rng.choice(FOOTERS)]


def edit_headline(rng, paras):
    t = paras[0].split()
    rng.shuffle(t)
    return [" ".join(t[: max(3, len(t) - 2)]).upper() if rng.random() < 0.3 else " ".join(t)] + paras[1:]


def edit_words(rng, paras):
    out = []
    for p in paras:
        toks = p.split(" ")
        for _ in range(max(0, int(len(toks) * rng.uniform(0.0, 0.04)))):
            j = rng.randrange(len(toks))
            r = rng.random()
            if r < 0.4 and toks[j] in SWAPS:
                toks[j] = SWAPS[toks[j]]
            elif r < 0.6:
                toks.insert(j, rng.choice(["also", "now", "reportedly", "still", "on Monday", "however,"]))
            elif r < 0.8 and len(toks) > 3:
                del toks[j]
            else:  # typo
                w = toks[j]
                if len(w) > 3:
                    k = rng.randrange(1, len(w) - 1)
                    toks[j] = w[:k] + w[k + 1] + w[k] + w[k + 2:]
        out.append(" ".join(t for t in toks if t))
    return out


def edit_drop(rng, paras):
    if len(paras) < 4:
        return paras
    body = paras[:]
    for _ in range(rng.randint(1, max(1, len(body) // 8))):
        del body[rng.randrange(1, len(body))]
    return body


def edit_move(rng, paras):
    if len(paras) < 4:
        return paras
    body = paras[:]
    p = body.pop(rng.randrange(1, len(body)))
    body.insert(rng.randrange(1, len(body) + 1), p)
    return body


def edit_styles(rng, paras):
    text = "\n\n".join(paras)
    if "“" in text or "’" in text:
        text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    else:
        text = re.sub(r'"(\w)', r"“\1", text)
        text = text.replace('"', "”").replace("'", "’")
    text = text.replace(" — ", " -- ") if rng.random() < 0.5 else text.replace(" - ", " – ")
    return paragraphs(text)


def edit_wrap(rng, paras):
    width = rng.randint(60, 76)
    out = []
    for p in paras:
        lines, line = [], ""
        for w in p.split():
            if line and len(line) + 1 + len(w) > width:
                lines.append(line)
                line = w
            else:
                line = (line + " " + w) if line else w
        lines.append(line)
        out.append("\n".join(lines))
    return out


def edit_truncate(rng, paras):
    if len(paras) < 5:
        return paras
    keep = max(3, int(len(paras) * rng.uniform(0.75, 0.95)))
    return paras[:keep] + [rng.choice(["Read more…", "Continue reading the main story", "[…]"])]


def edit_correction(rng, paras):
    return paras + ["Correction: An earlier version of this story misstated the date of the meeting. It was on Tuesday."]


EDITS = [edit_header, edit_footer, edit_headline, edit_words, edit_words, edit_drop, edit_move, edit_styles,
         edit_wrap, edit_truncate, edit_correction]


def main():
    args = sys.argv[1:]
    seed, synthetic = 7, 2700
    if "--seed" in args:
        i = args.index("--seed"); seed = int(args[i + 1]); del args[i:i + 2]
    if "--synthetic" in args:
        i = args.index("--synthetic"); synthetic = int(args[i + 1]); del args[i:i + 2]
    out_dir, input_dir, polnear = args[0], args[1], args[2] if len(args) > 2 else ""
    rng = random.Random(seed)
    bases = load_bases(input_dir, polnear)
    chain = Markov([t for _, t in bases], rng)
    for k in range(synthetic):
        bases.append(("synthetic/%05d" % k, chain.article()))

    docs = list(bases)
    variants = 0
    for bid, text in bases:
        if rng.random() >= 1 / 3:
            continue
        family = [text]
        for v in range(rng.randint(1, 3)):
            src = rng.choice(family[1:]) if len(family) > 1 and rng.random() < 0.33 else text
            paras = paragraphs(src)
            for e in rng.sample(EDITS, rng.randint(1, 3)):
                paras = e(rng, paras)
            family.append("\n\n".join(paras))
            docs.append(("%s~v%d" % (bid, v + 1), family[-1]))
            variants += 1
    rng.shuffle(docs)

    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "set.jsonl"), "w", encoding="utf-8") as f:
        for i, (did, text) in enumerate(docs):
            f.write(json.dumps({"id": did, "text": text}, ensure_ascii=False) + "\n")

    # True Jaccard for every pair sharing a shingle.
    sets = [shingles(t) for _, t in docs]
    postings = defaultdict(list)
    for i, s in enumerate(sets):
        for sh in s:
            postings[sh].append(i)
    # Candidate pairs share a shingle that is not common (in at most 10 documents); any pair
    # above 0.3 shares hundreds of those. Their Jaccard is then computed exactly.
    candidates = set()
    for plist in postings.values():
        if 1 < len(plist) <= 10:
            for a in range(len(plist)):
                for b in range(a + 1, len(plist)):
                    candidates.add((plist[a], plist[b]))
    overlap = {(a, b): len(sets[a] & sets[b]) for a, b in candidates}
    n_pairs = 0
    with open(os.path.join(out_dir, "pairs.tsv"), "w", encoding="utf-8") as f:
        for (a, b), inter in overlap.items():
            j = inter / (len(sets[a]) + len(sets[b]) - inter)
            if j >= 0.3:
                f.write("%s\t%s\t%.6f\n" % (docs[a][0], docs[b][0], j))
                n_pairs += j >= 0.8
    size = sum(len(t.encode()) for _, t in docs)
    print("set: %d documents (%d real bases, %d synthetic, %d variants), %.1f MB, %d true pairs at Jaccard >= 0.8"
          % (len(docs), len(bases) - synthetic, synthetic, variants, size / 1e6, n_pairs), file=sys.stderr)


if __name__ == "__main__":
    main()
