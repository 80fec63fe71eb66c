"""The driver's start-up work made before the SparkContext (tmspark/startup.py): the same
results as the steps run after it, and the same errors, raised where the job needs them."""
import os
import tempfile
import unittest

import support
from tmspark import inputs, mapside, startup
from tmspark.job import Settings

CONFIG = """stages:
  - normalize
  - dedup: {boilerplate: false}
"""


class Startup(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.TemporaryDirectory()
        self.folder = os.path.join(self.work.name, "in")
        os.makedirs(os.path.join(self.folder, "b"))
        for name, text in (("b/two.jsonl", "The ferry left at noon."), ("a.jsonl", "Rain fell on the harbour.")):
            with open(os.path.join(self.folder, name), "w") as f:
                f.write('{"text":"%s"}\n' % text)
        self.config = os.path.join(self.work.name, "pipeline.yaml")
        with open(self.config, "w") as f:
            f.write(CONFIG)

    def tearDown(self):
        self.work.cleanup()

    def settings(self, textmill=None):
        return Settings(config=self.config, inputs=[self.folder], output=os.path.join(self.work.name, "out"),
                        textmill=textmill or support.textmill())

    def test_same_plan_files_and_zip_as_the_steps_run_later(self):
        made = []

        def package():
            made.append(os.path.join(self.work.name, "tmspark.zip"))
            return made[-1]
        started = startup.Startup(self.settings(), package)
        self.assertIsNotNone(started.description.proc, "textmill describes the config while Spark starts")
        self.assertEqual(started.plan(), mapside.describe(support.textmill(), self.config))
        self.assertEqual(started.files(None), inputs.list_inputs([self.folder]))
        self.assertEqual([os.path.basename(f[0]) for f in started.files(None)], ["a.jsonl", "two.jsonl"])
        self.assertEqual(started.package_zip(), made[0])
        self.assertEqual(len(made), 1)

    def test_errors_are_raised_where_the_job_needs_the_result(self):
        settings = self.settings()
        settings.inputs = [os.path.join(self.work.name, "missing")]
        started = startup.Startup(settings)                 # raises nothing yet
        with self.assertRaisesRegex(inputs.InputProblem, "does not exist"):
            started.files(None)
        with open(self.config, "w") as f:
            f.write("stages:\n  - dedup\n")           # boilerplate on: refused distributed
        with self.assertRaisesRegex(mapside.MapSideError, "boilerplate"):
            startup.Startup(self.settings()).plan()

    def test_a_binary_not_found_here_waits_for_spark(self):
        # A textmill shipped with --files is found through SparkFiles once Spark is up: nothing
        # starts before, and the describe then fails as it did (no Spark here to find it in).
        started = startup.Startup(self.settings(textmill="textmill-shipped-with-files"))
        self.assertIsNone(started.description.proc)
        with self.assertRaisesRegex(mapside.MapSideError, "cannot find 'textmill-shipped-with-files'"):
            started.plan()


if __name__ == "__main__":
    unittest.main()
