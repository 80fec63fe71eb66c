#!/usr/bin/env python3
"""Builds the seed corpus of each fuzz target for bench/fuzz/run.

Seeds come from the committed hand-picked seeds (Tests/TextMillTests/Fixtures/fuzz/TARGET/,
findings/ excluded), the sample corpus (input/), the shipped pipelines (pipeline/, for config)
and the test fixtures, picked by file kind
per target. Files over 64 KB (libFuzzer's -max_len here) are cut into pieces at line breaks.
Every run starts from a fresh corpus folder so the seeds follow the repository.
"""
import argparse
import json
import os
import shutil

MAX_BYTES = 64 << 10
TEXT = (".txt", ".md")
TEXT_TARGETS = ("normalize", "sentences", "quotes", "dedup", "text")
# Which source files seed which target (by file name ending).
KINDS = {
    "json": (".json",),
    "jsonl": (".jsonl",),
    "html": (".html", ".htm"),
    "xml": (".xml", ".rss", ".atom"),
    "normalize": TEXT,
    "sentences": TEXT,
    "quotes": TEXT,
    "dedup": TEXT,
    "warc": (".warc", ".warc.gz", ".wet"),
    "text": TEXT,
    "gzip": (".gz",),
    # Only its committed seeds: a run's state files with their selector byte (--state-from).
    "state": (),
    "config": (".yaml", ".yml"),
    # A record is an answer a plugin may give (for another id than the harness's document).
    "plugin": (".jsonl",),
    # Only its committed seeds: a run's output and side files joined by 0x1E (--report-from).
    "report": (),
}


def pieces(data):
    """The file cut into pieces of at most MAX_BYTES, at a line break where there is one."""
    start = 0
    while start < len(data):
        end = min(len(data), start + MAX_BYTES)
        if end < len(data):
            nl = data.rfind(b"\n", start, end)
            if nl > start:
                end = nl + 1
        yield data[start:end]
        start = end


def repository_files(root, endings):
    """Files of the sample corpus, the shipped pipelines and the test fixtures (not the fuzz
    seeds) with these endings."""
    for top in ("input", "pipeline", "Tests/TextMillTests/Fixtures"):
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs[:] = sorted(d for d in dirs if d != "fuzz")
            for name in sorted(files):
                if name.endswith(endings):
                    yield os.path.join(folder, name)


def seeds(root, target):
    """The seed inputs of one target, each at most MAX_BYTES."""
    own = os.path.join(root, "Tests/TextMillTests/Fixtures/fuzz", target)
    if os.path.isdir(own):
        for name in sorted(os.listdir(own)):
            with open(os.path.join(own, name), "rb") as f:
                yield f.read()[:MAX_BYTES]
    for path in repository_files(root, KINDS[target]):
        with open(path, "rb") as f:
            yield from pieces(f.read())
    # Each JSONL record is a JSON seed, and its text a seed of the text targets.
    if target == "json" or target in TEXT_TARGETS:
        for path in repository_files(root, (".jsonl",)):
            with open(path, "rb") as f:
                for line in f:
                    if target == "json":
                        yield line.strip()
                        continue
                    try:
                        text = json.loads(line).get("text")
                    except (ValueError, AttributeError):
                        continue
                    if isinstance(text, str) and text:
                        yield text.encode("utf-8")[:MAX_BYTES]


# The `state` target's first byte picks the reader (FuzzEntry.state): 0 the manifest, 1 the
# journal, 2 a dedup index generation.
STATE_FILES = (("manifest.json", 0), ("manifest.pending.json", 0), ("journal.jsonl", 1))


def state_seeds(folders, out):
    """Writes the `state` target's seeds from the state folders of real runs (.NAME.textmill)."""
    os.makedirs(out, exist_ok=True)
    count = 0
    for folder in folders:
        found = [(os.path.join(folder, name), kind) for name, kind in STATE_FILES]
        dedup = os.path.join(folder, "dedup")
        if os.path.isdir(dedup):
            found += [(os.path.join(dedup, n), 2) for n in sorted(os.listdir(dedup)) if n.startswith("index.") and n.endswith(".bin")]
        for path, kind in found:
            if not os.path.isfile(path):
                continue
            with open(path, "rb") as f:
                data = bytes([kind]) + f.read()[:MAX_BYTES - 1]
            count += 1
            with open(os.path.join(out, "%s-%02d" % (("manifest", "journal", "index")[kind], count)), "wb") as f:
                f.write(data)
    print("seeds state      %4d files in %s" % (count, out))


# The side files of a `report` input, in the order FuzzEntry.report reads them; the output comes last.
REPORT_SIDE_FILES = ("stats.json", "errors.jsonl", "duplicates.jsonl", "filtered.jsonl")
REPORT_SEPARATOR = b"\x1e"


def report_seeds(outputs, out):
    """Writes the `report` target's seeds from the outputs of real runs: each output's side files
    (NAME.stats.json, …; empty when missing) and then its bytes, joined by 0x1E, the records
    of a plain output cut at a line end to leave room for the side files within MAX_BYTES."""
    os.makedirs(out, exist_ok=True)
    for output in outputs:
        folder, base = os.path.split(output)
        name = base[:-3] if base.endswith(".gz") else base
        for ext in (".jsonl", ".ndjson", ".json"):
            if name.endswith(ext):
                name = name[:-len(ext)]
                break
        sides = []
        for kind in REPORT_SIDE_FILES:
            path = os.path.join(folder, name + "." + kind)
            sides.append(open(path, "rb").read() if os.path.isfile(path) else b"")
        with open(output, "rb") as f:
            records = f.read()
        room = MAX_BYTES - sum(len(s) for s in sides) - len(sides)
        if room < len(records) and not base.endswith(".gz"):
            records = next(pieces(records[:room]))
            records = records[:records.rfind(b"\n") + 1] if b"\n" in records else records
        data = REPORT_SEPARATOR.join(sides + [records[:max(room, 0)]])[:MAX_BYTES]
        with open(os.path.join(out, name + (".gz" if base.endswith(".gz") else "")), "wb") as f:
            f.write(data)
    print("seeds report     %4d files in %s" % (len(outputs), out))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root")
    parser.add_argument("--out", required=True)
    parser.add_argument("--state-from", nargs="+", metavar="STATE_FOLDER",
                        help="write the state target's committed seeds to --out from these state folders, and stop")
    parser.add_argument("--report-from", nargs="+", metavar="OUTPUT",
                        help="write the report target's committed seeds to --out from these outputs and their side files, and stop")
    parser.add_argument("targets", nargs="*")
    args = parser.parse_args()
    if args.state_from:
        state_seeds(args.state_from, args.out)
        return
    if args.report_from:
        report_seeds(args.report_from, args.out)
        return
    for target in args.targets:
        out = os.path.join(args.out, target)
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        count = 0
        for seed in seeds(args.root, target):
            if not seed:
                continue
            count += 1
            with open(os.path.join(out, "seed-%04d" % count), "wb") as f:
                f.write(seed)
        print("seeds %-10s %4d files in %s" % (target, count, out))


if __name__ == "__main__":
    main()
