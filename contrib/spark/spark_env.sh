# Sourced by contrib/spark/submit (and read by the tests' SparkContext, tests/support.py): the
# environment spark-submit runs in, from contrib/spark/.venv (made by venv.sh when missing), so
# that it needs no Spark installation: SPARK_HOME and PYSPARK_PYTHON pointing into the venv, the
# JVM options of the driver and the launcher, and the class archive (TEXTMILL_SPARK_CLASS_ARCHIVE).
#
# PYSPARK_PYTHON set by the caller wins (executors on other machines may need their own Python).
# Paths are found by the shell (no Python start), through the venv link resolved, so that every
# checkout names the same jars (the class archive below is valid for those paths only).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$(readlink -f "$(bash "$here/venv.sh")")"
python="$venv/bin/python"
SPARK_HOME=""
for site in "$venv"/lib/python3*/site-packages; do
  [ -d "$site/pyspark/jars" ] && SPARK_HOME="$site/pyspark"
done
[ -n "$SPARK_HOME" ] || { echo "contrib/spark: no pyspark in $venv (remove it and run again)" >&2; exit 1; }
export SPARK_HOME
export PYSPARK_PYTHON="${PYSPARK_PYTHON:-$python}"
export PYSPARK_DRIVER_PYTHON="${PYSPARK_DRIVER_PYTHON:-$python}"
# The driver JVM (spark-submit's own, in client mode) and the launcher: the quick JIT tier only and
# the serial collector. The driver moves no records (they wait in files beside the output), and
# the full JIT and the parallel collector's threads cost a few CPU seconds a run
# (docs/spark.md). Set SPARK_SUBMIT_OPTS yourself to choose otherwise.
submit_opts_given="${SPARK_SUBMIT_OPTS:-}"
export SPARK_SUBMIT_OPTS="${SPARK_SUBMIT_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
export SPARK_LAUNCHER_OPTS="${SPARK_LAUNCHER_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
# Spark's classes from a class-data-sharing archive (classes.sh; made on first use, ~20 CPU s
# once): the driver and launcher here, executors on this machine through textmill_spark.py, which
# reads TEXTMILL_SPARK_CLASS_ARCHIVE. TEXTMILL_SPARK_CLASS_ARCHIVE=off runs without it.
archives="$(bash "$here/classes.sh" "$venv" || true)"   # never a reason to fail
if [ -n "$archives" ]; then
  read -r driver launcher <<<"$archives"
  export TEXTMILL_SPARK_CLASS_ARCHIVE="$driver"
  SPARK_SUBMIT_OPTS="$SPARK_SUBMIT_OPTS -XX:SharedArchiveFile=$driver"
  SPARK_LAUNCHER_OPTS="$SPARK_LAUNCHER_OPTS -XX:SharedArchiveFile=$launcher"
fi
# The driver's initial heap (in local mode the executor's): 64 MB, grown as it needs up to its
# -Xmx (--driver-memory), where the JVM's default is 1/64 of the machine's memory, whose pages
# are touched as collections cycle through them whatever the live data (~40 MB here): a local
# job's JVM peaked at 355 MB on 1.15 GB, 276 MB with it (docs/spark.md, "Session 24"). Added
# after the class archive's key (a heap size changes no class), and only to the default options.
if [ -z "$submit_opts_given" ]; then
  SPARK_SUBMIT_OPTS="$SPARK_SUBMIT_OPTS -Xms64m"
fi
