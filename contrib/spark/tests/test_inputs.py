"""The map side's framed input: which lines of a file are records, numbered as `textmill run`
numbers them."""
import os
import shutil
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

    def test_bytes_after_the_gzip_data_are_named_as_textmill_names_them(self):
        # A proxy's line appended after a whole .gz member: textmill run says "trailing garbage"
        # (Gzip.swift); the job said "corrupt (incorrect header check)", so its errors file was
        # not the one textmill run writes. A file that is no gzip at all keeps the header check.
        import gzip
        with tempfile.TemporaryDirectory() as d:
            tail = os.path.join(d, "tail.jsonl.gz")
            with open(tail, "wb") as f:
                f.write(gzip.compress(b'{"text":"Rain fell on Tuesday."}\n') + b"<!-- saved by a proxy -->\n")
            plain = os.path.join(d, "plain.jsonl.gz")
            with open(plain, "wb") as f:
                f.write(b'{"text":"The mill opened."}\n')
            framed = []
            for piece in inputs.plan_pieces(inputs.list_inputs([tail, plain]), 1 << 20):
                framed.append(b"".join(inputs.framed_lines(piece, inputs.piece_lines(piece), limit=1 << 20)).decode())
        self.assertEqual(framed[0].split("\n")[1].split("\t")[1:], [
            "2!", "the gzip data is followed by bytes that are not gzip (trailing garbage, which gzip -d warns about "
                  "and drops): reading stops there; cut them off, e.g. gzip -dc FILE | gzip > FIXED.gz"])
        self.assertEqual(framed[1].split("\t")[1:], ["1!", "the gzip data is corrupt (incorrect header check)\n"])

    def test_a_member_of_an_unknown_method_is_named_as_textmill_names_it(self):
        # A gzip header whose method byte is not 8 (deflate): textmill run says "unknown
        # compression method" (zlib's words), Python "Unknown compression method".
        import gzip
        member = bytearray(gzip.compress(b'{"text":"The mill opened."}\n'))
        member[2] = 7
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "method.jsonl.gz")
            with open(path, "wb") as f:
                f.write(bytes(member))
            piece = inputs.plan_pieces(inputs.list_inputs([path]), 1 << 20)[0]
            framed = b"".join(inputs.framed_lines(piece, inputs.piece_lines(piece), limit=1 << 20)).decode()
        self.assertEqual(framed.split("\t")[1:], ["1!", "the gzip data is corrupt (unknown compression method)\n"])

    def test_only_blank_lines(self):
        out = self.framed(b"\n \n\t\r\n")
        self.assertTrue(out.endswith(b"\t0\t\n"), "a file without records is reported as one")
        self.assertEqual(out.count(b"\n"), 1)

    def test_a_file_that_cannot_be_opened_is_one_failure(self):
        # A dangling link among the inputs, and a file gone since the inputs were listed: one
        # failure for the whole file (line 0), in the words `textmill run` uses, and the task
        # goes on (it stopped the job with FileNotFoundError, exit 3).
        folder = tempfile.mkdtemp()
        try:
            link = os.path.join(folder, "wire.jsonl")
            os.symlink(os.path.join(folder, "moved", "wire.jsonl"), link)
            gone = os.path.join(folder, "gone.jsonl.gz")
            for path, gz, want in [
                (link, False, f"'in/wire.jsonl' is a symbolic link to '{folder}/moved/wire.jsonl', which does not exist: fix or remove the link"),
                (gone, True, "the file vanished before it could be read (no such file: 'in/gone\\u{1B}.jsonl.gz')"),
            ]:
                shown = "in/wire.jsonl" if not gz else "in/gone\x1b.jsonl.gz"
                piece = inputs.Piece(shown, path, 0, 0, 1, True, gz, False)
                out = b"".join(inputs.framed_lines(piece, inputs.piece_lines(piece), limit=40))
                self.assertEqual(out, shown.encode() + b"\t0!\t" + want.encode() + b"\n")
                self.assertEqual(inputs.count_piece(piece), (0, True))
        finally:
            shutil.rmtree(folder)


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

    def sizes(self, parts):
        return [sum(p.end - p.start for p in part) for part in parts]

    def test_whole_rounds_of_the_cores(self):
        # 300 MB in files of 2.3 MB on two cores, --split-mb 64: six partitions (three rounds of
        # two), where 64 MB pieces made five (three rounds, the last on one core).
        parts = self.partitions(300, 2, 64, 2.3)
        self.assertEqual(len(parts), 6)
        self.assertLessEqual(max(self.sizes(parts)), 64 * self.MB)
        # Four cores: eight partitions.
        self.assertEqual(len(self.partitions(300, 4, 64, 2.3)), 8)

    def test_split_mb_stays_the_most_a_task_reads(self):
        for total in (1, 10, 63, 64, 65, 128, 300, 1000, 5000):
            for cores in (1, 2, 3, 8):
                share = inputs.task_bytes(total * self.MB, cores, 64 * self.MB)
                self.assertLessEqual(share, 64 * self.MB)
                self.assertGreaterEqual(share, 1 * self.MB)

    def test_partitions_equal_within_a_file(self):
        # The same 300 MB in six partitions of 50 MB each, give or take a file (2.3 MB): the last
        # is not what is left over (packing up to a tenth over the share left it 34.5 MB, whose
        # task ended while the one before ran on alone). In input order, every file once.
        parts = self.partitions(300, 2, 64, 2.3)
        sizes = self.sizes(parts)
        self.assertLessEqual(max(sizes) - min(sizes), int(2.3 * self.MB))
        for size in sizes:
            self.assertLessEqual(abs(size - 50 * self.MB), int(2.3 * self.MB))
        names = [p.path for part in parts for p in part]
        self.assertEqual(names, [f"f{i}" for i in range(130)])

    def test_a_large_file_is_cut_into_equal_shares(self):
        # One 300 MB file on two cores: six pieces of 50 MB, one a partition.
        share = inputs.task_bytes(300 * self.MB, 2, 64 * self.MB)
        parts = inputs.plan_partitions(inputs.plan_pieces([("big", "big", 300 * self.MB, False)], share), share)
        self.assertEqual(self.sizes(parts), [50 * self.MB] * 6)

    def test_an_unsplittable_file_leaves_no_empty_partition(self):
        # A .gz file weighs four times its size and is never cut: the partitions it covers are
        # not left empty.
        files = [("a.jsonl", "a.jsonl", 10 * self.MB, False), ("b.jsonl.gz", "b.jsonl.gz", 20 * self.MB, True),
                 ("c.jsonl", "c.jsonl", 10 * self.MB, False)]
        share = inputs.task_bytes(40 * self.MB, 2, 64 * self.MB)
        parts = inputs.plan_partitions(inputs.plan_pieces(files, share), share)
        self.assertEqual([[p.path for p in part] for part in parts], [["a.jsonl"], ["b.jsonl.gz"], ["c.jsonl"]])

    def test_small_corpus_one_task_a_core(self):
        # 10 MB on two cores: two partitions of 5 MB, not one of 10.
        self.assertEqual(inputs.task_bytes(10 * self.MB, 2, 64 * self.MB), 5 * self.MB)
        self.assertEqual(self.sizes(self.partitions(10, 2, 64, 0.5)), [5 * self.MB] * 2)

    def test_one_core(self):
        # One core: five tasks of 60 MB (an equal share, under --split-mb).
        self.assertEqual(len(self.partitions(300, 1, 64, 2.3)), 5)
