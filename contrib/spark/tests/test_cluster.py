"""The cluster command of docs/spark.md, as written, on a standalone Spark cluster: a master and
one worker on 127.0.0.1 (started from the venv's pyspark with `spark-class`), the tmspark zip
made as the docs make it, the binary and the config shipped with `--files`; the output equals
`textmill run`'s byte for byte, a truncated .gz included (one error, the job goes on, exit 1).

Slow (two JVMs and a job: about a minute); TEXTMILL_SPARK_CLUSTER=0 skips it."""
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest

import support
from test_spark_job import config, single_machine

DOCS = os.path.join(support.ROOT, "docs", "spark.md")
START_SECONDS = 120           # the master and the worker start in seconds; a loaded machine is slow


def documented(first_word):
    """The shell command in docs/spark.md that starts with `first_word`, continuation lines
    joined, as a list of words."""
    with open(DOCS, encoding="utf-8") as f:
        text = f.read().replace("\\\n", " ")
    for line in text.splitlines():
        if line.startswith(first_word):
            return shlex.split(line.split("#", 1)[0])
    raise AssertionError(f"docs/spark.md has no command starting with {first_word!r}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(log, text, process):
    """Waits until `text` is in the file `log` (the daemon is up), at most START_SECONDS."""
    deadline = time.time() + START_SECONDS
    while time.time() < deadline:
        if process.poll() is not None:
            break
        with open(log, encoding="utf-8", errors="replace") as f:
            if text in f.read():
                return
        time.sleep(0.5)
    with open(log, encoding="utf-8", errors="replace") as f:
        raise AssertionError(f"'{text}' never came (exit status {process.poll()}):\n{f.read()[-3000:]}")


@unittest.skipIf(os.environ.get("TEXTMILL_SPARK_CLUSTER") == "0", "TEXTMILL_SPARK_CLUSTER=0")
class StandaloneCluster(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="textmill-cluster-")
        cls.daemons = []
        venv_python = os.path.join(support.CONTRIB, ".venv", "bin", "python")
        # The venv link resolved, as contrib/spark/submit resolves it, so the executors' class path
        # is the one the class archive was made for.
        spark_home = subprocess.run([venv_python, "-c", "import os, pyspark; print(os.path.realpath(os.path.dirname(pyspark.__file__)))"],
                                    check=True, capture_output=True, text=True).stdout.strip()
        cls.env = dict(os.environ, SPARK_HOME=spark_home, SPARK_LOCAL_IP="127.0.0.1",
                       SPARK_WORKER_DIR=os.path.join(cls.work, "worker"), SPARK_LOG_DIR=os.path.join(cls.work, "logs"))
        cls.env.pop("PYSPARK_PYTHON", None)              # the documented command sets it itself
        spark_class = os.path.join(spark_home, "bin", "spark-class")
        port = free_port()
        cls.master = f"spark://127.0.0.1:{port}"
        try:
            master = cls.daemon("master", [spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                                           "--port", str(port), "--webui-port", str(free_port())])
            wait_for(master[1], "I have been elected leader", master[0])
            worker = cls.daemon("worker", [spark_class, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                                           "--cores", "2", "--memory", "2g", "--webui-port", str(free_port()), cls.master])
            wait_for(worker[1], "Successfully registered with master", worker[0])
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def daemon(cls, name, command):
        log = os.path.join(cls.work, f"{name}.log")
        with open(log, "wb") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=cls.env, cwd=cls.work)
        cls.daemons.append(process)
        return process, log

    @classmethod
    def tearDownClass(cls):
        for process in reversed(cls.daemons):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_documented_cluster_command(self):
        work = os.path.join(self.work, "job")
        os.makedirs(work)
        subprocess.run([sys.executable, os.path.join(support.HERE, "make_jsonl_corpus.py"), os.path.join(work, "corpus"),
                        "--mb", "1", "--template", "40"], check=True, capture_output=True)
        config(work, "{boilerplate: false}")
        os.rename(os.path.join(work, "pipeline.yaml"), os.path.join(work, "my-pipeline.yaml"))

        # The zip as the docs make it (into the work folder rather than the checkout).
        zipped = documented("(cd contrib/spark && ")
        self.assertEqual(zipped[-5:], ["-m", "zipfile", "-c", "tmspark.zip", "tmspark/)"])
        archive = os.path.join(work, "tmspark.zip")
        subprocess.run([sys.executable, "-m", "zipfile", "-c", archive, "tmspark/"], cwd=support.CONTRIB, check=True)

        # The submit command word for word, with this machine's master and the repository's files.
        command = documented("contrib/spark/submit --master spark://")
        textmill = support.textmill()
        where = {"contrib/spark/submit": os.path.join(support.CONTRIB, "submit"),
                 "contrib/spark/textmill_spark.py": os.path.join(support.CONTRIB, "textmill_spark.py"),
                 "contrib/spark/tmspark.zip": archive,
                 ".build/release/textmill,my-pipeline.yaml": f"{textmill},my-pipeline.yaml"}
        command = [where.get(word, word) for word in command]
        command = [self.master if re.fullmatch(r"spark://[A-Z_]+:\d+", w) else w for w in command]
        self.assertIn("--textmill", command)
        self.assertNotIn("--deploy-mode", command)     # a standalone master runs no Python driver
        run = subprocess.run(command, cwd=work, env=self.env, capture_output=True)
        self.assertEqual(run.returncode, 1, run.stderr.decode(errors="replace")[-4000:])
        self.check_class_archive()

        # The same inputs through textmill run, from the same folder (ids show the paths as given).
        inputs = command[command.index("--input") + 1:command.index("--output")]
        inputs = [w for w in inputs if w != "--input"]
        output = command[command.index("--output") + 1]
        cwd = os.getcwd()
        os.chdir(work)
        try:
            want = single_machine("my-pipeline.yaml", inputs, "single")
        finally:
            os.chdir(cwd)
        self.assertIn(b"the gzip data ends too early (the file is truncated)", want["errors"])
        for name in ("corpus", "duplicates", "errors"):
            folder = os.path.join(work, output, name)
            got = b"".join(open(os.path.join(folder, p), "rb").read() for p in sorted(os.listdir(folder)) if p.startswith("part-"))
            self.assertEqual(got.count(b"\n"), want[name].count(b"\n"), name)
            self.assertTrue(got == want[name], f"{name} differs")

    def check_class_archive(self):
        """The executors were started with the class-data-sharing archive contrib/spark/submit
        made (unless TEXTMILL_SPARK_CLASS_ARCHIVE=off), and their JVMs did not refuse it."""
        if os.environ.get("TEXTMILL_SPARK_CLASS_ARCHIVE") == "off":
            return
        logs = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(self.work, "worker")) for f in fs if f == "stderr"]
        commands, warnings = [], []
        for log in logs:
            with open(log, encoding="utf-8", errors="replace") as f:
                for line in f:
                    if line.startswith("Spark Executor Command:"):
                        commands.append(line)
                    elif "[cds]" in line or "shared class paths mismatch" in line:
                        warnings.append(line)
        self.assertTrue(commands, f"no executor command in {logs}")
        for command in commands:
            self.assertRegex(command, r'"-XX:SharedArchiveFile=[^"]+/driver\.jsa"')
        self.assertEqual(warnings, [])


if __name__ == "__main__":
    unittest.main()
