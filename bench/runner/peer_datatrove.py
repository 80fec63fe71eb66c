#!/usr/bin/env python3
"""The peer of the runner benchmark: datatrove's closest equivalent of textmill's default pipeline.

Runs inside bench/runner/.venv (created by bench/runner/run with pinned versions) on a corpus
directory of .txt, .html and .jsonl files, with datatrove's LocalPipelineExecutor, N tasks on N
workers, in four passes (datatrove's MinHash deduplication is four pipelines by design):

  1. extract    a small reader step (.txt and .html: one document a file; .jsonl: one a line,
                "text" field) -> datatrove's Trafilatura extractor on the HTML documents only
                (its defaults: favour_precision, deduplicate, no comments; a per-document
                timeout of --timeout s) -> datatrove's FTFY formatter (encoding fixes, NFC)
                -> sentence spans (--sentences: spaCy's rule-based sentencizer on a blank
                English pipeline; or pySBD; or none: datatrove has no such step) -> JsonlWriter
                (extracted/)
                -> MinhashDedupSignature (5-word shingles, 14 buckets x 8 hashes: datatrove's
                defaults, a MinHash similarity cutoff of about 0.72)
  2. buckets    MinhashDedupBuckets (14 tasks: one per bucket)
  3. cluster    MinhashDedupCluster (1 task)
  4. filter     JsonlReader(extracted/) -> MinhashDedupFilter -> JsonlWriter (output/)

The driver runs the passes in a child process (`--child`) and samples the resident memory of the
whole process tree (the child, datatrove's worker pool and its extractor sandboxes) every 50 ms
with psutil; it prints one JSON object: seconds (all passes, wall clock, imports included),
seconds per pass, peak MB (largest sampled sum of RSS), CPU seconds (user + system, summed over
the processes of the tree as last sampled), documents read, documents after extraction,
documents written, duplicates removed, sentences, the extractor's failures, versions.

usage: peer_datatrove.py --input DIR --work DIR [--tasks N] [--sentences spacy|pysbd|none]
                         [--timeout S]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

import orjson
import psutil
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.extractors import Trafilatura
from datatrove.pipeline.extractors.base import ExtractorSandbox
from datatrove.pipeline.readers.base import BaseDiskReader

MINHASH = dict(n_grams=5, num_buckets=14, hashes_per_bucket=8)
FORMATS = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


def corpus_files(input_dir):
    """The corpus files under input_dir (relative paths, sorted), as both tools see them."""
    found = []
    for root, _, names in os.walk(input_dir):
        for name in names:
            if os.path.splitext(name)[1] in FORMATS:
                found.append(os.path.relpath(os.path.join(root, name), input_dir))
    return sorted(found)


def count_documents(input_dir, files):
    """Documents in the corpus: one a .txt/.html file, one a non-blank line of a .jsonl file."""
    n = 0
    for rel in files:
        if rel.endswith(".jsonl"):
            with open(os.path.join(input_dir, rel), "rb") as f:
                n += sum(1 for line in f if line.strip())
        else:
            n += 1
    return n


def count_lines(folder):
    n = 0
    for root, _, names in os.walk(folder):
        for name in names:
            if name.endswith(".jsonl"):
                with open(os.path.join(root, name), "rb") as f:
                    n += sum(1 for _ in f)
    return n


# ---------------------------------------------------------------------------------------------
# The custom steps: the mixed reader, Trafilatura on HTML only, the sentence step.
# ---------------------------------------------------------------------------------------------

class MixedCorpusReader(BaseDiskReader):
    """Reads .txt and .html files as one document each and .jsonl files as one per line;
    metadata["format"] says which (the extractor runs on "html" only)."""

    name = "mixed .txt/.html/.jsonl"

    def read_file(self, filepath):
        kind = FORMATS.get(os.path.splitext(filepath)[1])
        if kind is None:
            return
        with self.data_folder.open(filepath, "rb") as f:
            if kind == "jsonl":
                for i, line in enumerate(f):
                    if not line.strip():
                        continue
                    with self.track_time():
                        try:
                            record = orjson.loads(line)
                        except orjson.JSONDecodeError:
                            self.stat_update("bad_json")
                            continue
                        doc = self.get_document_from_dict(record, filepath, i)
                    if doc:
                        doc.metadata["format"] = kind
                        yield doc
                return
            with self.track_time():
                text = f.read().decode("utf-8", errors="replace")
                doc = self.get_document_from_dict({"text": text}, filepath, 0)
        if doc:
            doc.metadata["format"] = kind
            yield doc


class TrafilaturaOnHtml(Trafilatura):
    """datatrove's Trafilatura extractor (same settings, same per-document sandbox process and
    timeout) applied to HTML documents; plain text and JSONL records pass through."""

    name = "⛏ Trafilatura (HTML documents)"

    def run(self, data, rank=0, world_size=1):
        with ExtractorSandbox(timeout=self.timeout) as sandbox:
            for doc in data:
                if doc.metadata.get("format") != "html":
                    yield doc
                    continue
                self.stat_update("html")
                with self.track_time():
                    try:
                        doc.text = sandbox.process_document(doc.text, self.extract) or ""
                    except TimeoutError:
                        self.stat_update("timeout")
                        continue
                    except EOFError:
                        self.stat_update("broken_process")
                        continue
                    except Exception:  # trafilatura's own failures: the document is dropped
                        self.stat_update("clean_error")
                        continue
                if doc.text:
                    self.stat_update("extracted")
                    yield doc
                else:
                    self.stat_update("empty")


class SentenceSpans(PipelineStep):
    """Sentence spans (character offsets) into metadata["sentences"]: spaCy's rule-based
    sentencizer on a blank English pipeline (one instance a worker, its vocabulary kept between
    documents: the fast way to run it), or pySBD (rule-based, with character spans)."""

    type = "✂️ - SENTENCES"
    name = "sentence spans"

    def __init__(self, mode):
        super().__init__()
        self.mode = mode
        self._split = None

    def splitter(self):
        if self._split is None:
            if self.mode == "pysbd":
                import pysbd

                seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
                self._split = lambda text: [(s.start, s.end) for s in seg.segment(text)]
            else:
                import spacy

                nlp = spacy.blank("en")
                nlp.add_pipe("sentencizer")
                nlp.max_length = 1 << 30
                self._split = lambda text: [(s.start_char, s.end_char) for s in nlp(text).sents]
        return self._split

    def run(self, data, rank=0, world_size=1):
        split = self.splitter()
        for doc in data:
            with self.track_time():
                spans = split(doc.text)
                doc.metadata["sentences"] = [list(s) for s in spans]
            self.stat_update("sentences", value=len(spans))
            yield doc


# ---------------------------------------------------------------------------------------------
# The four passes (child process).
# ---------------------------------------------------------------------------------------------

def run_pipeline(args):
    """The four passes; writes seconds per pass to WORK/passes.json."""
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup import MinhashDedupBuckets, MinhashDedupCluster, MinhashDedupFilter, MinhashDedupSignature
    from datatrove.pipeline.dedup.minhash import MinhashConfig
    from datatrove.pipeline.formatters import FTFYFormatter
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    work = args.work
    config = MinhashConfig(**MINHASH)
    n = args.tasks
    extract_steps = [
        MixedCorpusReader(args.input),
        TrafilaturaOnHtml(timeout=args.timeout),
        FTFYFormatter(normalization="NFC"),
    ]
    if args.sentences != "none":
        extract_steps.append(SentenceSpans(args.sentences))
    extract_steps += [
        JsonlWriter(f"{work}/extracted", compression=None),
        MinhashDedupSignature(output_folder=f"{work}/signatures", config=config, language="en"),
    ]
    passes = [
        ("extract", LocalPipelineExecutor(extract_steps, tasks=n, workers=n, logging_dir=f"{work}/logs/extract")),
        ("buckets", LocalPipelineExecutor(
            [MinhashDedupBuckets(input_folder=f"{work}/signatures", output_folder=f"{work}/buckets", config=config)],
            tasks=config.num_buckets, workers=n, logging_dir=f"{work}/logs/buckets")),
        ("cluster", LocalPipelineExecutor(
            [MinhashDedupCluster(input_folder=f"{work}/buckets", output_folder=f"{work}/remove_ids", config=config)],
            tasks=1, workers=1, logging_dir=f"{work}/logs/cluster")),
        ("filter", LocalPipelineExecutor(
            [JsonlReader(f"{work}/extracted", compression=None),
             MinhashDedupFilter(input_folder=f"{work}/remove_ids"),
             JsonlWriter(f"{work}/output", compression=None)],
            tasks=n, workers=n, logging_dir=f"{work}/logs/filter")),
    ]
    seconds = {}
    for name, executor in passes:
        start = time.time()
        executor.run()
        seconds[name] = time.time() - start
    with open(os.path.join(work, "passes.json"), "w") as f:
        json.dump(seconds, f)


# ---------------------------------------------------------------------------------------------
# The driver: runs the child, samples the memory of its process tree, gathers the figures.
# ---------------------------------------------------------------------------------------------

def sample_tree(proc, cpu_seen):
    """Resident bytes of a process and all its descendants now (0 for any that just ended); also
    records each one's CPU seconds so far (user + system) in cpu_seen[(pid, start time)]."""
    total = 0
    try:
        members = [proc] + proc.children(recursive=True)
    except psutil.NoSuchProcess:
        return 0
    for p in members:
        try:
            with p.oneshot():
                total += p.memory_info().rss
                t = p.cpu_times()
                cpu_seen[(p.pid, p.create_time())] = t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def stat_total(logs, pass_name, step_fragment, key):
    """A counter from datatrove's own stats.json of one pass (0 if absent)."""
    path = os.path.join(logs, pass_name, "stats.json")
    if not os.path.exists(path):
        return 0
    with open(path) as f:
        steps = json.load(f)
    for step in steps:
        if step_fragment in step.get("name", ""):
            value = step.get("stats", {}).get(key)
            if isinstance(value, dict):
                return int(value.get("total", 0))
            if isinstance(value, (int, float)):
                return int(value)
    return 0


def step_seconds(path):
    """Seconds of each step of the extract pass (summed over tasks), from datatrove's stats.json.

    datatrove times most steps per document, but MinhashDedupSignature times its whole loop,
    which includes pulling every document through the steps before it: its own share is its
    total less theirs."""
    with open(path) as f:
        steps = json.load(f)
    out = []
    upstream = 0.0
    for step in steps:
        name = step["name"].split(": ", 1)[-1]
        total = step["time_stats"]["total"] if isinstance(step.get("time_stats"), dict) else 0.0
        own = total - upstream if "MinHash" in name else total
        out.append([name, round(own, 3)])
        upstream += own
    return out


def versions():
    from importlib.metadata import version

    out = {}
    for name in ["datatrove", "trafilatura", "spacy", "ftfy", "pysbd"]:
        try:
            out[name] = version(name)
        except Exception:
            pass
    return out


def drive(args):
    work = os.path.abspath(args.work)
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(work)
    files = corpus_files(args.input)
    input_bytes = sum(os.path.getsize(os.path.join(args.input, f)) for f in files)
    cmd = [sys.executable, os.path.abspath(__file__), "--child", "--input", os.path.abspath(args.input),
           "--work", work, "--tasks", str(args.tasks), "--sentences", args.sentences, "--timeout", str(args.timeout)]
    env = dict(os.environ, TQDM_DISABLE="1")
    with open(os.path.join(work, "datatrove.log"), "wb") as log:
        start = time.time()
        child = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
        proc = psutil.Process(child.pid)
        peak = 0
        cpu_seen = {}
        while child.poll() is None:
            peak = max(peak, sample_tree(proc, cpu_seen))
            time.sleep(0.05)
        seconds = time.time() - start
    if child.returncode != 0:
        with open(os.path.join(work, "datatrove.log"), errors="replace") as f:
            tail = f.read()[-3000:]
        sys.exit(f"datatrove run failed ({child.returncode}); log {work}/datatrove.log:\n{tail}")
    with open(os.path.join(work, "passes.json")) as f:
        passes = json.load(f)
    logs = os.path.join(work, "logs")
    steps = step_seconds(os.path.join(logs, "extract", "stats.json"))
    extracted = count_lines(os.path.join(work, "extracted"))
    written = count_lines(os.path.join(work, "output"))
    result = {
        "tool": "datatrove",
        "tasks": args.tasks,
        "files": len(files),
        "megabytes": input_bytes / 1e6,
        "seconds": seconds,
        "megabytes_per_second": input_bytes / 1e6 / seconds,
        "peak_megabytes": peak / 1e6,
        "cpu_seconds": sum(cpu_seen.values()),
        "passes": passes,
        "steps": steps,
        "documents": count_documents(args.input, files),
        "extracted": extracted,
        "written": written,
        "duplicates": extracted - written,
        "sentences": stat_total(logs, "extract", "sentence spans", "sentences"),
        "html": stat_total(logs, "extract", "Trafilatura", "html"),
        "html_empty": stat_total(logs, "extract", "Trafilatura", "empty"),
        "html_failed": sum(stat_total(logs, "extract", "Trafilatura", k) for k in ["timeout", "broken_process", "clean_error"]),
        "sentence_mode": args.sentences,
        "timeout": args.timeout,
        "minhash": MINHASH,
        "versions": versions(),
        "output": os.path.join(work, "output"),
    }
    print(json.dumps(result))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--input", required=True, help="corpus directory (.txt, .html, .jsonl files)")
    ap.add_argument("--work", required=True, help="scratch directory (emptied first): intermediate files, logs, output")
    ap.add_argument("--tasks", type=int, default=1, help="datatrove tasks and workers")
    ap.add_argument("--sentences", choices=["spacy", "pysbd", "none"], default="spacy")
    ap.add_argument("--timeout", type=float, default=5.0, help="Trafilatura extractor timeout per document, seconds")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        run_pipeline(args)
    else:
        drive(args)


if __name__ == "__main__":
    main()
