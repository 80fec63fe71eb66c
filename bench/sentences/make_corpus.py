"""Builds the news corpus for the speed benchmark: the sample corpus (input/*.txt) and the
texts of polnear_dev.jsonl, repeated in order until at least --mb megabytes, written as JSONL
(one {"text": ...} a line). Each text is one document; the splitter sees it as the
`sentences` stage does (paragraphs separated by blank lines)."""
import argparse
import glob
import json
import os

ap = argparse.ArgumentParser()
ap.add_argument("--input", required=True, help="directory of the sample corpus (*.txt)")
ap.add_argument("--polnear", required=True, help="polnear_dev.jsonl")
ap.add_argument("--mb", type=float, default=20.0)
ap.add_argument("--out", required=True)
args = ap.parse_args()

texts = []
for path in sorted(glob.glob(os.path.join(args.input, "*.txt"))):
    with open(path, encoding="utf-8") as f:
        texts.append(f.read())
with open(args.polnear, encoding="utf-8") as f:
    for line in f:
        if line.strip():
            texts.append(json.loads(line)["text"])
if not texts:
    raise SystemExit("no texts found")
target = int(args.mb * 1e6)
size = 0
with open(args.out, "w", encoding="utf-8") as out:
    while size < target:
        for t in texts:
            out.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
            size += len(t.encode("utf-8"))
            if size >= target:
                break
print(f"corpus: {size / 1e6:.1f} MB of news text in {args.out}")
