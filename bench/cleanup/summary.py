#!/usr/bin/env python3
"""Prints one table of every system's F1 (and precision) per set and the macro average over sets.

usage: summary.py DATA_DIR SET... [--split]
Reads DATA_DIR/SET/ground-truth.json and every DATA_DIR/SET/out/SYSTEM.json, scores them with
score.py's metric, and prints one row a system: F1 per set, macro F1 (the plain mean over the
sets), then macro precision and recall. A system missing from a set is left blank and gets no
macro figure. `--split` also prints F1 on the two halves of a fixed split of every set (pages
whose id's SHA-256 starts with 0-7, and 8-f): a rule tuned to one half's pages shows as a gap.
"""
import hashlib, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import score  # noqa: E402

ORDER = ["textmill", "textmill-site", "textmill-full", "readability-lxml", "trafilatura-precision", "trafilatura-default", "resiliparse"]


def half(page_id):
    """0 or 1: the fixed half of the split a page belongs to (by the SHA-256 of its id)."""
    return 0 if hashlib.sha256(page_id.encode()).hexdigest()[0] < "8" else 1


def main():
    args = sys.argv[1:]
    split = "--split" in args
    args = [a for a in args if a != "--split"]
    data, sets = args[0], args[1:]
    results = {}  # system -> set -> (p, r, f)
    halves = {}  # system -> half -> set -> f
    for s in sets:
        truth = json.load(open(os.path.join(data, s, "ground-truth.json")))
        out_dir = os.path.join(data, s, "out")
        for name in sorted(os.listdir(out_dir)):
            if not name.endswith(".json") or name == "peers-speed.json":
                continue
            pred = json.load(open(os.path.join(out_dir, name)))
            p, r, f, _, _ = score(truth, pred, sorted(truth))
            results.setdefault(name[:-5], {})[s] = (p, r, f)
            if split:
                for h in (0, 1):
                    ids = sorted(k for k in truth if half(k) == h)
                    halves.setdefault(name[:-5], {}).setdefault(h, {})[s] = score(truth, pred, ids)[2]
    systems = sorted(results, key=lambda x: (ORDER.index(x) if x in ORDER else len(ORDER), x))
    width = max(10, max(len(s) for s in sets))
    print(f"{'system':<24}" + "".join(f"{s:>{width + 1}}" for s in sets) + "   macro F1   macro P   macro R")
    for system in systems:
        row = results[system]
        cells = "".join(f"{row[s][2]:>{width + 1}.3f}" if s in row else " " * (width + 1) for s in sets)
        if all(s in row for s in sets):
            mp, mr, mf = (sum(row[s][i] for s in sets) / len(sets) for i in range(3))
            tail = f"   {mf:8.3f}   {mp:7.3f}   {mr:7.3f}"
        else:
            tail = ""
        print(f"{system:<24}{cells}{tail}")
    # Speeds (MB/s of HTML on one thread): textmill's from this run, the peers' from the run
    # that measured them (kept in out/peers-speed.json).
    speeds = {}
    for s in sets:
        for name in ("textmill-speed.json", os.path.join("out", "peers-speed.json")):
            path = os.path.join(data, s, name)
            if os.path.isfile(path) and os.path.getsize(path) > 0:
                for system, v in json.load(open(path)).items():
                    speeds.setdefault(system, {})[s] = v
    if speeds:
        print(f"{'MB/s, one thread':<24}" + "".join(f"{s:>{width + 1}}" for s in sets) + "   × trafilatura default (mean over sets)")
        base = speeds.get("trafilatura-default", {})
        for system in systems:
            row = speeds.get(system)
            if not row:
                continue
            cells = "".join(f"{row[s]:>{width + 1}.1f}" if s in row else " " * (width + 1) for s in sets)
            ratios = [row[s] / base[s] for s in sets if s in row and base.get(s)]
            tail = f"   {sum(ratios) / len(ratios):8.1f}×" if ratios and len(ratios) == len(sets) else ""
            print(f"{'  ' + system:<24}{cells}{tail}")
    print(f"{'precision':<24}")
    for system in systems:
        row = results[system]
        print(f"{'  ' + system:<24}" + "".join(f"{row[s][0]:>{width + 1}.3f}" if s in row else " " * (width + 1) for s in sets))
    if split:
        print(f"{'F1 by half (sha256 of id)':<32}" + "".join(f"{s:>{width + 1}}" for s in sets) + "   macro F1")
        for system in systems:
            for h, label in ((0, "0-7"), (1, "8-f")):
                row = halves[system][h]
                cells = "".join(f"{row[s]:>{width + 1}.3f}" if s in row else " " * (width + 1) for s in sets)
                tail = f"   {sum(row[s] for s in sets) / len(sets):8.3f}" if all(s in row for s in sets) else ""
                print(f"{'  ' + system + ' ' + label:<32}{cells}{tail}")


if __name__ == "__main__":
    main()
