"""Shared set-up for the Spark tests: one local SparkContext, the textmill binary, a venv check."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONTRIB = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(CONTRIB))
sys.path.insert(0, CONTRIB)

_sc = None


# What contrib/spark/spark_env.sh sets that the tests' JVM starts with, as contrib/spark/submit's.
JVM_ENVIRONMENT = ("SPARK_HOME", "SPARK_SUBMIT_OPTS", "SPARK_LAUNCHER_OPTS")


def submit_environment():
    """SPARK_HOME and the driver's and launcher's JVM options as contrib/spark/submit starts a job
    (contrib/spark/spark_env.sh: the quick JIT tier, the serial collector, the class archive),
    from the submit defaults (options of the caller's own would make the archive another one)."""
    env = {k: v for k, v in os.environ.items() if k not in JVM_ENVIRONMENT and k != "TEXTMILL_SPARK_CLASS_ARCHIVE"}
    if os.environ.get("TEXTMILL_SPARK_CLASS_ARCHIVE") == "off":
        env["TEXTMILL_SPARK_CLASS_ARCHIVE"] = "off"
    script = '. "$1" >&2 && printf "%s\\0" "$SPARK_HOME" "$SPARK_SUBMIT_OPTS" "$SPARK_LAUNCHER_OPTS"'
    out = subprocess.run(["bash", "-c", script, "spark_env", os.path.join(CONTRIB, "spark_env.sh")],
                         env=env, check=True, stdout=subprocess.PIPE).stdout.decode()
    return dict(zip(JVM_ENVIRONMENT, out.split("\0")))


def spark():
    """A local[2] SparkContext shared by every test of the run, its JVM (driver and executor)
    started with the options contrib/spark/submit gives a job's driver: with the JVM's defaults
    (the full JIT, the parallel collector, no class archive) a drop job's start-up and run cost
    ~43 CPU s here instead of ~25."""
    global _sc
    if _sc is None:
        from pyspark import SparkConf, SparkContext
        conf = (SparkConf().setMaster("local[2]").setAppName("textmill-tests")
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
                .set("spark.driver.memory", "2g"))
        saved = {k: os.environ.get(k) for k in JVM_ENVIRONMENT}
        os.environ.update(submit_environment())          # read by PySpark's spark-submit of the JVM
        try:
            _sc = SparkContext.getOrCreate(conf)
        finally:
            for k, v in saved.items():                   # no test's child process inherits them
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
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
