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
