#!/usr/bin/env python3
"""Scores TextMill's dedup and datasketch's MinHashLSH on the same near-duplicate set.

usage: evaluate.py DATA_DIR OURS_DIR [OURS_DIR...] [--seconds S] [--no-peers]

DATA_DIR holds set.jsonl and pairs.tsv (from make_set.py); each OURS_DIR holds ours-pairs.tsv,
ours-docs.tsv and ours.json (what `textmill-bench dedup` wrote and printed) for one setting.

Pair precision/recall: a predicted pair is right when its true Jaccard (word 5-shingles) is at
least 0.8; recall is over all true pairs at 0.8 or more.
Document level: the truth walks the documents in order and drops a document when it has true
Jaccard >= 0.8 with an earlier document that was kept (a kept-set greedy, the same rule both
tools apply). Precision/recall of the set of dropped documents.
"""
import json
import re
import sys
import time
import tracemalloc
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_set import shingles  # noqa: E402  (one definition of the truth)

def load(data_dir):
    docs = [json.loads(l) for l in open(data_dir + "/set.jsonl", encoding="utf-8")]
    truth = {}
    for line in open(data_dir + "/pairs.tsv", encoding="utf-8"):
        a, b, j = line.rstrip("\n").split("\t")
        truth[frozenset((a, b))] = float(j)
    return docs, truth


def pair_scores(pred, truth):
    true_pairs = {p for p, j in truth.items() if j >= 0.8}
    pred = {frozenset(p) for p in pred if len(set(p)) == 2}
    tp = len(pred & true_pairs)
    return (tp / len(pred) if pred else 1.0), (tp / len(true_pairs) if true_pairs else 1.0), len(pred), len(true_pairs)


def doc_truth(docs, truth):
    near = {}
    for p, j in truth.items():
        if j >= 0.8:
            a, b = tuple(p)
            near.setdefault(a, set()).add(b)
            near.setdefault(b, set()).add(a)
    kept, dropped = set(), set()
    for d in docs:
        if near.get(d["id"], set()) & kept:
            dropped.add(d["id"])
        else:
            kept.add(d["id"])
    return dropped


def doc_scores(pred, true):
    tp = len(pred & true)
    return (tp / len(pred) if pred else 1.0), (tp / len(true) if true else 1.0), len(pred)


def run_datasketch(docs, truth, threshold=0.8, num_perm=128, seconds=3.0):
    from datasketch import MinHash, MinHashLSH
    size = sum(len(d["text"].encode()) for d in docs)

    def signature(text):
        m = MinHash(num_perm=num_perm)
        m.update_batch([s.encode() for s in shingles(text)])
        return m

    # Speed: shingling + MinHash + LSH insert/query, one thread, CPU time, repeated for `seconds`.
    passes, elapsed = 0, 0.0
    while elapsed < seconds or passes == 0:
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        t0 = time.process_time()
        for d in docs:
            m = signature(d["text"])
            if not lsh.query(m):
                lsh.insert(d["id"], m)
        elapsed += time.process_time() - t0
        passes += 1
    mbps = size * passes / 1e6 / elapsed

    # Pairs: every document against all earlier ones; documents: kept-set greedy.
    sigs = [signature(d["text"]) for d in docs]
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    lsh_all = MinHashLSH(threshold=threshold, num_perm=num_perm)
    pairs = []
    for d, m in zip(docs, sigs):
        pairs += [(c, d["id"]) for c in lsh_all.query(m)]
        lsh_all.insert(d["id"], m)
    mem = (tracemalloc.get_traced_memory()[0] - base) / len(docs)
    tracemalloc.stop()
    lsh_kept = MinHashLSH(threshold=threshold, num_perm=num_perm)
    dropped = set()
    checked_dropped = set()
    for d, m in zip(docs, sigs):
        cands = lsh_kept.query(m)
        if cands:
            dropped.add(d["id"])
        if any(truth.get(frozenset((c, d["id"])), 0) >= threshold for c in cands):
            checked_dropped.add(d["id"])
        if not cands:
            lsh_kept.insert(d["id"], m)
    checked_pairs = [p for p in pairs if truth.get(frozenset(p), 0) >= threshold]
    return mbps, mem, pairs, checked_pairs, dropped


def main():
    args = sys.argv[1:]
    seconds = 3.0
    if "--seconds" in args:
        i = args.index("--seconds"); seconds = float(args[i + 1]); del args[i:i + 2]
    peers = "--no-peers" not in args
    args = [a for a in args if a != "--no-peers"]
    data_dir, ours_dirs = args[0], args[1:]
    docs, truth = load(data_dir)
    size_mb = sum(len(d["text"].encode()) for d in docs) / 1e6
    true_dropped = doc_truth(docs, truth)
    ntrue = sum(1 for j in truth.values() if j >= 0.8)
    rows, notes = {}, []
    for ours_dir in ours_dirs:
        ours = json.loads(open(ours_dir + "/ours.json").read())
        our_pairs = [tuple(l.split("\t")[:2]) for l in open(ours_dir + "/ours-pairs.tsv", encoding="utf-8")]
        our_docs = [l.rstrip("\n").split("\t") for l in open(ours_dir + "/ours-docs.tsv", encoding="utf-8")]
        our_dropped = {r[0] for r in our_docs if r[1] == "1"}
        wrong_of = sum(1 for r in our_docs if r[1] == "1" and truth.get(frozenset((r[0], r[2])), 0) < 0.8)
        pp, pr, npred, _ = pair_scores(our_pairs, truth)
        dp, dr, ndrop = doc_scores(our_dropped, true_dropped)
        name = "TextMill dedup (" + ours["settings"] + ")"
        rows[name] = (pp, pr, dp, dr, ours["mb_per_s"], ours["memory_bytes_per_doc"])
        notes.append("%s: %d pairs predicted, %d documents dropped (%d with an 'of' below 0.8), wall-clock %.1f MB/s, "
                     "record store on disk %.0f B/doc" % (name, npred, ndrop, wrong_of, ours["wall_mb_per_s"],
                                                          ours["record_bytes_per_doc"]))

    if peers:
        mbps, mem, ds_pairs, ds_checked, ds_dropped = run_datasketch(docs, truth, seconds=seconds)
        pp2, pr2, _, _ = pair_scores(ds_pairs, truth)
        dp2, dr2, _ = doc_scores(ds_dropped, true_dropped)
        rows["datasketch 2.0 MinHashLSH (128 perms, threshold 0.8)"] = (pp2, pr2, dp2, dr2, mbps, mem)
        pp3, pr3, _, _ = pair_scores(ds_checked, truth)
        rows["  same + exact Jaccard check of candidates (pairs)"] = (pp3, pr3, None, None, None, None)

    print("data: %s/set.jsonl: %d documents, %.1f MB, %d true pairs at Jaccard >= 0.8 (word 5-shingles), "
          "%d documents to drop" % (data_dir, len(docs), size_mb, ntrue, len(true_dropped)))
    print("%-62s %8s %8s %8s %8s %9s %10s" % ("tool", "pair P", "pair R", "doc P", "doc R", "MB/s", "index B/doc"))
    fmt = lambda v, f: (f % v) if v is not None else "-"
    for name, (a, b, c, d, e, f) in rows.items():
        print("%-62s %8s %8s %8s %8s %9s %10s" % (name, fmt(a, "%.4f"), fmt(b, "%.4f"), fmt(c, "%.4f"), fmt(d, "%.4f"),
                                                fmt(e, "%.1f"), fmt(f, "%.0f")))
    for n in notes:
        print(n)
    print("targets: pair P >= 0.99, pair R >= 0.98, doc P >= 0.97, >= 40 MB/s on one core, <= 300 B of index a document")
    print("MB/s = bytes over CPU time of the one thread (the machine is shared); index B/doc = memory of the index")


if __name__ == "__main__":
    main()
