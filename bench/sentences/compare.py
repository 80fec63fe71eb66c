"""Prints TextMill's sentence splitter beside pysbd 0.3.4 and sentencex: golden-rule counts on
both sets of golden_en.json and MB/s on one core over the same news corpus.

Ours is measured by `textmill-bench sentences` (golden / speed); the peers here, the same way:
every expected and produced sentence is stripped, empty pieces are dropped, and a rule passes
when the lists are equal with white-space runs collapsed to one space (the only way rules
en-ps040/041, a line break inside a sentence, can pass without rewriting the text); exact
counts are shown beside. pysbd is timed on the first 1 MB of the corpus (it runs at well under
1 MB/s), the others on all of it; each is repeated until --seconds have passed."""
import argparse
import json
import re
import subprocess
import time


def collapsed(s):
    return " ".join(s.split())


def golden(path, segment):
    rules = json.load(open(path, encoding="utf-8"))
    exact, loose, total = {}, {}, {}
    for r in rules:
        got = [s.strip() for s in segment(r["text"]) if s.strip()]
        want = [s.strip() for s in r["sentences"]]
        for st in r["sets"]:
            total[st] = total.get(st, 0) + 1
            if got == want:
                exact[st] = exact.get(st, 0) + 1
            if [collapsed(s) for s in got] == [collapsed(s) for s in want]:
                loose[st] = loose.get(st, 0) + 1
    return {st: (loose.get(st, 0), exact.get(st, 0), total[st]) for st in sorted(total)}


def speed(texts, segment, seconds, max_bytes):
    # Documents in corpus order, at most max_bytes of them, repeated until `seconds` have passed.
    chosen, size = [], 0
    for t in texts:
        if size >= max_bytes:
            break
        chosen.append(t)
        size += len(t.encode("utf-8"))
    total, passes, start = 0, 0, time.perf_counter()
    while True:
        for t in chosen:
            segment(t)
        total += size
        passes += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return total / 1e6 / elapsed, size, passes


def ours(bench, golden_path, corpus, seconds):
    out = subprocess.run([bench, "sentences", "golden", golden_path], check=True, capture_output=True, text=True).stdout
    g = {}
    for m in re.finditer(r"golden (\S+): (\d+)/(\d+) \(white space collapsed\), (\d+)/\d+ \(exact\)", out):
        g[m.group(1)] = (int(m.group(2)), int(m.group(4)), int(m.group(3)))
    out = subprocess.run([bench, "sentences", "speed", "--seconds", str(seconds), corpus],
                         check=True, capture_output=True, text=True).stdout
    m = re.search(r"([\d.]+) MB × (\d+) passes in [\d.]+ s = ([\d.]+) MB/s", out)
    return g, float(m.group(3)), float(m.group(1)) * 1e6, int(m.group(2))


def row(name, g, mbs, size, passes):
    cells = [f"{g[st][0]}/{g[st][2]} ({g[st][1]} exact)" for st in ("pysbd48", "ps52")]
    return f"{name:<16} | {cells[0]:<16} | {cells[1]:<16} | {mbs:8.2f} | {size / 1e6:.1f} MB x {passes}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--golden", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--bench", required=True, help="path of the textmill-bench executable (release)")
    ap.add_argument("--seconds", type=float, default=5.0)
    args = ap.parse_args()

    print(f"golden rules: {args.golden}")
    print(f"news corpus:  {args.corpus}")
    print(f"{'splitter':<16} | {'pySBD 48 rules':<16} | {'pragmatic 52':<16} | {'MB/s':>8} | timed on")
    print("-" * 82)
    g, mbs, size, passes = ours(args.bench, args.golden, args.corpus, args.seconds)
    print(row("textmill", g, mbs, size, passes), flush=True)

    from importlib.metadata import version

    import pysbd
    import sentencex

    pysbd_seg = pysbd.Segmenter(language="en", clean=False)
    peers = [
        ("pysbd 0.3.4", pysbd_seg.segment, 1_000_000),
        ("sentencex " + version("sentencex"), lambda t: list(sentencex.segment("en", t)), 10**12),
    ]
    texts = [json.loads(line)["text"] for line in open(args.corpus, encoding="utf-8") if line.strip()]
    for name, seg, max_bytes in peers:
        g = golden(args.golden, seg)
        mbs, size, passes = speed(texts, seg, args.seconds, max_bytes)
        print(row(name.strip(), g, mbs, size, passes), flush=True)
    print("targets: >= 47/48 and >= 49/52 (collapsed), >= 100 MB/s on one core")


if __name__ == "__main__":
    main()
