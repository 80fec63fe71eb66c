"""The map side's framed input: which lines of a file are records, numbered as `textmill run`
numbers them."""
import os
import tempfile
import unittest

import support  # noqa: F401  (puts contrib/spark on the path)
from tmspark import inputs


class Framing(unittest.TestCase):
    def framed(self, data):
        with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as f:
            f.write(data)
        try:
            files = inputs.list_inputs([f.name])
            piece = inputs.plan_pieces(files, 1 << 20)[0]
            return b"".join(inputs.framed_lines(piece, inputs.piece_lines(piece), limit=40))
        finally:
            os.unlink(f.name)

    def test_blank_lines_skipped_records_kept(self):
        # Blank, white-space-only and CR-only lines are skipped (their numbers still count); a
        # record led by white space is a record; a line over the limit is framed by its size.
        data = (b'{"text":"Rain fell on Tuesday."}\n'
                b"\n"
                b"  \t \r\n"
                b'  {"text":"The mill opened."}\n'
                b"\r\n"
                b'\t{"text":"x"}\r\n'
                b'{"text":"A line far longer than the forty bytes allowed."}\n'
                b'{"text":"last, no newline"}')
        out = self.framed(data).split(b"\n")
        path = out[0].split(b"\t")[0]
        self.assertEqual([line.split(b"\t", 1)[1] if line else line for line in out], [
            b'1\t{"text":"Rain fell on Tuesday."}',
            b'4\t  {"text":"The mill opened."}',
            b'6\t\t{"text":"x"}\r',
            b"7:58\t",
            b'8\t{"text":"last, no newline"}',
            b"",
        ])
        self.assertTrue(path.endswith(b".jsonl"))

    def test_only_blank_lines(self):
        out = self.framed(b"\n \n\t\r\n")
        self.assertTrue(out.endswith(b"\t0\t\n"), "a file without records is reported as one")
        self.assertEqual(out.count(b"\n"), 1)


if __name__ == "__main__":
    unittest.main()


class TaskBytes(unittest.TestCase):
    MB = 1 << 20

    def partitions(self, total, cores, split, file_mb):
        """How many partitions `plan_partitions` makes of `total` MB of files of `file_mb` MB."""
        size = int(file_mb * self.MB)
        files = [(f"f{i}", f"f{i}", size, False) for i in range(int(total / file_mb))]
        return inputs.plan_partitions(inputs.plan_pieces(files, inputs.task_bytes(total * self.MB, cores, split * self.MB)),
                                      inputs.task_bytes(total * self.MB, cores, split * self.MB))

    def test_whole_rounds_of_the_cores(self):
        # 300 MB in files of 2.3 MB on two cores, --split-mb 64: six partitions (three rounds of
        # two), where 64 MB pieces made five (three rounds, the last on one core).
        parts = self.partitions(300, 2, 64, 2.3)
        self.assertEqual(len(parts), 6)
        self.assertLessEqual(max(sum(p.end - p.start for p in part) for part in parts), 64 * self.MB)
        # Four cores: eight partitions.
        self.assertEqual(len(self.partitions(300, 4, 64, 2.3)), 8)

    def test_split_mb_stays_the_most_a_task_reads(self):
        for total in (1, 10, 63, 64, 65, 128, 300, 1000, 5000):
            for cores in (1, 2, 3, 8):
                share = inputs.task_bytes(total * self.MB, cores, 64 * self.MB)
                self.assertLessEqual(share, 64 * self.MB)
                self.assertGreaterEqual(share, 1 * self.MB)

    def test_small_corpus_one_task_a_core(self):
        # 10 MB on two cores: two partitions of about 5.5 MB, not one of 10.
        self.assertEqual(inputs.task_bytes(10 * self.MB, 2, 64 * self.MB), 10 * self.MB * 11 // 20 + 1)
        self.assertEqual(len(self.partitions(10, 2, 64, 0.5)), 2)

    def test_one_core(self):
        # One core: tasks of --split-mb (a tenth more than an equal share is still under it).
        self.assertEqual(len(self.partitions(300, 1, 64, 2.3)), 5)
