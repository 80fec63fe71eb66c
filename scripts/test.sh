#!/usr/bin/env bash
# Sets up what is missing and runs the whole test suite: the Swift tests, the report page in
# headless Chromium, the example plugin's tests (Python), the example package that builds its
# own textmill with an extra stage, and the Spark job's tests (contrib/spark/tests). After each
# step it prints the step's wall-clock and CPU seconds (on a shared machine the CPU seconds are
# the figure to compare).
#
# One build serves every step: a debug build (the tests' testable imports and DEBUG checks) in
# which the TextMill library alone is compiled optimized (TEXTMILL_OPTIMIZED_DEBUG=1, read by
# Package.swift), so its `.build/debug/textmill` is fast enough for the browser check and the
# Spark tests. The Swift tests then run while those steps run beside them: the Spark tests spend
# much of their time waiting for JVMs, and the Swift tests for child processes.
set -euo pipefail
cd "$(dirname "$0")/.."
TIMEFORMAT='   (%R s wall, %U s user + %S s sys)'
export TEXTMILL_OPTIMIZED_DEBUG=1
textmill="$PWD/.build/debug/textmill"

echo "== set-up"
time bash scripts/setup.sh --tests

echo "== build: the Swift tests and textmill (debug, the TextMill library optimized)"
time swift build --build-tests

echo "== Examples/word-stats (a package that adds a Swift stage)"
# Built and tested as its own package (its manifest, its path dependency on TextMill, its
# test target), in this checkout's .build: SwiftPM finds TextMill and its dependencies compiled
# there by the build above, by the same commands, and compiles only the example's targets.
# Before the Swift tests, which hold .build while they run.
time {
  swift build --package-path Examples/word-stats --scratch-path .build
  swift test --package-path Examples/word-stats --scratch-path .build
  .build/debug/textmill-wordstats validate Examples/word-stats/pipeline.yaml
  # The example config run as its comment says (with the binary built here, the output in a
  # scratch folder): exit 0.
  word_stats_out="$(mktemp -d)"
  .build/debug/textmill-wordstats run Examples/word-stats/pipeline.yaml --output "$word_stats_out/corpus.jsonl" --quiet
  rm -rf "$word_stats_out"
}

# The steps that run beside the Swift tests, in this order, into a log printed after them.
beside() {
  echo "== textmill report in headless Chromium"
  time python3 scripts/report_browser_test.py --textmill "$textmill"
  echo "== plugins/ (Python exec plugin)"
  time python3 -m unittest discover -s plugins -p 'test_*.py'
  echo "== contrib/spark (the Spark job, local mode and a standalone cluster)"
  time TEXTMILL="$textmill" bash contrib/spark/tests/run.sh
}
beside_log="$(mktemp)"
set -m                                   # the steps beside get a process group of their own
( set -e; beside ) > "$beside_log" 2>&1 &
beside_pid=$!
set +m
# If this script stops early (a Swift test failed, ^C), the steps beside stop with it.
trap 'kill -- -"$beside_pid" 2>/dev/null || true; rm -f "$beside_log"' EXIT

echo "== Swift tests (beside them: the browser check, plugins/, contrib/spark; their output follows)"
time swift test --skip-build

beside_status=0
wait "$beside_pid" || beside_status=$?
cat "$beside_log"
if [ "$beside_status" -ne 0 ]; then
  echo "a step beside the Swift tests failed (exit $beside_status): see its output above" >&2
  exit "$beside_status"
fi
echo "all tests passed"
