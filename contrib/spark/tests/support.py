"""Shared set-up for the Spark tests: one local SparkContext, the textmill binary, a venv check."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONTRIB = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(CONTRIB))
sys.path.insert(0, CONTRIB)

_sc = None


def spark():
    """A local[2] SparkContext shared by every test of the run (start-up costs ~15 s)."""
    global _sc
    if _sc is None:
        from pyspark import SparkConf, SparkContext
        conf = (SparkConf().setMaster("local[2]").setAppName("textmill-tests")
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
                .set("spark.driver.memory", "2g"))
        _sc = SparkContext.getOrCreate(conf)
        _sc.setLogLevel("ERROR")
        from textmill_spark import ship_package
        ship_package(_sc)
    return _sc


def textmill():
    """The textmill binary the tests use: $TEXTMILL, else the release build (built when missing)."""
    path = os.environ.get("TEXTMILL") or os.path.join(ROOT, ".build", "release", "textmill")
    if not os.path.exists(path):
        subprocess.run(["swift", "build", "-c", "release", "--product", "textmill"], cwd=ROOT, check=True)
    return path
