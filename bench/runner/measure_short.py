#!/usr/bin/env python3
"""The runner benchmark's short-document mode (bench/runner/run --short): the default pipeline on
about 1 KB news stories (make_short_corpus.py), as one JSONL file and as one file a story.

Prints, from the fastest of --repeat runs of each:
  - MB/s, seconds, CPU seconds and peak memory for both layouts with --jobs 1 and --jobs 2, and the
    speed-up;
  - the runner's own cost a document: a pipeline of only `sentences` (sentences-only.yaml), its
    wall seconds minus that stage's own seconds (stats.json), divided by the documents;
  - per stage, MB/s (the stage's bytes over its own seconds, from stats.json), --jobs 1.

With --instructions (needs valgrind): the same runs on the first --instructions-mb MB of each
layout under `valgrind --tool=callgrind` (--jobs 1), and instructions per input byte for the whole
run, per stage (the inclusive count of the stage's `process`, and `prepare` for a corpus stage,
over the stage's bytes) and the rest (reading, decoding, JSON, hand-offs, writing) per document.
Instructions do not move with the machine's load, so a change of a few per cent shows in one run.

Called by bench/runner/run; see bench/runner/README.md.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from measure import run, stats, warm

HERE = os.path.dirname(os.path.abspath(__file__))
SENTENCES_ONLY = os.path.join(HERE, "sentences-only.yaml")
LAYOUTS = [("jsonl", "one JSONL file"), ("files", "a file a story")]


def corpus_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total


def textmill_cmd(binary, config, corpus, target, jobs):
    return [binary, "run", config, "--input", corpus, "--output", os.path.join(target, "corpus.jsonl"),
            "--jobs", str(jobs), "--quiet"]


def best_run(binary, config, corpus, target, jobs, repeat, root):
    """The fastest of `repeat` fresh runs: (seconds, peak MB, CPU seconds, stats)."""
    best = None
    warm(corpus)
    for _ in range(repeat):
        shutil.rmtree(target, ignore_errors=True)
        seconds, rss, _, cpu = run(textmill_cmd(binary, config, corpus, target, jobs), root)
        if best is None or seconds < best[0]:
            best = (seconds, rss, cpu, stats(target))
    return best


def stage_bytes(stage):
    return stage["megabytes_per_second"] * stage["seconds"] * 1e6


def rounding_error(stage):
    """The relative error of stage_bytes from the rounding of stats.json's figures."""
    return 0.0005 / max(stage["seconds"], 1e-9) + 0.005 / max(stage["megabytes_per_second"], 1e-9)


def subset(data, layout, limit):
    """The first stories of a layout, about `limit` bytes of text, in DATA/instructions-MB/LAYOUT."""
    target = os.path.join(data, f"instructions-{limit:.0f}", layout)
    stamp = target + ".done"
    if os.path.exists(stamp):
        return target
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(target)
    if layout == "jsonl":
        total = 0
        with open(os.path.join(data, "jsonl", "news.jsonl"), "rb") as src, open(os.path.join(target, "news.jsonl"), "wb") as dst:
            for line in src:
                if total >= limit:
                    break
                dst.write(line)
                total += len(line)
    else:
        total = 0
        for folder in sorted(os.listdir(os.path.join(data, "files"))):
            for name in sorted(os.listdir(os.path.join(data, "files", folder))):
                if total >= limit:
                    break
                os.makedirs(os.path.join(target, folder), exist_ok=True)
                path = os.path.join(data, "files", folder, name)
                os.link(path, os.path.join(target, folder, name))
                total += os.path.getsize(path)
    open(stamp, "w").close()
    return target


def inclusive_counts(outfile):
    """Inclusive instruction counts per function (demangled names) and the total of a callgrind run."""
    annotate = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", outfile],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout.decode(errors="replace")
    demangle = shutil.which("swift-demangle")
    cmd = [demangle, "--simplified"] if demangle else ["swift", "demangle", "--simplified"]
    text = subprocess.run(cmd, input=annotate.encode(), stdout=subprocess.PIPE, check=True).stdout.decode(errors="replace")
    total = 0
    with open(outfile, errors="replace") as f:
        for line in f:
            if line.startswith(("summary:", "totals:")):
                total = max(total, int(line.split()[1]))
    functions = []
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(.*)$", line)
        if m and ":" in m.group(2):
            functions.append((int(m.group(1).replace(",", "")), m.group(2).split(":", 1)[1]))
    return total, functions


def stage_instructions(functions, stage):
    """The inclusive count of a stage's work: `process` and `prepare` of its type (the method or
    the protocol witness that calls it, whichever is larger, as the method may be inlined)."""
    kind = stage[0].upper() + stage[1:] + "Stage"
    total = 0
    for method in ["process", "prepare"]:
        own = re.compile(rf"(^|[\s.]){kind}\.{method}\(")
        witness = re.compile(rf"protocol witness for \S*Stage\.{method}\(.* in conformance {kind}\b")
        total += max([n for n, name in functions if own.search(name) or witness.search(name)], default=0)
    return total


def portable_sha(functions):
    """Instructions in the portable SHA-256 block function (what the CPU's SHA instructions do natively)."""
    return max([n for n, name in functions if re.search(r"(^|\s)tm_sha256_blocks\b", name)], default=0)


def callgrind(binary, config, corpus, target, root):
    """Runs textmill under callgrind (--jobs 1): (total instructions, per-function counts, stats)."""
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(target)
    outfile = os.path.join(target, "callgrind.out")
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + outfile, "--dump-line=no"] + \
        textmill_cmd(binary, config, corpus, os.path.join(target, "out"), 1)
    p = subprocess.run(cmd, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.decode(errors='replace')[-3000:]}")
    total, functions = inclusive_counts(outfile)
    return total, functions, stats(os.path.join(target, "out"))


def instructions(args, out):
    limit = args.instructions_mb * 1e6
    print()
    print(f"instructions (valgrind --tool=callgrind, {args.instructions_binary}, --jobs 1), first {args.instructions_mb:g} MB of each layout:")
    for layout, label in LAYOUTS:
        corpus = subset(args.data, layout, limit)
        size = corpus_bytes(corpus)
        total, functions, st = callgrind(args.instructions_binary, args.config, corpus, os.path.join(out, f"cg-{layout}"), args.root)
        docs = st["run"]["documents"]
        # A stage's bytes are MB/s x seconds, both rounded in stats.json (to 0.01 and 0.001): from
        # this run or a native run of the same subset, whichever keeps more digits for the stage.
        _, _, _, native = best_run(args.binary, args.config, corpus, os.path.join(out, f"native-{layout}"), 1, 1, args.root)
        bytes_of = {}
        for a, b in zip(st["stages"], native["stages"]):
            bytes_of[a["stage"]] = stage_bytes(min([a, b], key=rounding_error))
        staged = 0
        print(f"  {label}: {size / 1e6:.2f} MB, {docs} documents: {total / 1e6:,.1f} M instructions, "
              f"{total / size:,.0f} a byte, {total / docs / 1e3:,.0f} k a document")
        for stage in st["stages"]:
            n = stage_instructions(functions, stage["stage"])
            staged += n
            sb = bytes_of[stage["stage"]]
            print(f"    {stage['stage']:<10} {n / 1e6:>10,.1f} M {n / max(sb, 1):>8,.0f} a stage byte {100 * n / total:>6.1f} %")
        rest = total - staged
        sha = portable_sha(functions)
        print(f"    {'the rest':<10} {rest / 1e6:>10,.1f} M {rest / size:>8,.0f} an input byte {100 * rest / total:>6.1f} %"
              f"  = {rest / docs / 1e3:,.1f} k a document, {(rest - sha) / docs / 1e3:,.1f} k without SHA-256")
        total, functions, st = callgrind(args.instructions_binary, SENTENCES_ONLY, corpus, os.path.join(out, f"cg-{layout}-sentences"), args.root)
        n = stage_instructions(functions, "sentences")
        sha = portable_sha(functions)
        print(f"    runner alone (sentences-only pipeline minus the stage): {(total - n) / docs / 1e3:,.1f} k instructions a document, "
              f"{(total - n - sha) / docs / 1e3:,.1f} k without SHA-256")
        # What every run costs whatever its size (loading, arguments, config, state folder): a run
        # of the first document alone; the rest, over the other documents, is the cost a document.
        one = subset(args.data, layout, 1)
        total1, functions1, _ = callgrind(args.instructions_binary, SENTENCES_ONLY, one, os.path.join(out, f"cg-{layout}-one"), args.root)
        fixed = total1 - stage_instructions(functions1, "sentences") - portable_sha(functions1)
        print(f"    of which a run's fixed cost (a run of one document): {fixed / 1e6:,.1f} M; "
              f"runner a document beyond it, without SHA-256: {(total - n - sha - fixed) / max(docs - 1, 1) / 1e3:,.1f} k")
    print("  (SHA-256: the source hashes, in portable code under valgrind, which does not offer the CPU's SHA instructions;\n"
          "   natively these run at about 1.5 GB/s, so the figures without it are the ones to set beside a native run)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--config", default="pipeline/default.yaml")
    ap.add_argument("--data", required=True, help="the short corpus (make_short_corpus.py's OUT_DIR)")
    ap.add_argument("--root", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--instructions", action="store_true")
    ap.add_argument("--instructions-only", action="store_true", help="skip the timed runs")
    ap.add_argument("--instructions-mb", type=float, default=3)
    ap.add_argument("--instructions-binary", help="the binary valgrind runs (a copy without debug info); default --binary")
    args = ap.parse_args()
    args.instructions_binary = args.instructions_binary or args.binary
    out = os.path.join(args.data, "out")
    if not args.instructions_only:
        timed(args, out)
    if args.instructions or args.instructions_only:
        instructions(args, out)


def timed(args, out):
    results = {}
    print(f"{'layout':<16} {'jobs':>4} {'MB':>7} {'seconds':>8} {'MB/s':>7} {'CPU s':>7} {'MB/CPU s':>9} {'peak MB':>8} {'documents':>10}")
    for layout, label in LAYOUTS:
        corpus = os.path.join(args.data, layout)
        mb = corpus_bytes(corpus) / 1e6
        for jobs in [1, 2]:
            r = best_run(args.binary, args.config, corpus, os.path.join(out, f"{layout}-j{jobs}"), jobs, args.repeat, args.root)
            results[layout, jobs] = r
            seconds, rss, cpu, st = r
            print(f"{label:<16} {jobs:>4} {mb:>7.1f} {seconds:>8.2f} {mb / seconds:>7.1f} {cpu:>7.2f} {mb / cpu:>9.1f} {rss:>8.0f} "
                  f"{st['run']['documents']:>10}")
    print()
    for layout, label in LAYOUTS:
        print(f"speed-up with --jobs 2, {label}: {results[layout, 1][0] / results[layout, 2][0]:.2f}x (target >= 1.8x)")
    print()
    for layout, label in LAYOUTS:
        corpus = os.path.join(args.data, layout)
        seconds, _, cpu, st = best_run(args.binary, SENTENCES_ONLY, corpus, os.path.join(out, f"{layout}-sentences"), 1,
                                       args.repeat, args.root)
        own = sum(s["seconds"] for s in st["stages"])
        docs = st["run"]["documents"]
        print(f"runner's own cost, {label}: {(seconds - own) / docs * 1e6:.1f} us a document "
              f"({seconds:.2f} s, CPU {cpu:.2f} s, sentences {own:.2f} s, {docs} documents; target <= 8 us)")
    print()
    print("per stage (--jobs 1): MB/s = the stage's bytes / its own seconds (stats.json; a corpus stage's hold its prepare)")
    for layout, label in LAYOUTS:
        seconds, _, _, st = results[layout, 1]
        own = sum(s["seconds"] for s in st["stages"])
        docs = st["run"]["documents"]
        cells = "  ".join(f"{s['stage']} {s['megabytes_per_second']:.0f}" for s in st["stages"])
        print(f"  {label:<16} {cells}  (stages {own:.2f} s of {seconds:.2f}; the rest {(seconds - own) / docs * 1e6:.1f} us a document)")


if __name__ == "__main__":
    main()
