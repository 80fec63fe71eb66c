#!/usr/bin/env bash
# Sets up what is missing and runs the whole test suite: the Swift tests, the report page in
# headless Chromium, the example plugin's tests (Python), the example package that builds its
# own textmill with an extra stage, and the Spark job's tests (contrib/spark/tests). After each
# step it prints the step's wall-clock and CPU seconds (on a shared machine the CPU seconds are
# the figure to compare).
set -euo pipefail
cd "$(dirname "$0")/.."
TIMEFORMAT='   (%R s wall, %U s user + %S s sys)'

echo "== set-up"
time bash scripts/setup.sh --tests

echo "== Swift tests: debug build"
time swift build --build-tests
echo "== Swift tests"
time swift test --skip-build

echo "== release build of textmill (the browser check and the Spark tests run it)"
# Built here every time, so neither step runs a release binary older than this checkout.
time swift build -c release --product textmill

echo "== textmill report in headless Chromium"
time python3 scripts/report_browser_test.py --textmill .build/release/textmill

echo "== plugins/ (Python exec plugin)"
time python3 -m unittest discover -s plugins -p 'test_*.py'

echo "== Examples/word-stats (a package that adds a Swift stage)"
# Built and tested as its own package (its manifest, its path dependency on TextMill, its
# test target), in this checkout's .build: SwiftPM finds TextMill and its dependencies compiled
# there by the debug build above, by the same commands, and compiles only the example's targets.
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

echo "== contrib/spark (the Spark job, local mode)"
time bash contrib/spark/tests/run.sh
echo "all tests passed"
