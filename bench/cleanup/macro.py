#!/usr/bin/env python3
"""Four-place F1 per wceb set and the macro average, from the outputs `bench/cleanup/run --set all`
left in each set's `out/` folder (the same `score()` as the run's tables, which round to three).

usage: python3 bench/cleanup/macro.py [OUTPUT_NAME] [--data DIR]
OUTPUT_NAME is the file in DIR/SET/out/ to score (default textmill.json; textmill-site.json for
the site-template run); DIR defaults to bench/cleanup/.data. Halves split pages by the first hex
digit of the SHA-256 of the page id (0-7 and 8-f), as the run's "F1 by half" table does.
"""
import hashlib, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import score  # noqa: E402

SETS = ["l3s-gn1", "dragnet", "readability", "cleaneval", "cleanportaleval"]


def main():
    args = sys.argv[1:]
    data = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".data")
    if "--data" in args:
        i = args.index("--data")
        data = args[i + 1]
        del args[i:i + 2]
    name = args[0] if args else "textmill.json"
    f1s, ps, halves = [], [], ([], [])
    for s in SETS:
        folder = os.path.join(data, s)
        gold = json.load(open(os.path.join(folder, "ground-truth.json")))
        pred = json.load(open(os.path.join(folder, "out", name)))
        ids = sorted(gold)
        p, r, f, _, _ = score(gold, pred, ids)
        first = [k for k in ids if hashlib.sha256(k.encode()).hexdigest()[0] in "01234567"]
        second = [k for k in ids if k not in set(first)]
        h = (score(gold, pred, first)[2], score(gold, pred, second)[2])
        f1s.append(f); ps.append(p); halves[0].append(h[0]); halves[1].append(h[1])
        print("%-16s P %.4f R %.4f F1 %.4f halves %.4f / %.4f" % (s, p, r, f, h[0], h[1]))
    n = len(SETS)
    print("macro F1 %.4f P %.4f halves %.4f / %.4f" % (sum(f1s) / n, sum(ps) / n, sum(halves[0]) / n, sum(halves[1]) / n))


if __name__ == "__main__":
    main()
