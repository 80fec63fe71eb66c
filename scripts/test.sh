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

# The release build of textmill that the browser check and the Spark tests run is made in the
# background while the debug build and the Swift tests run: its optimizing compile of TextMill is
# mostly one process on one core, which leaves the other core to them. It has a folder of its own
# (.build-test-release/), as SwiftPM lets one build at a time use a folder. Built here every time,
# so neither step runs a release binary older than this checkout.
# The dependencies are resolved first, once, so that the two builds only read Package.resolved.
swift package resolve
release_scratch=.build-test-release
# Its own wall and CPU seconds are the last line of its log, printed when it is waited for; the
# CPU seconds of the step during which it ended include its own as well (bash counts a child's
# CPU time when it ends).
release_log="$(mktemp)"
# In a process group of its own (set -m), so that all of it, compiler jobs included, can be stopped.
set -m
( time swift build -c release --product textmill --scratch-path "$release_scratch" ) </dev/null >"$release_log" 2>&1 &
release_build=$!
set +m
# A step that fails ends the script: the background build is stopped with it.
stop_release_build() {
  if [ -n "$release_build" ]; then
    kill -TERM -- "-$release_build" 2>/dev/null || true
    wait "$release_build" 2>/dev/null || true
  fi
  rm -f "$release_log"
}
trap stop_release_build EXIT

echo "== Swift tests: debug build (the release build of textmill runs beside it and the tests)"
time swift build --build-tests
echo "== Swift tests"
time swift test --skip-build

echo "== release build of textmill (the browser check and the Spark tests run it), made in the background"
release_status=0
time wait "$release_build" || release_status=$?
release_build=""
if [ "$release_status" -ne 0 ]; then
  cat "$release_log"
  echo "the release build failed (exit status $release_status)"
  exit "$release_status"
fi
tail -n 3 "$release_log"
textmill_release="$PWD/$release_scratch/release/textmill"

echo "== textmill report in headless Chromium"
time python3 scripts/report_browser_test.py --textmill "$textmill_release"

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
time TEXTMILL="$textmill_release" bash contrib/spark/tests/run.sh
echo "all tests passed"
