#!/usr/bin/env bash
# Runs the Spark job's tests (contrib/spark/tests; arguments: test names, e.g. test_dedup) in Spark
# local mode, and a standalone cluster on 127.0.0.1 (test_cluster; TEXTMILL_SPARK_CLUSTER=0 skips
# it), then prints each test's seconds. contrib/spark/venv.sh makes contrib/spark/.venv (a link to
# a venv cached outside the checkout); needs Java 17+ on the PATH and the release build of
# textmill (built when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null; then
  echo "contrib/spark: Java is not on the PATH (Spark needs Java 17 or later: apt-get install openjdk-17-jre-headless)" >&2
  exit 1
fi
bash venv.sh >/dev/null
./submit --version >/dev/null 2>&1       # makes the JVM class archive (once), so no test does
# The release build the tests run, built here when missing so no test's time includes it.
if [ -z "${TEXTMILL:-}" ] && [ ! -x ../../.build/release/textmill ]; then
  echo "contrib/spark: building the release textmill the tests use (once)"
  (cd ../.. && swift build -c release --product textmill)
fi
cd tests
export PYSPARK_PYTHON="$PWD/../.venv/bin/python"
export SPARK_LOCAL_IP=127.0.0.1          # the tests talk over loopback only
set +e
../.venv/bin/python timed.py "$@" 2>&1 \
  | grep -v -e 'log4j' -e 'setLogLevel' -e 'NativeCodeLoader' -e '^Setting default log level'
status="${PIPESTATUS[0]}"
set -e
exit "$status"
