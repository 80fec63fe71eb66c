#!/usr/bin/env python3
"""A plugin that answers every record (with "seen": true) but, on the record whose id contains
TRIGGER, does MODE afterwards:
  twice      writes that answer a second time (it is now one line ahead of TextMill)
  quit-after exits cleanly (status 0) right after answering, as a plugin with a record quota would
  no-id      leaves "id" out of every answer (TRIGGER unused)
"""
import json
import sys

mode, trigger = sys.argv[1], sys.argv[2]
for line in sys.stdin:
    record = json.loads(line)
    record["seen"] = True
    triggered = trigger in record["id"]
    if mode == "no-id":
        del record["id"]
    answer = json.dumps(record, ensure_ascii=False) + "\n"
    sys.stdout.write(answer)
    if triggered:
        if mode == "twice":
            sys.stdout.write(answer)
        if mode == "quit-after":
            sys.stdout.flush()
            sys.exit(0)
    sys.stdout.flush()
