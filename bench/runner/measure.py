#!/usr/bin/env python3
"""Runs textmill on the generated corpora and prints MB/s, peak memory and the re-run time; with
--peer, also runs the datatrove peer (peer_datatrove.py, in the given Python) and textmill on the
same first --peer-mb MB of the mixed corpus and prints both side by side.

Called by bench/runner/run; see there for the questions it answers.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# One line a stage: what our side does, for the comparison with the peer.
STAGE_WORK = {
    "cleanup": "the article of HTML pages (own extractor on libxml2), page residue removed, meta filled",
    "normalize": "NFC, white space, hard-wrapped lines joined",
    "sentences": "sentence spans (rule-based, abbreviation lexicon)",
    "quotes": "quotations with speaker attribution",
    "dedup": "exact and near-duplicate removal (MinHash LSH, exact Jaccard check), boilerplate paragraphs",
}


def run(cmd, cwd):
    """Runs a command; returns (seconds, peak RSS in MB, exit status, CPU seconds: user + system)."""
    start = time.time()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.time() - start
    err = p.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"failed ({code}): {' '.join(cmd)}\n{err}")
    return seconds, usage.ru_maxrss / 1024, code, usage.ru_utime + usage.ru_stime


def warm(path):
    """Reads every file of a corpus once, so a timed run measures processing, not the disk (the
    machine's page cache holds the corpora, but other runs' outputs can push them out)."""
    for root, _, files in os.walk(path):
        for f in files:
            with open(os.path.join(root, f), "rb") as fh:
                while fh.read(1 << 20):
                    pass


def corpus_mb(path):
    total = 0
    for root, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total / 1e6


def stats(out_dir):
    # The run writes out_dir/corpus.jsonl; its figures are beside it as corpus.stats.json.
    with open(os.path.join(out_dir, "corpus.stats.json")) as f:
        return json.load(f)


def serial(path):
    """The generator's serial number in a corpus file name (its place in the corpus), else 0."""
    digits = re.findall(r"\d+", os.path.basename(path))
    return int(digits[-1]) if digits else 0


def peer_subset(corpus, data, limit_mb):
    """The first limit_mb MB (MiB, as make_corpus.py --mb) of the corpus in generation order (the
    three formats as mixed as in the whole), hard-linked into DATA/peer-subset-<MB>; the corpus
    itself when limit_mb is 0 or the corpus is not larger."""
    files = []
    for root, _, names in os.walk(corpus):
        for name in names:
            if name.endswith((".txt", ".html", ".jsonl")):
                files.append(os.path.relpath(os.path.join(root, name), corpus))
    files.sort(key=lambda rel: (serial(rel), rel))
    chosen, total = [], 0
    for rel in files:
        if limit_mb and total >= limit_mb * 1024 * 1024:
            break
        chosen.append(rel)
        total += os.path.getsize(os.path.join(corpus, rel))
    if len(chosen) == len(files):
        return corpus, False
    subset = os.path.join(data, f"peer-subset-{limit_mb:g}")
    stamp = os.path.join(data, f"peer-subset-{limit_mb:g}.done")
    key = f"{len(chosen)} {total} {chosen[-1]}"
    if not (os.path.exists(stamp) and open(stamp).read() == key):
        shutil.rmtree(subset, ignore_errors=True)
        for rel in chosen:
            os.makedirs(os.path.dirname(os.path.join(subset, rel)), exist_ok=True)
            try:
                os.link(os.path.join(corpus, rel), os.path.join(subset, rel))
            except OSError:
                shutil.copyfile(os.path.join(corpus, rel), os.path.join(subset, rel))
        with open(stamp, "w") as f:
            f.write(key)
    return subset, True


def run_peer(python, corpus, work, tasks, sentences):
    """Runs peer_datatrove.py; returns its figures (a dict)."""
    cmd = [python, os.path.join(HERE, "peer_datatrove.py"), "--input", corpus, "--work", work,
           "--tasks", str(tasks), "--sentences", sentences]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit(f"peer failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.decode(errors='replace')[-3000:]}")
    return json.loads(p.stdout.decode().strip().splitlines()[-1])


def say(text):
    """Prints a long line of prose wrapped at 100 columns."""
    print(textwrap.fill(text, width=100, subsequent_indent="  ", break_on_hyphens=False))


def step_name(name):
    """A datatrove step name without its leading emoji."""
    return re.sub(r"^\W+", "", name)


def print_comparison(corpus_name, mb, ours, peers, stage_names, sentences):
    """Our rows beside datatrove's, the ratios, and what each side does."""
    print()
    print(f"beside the peer, on the same {mb:.1f} MB: {corpus_name}")
    print(f"{'run':<19} {'seconds':>8} {'MB/s':>7} {'CPU s':>7} {'MB/CPU s':>9} {'peak MB':>8} {'docs in':>8} "
          f"{'docs out':>9} {'dups removed':>13} {'dropped':>8} {'sentences':>10}")
    for jobs in sorted(ours):
        s, rss, st, cpu = ours[jobs]
        run = st["run"]
        sent = sum(stage["counts"].get("sentences", 0) for stage in st["stages"])
        print(f"{'textmill --jobs ' + str(jobs):<19} {s:>8.2f} {mb / s:>7.2f} {cpu:>7.2f} {mb / cpu:>9.2f} {rss:>8.0f} "
              f"{run['documents']:>8} {run['written']:>9} {run['duplicates']:>13} {run['failed']:>8} {sent:>10}")
        p = peers[jobs]
        print(f"{'datatrove ' + str(jobs) + (' task' if jobs == 1 else ' tasks'):<19} {p['seconds']:>8.2f} "
              f"{p['megabytes_per_second']:>7.2f} {p['cpu_seconds']:>7.2f} {mb / p['cpu_seconds']:>9.2f} "
              f"{p['peak_megabytes']:>8.0f} {p['documents']:>8} {p['written']:>9} {p['duplicates']:>13} "
              f"{p['documents'] - p['extracted']:>8} {p['sentences']:>10}")
    ratios = ", ".join(f"{(mb / ours[j][0]) / peers[j]['megabytes_per_second']:.1f}x with {j} "
                       f"{'core' if j == 1 else 'cores'}" for j in sorted(ours))
    print(f"textmill over datatrove: MB/s {ratios}; MB per CPU second {peers[1]['cpu_seconds'] / ours[1][3]:.1f}x (1 job/task)")
    p = peers[1]
    v = p["versions"]
    steps = ", ".join(f"{step_name(name)} {sec:.1f}" for name, sec in p["steps"])
    passes = ", ".join(f"{name} {sec:.1f}" for name, sec in p["passes"].items())
    say(f"datatrove, 1 task, seconds per pass: {passes}; per step of the extract pass: {steps}")
    rest = sum(sec for name, sec in p["steps"] if "MinHash" not in name)
    say(f"datatrove without its MinHash dedup (the other steps' own seconds, 1 task, start-up excluded): "
          f"{rest:.1f} s = {mb / rest:.2f} MB/s, to set beside a textmill config without dedup")
    ours_work = "; ".join(f"{n}: {STAGE_WORK.get(n, n)}" for n in stage_names)
    say(f"what textmill does (the config's stages): {ours_work}."
          + ("" if "dedup" in stage_names else " No dedup stage in this config: duplicates are kept on our side."))
    mh = p["minhash"]
    sentence_step = {"spacy": f"sentence spans from spaCy {v.get('spacy', '')}'s rule-based sentencizer (a step we added; datatrove has none)",
                     "pysbd": f"sentence spans from pySBD {v.get('pysbd', '')} (a step we added; datatrove has none)",
                     "none": "no sentence step"}[sentences]
    say(f"what datatrove {v.get('datatrove', '')} does: reads the same files (a small reader step: .txt and .html one "
          f"document a file, .jsonl one a line); Trafilatura {v.get('trafilatura', '')} on the HTML pages (datatrove's "
          f"extractor, favour_precision, a {p['timeout']:g} s timeout a page); FTFY {v.get('ftfy', '')} (encoding fixes, NFC); {sentence_step}; MinHash "
          f"dedup ({mh['n_grams']}-word shingles, {mh['num_buckets']} buckets x {mh['hashes_per_bucket']} hashes, no "
          f"exact check) in four passes over intermediate JSONL; JSONL out. No quote attribution, no boilerplate-"
          f"paragraph removal, no hard-wrap joining.")
    say("peak MB: textmill is one process (its maximum RSS); datatrove is the sum of RSS over its process tree "
          "(driver, worker pool, extractor sandboxes), sampled every 50 ms. CPU s: user + system seconds (textmill: "
          "wait4; datatrove: summed over its process tree as sampled). dropped: documents that failed or came out "
          "empty (textmill: errors.jsonl; datatrove: Trafilatura empty, timed out or failed).")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--config", default="pipeline/default.yaml")
    ap.add_argument("--data", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--peer", help="the Python of the peer's virtualenv; without it the peer is skipped")
    ap.add_argument("--peer-mb", type=float, default=50,
                    help="MB (MiB) of the mixed corpus both tools get for the comparison; 0: all of it")
    ap.add_argument("--peer-sentences", choices=["spacy", "pysbd", "none"], default="spacy")
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
        warm(corpus)
        seconds, rss, _, cpu = run(cmd, root)
        return seconds, rss, stats(target), cpu

    # 1. One core, per format.
    for fmt in ["text", "html"]:
        corpus = os.path.join(args.data, f"corpus-{fmt}")
        mb = corpus_mb(corpus)
        seconds, rss, st, cpu = textmill(corpus, f"{fmt}-j1", 1)
        rows.append((f"{fmt} only, --jobs 1", mb, seconds, mb / seconds, cpu, rss, st["run"]["documents"]))
    # 2. The mixed corpus, one and two cores.
    corpus = os.path.join(args.data, "corpus-mixed")
    mb = corpus_mb(corpus)
    result = {}
    for jobs in [1, 2]:
        seconds, rss, st, cpu = textmill(corpus, f"mixed-j{jobs}", jobs)
        result[jobs] = (seconds, rss, st, cpu)
        rows.append((f"mixed, --jobs {jobs}", mb, seconds, mb / seconds, cpu, rss, st["run"]["documents"]))
    # 3. A new file lands: re-run on the same output.
    new_dir = os.path.join(corpus, "new-arrivals")
    os.makedirs(new_dir, exist_ok=True)
    new_file = os.path.join(new_dir, f"arrival-{int(time.time())}.txt")
    with open(os.path.join(root, "input", "rfe-chinese-envoy-undiplomatic.txt"), encoding="utf-8") as f:
        text = f.read()
    with open(new_file, "w", encoding="utf-8") as f:
        f.write("Update " + time.strftime("%H:%M:%S") + "\n\n" + text)
    seconds, rss, st, _ = textmill(corpus, "mixed-j2", 2, fresh=False)
    os.remove(new_file)
    rerun = (seconds, rss, st)

    print()
    print(f"{'run':<22} {'MB':>8} {'seconds':>9} {'MB/s':>8} {'CPU s':>8} {'MB/CPU s':>9} {'peak MB':>9} {'documents':>10}")
    for name, mb_, s, rate, cpu_, rss_, docs in rows:
        print(f"{name:<22} {mb_:>8.1f} {s:>9.2f} {rate:>8.1f} {cpu_:>8.2f} {mb_ / max(cpu_, 1e-9):>9.1f} {rss_:>9.0f} {docs:>10}")
    j1, j2 = result[1][0], result[2][0]
    print()
    print(f"speed-up with --jobs 2: {j1 / j2:.2f}x (target >= 1.8x)")
    print(f"re-run after one new file in {mb:.0f} MB: {rerun[0]:.2f} s, {rerun[2]['run']['files']} file processed, "
          f"peak {rerun[1]:.0f} MB (target < 5 s)")
    # The dedup stage reports its index's memory in the stats; records.bin, in the dedup folder
    # inside the output's state folder, is what verification reads by offset from disk.
    docs = result[2][2]["run"]["documents"]
    folder = os.path.join(out, "mixed-j2", ".corpus.textmill", "dedup")
    if os.path.isdir(folder):
        counts = next((s["counts"] for s in result[2][2]["stages"] if s["stage"] == "dedup"), {})
        index_bytes = counts.get("index_memory_bytes", 0)
        records = os.path.join(folder, "records.bin")
        records_bytes = os.path.getsize(records) if os.path.exists(records) else 0
        print(f"dedup index in memory (its stats): {index_bytes / 1e6:.1f} MB for {docs} documents = "
              f"{index_bytes / max(docs, 1):.0f} bytes a document; records for verification (on disk, read by offset): "
              f"{records_bytes / 1e6:.1f} MB = {records_bytes / max(docs, 1):.0f} bytes a document")
        print(f"peak memory without the index: {result[2][1] - index_bytes / 1048576:.0f} MB with --jobs 2, "
              f"{result[1][1] - index_bytes / 1048576:.0f} MB with --jobs 1 (target <= 300 MB)")
    print()
    print("per stage (mixed, --jobs 1):")
    for s in result[1][2]["stages"]:
        counts = ", ".join(f"{k} {v}" for k, v in s["counts"].items())
        print(f"  {s['stage']:<10} {s['documents']:>8} docs {s['seconds']:>8.2f} s {s['megabytes_per_second']:>8.1f} MB/s  {counts}")

    # 4. The peer: datatrove and textmill on the same data (the first --peer-mb MB of the mixed corpus).
    if not args.peer:
        return
    subset, partial = peer_subset(corpus, args.data, args.peer_mb)
    subset_mb = corpus_mb(subset)
    if partial:
        ours = {jobs: textmill(subset, f"peer-subset-j{jobs}", jobs) for jobs in [1, 2]}
        name = f"the first {args.peer_mb:g} MiB of corpus-mixed ({mb:.0f} MB) in generation order, {subset}"
    else:
        ours = {jobs: result[jobs] for jobs in [1, 2]}
        name = f"all of corpus-mixed, {corpus}"
    peers = {jobs: run_peer(args.peer, subset, os.path.join(out, f"datatrove-j{jobs}"), jobs, args.peer_sentences)
             for jobs in [1, 2]}
    stage_names = [s["stage"] for s in ours[1][2]["stages"]]
    print_comparison(name, subset_mb, ours, peers, stage_names, args.peer_sentences)


if __name__ == "__main__":
    main()
