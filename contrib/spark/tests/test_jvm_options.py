"""The executors' JVM options: the class-data-sharing archive contrib/spark/submit made
(TEXTMILL_SPARK_CLASS_ARCHIVE) goes to executors that start on this machine, and never when it is
off, missing, or the executors are elsewhere (a JVM given a missing archive loses the JDK's own).
The standalone cluster test checks that a real executor gets it."""
import os
import subprocess
import tempfile
import unittest

import support
from textmill_spark import EXECUTOR_JAVA_OPTIONS, executor_java_options

HERE_MASTERS = ("local[2]", "local", "spark://127.0.0.1:7077", "spark://localhost:7077,127.0.0.1:7078")


class ExecutorJavaOptions(unittest.TestCase):
    def setUp(self):
        folder = tempfile.mkdtemp(prefix="textmill-jvm-")
        self.archive = os.path.join(folder, "driver.jsa")
        with open(self.archive, "wb") as f:
            f.write(b"archive")

    def test_archive_passed_to_executors_on_this_machine(self):
        environ = {"TEXTMILL_SPARK_CLASS_ARCHIVE": self.archive}
        for master in HERE_MASTERS:
            self.assertEqual(executor_java_options(master, environ),
                             f"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms64m -XX:SharedArchiveFile={self.archive}", master)

    def test_archive_omitted_when_off_missing_or_elsewhere(self):
        cases = [("local[2]", {}), ("local[2]", {"TEXTMILL_SPARK_CLASS_ARCHIVE": "off"}),
                 ("local[2]", {"TEXTMILL_SPARK_CLASS_ARCHIVE": self.archive + ".gone"}),
                 ("spark://10.1.2.3:7077", {"TEXTMILL_SPARK_CLASS_ARCHIVE": self.archive}),
                 ("spark://127.0.0.1:7077,10.1.2.3:7077", {"TEXTMILL_SPARK_CLASS_ARCHIVE": self.archive}),
                 ("yarn", {"TEXTMILL_SPARK_CLASS_ARCHIVE": self.archive})]
        for master, environ in cases:
            self.assertEqual(executor_java_options(master, environ), EXECUTOR_JAVA_OPTIONS, (master, environ))


class DriverJavaOptions(unittest.TestCase):
    def options(self, **environ):
        """SPARK_SUBMIT_OPTS as contrib/spark/spark_env.sh leaves it (no class archive)."""
        env = {k: v for k, v in os.environ.items() if k != "SPARK_SUBMIT_OPTS"}
        env.update(TEXTMILL_SPARK_CLASS_ARCHIVE="off", **environ)
        run = subprocess.run(["bash", "-c", '. "$1" >&2 && printf "%s" "$SPARK_SUBMIT_OPTS"', "spark_env",
                              os.path.join(support.CONTRIB, "spark_env.sh")], env=env, capture_output=True, text=True)
        self.assertEqual(run.returncode, 0, run.stderr[-3000:])
        return run.stdout

    def test_initial_heap_only_with_the_default_options(self):
        """The driver (local mode's executor) starts with a heap of 64 MB, grown as it needs,
        unless SPARK_SUBMIT_OPTS is the user's: then it is theirs alone."""
        self.assertEqual(self.options(), "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms64m")
        self.assertEqual(self.options(SPARK_SUBMIT_OPTS="-Dmine=1"), "-Dmine=1")


class SubmitSettingsWin(unittest.TestCase):
    def test_submit_conf_wins_over_the_jobs_defaults(self):
        """spark-submit's --conf values stay: the job's defaults fill only what is missing (a conf
        made before connecting to spark-submit's JVM is a bare dict whose values replaced them)."""
        folder = tempfile.mkdtemp(prefix="textmill-conf-")
        script = os.path.join(folder, "show_conf.py")
        with open(script, "w") as f:
            f.write(f"import sys\nsys.path.insert(0, {support.CONTRIB!r})\nfrom textmill_spark import spark_conf\n"
                    "conf = spark_conf()\nprint('|'.join(conf.get(k) for k in ('spark.io.compression.codec', "
                    "'spark.executor.extraJavaOptions', 'spark.python.worker.memory', 'spark.ui.enabled')))\n")
        run = subprocess.run([os.path.join(support.CONTRIB, "submit"), "--master", "local[1]",
                              "--conf", "spark.io.compression.codec=lz4",
                              "--conf", "spark.executor.extraJavaOptions=-Dmine=1", script],
                             capture_output=True, text=True)
        self.assertEqual(run.returncode, 0, run.stderr[-3000:])
        # The web UI is off unless asked for (its server and classes cost the driver ~0.4 CPU s).
        self.assertEqual(run.stdout.strip().splitlines()[-1], "lz4|-Dmine=1|1g|false")


class ClassArchiveScript(unittest.TestCase):
    def test_off_prints_nothing_and_makes_nothing(self):
        venv = tempfile.mkdtemp(prefix="textmill-venv-")
        env = dict(os.environ, TEXTMILL_SPARK_CLASS_ARCHIVE="off", SPARK_HOME=venv,
                   SPARK_SUBMIT_OPTS="", SPARK_LAUNCHER_OPTS="")
        run = subprocess.run(["bash", os.path.join(support.CONTRIB, "classes.sh"), venv], env=env, capture_output=True)
        self.assertEqual((run.returncode, run.stdout, run.stderr), (0, b"", b""))
        self.assertEqual(os.listdir(venv), [])

    def test_failure_to_make_is_said_once_and_runs_without(self):
        """A warm-up job that fails: no archive printed (the job runs without it), one message,
        and no second attempt for the same key."""
        home = tempfile.mkdtemp(prefix="textmill-spark-home-")
        os.makedirs(os.path.join(home, "jars"))
        os.makedirs(os.path.join(home, "bin"))
        submit = os.path.join(home, "bin", "spark-submit")
        with open(submit, "w") as f:
            f.write("#!/bin/sh\necho 'the warm-up failed' >&2\nexit 1\n")
        os.chmod(submit, 0o755)
        venv = tempfile.mkdtemp(prefix="textmill-venv-")
        env = dict(os.environ, SPARK_HOME=home, SPARK_SUBMIT_OPTS="", SPARK_LAUNCHER_OPTS="")
        env.pop("TEXTMILL_SPARK_CLASS_ARCHIVE", None)
        script = os.path.join(support.CONTRIB, "classes.sh")
        first = subprocess.run(["bash", script, venv], env=env, capture_output=True, text=True)
        self.assertEqual((first.returncode, first.stdout), (0, ""))
        self.assertIn("could not make the JVM class archive", first.stderr)
        [key] = os.listdir(os.path.join(venv, "jvm-classes"))
        with open(os.path.join(venv, "jvm-classes", key, "failed")) as f:
            self.assertIn("the warm-up failed", f.read())
        second = subprocess.run(["bash", script, venv], env=env, capture_output=True, text=True)
        self.assertEqual((second.returncode, second.stdout, second.stderr), (0, "", ""))


if __name__ == "__main__":
    unittest.main()
