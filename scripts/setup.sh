#!/usr/bin/env bash
# Installs what TextMill needs to build on a fresh Debian/Ubuntu machine, when it is missing:
# pkg-config, libxml2-dev, zlib1g-dev, libdeflate-dev and libcld2-dev (through apt-get); with --tests also what the test suite
# needs beyond building: chromium (the report's browser test), Java 17 and python3-venv (the Spark
# job's tests). Swift itself must already be on PATH.
set -euo pipefail

need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists libxml-2.0 2>/dev/null || need+=(libxml2-dev)
pkg-config --exists zlib 2>/dev/null || need+=(zlib1g-dev)
[ -f /usr/include/cld2/public/compact_lang_det.h ] || need+=(libcld2-dev)
pkg-config --exists libdeflate 2>/dev/null || need+=(libdeflate-dev)
if [ "${1:-}" = "--tests" ] || [ "${1:-}" = "--browser" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)                 # the report's browser test
  command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)      # Spark (contrib/spark tests)
  python3 -c "import venv, ensurepip" 2>/dev/null || need+=(python3-venv) # contrib/spark/venv.sh
fi

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]} with apt-get" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "setup: need root (or sudo) to install: ${need[*]}" >&2; exit 1
    fi
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

command -v swift >/dev/null 2>&1 || { echo "setup: swift is not on PATH (install Swift 6 from swift.org)" >&2; exit 1; }
