#!/usr/bin/env bash
# Sets up what is missing and runs the whole test suite: the Swift tests, the plugin example's
# tests and the example package that builds its own textmill.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build
