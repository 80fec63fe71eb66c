#!/usr/bin/env python3
"""The speaker names of a TextMill output: `speaker_audit.py` under its first name (session 36).

usage: speaker_names.py OUTPUT.jsonl [--list]

Runs `speaker_audit.py` (session 37), which reads the same outputs and lists, besides what this
script listed (pronouns, relative pronouns and things as names, named unresolved or document
speakers, two entities for one person), demonstratives, determiners and grammar words as names,
capitalized common nouns, and two entities whose names differ only by their case.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import speaker_audit  # noqa: E402

if __name__ == "__main__":
    sys.exit(speaker_audit.main())
