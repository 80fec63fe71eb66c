"""The venv's Python workers import pyspark from the venv's site-packages (compiled), not from the
source zips Spark puts first on their PYTHONPATH, and keep no importer of Spark's jars
(contrib/spark/textmill_spark_paths.py, which venv.sh installs with a .pth line); zips of another
Spark installation stay. The tmspark zip the driver ships holds compiled modules."""
import os
import subprocess
import tempfile
import unittest

import support
from textmill_spark import package_zip
from textmill_spark_paths import drop_own_pyspark_zips

VENV = os.path.join(support.CONTRIB, ".venv")


class WorkerPaths(unittest.TestCase):
    def test_drops_only_this_venvs_pyspark_zips(self):
        prefix = "/cache/spark-venv-1"
        lib = f"{prefix}/lib/python3.11/site-packages/pyspark/python/lib"
        jars = f"{prefix}/lib/python3.11/site-packages/pyspark/jars"
        path = ["", f"{lib}/pyspark.zip", f"{lib}/py4j-0.10.9.9-src.zip", "/work/job/tmspark.zip",
                "/opt/spark/python/lib/pyspark.zip", f"{jars}/spark-core_2.13-4.3.0.jar", "/opt/spark/jars/spark-core.jar",
                f"{prefix}/lib/python3.11/site-packages"]
        self.assertEqual(drop_own_pyspark_zips(path, prefix),
                         ["", "/work/job/tmspark.zip", "/opt/spark/python/lib/pyspark.zip", "/opt/spark/jars/spark-core.jar",
                          f"{prefix}/lib/python3.11/site-packages"])

    def test_worker_python_imports_compiled_pyspark(self):
        """The venv's Python started as Spark starts a worker (the zips first on PYTHONPATH): no
        zip left on sys.path, nor an importer of one that importlib.invalidate_caches() re-reads."""
        python = os.path.join(os.path.realpath(VENV), "bin", "python")
        lib = subprocess.run([python, "-c", "import os, pyspark; print(os.path.dirname(pyspark.__file__))"],
                             check=True, capture_output=True, text=True).stdout.strip()
        zips = [os.path.join(lib, "python", "lib", name) for name in sorted(os.listdir(os.path.join(lib, "python", "lib")))]
        self.assertTrue(any(z.endswith("pyspark.zip") for z in zips), zips)
        # Spark (PythonUtils.sparkPythonPath) also puts the spark-core jar on the workers' path.
        core = [os.path.join(lib, "jars", n) for n in sorted(os.listdir(os.path.join(lib, "jars"))) if n.startswith("spark-core")]
        self.assertEqual(len(core), 1, core)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(zips + core))
        run = subprocess.run([python, "-c", "import sys, pyspark, py4j; print(pyspark.__file__); print(py4j.__file__); "
                                            "print(any(p.endswith(('.zip', '.jar')) and 'pyspark' in p for p in list(sys.path) + list(sys.path_importer_cache)))"],
                             env=env, check=True, capture_output=True, text=True)
        pyspark_file, py4j_file, zip_on_path = run.stdout.split()
        self.assertEqual(pyspark_file, os.path.join(lib, "__init__.py"))
        self.assertNotIn(".zip", py4j_file)
        self.assertEqual(zip_on_path, "False")
        self.assertEqual(run.stderr, "")

    def test_shipped_package_imports_without_compiling(self):
        """A worker imports every tmspark module of the driver's zip from its .pyc (no compile()),
        and the zip holds the sources too (another Python version compiles them)."""
        python = os.path.join(os.path.realpath(VENV), "bin", "python")
        with tempfile.TemporaryDirectory() as work:
            archive = package_zip(os.path.join(work, "tmspark.zip"))
            modules = sorted(n[:-3] for n in os.listdir(os.path.join(support.CONTRIB, "tmspark")) if n.endswith(".py"))
            probe = ("import builtins, importlib, sys\n"
                     "compiled = []\n"
                     "real = builtins.compile\n"
                     "builtins.compile = lambda source, name, *a, **k: (compiled.append(str(name)), real(source, name, *a, **k))[1]\n"
                     f"for m in {modules!r}:\n"
                     "    module = importlib.import_module('tmspark.' + m if m != '__init__' else 'tmspark')\n"
                     "    assert '.zip' in module.__file__, module.__file__\n"
                     "print(compiled)\n")
            run = subprocess.run([python, "-c", probe], env=dict(os.environ, PYTHONPATH=archive),
                                 cwd=work, check=True, capture_output=True, text=True)
            self.assertEqual(run.stdout.strip(), "[]")
            import zipfile
            with zipfile.ZipFile(archive) as z:
                names = z.namelist()
            self.assertEqual(sorted(n for n in names if n.endswith(".py")), [f"tmspark/{m}.py" for m in modules])
            self.assertEqual(sorted(n for n in names if n.endswith(".pyc")), [f"tmspark/{m}.pyc" for m in modules])

    def test_worker_collections_skip_what_was_alive_before_the_first_task(self):
        """A worker (the daemon's modules imported) that imports tmspark, as its first task does,
        has those objects frozen: the gc.collect() PySpark runs after every task skips them."""
        python = os.path.join(os.path.realpath(VENV), "bin", "python")
        probe = ("import gc, pyspark.daemon, pyspark.worker\n"
                 "alive = len(gc.get_objects())\n"
                 "import tmspark\n"
                 "print(alive > 10000, gc.get_freeze_count() >= alive, len(gc.get_objects()) < 1000)\n")
        run = subprocess.run([python, "-c", probe], env=dict(os.environ, PYTHONPATH=support.CONTRIB),
                             check=True, capture_output=True, text=True)
        self.assertEqual(run.stdout.split(), ["True", "True", "True"])


if __name__ == "__main__":
    unittest.main()


class WorkerMemory(unittest.TestCase):
    """A worker that imported tmspark gives a freed large block back to the system: glibc's
    threshold for blocks in pages of their own no longer rises to the largest block freed, which
    made every later large array come from the heap and stay in the worker's RSS (a worker grew
    by each task's peak on top of the last one's)."""

    PROBE = ("import sys\n"
             "sys.path.insert(0, sys.argv[1])\n"
             "if sys.argv[2] == 'tmspark':\n"
             "    import tmspark\n"
             "def rss():\n"
             "    for line in open('/proc/self/status'):\n"
             "        if line.startswith('VmRSS:'):\n"
             "            return int(line.split()[1])\n"
             "big = bytearray(16 << 20)\n"
             "del big\n"
             "before = rss()\n"
             "block = bytearray(8 << 20)\n"
             "del block\n"
             "print(rss() - before)\n")

    def grown_kb(self, imports):
        out = subprocess.run([os.path.join(os.path.realpath(VENV), "bin", "python"), "-c", self.PROBE, support.CONTRIB, imports],
                             check=True, capture_output=True, text=True).stdout
        return int(out)

    @unittest.skipUnless(os.path.exists("/proc/self/status"), "reads /proc")
    def test_freed_blocks_leave_the_worker(self):
        self.assertGreater(self.grown_kb("nothing"), 4 << 10, "glibc's default keeps the second block's pages")
        self.assertLess(self.grown_kb("tmspark"), 1 << 10, "with tmspark imported they are given back")


class PartitionBlocksInternals(unittest.TestCase):
    def test_a_pyspark_without_them_is_a_clear_error(self):
        # partition_blocks reads PySpark internals (pack_long, PairwiseRDD): a spark-submit of
        # another version without them stopped the job with an ImportError naming pack_long.
        import pyspark.serializers
        from tmspark import job
        saved = pyspark.serializers.pack_long
        del pyspark.serializers.pack_long
        try:
            with self.assertRaises(RuntimeError) as caught:
                job.partition_blocks(None, 2)
        finally:
            pyspark.serializers.pack_long = saved
        self.assertIn("contrib/spark/requirements.txt pins", str(caught.exception))
        self.assertIn(pyspark.__version__, str(caught.exception))
