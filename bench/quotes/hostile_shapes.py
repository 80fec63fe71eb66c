#!/usr/bin/env python3
"""Hostile shapes for the quotes stage (most shapes of QuotesGrowthTests): hostile_shapes.py SHAPE BYTES > file.txt; no SHAPE lists them"""
import sys
SHAPES = {
    "he-said": ("", "the plan will work, he said, ", "the end."),
    "according": ("", "According to Smith, ", "the plan will work."),
    "as-said": ("", "as Smith said, ", "the plan will work."),
    "according-after": ("", "the plan will work, according to Smith, ", "the end."),
    "said-that": ("", "Smith said that ", "the plan will work."),
    "adding-that": ("", "the plan works, he said, adding that ", "the end."),
    "quote-said-comma": ("", '"the plan works," he said, ', "the end."),
    "said-x-line": ("", '"We will win the vote," said Smith. ', ""),
    "marks-only": ("", '"', ""),
    "openers-only": ("", "\u201c", ""),
    "closers-only": ("", "\u201d", ""),
    "spaced-marks": ("", "\u201c \u201d ", ""),
    "unclosed": ("", "\u201cthe plan ", "."),
    "unopened": ("", "the plan\u201d ", "."),
    "single-straight": ("", "'the a\"b ", "."),
    "commas": ("", "the plan, ", "the end."),
    "and-clauses": ("", "the plan works, and ", "the end."),
    "capitalized": ("", "John Smith ", "said the plan will work."),
    "names-commas": ("", "Mr. John Smith, ", "said the plan will work."),
    "speaker-phrase": ('"We will win," said the ', "big ", "man."),
    "brackets": ("According to Smith, the plan will work", " )", "."),
    "para-chain": ("", "\u201cThe plan will work for all of us\n\n", ""),
    "fillers": ("", "the plan also also also also also works, he also said, ", ""),
}
if len(sys.argv) < 3:
    print(" ".join(SHAPES))
    sys.exit(0)
shape, size = sys.argv[1], int(sys.argv[2])
prefix, unit, end = SHAPES[shape]
n = max(1, size // len(unit.encode()))
sys.stdout.write(prefix + unit * n + end + "\n")
