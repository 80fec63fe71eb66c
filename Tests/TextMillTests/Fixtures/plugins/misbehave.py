#!/usr/bin/env python3
"""A plugin that behaves (echoes each record with "seen": true) except on records whose id
contains TRIGGER, where it does MODE: crash | hang | garbage | stale-spans | shorten | orphan
(answers, then exits leaving a program it started holding its output open)."""
import json
import subprocess
import sys
import time

mode, trigger = sys.argv[1], sys.argv[2]
for line in sys.stdin:
    record = json.loads(line)
    if trigger in record["id"]:
        if mode == "crash":
            sys.exit(3)
        if mode == "hang":
            time.sleep(3600)
        if mode == "garbage":
            sys.stdout.write("debug: looking at " + record["id"] + "\n")
            sys.stdout.flush()
            continue
        if mode == "stale-spans":
            record["text"] = "PREFIX " + record["text"]
        if mode == "shorten":
            # Changes the text and drops the spans it can no longer vouch for.
            record["text"] = record["text"][:200]
            record.pop("paragraphs", None)
            record.pop("sentences", None)
    record["seen"] = True
    print("handled", record["id"], file=sys.stderr)
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if mode == "orphan" and trigger in record["id"]:
        subprocess.Popen(["sleep", "600"])
        sys.exit(0)
