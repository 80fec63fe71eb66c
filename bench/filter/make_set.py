#!/usr/bin/env python3
"""Builds the document set for bench/filter (one JSONL line a document: id, origin, text).

Real documents (read at bench time, never copied into the repository):
  * sample:  the sample corpus input/ after TextMill's cleanup (CLEANED_JSONL, made by `run`);
  * pages:   the HTML benchmark pages (scrapinghub-aeb and the wceb-dev sets) after TextMill's
             cleanup in article mode and in full mode (all visible text: menus, footers, lists);
  * truth:   the hand-extracted article bodies of scrapinghub-aeb (ground-truth.json);
  * polnear: the PolNeAR news articles (quotes/polnear_dev.jsonl and polnear_train.jsonl);
  * ud:      UD English dev documents (sbd/ud-dev: EWT and GUM), one document each.
Generated documents (--generated N, default 3000, seeded): web-page shapes made of sentences
from the real documents, each with 1-3 of the faults the rules look for at a random strength,
so that documents fall on both sides of every threshold: too short, bullet lists, teaser lines
ending in "...", hashtags, repeated lines and paragraphs, navigation and cookie lines,
"lorem ipsum", code with curly braces, numbers tables, very long or very short words,
Wikipedia citations, lines without terminal punctuation.

usage: make_set.py OUT.jsonl BENCHMARKS_DIR CLEANED_JSONL... [--generated N] [--seed S]
"""
import gzip
import json
import os
import random
import re
import sys


def read_jsonl(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                yield json.loads(line)


def real_documents(bench, cleaned):
    for path in cleaned:
        if not os.path.exists(path):
            continue
        origin = os.path.basename(path).split(".")[0]
        for rec in read_jsonl(path):
            if rec.get("text"):
                yield {"id": f"{origin}/{rec['id']}", "origin": origin, "text": rec["text"]}
    truth = os.path.join(bench, "html/scrapinghub-aeb/ground-truth.json")
    if os.path.exists(truth):
        for key, rec in json.load(open(truth, encoding="utf-8")).items():
            if rec.get("articleBody"):
                yield {"id": f"truth/{key[:16]}", "origin": "truth", "text": rec["articleBody"]}
    for name in ("polnear_dev.jsonl", "polnear_train.jsonl"):
        path = os.path.join(bench, "quotes", name)
        if os.path.exists(path):
            for rec in read_jsonl(path):
                yield {"id": rec["id"], "origin": "polnear", "text": rec["text"]}
    for name in ("ewt_dev.jsonl", "gum_dev.jsonl"):
        path = os.path.join(bench, "sbd/ud-dev", name)
        if os.path.exists(path):
            for rec in read_jsonl(path):
                if rec.get("text"):
                    yield {"id": f"ud/{rec['id']}", "origin": "ud", "text": rec["text"]}

NAV = ["Home", "News", "Sport", "Contact us", "About", "Subscribe", "Log in", "Search", "Menu", "Share this article",
       "Follow us on Twitter", "Read more", "Advertisement", "Related stories", "Most popular", "Next page"]
COOKIE = ["This website uses cookies to improve your experience.", "By using this site you agree to our Privacy Policy.",
          "Please enable JavaScript to view the comments.", "Read our cookie policy and terms of use.",
          "JavaScript is disabled in your browser."]
CODE = ["function init() { return window.app || {}; }", "var config = {\"id\": 12, \"lang\": \"en\"};",
        "if (x > 0) { x -= 1; }", ".header { color: #333; }"]
LOREM = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore."


def generated(real, n, rng):
    sentences = []
    for doc in real:
        for s in re.split(r"(?<=[.!?])\s+", doc["text"]):
            s = s.strip()
            if 3 <= len(s.split()) <= 60 and "\n" not in s:
                sentences.append(s)
    if not sentences:
        return
    rng.shuffle(sentences)

    def para(k):
        return " ".join(rng.choice(sentences) for _ in range(k))

    faults = ["short", "bullets", "teasers", "hashtags", "dup_lines", "dup_paras", "nav", "cookie", "lorem", "code",
              "numbers", "long_words", "short_words", "citations", "no_punct", "ngram", "ellipsis"]
    for i in range(n):
        paragraphs = [para(rng.randint(1, 4)) for _ in range(rng.randint(1, 12))]
        chosen = rng.sample(faults, rng.randint(1, 3))
        strength = rng.random()
        for fault in chosen:
            if fault == "short":
                words = " ".join(paragraphs).split()
                paragraphs = [" ".join(words[:rng.randint(20, 80)])]
            elif fault == "bullets":
                items = [rng.choice(["- ", "• ", "  - "]) + rng.choice(sentences) for _ in range(rng.randint(3, 25))]
                keep = int(len(paragraphs) * (1 - strength))
                paragraphs = paragraphs[:keep] + ["\n".join(items)]
            elif fault == "teasers":
                paragraphs += [" ".join(rng.choice(sentences).split()[:rng.randint(4, 12)]) + rng.choice(["...", "…", " ..."])
                               for _ in range(int(1 + strength * 12))]
            elif fault == "hashtags":
                tags = " ".join("#" + rng.choice(sentences).split()[0].strip(".,") for _ in range(int(2 + strength * 40)))
                paragraphs.append(tags)
            elif fault == "dup_lines":
                line = rng.choice(NAV + sentences[:50])
                paragraphs = [p + ("\n" + line) * rng.randint(0, 3) for p in paragraphs]
            elif fault == "dup_paras":
                paragraphs += rng.sample(paragraphs, k=max(1, int(len(paragraphs) * strength)))
            elif fault == "nav":
                paragraphs = ["\n".join(rng.sample(NAV, rng.randint(3, 10)))] + paragraphs + ["\n".join(rng.sample(NAV, rng.randint(3, 10)))]
            elif fault == "cookie":
                paragraphs.insert(rng.randint(0, len(paragraphs)), rng.choice(COOKIE))
            elif fault == "lorem":
                paragraphs.insert(rng.randint(0, len(paragraphs)), LOREM if strength > 0.3 else "lorem ipsum")
            elif fault == "code":
                paragraphs.insert(rng.randint(0, len(paragraphs)), rng.choice(CODE) + rng.choice(["", "."]))
            elif fault == "numbers":
                rows = ["\t".join(str(rng.randint(0, 9999)) for _ in range(rng.randint(2, 6))) for _ in range(int(2 + strength * 30))]
                paragraphs.append("\n".join(rows))
            elif fault == "long_words":
                paragraphs = [re.sub(r"\b(\w+) (\w+)\b", r"\1\2", p) if rng.random() < strength else p for p in paragraphs]
            elif fault == "short_words":
                paragraphs.append(" ".join(rng.choice(["a", "an", "is", "of", "to", "I", "it", "on", "at"]) for _ in range(int(20 + strength * 300))) + ".")
            elif fault == "citations":
                paragraphs = [re.sub(r"\. ", lambda m: f".[{rng.randint(1, 99)}] ", p) for p in paragraphs]
                paragraphs.append("[edit] See also [citation needed].")
            elif fault == "no_punct":
                paragraphs = [p.rstrip(".!?\"'") if rng.random() < strength else p for p in paragraphs]
            elif fault == "ngram":
                phrase = " ".join(rng.choice(sentences).split()[:rng.randint(2, 4)])
                paragraphs = [p + (" " + phrase) * int(strength * 8) for p in paragraphs]
            elif fault == "ellipsis":
                paragraphs = [p.replace(". ", "... ", int(strength * 10)) for p in paragraphs]
        sep = rng.choice(["\n\n", "\n", "\n\n\n"])
        yield {"id": f"generated/{i}", "origin": "generated:" + "+".join(sorted(chosen)), "text": sep.join(paragraphs)}


def main():
    args = sys.argv[1:]
    n, seed = 3000, 1
    if "--generated" in args:
        k = args.index("--generated"); n = int(args[k + 1]); del args[k:k + 2]
    if "--seed" in args:
        k = args.index("--seed"); seed = int(args[k + 1]); del args[k:k + 2]
    out, bench, cleaned = args[0], args[1], args[2:]
    real = list(real_documents(bench, cleaned))
    docs = real + list(generated(real, n, random.Random(seed)))
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    counts = {}
    for d in docs:
        counts[d["origin"].split(":")[0]] = counts.get(d["origin"].split(":")[0], 0) + 1
    print(f"make_set: {len(docs)} documents " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
