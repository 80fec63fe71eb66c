#!/usr/bin/env bash
# Runs the Spark job's tests (contrib/spark/tests) in Spark local mode. Installs pyspark and numpy
# into contrib/spark/.venv (git-ignored) when they are missing; needs Java 17+ on the PATH and the
# release build of textmill (built when missing). TEXTMILL_SPARK_SMALL=1 skips the 235 MB check.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null; then
  echo "contrib/spark: Java is not on the PATH (Spark needs Java 17 or later: apt-get install openjdk-17-jre-headless)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import pyspark, numpy" 2>/dev/null; then
  python3 -m venv .venv
  .venv/bin/pip install -q pyspark numpy
fi
cd tests
export PYSPARK_PYTHON="$PWD/../.venv/bin/python"
set +e
../.venv/bin/python -m unittest discover -p 'test_*.py' "$@" 2>&1 \
  | grep -v -e 'log4j' -e 'setLogLevel' -e 'NativeCodeLoader' -e '^Setting default log level'
status="${PIPESTATUS[0]}"
set -e
exit "$status"
