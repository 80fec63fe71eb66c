#!/usr/bin/env bash
# Prints the JVM class-data-sharing archives (AppCDS) of the classes Spark's JVMs load, as two
# words: the driver's (also for executors on this machine) and the launcher's; made on first use
# by a tiny warm-up job (classes_warmup.py, -XX:ArchiveClassesAtExit) into the venv's cache,
# keyed by the Java build, the Spark jars and the JVM options. A JVM that maps the archive loads
# Spark's classes already parsed and verified: a job's fixed CPU cost drops by several seconds
# (docs/spark.md). Making it takes ~20 CPU s and ~90 MB, once.
#
# Prints nothing (the JVMs run without it) when TEXTMILL_SPARK_CLASS_ARCHIVE=off, while another
# process is making it, or when making it failed (said once, then not tried again for this key).
#
# usage: classes.sh VENV   (with SPARK_HOME, PYSPARK_PYTHON, SPARK_SUBMIT_OPTS and
#                           SPARK_LAUNCHER_OPTS set, as contrib/spark/submit sets them)
set -uo pipefail
[ "${TEXTMILL_SPARK_CLASS_ARCHIVE:-}" = off ] && exit 0
[ -n "${SPARK_HOME:-}" ] && [ -d "$SPARK_HOME/jars" ] || exit 0
command -v flock >/dev/null || exit 0      # (util-linux) no lock, no archive: never two makers at once
submit_opts="${SPARK_SUBMIT_OPTS:-}"
launcher_opts="${SPARK_LAUNCHER_OPTS:-}"
here="$(cd "$(dirname "$0")" && pwd)"
venv="$(readlink -f "$1")"
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java="$(command -v java)" || exit 0; fi
java_home="$(dirname "$(dirname "$(readlink -f "$java")")")"
# An archive holds the classes as this JVM build parsed them from these jars with these options,
# on top of the JDK's own base archive: any of them changing makes a new one.
key="$( (echo "$java_home"; stat -c '%s %Y' "$java_home"/lib/server/libjvm.so "$java_home"/lib/server/classes.jsa 2>/dev/null
         ls "$SPARK_HOME/jars"; echo "$submit_opts"; echo "$launcher_opts"
         cat "$here/classes_warmup.py") | sha256sum | cut -c1-16)"
folder="$venv/jvm-classes/$key"
driver="$folder/driver.jsa"
launcher="$folder/launcher.jsa"
if [ -f "$driver" ] && [ -f "$launcher" ]; then
  echo "$driver $launcher"; exit 0
fi
[ -f "$folder/failed" ] && exit 0
mkdir -p "$folder" || exit 0
exec 9>"$folder/.lock"
flock -n 9 || exit 0                        # another submit is making it: this one runs without
rm -rf "$folder"/.work.*                    # left by a maker that was killed
rm -rf "$venv/jvm-classes/.old" && mkdir -p "$venv/jvm-classes/.old"
for old in "$venv"/jvm-classes/*; do        # archives of other keys are of no use any more
  [ "$old" != "$folder" ] && mv "$old" "$venv/jvm-classes/.old/" 2>/dev/null
done
rm -rf "$venv/jvm-classes/.old"
echo "contrib/spark: making the JVM class archive of Spark (once for this Java and Spark, ~20 CPU s)" >&2
work="$(mktemp -d "$folder/.work.XXXXXX")" || exit 0   # beside the archives: renames, not copies
trap 'rm -rf "$work"' EXIT
if SPARK_SUBMIT_OPTS="$submit_opts -XX:ArchiveClassesAtExit=$work/driver.jsa" \
   SPARK_LAUNCHER_OPTS="$launcher_opts -XX:ArchiveClassesAtExit=$work/launcher.jsa" \
   "$SPARK_HOME/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false \
     "$here/classes_warmup.py" "$work" >"$work/log" 2>&1 \
   && [ -s "$work/driver.jsa" ] && [ -s "$work/launcher.jsa" ]; then
  mv "$work/launcher.jsa" "$launcher" && mv "$work/driver.jsa" "$driver" && echo "$driver $launcher"
else
  cp "$work/log" "$folder/failed"
  echo "contrib/spark: could not make the JVM class archive (see $folder/failed); Spark runs without it" >&2
fi
exit 0
