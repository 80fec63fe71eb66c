#!/usr/bin/env python3
"""Where the F1 points go, by kind of loss: which blocks the missed gold text and the extra
output text sit in, and why `cleanup` dropped or kept them.

usage: losses.py TEXTMILL_BENCH DATA_DIR SET... [--worst N] [--pages]
Reads DATA_DIR/SET/ground-truth.json, out/textmill.json (the article output) and
out/textmill-full.json (every block, `mode: full`), both written by `bench/cleanup/run`; runs
`TEXTMILL_BENCH cleanup --explain` on each page scored (the N worst pages by F1, default all) and
lines its blocks up with the `mode: full` paragraphs. Each gold word 4-gram missing from the
output is charged to the block that holds it (by the reason the block was dropped), each output
4-gram not in the gold to the kept block it came from; a page's recall lost (1 - R) and
precision lost (1 - P) are split over its kinds in proportion, and turned into points of the
set's F1 (the share of the page in the set's mean, times dF1/dR or dF1/dP at the set's P and R).
Prints per set and over the sets (macro) the F1 points each kind costs, with the pages that
lose most to it; `--pages` also prints each page's three largest kinds.
"""
import collections, json, os, re, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import TOKEN, score, shingles  # noqa: E402

LINE = re.compile(r"^([+-]) \[(\w+) #(-?\d+) hint (-?\d+) (\w+) (-?\d+)\] (.*)$", re.S)


def explain(binary, page):
    """The page's blocks as `--explain` prints them: kept, kind, hint, class, reason, snippet."""
    out = subprocess.run([binary, "cleanup", "--explain", page], capture_output=True).stdout.decode("utf-8", "replace")
    blocks = []
    for line in out.split("\n"):
        m = LINE.match(line)
        if not m:
            continue
        rest, reason = m[7], ""
        if m[1] == "-":
            i = rest.find(": ")
            reason, rest = rest[:i], rest[i + 2:]
        blocks.append(dict(kept=m[1] == "+", kind=m[2], hint=int(m[4]), cls=m[5], reason=reason,
                           snippet=rest.replace("\ufffd", ""), text=rest))
    return blocks


def align(blocks, full):
    """Gives each block its whole text from the `mode: full` output (cells of a row are joined
    there by " | "); a block that cannot be lined up keeps its snippet."""
    paragraphs = full.split("\n\n") if full else []
    j, cells = 0, []
    for b in blocks:
        if cells:
            b["text"] = cells.pop(0)
            continue
        head = b["snippet"][:30]
        for jj in range(j, min(j + 6, len(paragraphs))):
            p = paragraphs[jj]
            if p.startswith(head) or (head and head in p[:80]):
                if b["kind"] == "cell" and " | " in p:
                    parts = p.split(" | ")
                    b["text"], cells = parts[0], parts[1:]
                else:
                    b["text"] = p
                j = jj + 1
                break


def grams(text):
    tokens = TOKEN.findall(text)
    return [" ".join(tokens[i:i + 4]) for i in range(max(1, len(tokens) - 3))] if tokens else []


def recall_kind(blocks, i):
    b = blocks[i]
    first = next((j for j, x in enumerate(blocks) if x["kept"]), None)
    if b["reason"] == "outside the container":
        if first is not None and i < first:
            return "R header: the headline, outside the container" if b["kind"] == "heading" else "R header: lines before the container (byline, dateline, standfirst)"
        return "R text outside the container, after its start"
    if b["reason"] == "the title":
        return "R header: the title, dropped inside the container"
    if b["reason"] == "links or boilerplate":
        return "R lists and tables dropped as links" if b["kind"] in ("listItem", "cell") else "R link-heavy lines dropped"
    if b["reason"].startswith("short"):
        return "R short lines dropped (" + b["reason"] + ")"
    if b["reason"] == "negative hint or caption":
        return "R captions dropped" if b["kind"] in ("caption", "figure") else "R text under a negative class/id hint dropped"
    return "R " + b["reason"]


def precision_kind(blocks, i):
    b = blocks[i]
    good = [j for j, x in enumerate(blocks) if x["kept"] and x["cls"] == "good"]
    where = "before the text" if good and i < good[0] else "after the text" if good and i > good[-1] else "inside the text"
    what = "prose" if b["cls"] == "good" else "short lines" if b["cls"] == "neutral" else "linked prose"
    return f"P {what} kept {where}"


def main():
    args = sys.argv[1:]
    worst, per_page = 0, "--pages" in args
    args = [a for a in args if a != "--pages"]
    if "--worst" in args:
        i = args.index("--worst"); worst = int(args[i + 1]); del args[i:i + 2]
    binary, data, sets = args[0], args[1], args[2:]
    macro = collections.Counter()
    for s in sets:
        truth = json.load(open(os.path.join(data, s, "ground-truth.json")))
        pred = json.load(open(os.path.join(data, s, "out", "textmill.json")))
        full = json.load(open(os.path.join(data, s, "out", "textmill-full.json")))
        ids = sorted(truth)
        p, r, f, _, rows = score(truth, pred, ids)
        d_r, d_p = 2 * p * p / (p + r) ** 2, 2 * r * r / (p + r) ** 2
        f1 = lambda row: 2 * (row[1] or 0) * row[2] / ((row[1] or 0) + row[2]) if (row[1] or 0) + row[2] else 0
        rows.sort(key=f1)
        kinds, pages = collections.Counter(), collections.defaultdict(collections.Counter)
        for k, pp, rr, _ in rows[:worst or len(rows)]:
            gold = truth[k]["articleBody"]
            body = (pred.get(k) or {}).get("articleBody", "") or ""
            blocks = explain(binary, os.path.join(data, s, "pages", k + ".html"))
            align(blocks, (full.get(k) or {}).get("articleBody", ""))
            # Word 4-grams of the page (every block in order, as `mode: full` gives them) and
            # of the output (the kept blocks in order), each with the blocks its words come from.
            page_grams, out_grams = collections.defaultdict(list), collections.defaultdict(list)
            for stream, index in (([i for i in range(len(blocks))], page_grams), ([i for i, b in enumerate(blocks) if b["kept"]], out_grams)):
                tokens, owners = [], []
                for i in stream:
                    words = TOKEN.findall(blocks[i]["text"])
                    tokens += words
                    owners += [i] * len(words)
                for t in range(max(0, len(tokens) - 3)):
                    index[" ".join(tokens[t:t + 4])].append(owners[t:t + 4])
            charged = collections.Counter()
            for g, n in (shingles(gold) - shingles(body)).items():
                dropped = [i for place in page_grams.get(g, []) for i in place if not blocks[i]["kept"]]
                kind = recall_kind(blocks, dropped[0]) if dropped else "R not in any block of the page (gold text the page does not show as such)"
                charged[("R", kind)] += n
            for g, n in (shingles(body) - shingles(gold)).items():
                places = out_grams.get(g, [])
                kind = precision_kind(blocks, places[0][0]) if places else "P text from a fallback (no container)"
                charged[("P", kind)] += n
            totals = {"R": sum(n for (side, _), n in charged.items() if side == "R"), "P": sum(n for (side, _), n in charged.items() if side == "P")}
            lost = {"R": (1 - rr) * d_r, "P": (1 - (pp if pp is not None else 1)) * d_p}
            if rr == 0 and body:
                charged = collections.Counter({("R", "R wrong block: nothing of the gold kept"): 1, ("P", "P wrong block: nothing of the gold kept"): 1})
                totals = {"R": 1, "P": 1}
            for (side, kind), n in charged.items():
                v = lost[side] * n / totals[side] / len(ids)
                kinds[kind] += v
                pages[kind][k] += v
            if per_page:
                top = sorted(((kind, lost[side] * n / totals[side] / len(ids)) for (side, kind), n in charged.items()), key=lambda x: -x[1])[:3]
                print(f"{s} {k} P {pp or 0:.2f} R {rr:.2f} | " + "; ".join(f"{a} {v * 1000:.2f}" for a, v in top))
        scope = f"the {worst} worst pages" if worst else "all pages"
        print(f"== {s}: F1 {f:.4f} (P {p:.4f}, R {r:.4f}); F1 points x1000 lost over {scope}, by kind")
        for kind, v in kinds.most_common():
            if v >= 0.00005:
                print(f"  {v * 1000:6.2f}  {kind:<72} {' '.join(x for x, _ in pages[kind].most_common(3))}")
            macro[kind] += v / len(sets)
    print(f"== macro over {len(sets)} sets: F1 points x1000")
    for kind, v in macro.most_common():
        if v >= 0.00005:
            print(f"  {v * 1000:6.2f}  {kind}")


if __name__ == "__main__":
    main()
