"""The distributed dedup decides exactly what the single-machine rule decides.

Synthetic fingerprints (tests/synthetic.py) with exact copies, copies of near duplicates, pairs
just above and below the threshold, a drift chain that needs many rounds, a giant bucket, and
documents without words; first through the scans in memory (fast, many seeds), then through the
Spark job's own shuffles in local mode."""
import unittest

import support  # noqa: F401  (puts contrib/spark on the path)
import synthetic
from tmspark import dedup
from tmspark.dedup import DATA


def expected(seq, threshold, verify="exact"):
    return {pos: dedup.duplicate_json(tok, kind, sim)
            for pos, (kind, tok, sim) in dedup.sequential(seq, threshold, verify).items()}


def in_memory(seq, threshold, verify="exact", budget=1 << 30):
    """The job's steps with lists instead of RDDs."""
    docs = [d for d in seq if d[2] > 0]
    collapsed = list(dedup.collapse_scan(iter(sorted(((d[1], d[0]), (d[3], d[5])) for d in docs))))
    reps = [r for r in collapsed if r[0] == "R"]
    members = list(dedup.bucket_scan(iter(sorted(((b, r[1]), None) for r in reps for b in set(r[2])))))
    values = {d[0]: (d[5], d[4]) for d in docs}
    rows = [((band, pos, DATA), ("U",) + values[pos]) for pos, band in members]
    near, rounds, _ = dedup.rounds_in_memory({}, [], {}, {}, {}, threshold, verify, budget, first_rows=rows)
    copies = sorted([((pos, 0, 0), m) for pos, m in near] + [((r[2], 1, r[1]), r[3]) for r in collapsed if r[0] == "X"])
    out = dict(dedup.resolve_scan(iter(copies)))
    out.update({pos: dedup.duplicate_json(m[1], "near", m[2]) for pos, m in near})
    return out, rounds


class ScansInMemory(unittest.TestCase):
    def test_same_decisions_as_single_machine(self):
        for seed in range(2):
            _, seq = synthetic.lines_and_positions(synthetic.corpus(seed), 5)
            got, rounds = in_memory(seq, 0.8)
            want = expected(seq, 0.8)
            self.assertGreater(len(want), 100)
            self.assertEqual(got, want, f"seed {seed}")
            self.assertGreater(rounds, 5, "the drift chain needs many rounds")

    def test_without_numpy(self):
        _, seq = synthetic.lines_and_positions(synthetic.corpus(12, n=500, giant=80), 3)
        saved, dedup.numpy = dedup.numpy, None
        try:
            self.assertEqual(in_memory(seq, 0.8)[0], expected(seq, 0.8))
        finally:
            dedup.numpy = saved

    def test_spilled_live_lists(self):
        _, seq = synthetic.lines_and_positions(synthetic.corpus(11, n=800, giant=120), 3)
        self.assertEqual(in_memory(seq, 0.8, budget=2000)[0], expected(seq, 0.8))

    def test_other_thresholds(self):
        _, seq = synthetic.lines_and_positions(synthetic.corpus(3, n=700, giant=100), 4)
        for t in (0.5, 0.7, 0.9, 1.0):
            self.assertEqual(in_memory(seq, t)[0], expected(seq, t), f"threshold {t}")

    def test_chain_keeps_every_other_version(self):
        """B near A, C near B but not A: C is kept (no removal through a chain)."""
        a = set(range(100))
        b = set(range(10, 110))
        c = set(range(20, 120))
        docs = [("a", 1, 100, a, synthetic.bands_of(a, extra=(7,))),
                ("b", 2, 100, b, synthetic.bands_of(b, extra=(7,))),
                ("c", 3, 100, c, synthetic.bands_of(c, extra=(7,)))]
        _, seq = synthetic.lines_and_positions(docs, 1)
        got, _ = in_memory(seq, 0.8)
        self.assertEqual(list(got.values()), [b'{"of":"a","kind":"near","similarity":0.8182}'])

    def test_number_format_matches_swift(self):
        self.assertEqual(dedup.format_number(1.0), "1")
        self.assertEqual(dedup.format_number(0.8182), "0.8182")
        self.assertEqual(dedup.format_number(0.0001), "0.0001")
        self.assertEqual(dedup.swift_round(2.5), 3.0)
        self.assertEqual(dedup.swift_round(0.49999999999999994), 0.0)
        self.assertEqual(dedup.duplicate_json(b'"x"', "near", 9 / 11), b'{"of":"x","kind":"near","similarity":0.8182}')


class JobShuffles(unittest.TestCase):
    """Job.dedup itself, on map-side lines, in Spark local mode."""

    @classmethod
    def setUpClass(cls):
        cls.sc = support.spark()

    def run_job(self, parts, **settings):
        from tmspark.job import Job, Settings
        settings.setdefault("shuffle_partitions", 3)     # fewer tasks a stage: rounds cost less
        job = Job(self.sc, Settings(config="", inputs=[], output="", **settings))
        mapped = self.sc.parallelize(parts, len(parts)).flatMap(lambda p: p)
        counts = [len(p) for p in parts]
        dense = job.dedup(mapped, counts, {"threshold": 0.8, "verify": "exact"})
        values = dense.collect()
        got, k = {}, 0
        for p, n in enumerate(counts):
            for seq in range(n):
                if values[k] is not None:
                    got[(p << 32) | seq] = values[k]
                k += 1
        return got, job.report

    def test_distributed_rounds(self):
        parts, seq = synthetic.lines_and_positions(synthetic.corpus(21, n=500, giant=80, chain=8), 6)
        got, report = self.run_job(parts, local_mb=0)
        self.assertEqual(got, expected(seq, 0.8))
        self.assertEqual(report.local_rounds, 0)
        self.assertGreater(report.rounds, 5)

    def test_rounds_finished_in_one_task(self):
        parts, seq = synthetic.lines_and_positions(synthetic.corpus(22, n=600, giant=100), 6)
        got, report = self.run_job(parts, bucket_memory_mb=0.002)
        self.assertEqual(got, expected(seq, 0.8))
        self.assertEqual(report.rounds, report.local_rounds)

    def test_first_round_distributed_then_one_task(self):
        parts, seq = synthetic.lines_and_positions(synthetic.corpus(23, n=600, giant=100), 6)
        got, report = self.run_job(parts, local_mb=0.5)
        self.assertEqual(got, expected(seq, 0.8))
        self.assertGreater(report.local_rounds, 0)
        self.assertGreater(report.rounds, report.local_rounds)


if __name__ == "__main__":
    unittest.main()
