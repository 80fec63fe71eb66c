#!/usr/bin/env python3
"""Runs textmill on the generated corpora and prints MB/s, peak memory and the re-run time.

Called by bench/runner/run; see there for the questions it answers.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time


def run(cmd, cwd):
    """Runs a command; returns (seconds, peak RSS in MB, exit status)."""
    start = time.time()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.time() - start
    err = p.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"failed ({code}): {' '.join(cmd)}\n{err}")
    return seconds, usage.ru_maxrss / 1024, code


def corpus_mb(path):
    total = 0
    for root, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total / 1e6


def stats(out_dir):
    with open(os.path.join(out_dir, "stats.json")) as f:
        return json.load(f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--config", default="pipeline/default.yaml")
    ap.add_argument("--data", required=True)
    ap.add_argument("--root", required=True)
    args = ap.parse_args()
    root = args.root
    out = os.path.join(args.data, "out")
    rows = []

    def textmill(corpus, name, jobs, fresh=True):
        target = os.path.join(out, name)
        if fresh and os.path.exists(target):
            shutil.rmtree(target)
        cmd = [args.binary, "run", args.config, "--input", corpus, "--output", os.path.join(target, "corpus.jsonl"),
               "--jobs", str(jobs), "--quiet"]
        seconds, rss, _ = run(cmd, root)
        return seconds, rss, stats(target)

    # 1. One core, per format.
    for fmt in ["text", "html"]:
        corpus = os.path.join(args.data, f"corpus-{fmt}")
        mb = corpus_mb(corpus)
        seconds, rss, st = textmill(corpus, f"{fmt}-j1", 1)
        rows.append((f"{fmt} only, --jobs 1", mb, seconds, mb / seconds, rss, st["run"]["documents"]))
    # 2. The mixed corpus, one and two cores.
    corpus = os.path.join(args.data, "corpus-mixed")
    mb = corpus_mb(corpus)
    result = {}
    for jobs in [1, 2]:
        seconds, rss, st = textmill(corpus, f"mixed-j{jobs}", jobs)
        result[jobs] = (seconds, rss, st)
        rows.append((f"mixed, --jobs {jobs}", mb, seconds, mb / seconds, rss, st["run"]["documents"]))
    # 3. A new file lands: re-run on the same output.
    new_dir = os.path.join(corpus, "new-arrivals")
    os.makedirs(new_dir, exist_ok=True)
    new_file = os.path.join(new_dir, f"arrival-{int(time.time())}.txt")
    with open(os.path.join(root, "input", "rfe-chinese-envoy-undiplomatic.txt"), encoding="utf-8") as f:
        text = f.read()
    with open(new_file, "w", encoding="utf-8") as f:
        f.write("Update " + time.strftime("%H:%M:%S") + "\n\n" + text)
    seconds, rss, st = textmill(corpus, "mixed-j2", 2, fresh=False)
    os.remove(new_file)
    rerun = (seconds, rss, st)

    print()
    print(f"{'run':<22} {'MB':>8} {'seconds':>9} {'MB/s':>8} {'peak MB':>9} {'documents':>10}")
    for name, mb_, s, rate, rss_, docs in rows:
        print(f"{name:<22} {mb_:>8.1f} {s:>9.2f} {rate:>8.1f} {rss_:>9.0f} {docs:>10}")
    j1, j2 = result[1][0], result[2][0]
    print()
    print(f"speed-up with --jobs 2: {j1 / j2:.2f}x (target >= 1.8x)")
    print(f"re-run after one new file in {mb:.0f} MB: {rerun[0]:.2f} s, {rerun[2]['run']['files']} file processed, "
          f"peak {rerun[1]:.0f} MB (target < 5 s)")
    dedup_dirs = [d for d in os.listdir(os.path.join(out, "mixed-j2")) if "dedup" in d]
    index_bytes = 0
    for d in dedup_dirs:
        p = os.path.join(out, "mixed-j2", d)
        if os.path.isdir(p):
            for r, _, fs in os.walk(p):
                index_bytes += sum(os.path.getsize(os.path.join(r, f)) for f in fs)
        else:
            index_bytes += os.path.getsize(p)
    docs = result[2][2]["run"]["documents"]
    if index_bytes:
        print(f"dedup index on disk: {index_bytes / 1e6:.1f} MB for {docs} documents = {index_bytes / max(docs, 1):.0f} bytes a document")
    print()
    print("per stage (mixed, --jobs 1):")
    for s in result[1][2]["stages"]:
        counts = ", ".join(f"{k} {v}" for k, v in s["counts"].items())
        print(f"  {s['stage']:<10} {s['documents']:>8} docs {s['seconds']:>8.2f} s {s['megabytes_per_second']:>8.1f} MB/s  {counts}")


if __name__ == "__main__":
    main()
