#!/usr/bin/env bash
# Sets up what is missing, builds textmill (release) and runs the default pipeline on input/ into output/.
# Extra arguments go to `textmill run` (e.g. scripts/run.sh pipeline/news-html.yaml --jobs 2).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product textmill
exec .build/release/textmill run "$@"
