#!/usr/bin/env bash
# Sets up what is missing and runs the whole test suite: the Swift tests, the report page in
# headless Chromium, the example plugin's tests (Python), and the example package that builds its
# own textmill with an extra stage.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser

echo "== Swift tests"
swift build --build-tests
swift test --skip-build

echo "== textmill report in headless Chromium"
python3 scripts/report_browser_test.py --textmill .build/debug/textmill

echo "== plugins/ (Python exec plugin)"
python3 -m unittest discover -s plugins -p 'test_*.py'

echo "== Examples/word-stats (a package that adds a Swift stage)"
swift build --package-path Examples/word-stats
swift test --package-path Examples/word-stats
Examples/word-stats/.build/debug/textmill-wordstats validate Examples/word-stats/pipeline.yaml
# The example config as its comment says to run it (the output in a scratch folder): exit 0.
word_stats_out="$(mktemp -d)"
Examples/word-stats/.build/debug/textmill-wordstats run Examples/word-stats/pipeline.yaml --output "$word_stats_out/corpus.jsonl" --quiet
rm -rf "$word_stats_out"
echo "== contrib/spark (the Spark job, local mode)"
bash contrib/spark/tests/run.sh
echo "all tests passed"
