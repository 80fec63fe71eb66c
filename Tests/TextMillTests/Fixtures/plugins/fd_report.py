#!/usr/bin/env python3
"""Answers each record with the pipes it holds: "own" (its stdin and stdout) and "other" (any
other descriptor that is a pipe, stderr excepted). TextMill's tests check that no plugin holds
another plugin's pipe: that would keep the other's output open after it dies and its input open
after TextMill closes it."""
import json
import os
import sys


def pipe_name(fd):
    try:
        name = os.readlink("/proc/self/fd/%d" % fd)
    except OSError:
        return None
    return name if name.startswith("pipe:") else None


def other_pipes():
    names = []
    for fd in sorted(int(f) for f in os.listdir("/proc/self/fd")):
        if fd > 2 and pipe_name(fd):
            names.append(pipe_name(fd))
    return names


for line in sys.stdin:
    record = json.loads(line)
    record["own"] = [pipe_name(0), pipe_name(1)]
    record["other"] = other_pipes()
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()
