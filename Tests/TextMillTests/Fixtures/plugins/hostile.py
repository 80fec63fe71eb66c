#!/usr/bin/env python3
"""A plugin that echoes each record with "seen": true but strains what TextMill must bound, on
the records whose id contains TRIGGER ("" matches all), by MODE:
  big-answer N      answers with a line of N bytes (an extra field "pad"), then goes on in step
  stderr N          writes N bytes to stderr before answering
  close-stdout      closes its stdout, then keeps reading its input and never exits on its own
  utf16-cut N       adds "summary": the text's first N UTF-16 code units, as JavaScript's
                    `text.slice(0, N)` makes it: a cut through a character outside the BMP (an
                    emoji) leaves half of it, a lone surrogate, which JSON writes as "\\ud83d"
  bom               writes a UTF-8 byte-order mark before its first answer, as .NET's and
                    PowerShell's UTF-8 writers (or Python's "utf-8-sig") do
  grandchild        (every record) starts `sleep 300` at startup and appends its pid to the file
                    $GRANDCHILD_PIDS; on TRIGGER it hangs
"""
import json
import os
import subprocess
import sys
import time

mode, trigger = sys.argv[1], sys.argv[2]
size = int(sys.argv[3]) if len(sys.argv) > 3 else 0

if mode == "grandchild":
    sleeper = subprocess.Popen(["sleep", "300"])
    with open(os.environ["GRANDCHILD_PIDS"], "a") as f:
        f.write("%d\n" % sleeper.pid)

if mode == "bom":
    sys.stdout.buffer.write(b"\xef\xbb\xbf")

for line in sys.stdin:
    record = json.loads(line)
    record["seen"] = True
    hit = trigger in record["id"]
    if hit and mode == "big-answer":
        head = json.dumps(record, ensure_ascii=False)[:-1] + ', "pad": "'
        sys.stdout.write(head)
        piece = "all work and no play " * 5000
        left = size - len(head.encode()) - 3
        while left > 0:
            sys.stdout.write(piece[:left])
            left -= len(piece)
        sys.stdout.write('"}\n')
        sys.stdout.flush()
        continue
    if hit and mode == "utf16-cut":
        units = record["text"].encode("utf-16-le")[:2 * size]
        record["summary"] = units.decode("utf-16-le", "surrogatepass")
        # As JSON.stringify writes it: ASCII with escapes (raw, a lone surrogate is no UTF-8).
        sys.stdout.write(json.dumps(record) + "\n")
        sys.stdout.flush()
        continue
    if hit and mode == "stderr":
        piece = "warning: a noisy plugin says this again and again\n" * 1000
        left = size
        while left > 0:
            sys.stderr.write(piece[:left])
            left -= len(piece)
        sys.stderr.flush()
    if hit and mode == "close-stdout":
        sys.stdout.flush()
        os.close(1)
        for _ in sys.stdin:
            pass
        time.sleep(300)
    if hit and mode == "grandchild":
        time.sleep(3600)
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()
