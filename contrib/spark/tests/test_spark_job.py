"""The Spark job's outputs equal a single-machine `textmill run` with the same config, byte for
byte: same records in the same order, same annotations, same duplicates with the same `of`, same
errors. In Spark local[2] mode, on generated JSONL corpora (tests/make_jsonl_corpus.py) whose
planted duplicates lie in other partitions than their originals.

Corpora are kept in contrib/spark/.data/ for the next run."""
import contextlib
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import support
import textmill_spark

DATA = os.path.join(support.CONTRIB, ".data")


def corpus(name, *args):
    """A generated corpus, made once and kept in .data/; made again when the generators or the
    arguments change (.done holds a hash of both)."""
    path = os.path.join(DATA, name)
    done = os.path.join(path, ".done")
    generators = [os.path.join(support.HERE, "make_jsonl_corpus.py"),
                  os.path.join(support.HERE, "..", "..", "..", "bench", "runner", "make_corpus.py")]
    key = hashlib.sha256(repr(args).encode() + b"".join(read(g) for g in generators)).hexdigest()
    if not os.path.exists(done) or read(done).decode() != key:
        shutil.rmtree(path, ignore_errors=True)
        subprocess.run([sys.executable, generators[0], path, *args], check=True)
        with open(done, "w") as f:
            f.write(key)
    return path


def small_corpus():
    """The corpus of most tests, as the path they give (relative to .data/): 9 MB and a record
    of 1.5 MB, in ten files or more of every format; ~80 exact and ~380 near duplicates,
    every kind of bad line (a 12 MB one cost each comparison a third more textmill time)."""
    return os.path.relpath(corpus("small", "--mb", "9", "--seed", "6", "--big-line"))


def config(folder, dedup, max_mb=None):
    path = os.path.join(folder, "pipeline.yaml")
    with open(path, "w") as f:
        if max_mb:
            f.write(f"max_document_mb: {max_mb}\n")
        f.write("stages:\n  - cleanup\n  - normalize\n  - sentences\n  - quotes\n")
        if dedup is not None:
            f.write(f"  - dedup: {dedup}\n")
    return path


def single_machine(cfg, inputs, out, jobs=2):
    """`textmill run` of `cfg` on `inputs` into the folder `out`: {output name: its bytes}."""
    cmd = [support.textmill(), "run", cfg, "--output", os.path.join(out, "corpus.jsonl"), "--quiet", "--jobs", str(jobs)]
    for i in inputs:
        cmd += ["--input", i]
    status = subprocess.run(cmd).returncode
    assert status in (0, 1), status
    # Side files carry their output's name: corpus.duplicates.jsonl, corpus.errors.jsonl.
    files = {"corpus": "corpus.jsonl", "duplicates": "corpus.duplicates.jsonl", "errors": "corpus.errors.jsonl"}
    return {name: read(os.path.join(out, path)) for name, path in files.items()}


def read(path):
    with open(path, "rb") as f:
        return f.read()


def spark_job(cfg, inputs, out, *extra):
    """The Spark job of `cfg` on `inputs` into `out`: (exit status, {output name: its part files'
    bytes}, its stats.json)."""
    support.spark()
    argv = [cfg, "--output", out, "--textmill", support.textmill(), *extra]
    for i in inputs:
        argv += ["--input", i]
    status = textmill_spark.main(argv)
    parts = {}
    for name in ("corpus", "duplicates", "errors"):
        folder = os.path.join(out, name)
        parts[name] = b"".join(read(os.path.join(folder, p)) for p in sorted(os.listdir(folder)) if p.startswith("part-"))
    with open(os.path.join(out, "stats.json"), encoding="utf-8") as f:
        stats = json.load(f)
    return status, parts, stats


class SparkEqualsSingleMachine(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="textmill-spark-")
        os.makedirs(DATA, exist_ok=True)
        # Paths relative to the working directory, as a user names them: ids and source.path show them.
        cls.cwd = os.getcwd()
        os.chdir(DATA)

    @classmethod
    def tearDownClass(cls):
        os.chdir(cls.cwd)
        shutil.rmtree(cls.work, ignore_errors=True)

    def compare(self, name, dedup, inputs, *extra, max_mb=None):
        """The job's outputs equal `textmill run`'s byte for byte, and its exit status says
        whether there were errors; returns (`textmill run`'s outputs, the job's stats.json)."""
        folder = os.path.join(self.work, name)
        os.makedirs(folder)
        cfg = config(folder, dedup, max_mb)
        want = single_machine(cfg, inputs, os.path.join(folder, "single"))
        status, got, stats = spark_job(cfg, inputs, os.path.join(folder, "spark"), *extra)
        for output in ("corpus", "duplicates", "errors"):
            self.assertEqual(got[output].count(b"\n"), want[output].count(b"\n"), f"{name}: lines of {output}")
            self.assertTrue(got[output] == want[output], f"{name}: {output} differs")
        self.assertEqual(status, 1 if want["errors"] else 0)
        return want, stats

    def test_small_corpus_drop(self):
        small = small_corpus()
        want, _ = self.compare("drop", "{boilerplate: false}", [small], "--split-mb", "1", max_mb=1)
        self.assertGreater(want["duplicates"].count(b'"kind":"near"'), 300)
        self.assertGreater(want["duplicates"].count(b'"kind":"exact"'), 50)
        # Five planted bad lines (not JSON, cut short, no text, text a number, an array), the 1.5 MB
        # line, the two files without records, and whatever bad lines the random draws added.
        self.assertGreaterEqual(want["errors"].count(b"\n"), 8)
        for reason in (b"is not valid JSON", b"neither a \\\"text\\\" nor", b"above the 1 MB limit", b"the file is empty",
                       b"the gzip data ends too early (the file is truncated)"):
            self.assertIn(reason, want["errors"])

    def test_an_input_that_cannot_be_opened(self):
        # A dangling link beside a good file: `textmill run` writes one error record naming the
        # link and goes on (exit 1); so does the job, byte for byte (it stopped with exit 3,
        # FileNotFoundError in the map task).
        folder = os.path.join(self.work, "unopened-in")
        os.makedirs(folder)
        with open(os.path.join(folder, "a.jsonl"), "w") as f:
            f.write('{"id": "harbor-1", "text": "The council approved the harbor budget on Tuesday."}\n')
        os.symlink(os.path.join(folder, "moved", "b.jsonl"), os.path.join(folder, "b.jsonl"))
        want, _ = self.compare("unopened", "{boilerplate: false}", [os.path.relpath(folder)])
        self.assertEqual(want["errors"].count(b"\n"), 1)
        self.assertIn(b"is a symbolic link to", want["errors"])

    def test_small_corpus_mark_and_other_threshold(self):
        # Groups found in one task: label propagation on real text is
        # test_many_partitions_and_label_propagation's (here these bands made 15 rounds of it,
        # most of the test's time).
        small = small_corpus()
        want, _ = self.compare("mark", "{boilerplate: false, action: mark, threshold: 0.9, bands: 12, rows: 2}",
                               [small], "--split-mb", "2", max_mb=1)
        self.assertEqual(want["duplicates"], b"")
        self.assertGreater(want["corpus"].count(b'"kind":"near"'), 100)

    def test_estimated_similarity_and_no_dedup(self):
        small = small_corpus()
        self.compare("estimate", "{boilerplate: false, verify: estimate, permutations: 64}", [small], max_mb=1)
        self.compare("nodedup", None, [small], max_mb=1)

    def test_uri_inputs_read_through_hadoop(self):
        """URI inputs are listed through Hadoop's FileSystem and read whole by Spark: the same
        records, with the URIs as the paths they show. Folders (one nested in another, a .gz
        file, an .ndjson file, an empty file) and files (of blank lines, a .gz cut short) of the
        small corpus, and a folder of a CRLF file and a hidden one (skipped): a file a partition,
        so not all of the corpus (all of the 12 MB one made 24 partitions, twice the drop
        test's)."""
        small = small_corpus()
        folder = os.path.join(self.work, "uri")
        extra = os.path.join(folder, "extra")
        os.makedirs(extra)
        with open(os.path.join(extra, "crlf.jsonl"), "wb") as f:
            f.write(b'{"id": "harbor-1", "text": "The council approved the harbor budget on Tuesday, after a long debate."}\r\n'
                    b'{"id": "harbor-2", "text": "The council approved the harbor budget on Tuesday, after a long debate."}\r\n'
                    b'{"id": "ferry-1", "text": "\\"We will run the ferry all winter,\\" the mayor said."}\r\n')
        with open(os.path.join(extra, ".hidden.jsonl"), "wb") as f:
            f.write(b'{"id": "hidden-1", "text": "Never read: a hidden file is skipped."}\n')
        cfg = config(folder, "{boilerplate: false}", 1)
        paths = [os.path.join(small, p) for p in ("a", "a-c", "b/blank.jsonl", "b/cut-short.jsonl.gz")] + [os.path.relpath(extra)]
        want = single_machine(cfg, paths, os.path.join(folder, "single"))
        for reason in (b"the file is empty", b"the gzip data ends too early (the file is truncated)"):
            self.assertIn(reason, want["errors"])
        self.assertIn(b'"harbor-2"', want["duplicates"])
        self.assertNotIn(b"hidden-1", want["corpus"] + want["errors"])
        self.assertGreater(want["duplicates"].count(b"\n"), 10)
        status, got, _ = spark_job(cfg, ["file://" + os.path.abspath(p) for p in paths], os.path.join(folder, "spark"))
        for output in ("corpus", "duplicates", "errors"):
            expected = want[output]
            for path in (small, paths[-1]):
                expected = expected.replace(b'"%s/' % path.encode(), b'"file://%s/' % os.path.abspath(path).encode())
            self.assertTrue(got[output] == expected, f"{output} differs")
        self.assertEqual(status, 1)

    def test_refuses_boilerplate_removal(self):
        folder = os.path.join(self.work, "refuse")
        os.makedirs(folder)
        cfg = config(folder, "{threshold: 0.8}")
        out = os.path.join(folder, "out")
        support.spark()
        with contextlib.redirect_stderr(io.StringIO()) as err:
            status = textmill_spark.main([cfg, "--input", "small", "--output", out, "--textmill", support.textmill()])
        self.assertEqual(status, 2)
        self.assertIn("boilerplate removal is sequential", err.getvalue())
        self.assertIn("set 'boilerplate: false'", err.getvalue())
        self.assertFalse(os.path.exists(out))

    def test_failed_job_exits_3(self):
        """A textmill that dies on every partition fails the job past Spark's retries: exit 3
        (the job failed), never 1 (some records failed), with textmill's own words."""
        small = small_corpus()
        folder = os.path.join(self.work, "failed")
        os.makedirs(folder)
        cfg = config(folder, "{boilerplate: false}", 1)
        dying = os.path.join(folder, "textmill")
        with open(dying, "w") as f:
            f.write('#!/bin/sh\ncase " $* " in *" --describe "*) exec "%s" "$@";; esac\n'
                    'echo "textmill: out of memory (a stand-in)" >&2\nexit 9\n' % support.textmill())
        os.chmod(dying, 0o755)
        support.spark()
        with contextlib.redirect_stderr(io.StringIO()) as err:
            status = textmill_spark.main([cfg, "--input", small, "--output", os.path.join(folder, "out"), "--textmill", dying])
        self.assertEqual(status, 3)
        self.assertIn("the job failed", err.getvalue())
        self.assertIn("exited with status 9", err.getvalue())

    def test_many_partitions_and_label_propagation(self):
        """Ten partitions or more (from --split-mb 1, not from the corpus's size: a 30 MB corpus
        in partitions of 2.5 MB made as many partitions for three times the textmill runs):
        a template cluster of 400 pages, duplicates of every kind far from their originals, every
        file format the generator makes; its groups found by label propagation (--local-mb 0),
        rounds of it until no label changes."""
        many = os.path.relpath(corpus("many", "--mb", "10", "--seed", "8", "--template", "400"))
        kinds = set()
        for d, _, files in os.walk(many):
            for f in files:
                if f.startswith("batch-"):
                    kinds.add(f.split(".", 1)[1])
                    if f.endswith(".jsonl") and b"\r\n" in read(os.path.join(d, f)):
                        kinds.add("jsonl with CRLF")
        self.assertEqual(kinds, {"jsonl", "jsonl.gz", "ndjson", "jsonl with CRLF"})
        want, stats = self.compare("many", "{boilerplate: false}", [many], "--split-mb", "1", "--local-mb", "0")
        self.assertGreaterEqual(stats["partitions"], 10)
        # ~380-390 of them the template cluster's, the rest near copies (there were over 600 in
        # 30 MB): 471 from a bare clone's text, 494 from ../shared's.
        self.assertGreater(want["duplicates"].count(b'"kind":"near"'), 450)
        # Most of the 400 templated pages, spread over every partition, end in one group: 382 from
        # a bare clone's text (4 rounds), over 390 from ../shared's.
        self.assertGreaterEqual(stats["largest_group"], 350, "the template cluster is one group")
        self.assertGreaterEqual(stats["group_rounds"], 2)
        self.assertEqual(stats["labels_changed"][-1], 0)


if __name__ == "__main__":
    unittest.main()
