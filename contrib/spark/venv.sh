#!/usr/bin/env bash
# Makes contrib/spark/.venv (pyspark and numpy, as pinned in requirements.txt) and prints its path.
#
# Installing pyspark takes minutes, so the venv is built once per requirements file and Python
# version in a cache outside the checkout ($TEXTMILL_CACHE, else $XDG_CACHE_HOME/textmill, else
# ~/.cache/textmill) and .venv is a link to it: a fresh clone on the same machine reuses it.
# A .venv that is a real directory with pyspark and numpy in it is used as it is.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
installed() {                 # pyspark and numpy in the venv $1 (looked up, not imported: no Python start)
  local site
  for site in "$1"/lib/python3*/site-packages; do
    [ -f "$site/pyspark/__init__.py" ] && [ -f "$site/numpy/__init__.py" ] && return 0
  done
  return 1
}
if [ -d "$venv" ] && [ ! -L "$venv" ] && [ -x "$venv/bin/python" ] && installed "$venv"; then
  echo "$venv"; exit 0
fi
python="$(command -v python3 || true)"
[ -n "$python" ] || { echo "contrib/spark: python3 is not on the PATH (apt-get install python3 python3-venv)" >&2; exit 1; }
key="$( (cat "$here/requirements.txt"; "$python" --version) | sha256sum | cut -c1-16)"
cache="${TEXTMILL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/textmill}/spark-venv-$key"
# The rest (make or reuse the venv, its .pth, the .venv link) under a lock beside the cache, so
# that two runs at once (two checkouts, or test scripts started together) never remove the venv
# the other is installing or using: the second waits, then finds it complete.
mkdir -p "$(dirname "$cache")"
exec 9>"$cache.lock"
flock 9
# .complete is written last: a venv without it was cut short and is made again.
if [ ! -f "$cache/.complete" ]; then
  echo "contrib/spark: installing pyspark and numpy into $cache (once per requirements.txt)" >&2
  rm -rf "$cache"
  "$python" -m venv "$cache"
  "$cache/bin/pip" install -q -r "$here/requirements.txt"
  touch "$cache/.complete"
fi
# The venv's Python workers import pyspark and py4j from the venv, compiled, not from the source
# zips Spark puts first on their PYTHONPATH (textmill_spark_paths.py says why), through a .pth
# line that imports textmill_spark_paths at every start of the venv's Python.
for site in "$cache"/lib/python3*/site-packages; do
  cmp -s "$here/textmill_spark_paths.py" "$site/textmill_spark_paths.py" || cp "$here/textmill_spark_paths.py" "$site/"
  [ -f "$site/textmill_spark_paths.pth" ] || echo "import textmill_spark_paths" >"$site/textmill_spark_paths.pth"
done
if [ "$(readlink "$venv" 2>/dev/null)" != "$cache" ]; then
  rm -rf "$venv"
  ln -s "$cache" "$venv"
fi
exec 9>&-
echo "$venv"
