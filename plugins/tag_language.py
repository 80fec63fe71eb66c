#!/usr/bin/env python3
"""A TextMill `exec` plugin: tags each record with its language.

Protocol (see README, "Plugin stages"): TextMill writes one JSON record per line on stdin and reads
one JSON record per line on stdout, in the same order. This plugin adds a `language` field
({"code": "en", "score": 0.41}) from the share of common function words of each language, and
fills meta.language when cleanup did not. It never changes `text`, so every span stays valid.

Use it in a pipeline:
    - exec: {command: [python3, plugins/tag_language.py]}
"""
import json
import re
import sys

# The most frequent function words of each language (short, closed-class words only).
STOPWORDS = {
    "en": "the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if so no will more can its what said about than into them only could new".split(),
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch".split(),
    "fr": "de la le et les des en un du une que est pour qui dans a par plus pas au sur ne se il sont ce avec mais comme ou si leur y dont elle deux ses été cette aux tout nous".split(),
    "es": "de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde".split(),
    "ru": "и в не на я что тот быть с а весь это как она по но они к у ты из мы за вы так же от сказать этот который мочь человек о один еще бы такой только себя свое какой когда уже для вот кто да говорить год".split(),
}
WORD = re.compile(r"\w+", re.UNICODE)


def tag(text):
    """Returns (code, score): the language whose function words cover most tokens."""
    words = [w.lower() for w in WORD.findall(text[:20000])]
    if not words:
        return None, 0.0
    best, best_share = None, 0.0
    for code, vocab in STOPWORDS.items():
        vocab = set(vocab)
        share = sum(1 for w in words if w in vocab) / len(words)
        if share > best_share:
            best, best_share = code, share
    if best_share < 0.05:
        return None, round(best_share, 3)
    return best, round(best_share, 3)


def main():
    for line in sys.stdin:
        record = json.loads(line)
        code, score = tag(record.get("text", ""))
        record["language"] = {"code": code, "score": score}
        meta = record.setdefault("meta", {})
        if code and "language" not in meta:
            meta["language"] = code
        sys.stdout.write(answer(record) + "\n")
        sys.stdout.flush()


def answer(record):
    """The record as one line of JSON: UTF-8 as it came, or with \\u escapes when a field
    holds a lone surrogate (TextMill passes an unknown field's "\\udc00" on untouched, and
    UTF-8 has no byte for it: writing it raw would stop the plugin)."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record)
    return line


if __name__ == "__main__":
    main()
