#!/usr/bin/env python3
"""TextMill on Apache Spark: a pipeline over JSONL inputs, with corpus-wide dedup as a shuffle.

    spark-submit [spark options] contrib/spark/textmill_spark.py CONFIG --input PATH... --output DIR
        [--textmill PATH] [--split-mb 128] [--jobs 1] [--shuffle-partitions N]
        [--local-mb 128] [--storage MEMORY_AND_DISK] [--overwrite] [--compress]

Every partition of the input goes through `textmill run CONFIG --map-side` (the per-document
stages; dedup only computes its keys), the job decides duplicates across the whole corpus exactly
as a single-machine `textmill run` with the same config would, and writes

    DIR/corpus/part-NNNNN       the records (a single-machine run's corpus.jsonl, in order)
    DIR/duplicates/part-NNNNN   duplicates dropped by dedup (duplicates.jsonl)
    DIR/errors/part-NNNNN       records that failed (errors.jsonl)
    DIR/stats.json              counts and seconds per step

Read the part files of each folder in name order and you have the single-machine file, byte for
byte. Exit status as textmill's: 0 all done, 1 some records failed (see DIR/errors), 2 the config
or the inputs are wrong (nothing was written), 3 the job failed (a task failed past Spark's
retries, or the output could not be written: DIR is incomplete). See docs/spark.md.
"""
import argparse
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from tmspark import inputs, mapside, startup  # noqa: E402
from tmspark.job import Job, Settings  # noqa: E402


def parse(argv):
    ap = argparse.ArgumentParser(prog="textmill_spark.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("config", help="the pipeline YAML (dedup, if present, must be the last stage and have boilerplate: false)")
    ap.add_argument("--input", action="append", required=True, metavar="PATH",
                    help="a JSONL file (.jsonl/.ndjson, optionally .gz), a directory, a glob, or a URI (hdfs://, s3a://, file:/); repeat for several")
    ap.add_argument("--output", required=True, metavar="DIR", help="the output directory (local path or URI)")
    ap.add_argument("--textmill", default=os.environ.get("TEXTMILL", "textmill"),
                    help="the textmill binary: a path every node can read, or a file shipped with --files (default: textmill on the PATH)")
    ap.add_argument("--split-mb", type=float, default=128, help="input per partition, in MB, at most (default 128, as an HDFS block; cut into whole rounds of the cores)")
    ap.add_argument("--jobs", type=int, default=1, help="threads of each textmill process (default 1: one per task core; the verification of a group with a partition of its own gets one more)")
    ap.add_argument("--shuffle-partitions", type=int, default=0, help="partitions of the dedup shuffles (default: one per 64 MB of input, at least 2, at most the input partitions)")
    ap.add_argument("--local-mb", type=float, default=128,
                    help="when dedup's candidate pairs fit in this many MB, one task finds their groups (default 128)")
    ap.add_argument("--storage", default="MEMORY_AND_DISK", choices=["MEMORY_AND_DISK", "DISK_ONLY", "MEMORY_ONLY"],
                    help="where the map side's records wait for the dedup decisions (default MEMORY_AND_DISK)")
    ap.add_argument("--overwrite", action="store_true", help="replace an existing output directory")
    ap.add_argument("--compress", action="store_true", help="write the part files gzip-compressed")
    a = ap.parse_args(argv)
    return Settings(config=a.config, inputs=a.input, output=a.output, textmill=a.textmill, split_mb=a.split_mb,
                    jobs=a.jobs, shuffle_partitions=a.shuffle_partitions, local_mb=a.local_mb,
                    storage=a.storage, overwrite=a.overwrite, compress=a.compress)


# The quick JIT tier and the serial collector, and an initial heap of 64 MB (grown as needed up to
# spark.executor.memory): with the JVM's default, 1/64 of the machine's memory, an executor's
# RSS grew with the job as collections touched pages of a heap its ~40 MB of live data never
# needed (docs/spark.md, "Session 24").
EXECUTOR_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms64m"

# Masters whose executors start on this machine, where a class archive made here exists.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def on_this_machine(master):
    """Whether the executors of `master` run on this machine: local mode, or a standalone master
    (`spark://HOST:PORT[,HOST:PORT]`) on a loopback address or this host's name."""
    if master.startswith("local"):
        return True
    if not master.startswith("spark://"):
        return False
    import socket
    here = {*LOCAL_HOSTS, socket.gethostname(), socket.getfqdn()}
    hosts = [h.rsplit(":", 1)[0] for h in master[len("spark://"):].split(",")]
    return all(h in here for h in hosts)


def executor_java_options(master, environ=os.environ):
    """The executors' JVM options: the quick JIT tier and the serial collector (executors move
    heads and integers, not records), and, when contrib/spark/submit made a class-data-sharing
    archive of Spark's classes (TEXTMILL_SPARK_CLASS_ARCHIVE, a file) and the executors start on
    this machine, that archive (a JVM given a missing archive would also lose the JDK's own)."""
    archive = environ.get("TEXTMILL_SPARK_CLASS_ARCHIVE", "")
    if archive and archive != "off" and os.path.isfile(archive) and on_this_machine(master):
        return f"{EXECUTOR_JAVA_OPTIONS} -XX:SharedArchiveFile={archive}"
    return EXECUTOR_JAVA_OPTIONS


def spark_conf():
    """The job's Spark settings (each only where spark-submit or the caller set none)."""
    from pyspark import SparkConf, SparkContext
    if os.environ.get("PYSPARK_GATEWAY_PORT"):
        # Under spark-submit the JVM is up with the submit's settings (--master, --conf): connect
        # first, so the conf holds them and setIfMissing leaves what the user set alone (a conf
        # made before is a bare dict whose values would replace the user's).
        SparkContext._ensure_initialized()
    conf = SparkConf()
    return (conf.setAppName("textmill").setIfMissing("spark.ui.showConsoleProgress", "false")
            # No web UI unless asked for (--conf spark.ui.enabled=true): its server, handlers and
            # classes (not in the class archive, made without it) cost the driver ~0.4 CPU s
            # before the first task.
            .setIfMissing("spark.ui.enabled", "false")
            .setIfMissing("spark.driver.memory", "2g")      # local mode: the executor lives in the driver
            .setIfMissing("spark.python.worker.memory", "1g")   # sorts of dedup shuffles spill less
            # zstd compresses a shuffle stream with a window of ~0.5 MB: the candidates' texts,
            # sorted by group, compress against their near duplicates and shared sentences.
            .setIfMissing("spark.io.compression.codec", "zstd")
            .setIfMissing("spark.executor.extraJavaOptions", executor_java_options(conf.get("spark.master", "local[*]"))))


_shipped = set()


def ship_package(sc, archive=None):
    """Makes the tmspark package importable on the executors (a zip of it, added to the job:
    `archive`, made by `new_package_zip` before, or made now), unless spark-submit --py-files
    gave it already (adding a second tmspark.zip is refused)."""
    given = [f for f in sc.getConf().get("spark.submit.pyFiles", "").split(",") if f]
    if (id(sc) in _shipped or not os.path.isdir(os.path.join(HERE, "tmspark"))
            or any(os.path.basename(f).startswith("tmspark") for f in given)):
        return
    _shipped.add(id(sc))
    sc.addPyFile(archive or new_package_zip())


def new_package_zip():
    """`package_zip` in a new temporary folder; returns the zip's path."""
    return package_zip(os.path.join(tempfile.mkdtemp(prefix="tmspark-"), "tmspark.zip"))


def package_zip(path):
    """Writes the tmspark package to the zip `path`: each module's source and its compiled form
    (an unchecked-hash .pyc beside it), so that a Python worker of the same version imports it
    without compiling it (a worker forked for a task compiled every module of a source-only zip
    again); another version finds the .pyc's magic number wrong and compiles the source."""
    import importlib.util
    import marshal
    import zipfile
    package = os.path.join(HERE, "tmspark")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(os.listdir(package)):
            if not name.endswith(".py"):
                continue
            with open(os.path.join(package, name), "rb") as f:
                source = f.read()
            arcname = "tmspark/" + name
            code = compile(source, arcname, "exec", dont_inherit=True)
            # The layout of importlib's hash-based .pyc: magic, flags 0b01 (unchecked hash), hash, code.
            pyc = (importlib.util.MAGIC_NUMBER + (1).to_bytes(4, "little")
                   + importlib.util.source_hash(source) + marshal.dumps(code))
            z.writestr(arcname, source)
            z.writestr(arcname + "c", pyc)
    return path


def main(argv=None):
    settings = parse(sys.argv[1:] if argv is None else argv)
    # textmill's description of the config, the input listing and the package zip, made while
    # pyspark is imported and the SparkContext starts (tmspark/startup.py).
    started = startup.Startup(settings, new_package_zip if os.path.isdir(os.path.join(HERE, "tmspark")) else None)
    from pyspark import SparkContext
    conf = spark_conf()
    sc = SparkContext.getOrCreate(conf)
    try:
        ship_package(sc, started.package_zip())
        report = Job(sc, settings, started).run(release=argv is not None)   # (sc.stop() below frees all)
    except (inputs.InputProblem, mapside.MapSideError) as e:
        print(f"textmill_spark: {e}", file=sys.stderr)
        return 2
    except Exception as e:          # a task failed past Spark's retries, or the output could not be written
        print(f"textmill_spark: the job failed, so {settings.output} is incomplete: {_first_line(e)}\n"
              "  (see the executors' logs for the failed task; run again with --overwrite)", file=sys.stderr)
        return 3
    finally:
        if argv is None:
            stop_at_exit(sc)
    print(f"textmill_spark: {report.records} records in {report.partitions} partitions: "
          f"{report.exact_duplicates} exact and {report.near_duplicates} near duplicates, "
          f"{report.errors} errors, {report.groups} candidate groups (largest {report.largest_group}), {report.seconds.get('total', 0)} s", file=sys.stderr)
    return 1 if report.errors else 0


def stop_at_exit(sc):
    """Stops the SparkContext of a process that ends next. PySpark's `stop` then shuts its
    accumulator update server down and waits for the server's loop to notice (it polls every
    0.5 s, its connection handler every second): up to a second with the job done and nothing
    running. The job uses no accumulator and the server's thread is a daemon that ends with the
    process, so the server is left to the process's end instead (its socket file removed when
    it listens on one)."""
    server = getattr(sc, "_accumulatorServer", None)
    sc._accumulatorServer = None
    sc.stop()
    address = getattr(server, "server_address", None)
    if isinstance(address, str):
        try:
            os.remove(address)
        except OSError:
            pass


def _first_line(error):
    """What went wrong, in one line: a failed Spark task's own error, not the Java stack."""
    text = str(error).strip()
    for line in text.splitlines():
        if "Error:" in line and ("textmill" in line or "MapSideError" in line):
            return line.strip()
    return text.splitlines()[0] if text else type(error).__name__


if __name__ == "__main__":
    status = main()
    # The outputs are written and the SparkContext is stopped: the process ends here, after the
    # exit handlers (PySpark's profiler dumps, when profiling is on). The interpreter's own
    # finalization (py4j's connections, pyspark's modules and threads) took ~0.4 s more, with
    # nothing left to do, before spark-submit could exit.
    import atexit
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
