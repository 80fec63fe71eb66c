#!/usr/bin/env python3
"""Peak memory of one large document through each stage and the default pipeline (bench/memory/run).

For every shape (make_docs.py) and size, runs the release binary once per stage set with
`--jobs 1` on the one document, under /usr/bin/time -v, and prints its peak RSS beside the
README's bound (7 × the document's size + 25 MB); then `textmill explain quotes` on the same file.
A stage that needs another runs after it (quotes after sentences, sentences after normalize in
the default pipeline), so each row is that stage with what it needs.

usage: measure.py --binary PATH --data DIR [--mb 1,4,16] [--shapes news,html,...] [--only news-quotes,...]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHAPES = ["news", "html", "a-lines", "one-paragraph", "giant-quotation", "tiny-sentences", "quote-dense"]
# Each row: a name and its stages. `quotes` needs `sentences`; the others run alone.
RUNS = [
    ("cleanup", ["cleanup"]),
    ("normalize", ["normalize"]),
    ("sentences", ["sentences"]),
    ("quotes", ["sentences", "quotes"]),
    ("dedup", ["dedup"]),
    ("default", ["cleanup", "normalize", "sentences", "quotes", "dedup"]),
]
BOUND_FACTOR, BOUND_MB = 7, 25


def peak_mb(cmd, cwd):
    """Peak RSS in MB of `cmd` (its exit status, and stderr's last line when it failed)."""
    p = subprocess.run(["/usr/bin/time", "-f", "PEAK %M"] + cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    lines = p.stderr.strip().splitlines()
    kb = int(next(l for l in reversed(lines) if l.startswith("PEAK ")).split()[1])
    note = "" if p.returncode == 0 else f"exit {p.returncode}: " + next((l for l in lines if not l.startswith("PEAK")), "")
    return kb / 1024, note


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--mb", default="1,4,16")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--only", default="", help="stage rows to run (names from: " + ", ".join(n for n, _ in RUNS) + ", explain)")
    ap.add_argument("--json", help="also write the rows as JSON to this file")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    only = set(filter(None, args.only.split(",")))
    rows = []
    work = tempfile.mkdtemp(prefix="textmill-memory-")
    try:
        print(f"{'shape':<16} {'MB':>5} {'run':<10} {'peak MB':>8} {'× size':>7} {'bound MB':>9}  ok")
        for shape in args.shapes.split(","):
            for mb in args.mb.split(","):
                name = f"{shape}-{mb}." + ("html" if shape == "html" else "txt")
                path = os.path.abspath(os.path.join(args.data, name))
                size = os.path.getsize(path) / 1048576
                bound = BOUND_FACTOR * size + BOUND_MB
                runs = [(n, s) for n, s in RUNS if not only or n in only]
                if shape == "html":
                    # Only cleanup reads markup: the other stages refuse it (exit 1) at no cost.
                    runs = [(n, s) for n, s in runs if s[0] == "cleanup"]
                if not only or "explain" in only:
                    runs.append(("explain", None))
                for run, stages in runs:
                    out = os.path.join(work, "out")
                    shutil.rmtree(out, ignore_errors=True)
                    os.makedirs(out)
                    if stages is None:
                        cmd = [binary, "explain", "quotes", path]
                    else:
                        config = os.path.join(work, f"{run}.yaml")
                        with open(config, "w") as f:
                            f.write(f"input: {path}\noutput: {out}/corpus.jsonl\nstages:\n")
                            f.write("".join(f"  - {s}\n" for s in stages))
                        cmd = [binary, "run", config, "--jobs", "1", "--quiet"]
                    peak, note = peak_mb(cmd, work)
                    ok = "yes" if peak <= bound else "NO"
                    print(f"{shape:<16} {size:>5.1f} {run:<10} {peak:>8.1f} {peak / size:>7.1f} {bound:>9.1f}  {ok} {note}", flush=True)
                    rows.append({"shape": shape, "mb": round(size, 2), "run": run, "peak_mb": round(peak, 1),
                                 "bound_mb": round(bound, 1), "within": peak <= bound, "note": note})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    bad = [r for r in rows if not r["within"]]
    print(f"\n{len(rows) - len(bad)} of {len(rows)} runs within 7 × size + 25 MB")


if __name__ == "__main__":
    main()
