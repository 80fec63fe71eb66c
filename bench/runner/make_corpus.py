#!/usr/bin/env python3
"""Generates a mixed news corpus of a given size for the runner benchmark.

Text comes from real news: the sample corpus (input/*.txt) and, when present, the PolNeAR article
texts (../shared/benchmarks/quotes/polnear_dev.jsonl). An order-2 word Markov chain trained on
their sentences writes new sentences (news prose in vocabulary and rhythm, but as diverse as a real
corpus: two unrelated articles share no sentence by chance), and about a fifth of the paragraphs
are quotations with an attribution ("…,” said Maria Lopez, a spokeswoman for the ministry.). A
pool of generated sentences about a third the size of the corpus is sampled into articles. The
corpus mixes:
  - plain text files (.txt), one article each, about 55% of the bytes;
  - HTML pages (.html), the article inside a realistic page: navigation, cookie banner, share
    tools, figure with credit, related stories, newsletter box, comments, footer, scripts;
  - JSONL files (.jsonl), 500 articles a file with extra fields;
and about 3% exact and 3% near duplicates (a syndication header and footer, a few words changed).

usage: make_corpus.py OUT_DIR --mb 1024 [--seed 7] [--polnear PATH]
"""
import argparse
import json
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

PAGE_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | The Daily Record</title>
<meta name="description" content="{description}">
<meta property="og:title" content="{title}"><meta property="article:published_time" content="{date}">
<link rel="stylesheet" href="/css/site.css"><style>.promo{{display:none}} body{{margin:0}}</style>
<script>window.analytics=window.analytics||[];analytics.push(["page","{slug}"]);</script>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to personalise content and ads. <a href="/privacy">Privacy policy</a></p><button>Accept</button></div>
<header class="site-header"><a href="/" class="logo">The Daily Record</a><nav class="menu"><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li><li><a href="/tech">Tech</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main><article class="article-body">
<h1 class="headline">{title}</h1>
<div class="byline">By <a href="/authors/{author_slug}" rel="author">{author}</a> <time datetime="{date}">{date_text}</time></div>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a> <a href="#">Print</a></div>
<figure><img src="/img/{slug}.jpg" alt=""><figcaption>{caption} <span class="credit">Photo: {author}/The Daily Record</span></figcaption></figure>
"""
PAGE_TAIL = """<div class="newsletter"><h3>Sign up for our morning briefing</h3><form><input type="email"><button>Subscribe</button></form></div>
</article>
<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>
<section class="comments"><h3>{comments} comments</h3><div class="comment"><p>{comment}</p></div></section>
</main>
<footer class="site-footer"><p>&copy; 2024 The Daily Record. All rights reserved.</p><ul><li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li><li><a href="/terms">Terms</a></li></ul></footer>
<script src="/js/bundle.min.js"></script><script>trackPageView("{slug}");</script>
</body></html>
"""
AUTHORS = ["Maria Lopez", "James Chen", "Aisha Bello", "Tom Fischer", "Nadia Karimova", "Peter Olsen", "Grace Mwangi", "Luis Romero"]


def sentences_from(text):
    """Sentences of real news prose: paragraphs split at sentence ends, short residue dropped."""
    out = []
    for para in re.split(r"\n\s*\n|\n", text):
        para = para.strip()
        if len(para) < 60 or "<" in para or para.startswith(("•", "-", "=", "Infobox")):
            continue
        for s in re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[A-Z“\"])", para):
            if 40 <= len(s) <= 400:
                out.append(s)
    return out


def load_pool(polnear):
    pool = []
    for name in sorted(os.listdir(os.path.join(ROOT, "input"))):
        if name.endswith(".txt"):
            with open(os.path.join(ROOT, "input", name), encoding="utf-8") as f:
                pool += sentences_from(f.read())
    if polnear and os.path.exists(polnear):
        with open(polnear, encoding="utf-8") as f:
            for line in f:
                pool += sentences_from(json.loads(line)["text"])
    return pool


SPEAKERS = ["Maria Lopez", "James Chen", "Aisha Bello", "Tom Fischer", "Nadia Karimova", "Peter Olsen", "Grace Mwangi",
            "Luis Romero", "Elena Ruiz", "Omar Haddad", "Sofia Marin", "Daniel Osei", "Hannah Weiss", "Ivan Petrov"]
ROLES = ["a spokeswoman for the ministry", "the deputy director of the agency", "a senior analyst at the institute",
         "the mayor", "a lawyer for the families", "the head of the union", "a professor of economics", "an opposition lawmaker"]
CUES = ["said", "told reporters", "added", "wrote in a statement", "said on Tuesday", "told the news agency"]


class Markov:
    """An order-2 word chain over real news sentences."""

    def __init__(self, sentences, rng):
        self.rng = rng
        self.next = {}
        self.starts = []
        for s in sentences:
            words = s.split()
            if len(words) < 6:
                continue
            self.starts.append((words[0], words[1]))
            for a, b, c in zip(words, words[1:], words[2:] + [None]):
                self.next.setdefault((a, b), []).append(c)

    def sentence(self):
        for _ in range(5):
            a, b = self.rng.choice(self.starts)
            out = [a, b]
            while len(out) < 45:
                c = self.rng.choice(self.next.get((a, b), [None]))
                if c is None:
                    break
                out.append(c)
                a, b = b, c
                if c[-1] in ".?!" and len(out) >= 8:
                    break
            if len(out) >= 8 and out[-1][-1] in ".?!":
                return " ".join(out)
        return " ".join(out) + "."


def quotation(rng, markov):
    said = markov.sentence().rstrip(".?!").replace('"', "").replace("“", "").replace("”", "")
    speaker, role, cue = rng.choice(SPEAKERS), rng.choice(ROLES), rng.choice(CUES)
    shape = rng.random()
    if shape < 0.5:
        return f"“{said},” {cue} {speaker}, {role}."
    if shape < 0.8:
        return f"“{said},” {speaker} {cue}."
    return f"{speaker}, {role}, {cue} that {said[0].lower() + said[1:]}."


def make_pool(rng, markov, size):
    return [quotation(rng, markov) if rng.random() < 0.2 else markov.sentence() for _ in range(size)]


def article(rng, pool):
    paragraphs = []
    for _ in range(rng.randint(6, 18)):
        paragraphs.append(" ".join(rng.choice(pool) for _ in range(rng.randint(1, 4))))
    title = rng.choice(pool)[:90].rstrip(" ,.;:")
    return title, paragraphs


def near_copy(rng, paragraphs):
    """A syndicated copy: a wire header and footer, a couple of words changed."""
    edited = list(paragraphs)
    for _ in range(2):
        i = rng.randrange(len(edited))
        words = edited[i].split()
        if len(words) > 5:
            words[rng.randrange(len(words))] = rng.choice(["reportedly", "officials", "on Monday", "sources"])
            edited[i] = " ".join(words)
    return ["(Distributed by Global Wire Service)"] + edited + ["Copyright 2024 Global Wire Service. All rights reserved."]


def next_story(rng, recent, make):
    """The next (title, paragraphs): 3 % an exact and 3 % a near copy of one of `recent` (the last
    500 new stories, kept up to date here), else a new one from `make()`."""
    r = rng.random()
    if recent and r < 0.03:
        return rng.choice(recent)                                       # exact duplicate
    if recent and r < 0.06:
        title, base = rng.choice(recent)
        return title, near_copy(rng, base)                              # near duplicate
    title, paragraphs = make()
    recent.append((title, paragraphs))
    if len(recent) > 500:
        recent.pop(0)
    return title, paragraphs


def html_page(rng, title, paragraphs, serial):
    author = rng.choice(AUTHORS)
    slug = f"story-{serial}"
    head = PAGE_HEAD.format(title=title.replace('"', "&quot;"), description=paragraphs[0][:150].replace('"', "&quot;"),
                            date="2024-03-%02dT08:00:00Z" % (serial % 28 + 1), date_text="March %d, 2024" % (serial % 28 + 1),
                            slug=slug, author=author, author_slug=author.lower().replace(" ", "-"), caption=paragraphs[-1][:100])
    body = "".join(f"<p>{p}</p>\n" if i % 6 != 3 else f"<h2>{p[:60]}</h2>\n<p>{p}</p>\n" for i, p in enumerate(paragraphs))
    related = "".join(f'<li><a href="/story-{serial - k}">{rng.choice(paragraphs)[:70]}</a></li>' for k in range(1, 5))
    tail = PAGE_TAIL.format(related=related, comments=rng.randint(0, 300), comment=rng.choice(paragraphs)[:120], slug=slug)
    return head + body + tail


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=1024)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--polnear", default=os.path.join(ROOT, "..", "shared", "benchmarks", "quotes", "polnear_dev.jsonl"))
    ap.add_argument("--formats", default="text,html,jsonl", help="which formats to write (comma-separated)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    markov = Markov(load_pool(args.polnear), rng)
    # About 130 bytes a sentence: a pool a third the size of the corpus, so each sentence is used
    # about three times in all (a real corpus shares no more than that between unrelated articles).
    pool = make_pool(rng, markov, max(20000, int(args.mb * 1024 * 1024 / 130 / 3)))
    formats = args.formats.split(",")
    target = int(args.mb * 1024 * 1024)
    os.makedirs(args.out, exist_ok=True)
    written = 0
    serial = 0
    recent = []
    jsonl_file = None
    jsonl_count = 0
    weights = {"text": 55, "html": 25, "jsonl": 20}
    kinds = [k for k in weights if k in formats]
    while written < target:
        serial += 1
        title, paragraphs = next_story(rng, recent, lambda: article(rng, pool))
        kind = rng.choices(kinds, weights=[weights[k] for k in kinds])[0]
        folder = os.path.join(args.out, f"{kind}-{serial // 1000:04d}")
        if kind == "jsonl":
            if jsonl_file is None or jsonl_count >= 500:
                if jsonl_file:
                    jsonl_file.close()
                os.makedirs(os.path.join(args.out, "jsonl"), exist_ok=True)
                jsonl_file = open(os.path.join(args.out, "jsonl", f"batch-{serial:07d}.jsonl"), "w", encoding="utf-8")
                jsonl_count = 0
            line = json.dumps({"id": f"rec-{serial}", "text": title + "\n\n" + "\n\n".join(paragraphs),
                               "feed": "wire", "published": "2024-03-%02d" % (serial % 28 + 1)}, ensure_ascii=False) + "\n"
            jsonl_file.write(line)
            jsonl_count += 1
            written += len(line.encode())
            continue
        os.makedirs(folder, exist_ok=True)
        if kind == "html":
            data = html_page(rng, title, paragraphs, serial)
            path = os.path.join(folder, f"page-{serial:07d}.html")
        else:
            data = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
            path = os.path.join(folder, f"article-{serial:07d}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(data)
        written += len(data.encode())
    if jsonl_file:
        jsonl_file.close()
    print(f"wrote {written / 1e6:.1f} MB, {serial} documents, into {args.out}")


if __name__ == "__main__":
    main()
