#!/usr/bin/env python3
"""A plugin for the drop protocol's tests: drops every record whose text contains WORD,
answering {"drop": "mentions_WORD", "detail": "..."} (without the id: the protocol allows it);
echoes every other record unchanged."""
import json
import sys

word = sys.argv[1]
for line in sys.stdin:
    record = json.loads(line)
    count = record["text"].count(word)
    if count:
        answer = {"drop": "mentions_" + word.lower(), "detail": f"{count} mentions of {word}"}
    else:
        answer = record
    sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
    sys.stdout.flush()
