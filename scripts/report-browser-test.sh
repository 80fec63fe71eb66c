#!/usr/bin/env bash
# The `textmill report` page in headless Chromium (installed by scripts/setup.sh): renders the
# report of the sample corpus, checks its DOM, saves a screenshot (.build/report-browser-test/
# report.png) and times a report of a 100,000-document output. Extra arguments go to
# scripts/report_browser_test.py (e.g. --documents 0 to skip the large report).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
swift build --product textmill
python3 scripts/report_browser_test.py --textmill .build/debug/textmill "$@"
