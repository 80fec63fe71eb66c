"""Prints TextMill's sentence splitter beside pysbd 0.3.4 and sentencex: golden-rule counts on
both sets of golden_en.json, MB/s on one core over the same news corpus, and (with --ud DIR)
sentence-boundary precision, recall and F1 on the Universal Dependencies English dev sets
(DIR/gum_dev.jsonl, DIR/ewt_dev.jsonl) for ours, pysbd, sentencex and syntok, every system given
whole documents.

UD scoring follows DIR/../SOURCE.md: a boundary is the end of every sentence but the last,
trailing white space stripped; precision, recall and F1 over the boundary positions of all
documents of a set. Ours is shown with default options (a quotation of several sentences split
into its sentences) and with `quotations: whole` (kept in one sentence, the old default). Ours gives spans (`textmill-bench sentences spans`); a peer gives sentence
strings, each found in the text after the previous one (syntok gives token offsets).

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


def ud_documents(path):
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def boundaries(text, ends):
    """The boundary set of one document: sentence ends with trailing white space stripped,
    the end of the text (stripped) left out."""
    last = len(text.rstrip())
    out = set()
    for e in ends:
        while e > 0 and text[e - 1].isspace():
            e -= 1
        if 0 < e < last:
            out.add(e)
    return out


def ends_of_strings(text, sentences):
    """Ends of sentence strings found in order in the text; strings not found are skipped."""
    ends, cursor, lost = [], 0, 0
    for s in sentences:
        s = s.strip()
        if not s:
            continue
        k = text.find(s, cursor)
        if k < 0:
            lost += 1
            continue
        cursor = k + len(s)
        ends.append(cursor)
    return ends, lost


def syntok_ends(text):
    from syntok import segmenter

    ends = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            if sentence:
                t = sentence[-1]
                ends.append(t.offset + len(t.value))
    return ends


def score(docs, ends_per_doc):
    tp = fp = fn = 0
    for d, ends in zip(docs, ends_per_doc):
        gold = boundaries(d["text"], [e for _, e in d["sentences"]])
        got = boundaries(d["text"], ends)
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def ours_ud(bench, path, quotations=None):
    extra = ["--quotations", quotations] if quotations else []
    out = subprocess.run([bench, "sentences", "spans", *extra, path], check=True, capture_output=True, text=True).stdout
    return [[e for _, e in json.loads(line)] for line in out.splitlines()]


def show_errors(docs, ends_per_doc, limit):
    """Prints each missed (-) and spurious (+) boundary of ours with 50 characters around it."""
    shown = 0
    for d, ends in zip(docs, ends_per_doc):
        text = d["text"]
        gold = boundaries(text, [e for _, e in d["sentences"]])
        got = boundaries(text, ends)
        for sign, k in sorted([("-", k) for k in gold - got] + [("+", k) for k in got - gold], key=lambda x: x[1]):
            if shown >= limit:
                return
            print(f"{sign} {d['id']}: {text[max(0, k - 50):k]!r} | {text[k:k + 40]!r}")
            shown += 1


def ud_table(bench, ud_dir, sets, errors):
    import pysbd
    import sentencex

    seg = pysbd.Segmenter(language="en", clean=False)
    systems = [
        ("textmill", None),
        ("textmill q=whole", "whole"),
        ("syntok", syntok_ends),
        ("sentencex", lambda t: ends_of_strings(t, sentencex.segment("en", t))[0]),
        ("pysbd 0.3.4", lambda t: ends_of_strings(t, seg.segment(t))[0]),
    ]
    results = {}
    for name in sets:
        path = f"{ud_dir}/{name}_dev.jsonl"
        docs = ud_documents(path)
        for sys_name, fn in systems:
            ends = ours_ud(bench, path, fn) if fn is None or isinstance(fn, str) else [fn(d["text"]) for d in docs]
            results[(sys_name, name)] = score(docs, ends)
            if fn is None and errors:
                print(f"textmill errors on {name} (- missed, + spurious):")
                show_errors(docs, ends, errors)
    print(f"UD English dev, boundary P / R / F1 (whole documents): {ud_dir}")
    print(f"{'splitter':<16} | " + " | ".join(f"{n.upper() + ' P/R/F1':<20}" for n in sets))
    print("-" * (19 + 23 * len(sets)))
    for sys_name, _ in systems:
        cells = [" / ".join(f"{x:.3f}" for x in results[(sys_name, n)]) for n in sets]
        print(f"{sys_name:<16} | " + " | ".join(f"{c:<20}" for c in cells), flush=True)
    print("targets (issue 13): F1 >= .98 on GUM and >= .92 on EWT, ahead of every peer")


def row(name, g, mbs, size, passes):
    cells = [f"{g[st][0]}/{g[st][2]} ({g[st][1]} exact)" for st in ("pysbd48", "ps52")]
    return f"{name:<16} | {cells[0]:<16} | {cells[1]:<16} | {mbs:8.2f} | {size / 1e6:.1f} MB x {passes}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--golden", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--bench", required=True, help="path of the textmill-bench executable (release)")
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--ud", help="directory of gum_dev.jsonl and ewt_dev.jsonl (UD English dev sets)")
    ap.add_argument("--ud-only", action="store_true", help="only the UD table (no golden rules, no speed)")
    ap.add_argument("--ud-sets", default="gum,ewt", help="which UD sets, comma-separated (default gum,ewt)")
    ap.add_argument("--errors", type=int, default=0, help="print up to N of our UD boundary errors per set")
    args = ap.parse_args()

    if args.ud:
        ud_table(args.bench, args.ud, args.ud_sets.split(","), args.errors)
        if args.ud_only:
            return
        print()

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
