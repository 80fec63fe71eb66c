"""Imported at start-up by every Python of contrib/spark's venv (venv.sh copies this file and a
`.pth` line that imports it into the venv's site-packages): takes the source zips of the venv's
own pyspark ($SPARK_HOME/python/lib/pyspark.zip and py4j-*-src.zip) and its jars
($SPARK_HOME/jars/*.jar) off sys.path.

Spark puts those zips first on its Python workers' PYTHONPATH. A worker then imports pyspark
from the zip, compiling it from source after every fork (zips hold no compiled files here), and
re-reads the 4 MB zip's directory for every task (importlib.invalidate_caches): ~40 % of the
workers' CPU on a 75 MB job. Without the zips it imports the same pyspark and py4j from the venv's
site-packages, compiled. Spark also puts its spark-core jar on that PYTHONPATH (PythonUtils adds
the jar it was loaded from); a jar is a zip too, of ~6,000 classes and no Python module, whose
directory every task re-read (~2 CPU s of the workers' ~11 on a 300 MB job, in a py-spy profile).
Zips and jars of any other Spark installation are left alone."""
import os
import sys


def own_pyspark_zip(entry, venv):
    """Whether a sys.path entry is a zip under this venv's pyspark/python/lib/ or a jar under its
    pyspark/jars/."""
    real = os.path.realpath(entry)
    if not real.startswith(venv):
        return False
    return ((real.endswith(".zip") and os.path.join("pyspark", "python", "lib", "") in real)
            or (real.endswith(".jar") and os.path.join("pyspark", "jars", "") in real))


def drop_own_pyspark_zips(path, prefix):
    """`path` (a sys.path list) without the zips and jars of the venv at `prefix`'s pyspark."""
    venv = os.path.join(os.path.realpath(prefix), "")
    return [entry for entry in path if not own_pyspark_zip(entry, venv)]


def forget(dropped):
    """Drops the importers Python made for `dropped` entries while it looked for this module:
    importlib.invalidate_caches() would still re-read their zips."""
    for entry in dropped:
        sys.path_importer_cache.pop(entry, None)


_kept = drop_own_pyspark_zips(sys.path, sys.prefix)
forget([entry for entry in sys.path if entry not in _kept])
sys.path[:] = _kept
