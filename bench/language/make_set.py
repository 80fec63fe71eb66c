#!/usr/bin/env python3
"""Builds the multilingual set for bench/language (one JSONL line a document: id, lang, kind, text).

Sources, read at bench time and never copied into the repository:
  * English: the UD English dev documents (BENCHMARKS_DIR/sbd/ud-dev/*.jsonl, EWT and GUM),
    cut into paragraphs of 200-600 characters and into single sentences (snippets).
  * Other languages: the translated messages of the GNU and Debian programs installed on every
    Debian machine (gettext catalogs under /usr/share/locale/LANG/LC_MESSAGES: coreutils, libc,
    bash, tar, sed, grep, diffutils, findutils, dpkg, apt; GPL-licensed translations by each
    program's translation team). Messages are cleaned of format directives (%s, %d), option
    names (--help) and ASCII-only placeholders, then joined into paragraphs of 200-600
    characters; single messages of 40+ characters are the snippets.
Each language contributes at most --per-language paragraphs and as many snippets (default 60).

usage: make_set.py OUT.jsonl BENCHMARKS_DIR [--per-language N] [--seed S]
"""
import gettext
import json
import os
import random
import re
import sys

LANGUAGES = {  # locale folder -> expected ISO 639-1 code
    "de": "de", "fr": "fr", "es": "es", "it": "it", "pt": "pt", "nl": "nl", "sv": "sv", "da": "da", "fi": "fi",
    "pl": "pl", "cs": "cs", "sk": "sk", "hu": "hu", "ro": "ro", "hr": "hr", "sl": "sl", "et": "et", "lt": "lt",
    "ru": "ru", "uk": "uk", "bg": "bg", "el": "el", "tr": "tr", "vi": "vi", "id": "id", "ca": "ca", "eu": "eu",
    "gl": "gl", "ja": "ja", "ko": "ko", "zh_CN": "zh", "he": "he", "ar": "ar", "eo": "eo", "nb": "no",
}
CATALOGS = ["coreutils", "libc", "bash", "tar", "sed", "grep", "diffutils", "findutils", "dpkg", "apt"]
DIRECTIVE = re.compile(r"%[-#0 +'I]*[0-9*]*(?:\.[0-9*]+)?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspnm%]|%[0-9]+\$[a-z]+|\$\{?\w+\}?")
OPTION = re.compile(r"(?<!\w)--?[A-Za-z][\w-]*=?\S*|\b[A-Z_]{2,}\b|<[^>]*>|\[[^\]]*\]|`[^']*'|'[^']*'|\"[^\"]*\"|\S*[/\\]\S*")


def messages(locale):
    out = []
    for domain in CATALOGS:
        path = f"/usr/share/locale/{locale}/LC_MESSAGES/{domain}.mo"
        if not os.path.exists(path):
            continue
        try:
            with open(path, "rb") as f:
                catalog = gettext.GNUTranslations(f)
        except Exception:
            continue
        for key, value in catalog._catalog.items():
            if isinstance(key, tuple):
                key = key[0]
            if not key or not isinstance(value, str) or value == key:
                continue
            for line in value.split("\n"):
                line = OPTION.sub(" ", DIRECTIVE.sub(" ", line))
                line = re.sub(r"\s+", " ", line).strip(" :;,-")
                letters = sum(c.isalpha() for c in line)
                if letters >= 25 and sum(c.isalpha() and not c.isascii() for c in line) * 1.0 >= 0 and line not in out:
                    out.append(line)
    return out


def english(bench):
    texts = []
    for name in ("ewt_dev.jsonl", "gum_dev.jsonl"):
        path = os.path.join(bench, "sbd/ud-dev", name)
        if os.path.exists(path):
            for line in open(path, encoding="utf-8"):
                rec = json.loads(line)
                for para in re.split(r"\n\s*\n", rec.get("text", "")):
                    texts.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", para) if s.strip())
    return texts


def paragraphs(pieces, n, rng):
    out, current = [], ""
    for piece in pieces:
        current = (current + " " + piece).strip()
        if len(current) >= rng.randint(200, 600):
            out.append(current)
            current = ""
        if len(out) >= n:
            break
    return out


def main():
    args = sys.argv[1:]
    per, seed = 60, 3
    if "--per-language" in args:
        k = args.index("--per-language"); per = int(args[k + 1]); del args[k:k + 2]
    if "--seed" in args:
        k = args.index("--seed"); seed = int(args[k + 1]); del args[k:k + 2]
    out, bench = args
    rng = random.Random(seed)
    docs = []
    sources = {"en": english(bench)}
    for locale, code in LANGUAGES.items():
        sources[code] = messages(locale)
    for code, pieces in sources.items():
        if len(pieces) < 20:
            print(f"make_set: skipping {code}: {len(pieces)} messages found", file=sys.stderr)
            continue
        rng.shuffle(pieces)
        for i, text in enumerate(paragraphs(pieces, per, rng)):
            docs.append({"id": f"{code}/p{i}", "lang": code, "kind": "paragraph", "text": text})
        snippets = [p for p in pieces if 40 <= len(p) <= 160][:per]
        for i, text in enumerate(snippets):
            docs.append({"id": f"{code}/s{i}", "lang": code, "kind": "snippet", "text": text})
    with open(out, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    langs = sorted({d["lang"] for d in docs})
    print(f"make_set: {len(docs)} documents in {len(langs)} languages: {' '.join(langs)}", file=sys.stderr)


if __name__ == "__main__":
    main()
