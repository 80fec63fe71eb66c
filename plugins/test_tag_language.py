"""Tests of the example plugin, on the sample corpus and through the real protocol."""
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import tag_language  # noqa: E402


class TagLanguageTest(unittest.TestCase):
    def test_sample_corpus_is_english(self):
        with open(os.path.join(ROOT, "input", "rfe-kazakh-activists.txt"), encoding="utf-8") as f:
            code, score = tag_language.tag(f.read())
        self.assertEqual(code, "en")
        self.assertGreater(score, 0.2)

    def test_other_languages(self):
        self.assertEqual(tag_language.tag("Die Regierung hat am Montag mitgeteilt, dass sie die Steuern nicht erhöhen wird.")[0], "de")
        self.assertEqual(tag_language.tag("Le gouvernement a annoncé lundi qu'il ne va pas augmenter les impôts pour les ménages.")[0], "fr")

    def test_no_words_no_language(self):
        self.assertEqual(tag_language.tag("1234 5678 —"), (None, 0.0))

    def test_protocol_keeps_order_and_fields(self):
        records = [
            {"id": "a", "text": "The council said that the plan was approved.", "meta": {}, "sentences": [{"start": 0, "end": 44}], "custom": 1},
            {"id": "b", "text": "Der Rat hat den Plan nicht gebilligt, sagte er.", "meta": {"language": "de"}},
        ]
        stdin = "".join(json.dumps(r) + "\n" for r in records)
        out = subprocess.run([sys.executable, os.path.join(HERE, "tag_language.py")], input=stdin,
                             capture_output=True, text=True, check=True).stdout.splitlines()
        got = [json.loads(line) for line in out]
        self.assertEqual([r["id"] for r in got], ["a", "b"])
        self.assertEqual(got[0]["language"]["code"], "en")
        self.assertEqual(got[0]["meta"]["language"], "en")
        self.assertEqual(got[0]["sentences"], records[0]["sentences"])
        self.assertEqual(got[0]["custom"], 1)
        self.assertEqual(got[1]["language"]["code"], "de")

    def test_lone_surrogate_in_a_field_is_answered(self):
        # An unknown field of a JSONL input record reaches the plugin as written ("\udc00"):
        # the plugin answers it escaped, and the other records in UTF-8 as before.
        lines = ['{"id": "a", "text": "Le conseil a dit que le plan était adopté.", "meta": {}, "x": "\\udc00"}',
                 '{"id": "b", "text": "The council said the café was open.", "meta": {}}']
        out = subprocess.run([sys.executable, os.path.join(HERE, "tag_language.py")], input="\n".join(lines) + "\n",
                             capture_output=True, text=True, check=True).stdout.splitlines()
        self.assertEqual(len(out), 2)
        self.assertIn('"x": "\\udc00"', out[0])
        self.assertIn('"text": "Le conseil a dit que le plan \\u00e9tait adopt\\u00e9."', out[0])
        self.assertEqual(json.loads(out[0])["language"], {"code": "fr", "score": json.loads(out[0])["language"]["score"]})
        self.assertIn('"text": "The council said the café was open."', out[1])


if __name__ == "__main__":
    unittest.main()
