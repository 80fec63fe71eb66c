"""The venv's Python workers import pyspark from the venv's site-packages (compiled), not from the
source zips Spark puts first on their PYTHONPATH (contrib/spark/textmill_spark_paths.py, which
venv.sh installs with a .pth line); zips of another Spark installation stay."""
import os
import subprocess
import unittest

import support
from textmill_spark_paths import drop_own_pyspark_zips

VENV = os.path.join(support.CONTRIB, ".venv")


class WorkerPaths(unittest.TestCase):
    def test_drops_only_this_venvs_pyspark_zips(self):
        prefix = "/cache/spark-venv-1"
        lib = f"{prefix}/lib/python3.11/site-packages/pyspark/python/lib"
        path = ["", f"{lib}/pyspark.zip", f"{lib}/py4j-0.10.9.9-src.zip", "/work/job/tmspark.zip",
                "/opt/spark/python/lib/pyspark.zip", f"{prefix}/lib/python3.11/site-packages"]
        self.assertEqual(drop_own_pyspark_zips(path, prefix),
                         ["", "/work/job/tmspark.zip", "/opt/spark/python/lib/pyspark.zip",
                          f"{prefix}/lib/python3.11/site-packages"])

    def test_worker_python_imports_compiled_pyspark(self):
        """The venv's Python started as Spark starts a worker (the zips first on PYTHONPATH): no
        zip left on sys.path, nor an importer of one that importlib.invalidate_caches() re-reads."""
        python = os.path.join(os.path.realpath(VENV), "bin", "python")
        lib = subprocess.run([python, "-c", "import os, pyspark; print(os.path.dirname(pyspark.__file__))"],
                             check=True, capture_output=True, text=True).stdout.strip()
        zips = [os.path.join(lib, "python", "lib", name) for name in sorted(os.listdir(os.path.join(lib, "python", "lib")))]
        self.assertTrue(any(z.endswith("pyspark.zip") for z in zips), zips)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(zips))
        run = subprocess.run([python, "-c", "import sys, pyspark, py4j; print(pyspark.__file__); print(py4j.__file__); "
                                            "print(any(p.endswith('.zip') and 'pyspark' in p for p in list(sys.path) + list(sys.path_importer_cache)))"],
                             env=env, check=True, capture_output=True, text=True)
        pyspark_file, py4j_file, zip_on_path = run.stdout.split()
        self.assertEqual(pyspark_file, os.path.join(lib, "__init__.py"))
        self.assertNotIn(".zip", py4j_file)
        self.assertEqual(zip_on_path, "False")
        self.assertEqual(run.stderr, "")


if __name__ == "__main__":
    unittest.main()
