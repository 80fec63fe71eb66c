#!/usr/bin/env python3
"""Times `textmill run --jobs 2` and the Spark job in local[2] on the same JSONL corpora, checks
that their outputs are identical, and prints the figures side by side (see bench/spark/README.md).

usage: measure.py --textmill BIN --spark-submit BIN --config YAML CORPUS...
"""
import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def size_of(folder):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs if not f.startswith("."))


def timed(cmd, **kw):
    start = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    seconds = time.time() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:3])}… failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return seconds


def shuffle_bytes(events):
    """Bytes all tasks wrote to shuffles, from the Spark event log in the folder `events`."""
    total = 0
    logs = [os.path.join(d, f) for d, _, fs in os.walk(events) for f in fs if not f.startswith(("appstatus", "."))]
    for log in logs:
        with open(log, encoding="utf-8", errors="replace") as f:
            for line in f:
                if '"SparkListenerTaskEnd"' not in line:
                    continue
                metrics = json.loads(line).get("Task Metrics") or {}
                total += (metrics.get("Shuffle Write Metrics") or {}).get("Shuffle Bytes Written", 0)
    return total


def concatenated(folder):
    out = b""
    for name in sorted(os.listdir(folder)):
        if name.startswith("part-"):
            with open(os.path.join(folder, name), "rb") as f:
                out += f.read()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--textmill", required=True)
    ap.add_argument("--spark-submit", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--split-mb", default="16")
    ap.add_argument("corpora", nargs="+")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="bench-spark-")
    rows = []
    try:
        for corpus in a.corpora:
            mb = size_of(corpus) / 1e6
            single = os.path.join(work, "single")
            best = None
            for _ in range(2):                               # the machine is shared: best of two
                shutil.rmtree(single, ignore_errors=True)
                s = timed([a.textmill, "run", a.config, "--input", corpus, "--output", single + "/corpus.jsonl",
                           "--jobs", "2", "--quiet"])
                best = s if best is None else min(best, s)
            spark = os.path.join(work, "spark")
            shutil.rmtree(spark, ignore_errors=True)
            events = os.path.join(work, "events")
            shutil.rmtree(events, ignore_errors=True)
            os.makedirs(events)
            wall = timed([a.spark_submit, "--master", "local[2]", "--driver-memory", "3g",
                          "--conf", "spark.ui.enabled=false", "--conf", "spark.eventLog.enabled=true",
                          "--conf", "spark.eventLog.compress=false", "--conf", f"spark.eventLog.dir=file://{events}",
                          os.path.join(ROOT, "contrib", "spark", "textmill_spark.py"), a.config,
                          "--input", corpus, "--output", spark, "--textmill", a.textmill, "--split-mb", a.split_mb])
            with open(os.path.join(spark, "stats.json")) as f:
                stats = json.load(f)
            # Side files carry their output's name: corpus.duplicates.jsonl, corpus.errors.jsonl.
            files = {"corpus": "corpus.jsonl", "duplicates": "corpus.duplicates.jsonl", "errors": "corpus.errors.jsonl"}
            same = all(concatenated(os.path.join(spark, k)) == open(os.path.join(single, name), "rb").read()
                       for k, name in files.items())
            stats["shuffle_bytes"] = shuffle_bytes(events)
            rows.append((corpus, mb, stats["records"], best, wall, stats, same))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (shared: compare ratios)")
    print(f"config: {a.config}\n")
    print(f"{'corpus':<34} {'MB':>6} {'records':>8} | {'textmill --jobs 2':>18} | {'Spark local[2]':>18} | {'ratio':>5} | identical")
    for corpus, mb, records, single, wall, stats, same in rows:
        print(f"{os.path.relpath(corpus, ROOT):<34} {mb:6.1f} {records:8d} | {single:6.1f} s {mb / single:6.1f} MB/s | "
              f"{wall:6.1f} s {mb / wall:6.1f} MB/s | {wall / single:5.1f} | {'yes' if same else 'NO'}")
    print("\nPer-core efficiency (Spark's MB/s a core over textmill's; both on the same 2 cores) and shuffle "
          "bytes written per input byte (target: efficiency >= 0.5, shuffle <= 0.2):")
    for corpus, mb, records, single, wall, stats, same in rows:
        print(f"  {os.path.relpath(corpus, ROOT)}: efficiency {single / wall:.2f}, shuffle "
              f"{stats['shuffle_bytes'] / 1e6:.1f} MB = {stats['shuffle_bytes'] / (mb * 1e6):.2f} of the input")
    print("\nWhere the Spark job's time goes (seconds; the rest of the wall time is JVM and Python start-up):")
    for corpus, mb, records, single, wall, stats, same in rows:
        sec = stats["seconds"]
        dedup = sum(v for k, v in sec.items() if k not in ("map side", "write", "total"))
        print(f"  {os.path.relpath(corpus, ROOT)}: start-up {wall - sec['total']:.1f}, map side (textmill in "
              f"{stats['partitions']} partitions) {sec['map side']:.1f}, dedup {dedup:.1f} ({stats['rounds']} rounds, "
              f"{stats['local_rounds']} in one task; {stats['verified_pairs']} pairs verified), write {sec['write']:.1f}")
    if len(rows) >= 2:
        (_, m1, _, t1, w1, _, _), (_, m2, _, t2, w2, _, _) = rows[0], rows[-1]
        per_mb_spark = (w2 - w1) / (m2 - m1)
        fixed = w1 - per_mb_spark * m1
        per_mb_single = (t2 - t1) / (m2 - m1)
        print(f"\nfitted on the two corpora: Spark local[2] {fixed:.1f} s fixed + {per_mb_spark * 1000:.0f} s/GB "
              f"({1 / per_mb_spark:.1f} MB/s marginal); textmill --jobs 2 {per_mb_single * 1000:.0f} s/GB "
              f"({1 / per_mb_single:.1f} MB/s)")
        for cores in (8, 32, 128):
            spark_gb = fixed + per_mb_spark * 1000 * 2 / cores
            print(f"  a 1 GB corpus with {cores} Spark cores (same per-core speed, no extra shuffle cost): ~{spark_gb:.0f} s "
                  f"vs {per_mb_single * 1000:.0f} s for textmill on these 2 cores")


if __name__ == "__main__":
    main()
