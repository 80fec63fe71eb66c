"""The map side: `textmill run CONFIG --map-side` as a streaming filter over one partition.

The job writes framed JSONL (`PATH<TAB>LINE<TAB>RECORD`) to the child's stdin from a thread and
reads framed lines back from its stdout (`doc<TAB>AT<TAB>KEYS<TAB>RECORD` or
`err<TAB>-<TAB>-<TAB>ERROR`), one per record sent, in the same order. This is `RDD.pipe`, done
with bytes end to end (PySpark's `pipe` decodes and re-encodes text) and with the child's
exit status and stderr checked: exit 0 or 1 (some records failed, reported in-band) is success;
anything else fails the task with the end of the child's stderr, and Spark retries it.
"""
import json
import os
import shutil
import subprocess
import tempfile
import threading


class MapSideError(Exception):
    """textmill failed on an executor (or cannot run the config distributed)."""


def locate(path):
    """A file shipped with `spark-submit --files` is in the task's working directory (SparkFiles);
    a path that exists as given (local mode, a shared file system) is used as is."""
    if os.path.exists(path):
        return os.path.abspath(path)
    try:
        from pyspark import SparkFiles
        shipped = SparkFiles.get(os.path.basename(path))
        if os.path.exists(shipped):
            return shipped
    except Exception:
        pass
    found = shutil.which(path)
    if found:
        return found
    raise MapSideError(f"cannot find '{path}' here: ship it with spark-submit --files, or give a path every node can read")


def describe(textmill, config):
    """What the job needs to know about the config (`textmill run CONFIG --map-side --describe`);
    raises MapSideError with textmill's message when the config cannot run distributed."""
    return Description(textmill, config).result()


class Description:
    """`describe` as a child process started at once, so that the driver can start Spark while
    textmill reads the config; `result` waits for it. When the binary or the config is not a
    path that exists here (a file shipped with --files, found through SparkFiles once Spark is
    up; a name on the PATH), nothing starts before `result`."""

    def __init__(self, textmill, config):
        self.textmill, self.config, self.proc = textmill, config, None
        if os.path.exists(textmill) and os.path.exists(config):
            self.proc = self._start()

    def _start(self):
        return subprocess.Popen([locate(self.textmill), "run", locate(self.config), "--map-side", "--describe"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def result(self):
        proc = self.proc or self._start()
        out, err = proc.communicate()
        if proc.returncode != 0:
            raise MapSideError(err.decode("utf-8", "replace").strip() or f"textmill exited with status {proc.returncode}")
        return json.loads(out)


def run_partition(framed, textmill, config, jobs=1, values=None, records=None):
    """Pipes the framed lines of one partition through textmill; yields its output lines (bytes,
    each with its newline: the records reach their file without a copy of their own), one per
    framed line sent, in order. With `values` (a path), textmill writes the documents' dedup
    verification values there (`--values`: their keys end in `,#N`), complete once the last
    line is read. With `records` (a path), textmill writes the documents' records there
    (`--records`) and a document's line ends in the record's length and head instead."""
    command = [locate(textmill), "run", locate(config), "--map-side", "--quiet", "--jobs", str(jobs)]
    if values is not None:
        command += ["--values", values]
    if records is not None:
        command += ["--records", records]
    return pipe(command, framed, ok=(0, 1), what="textmill --map-side", unit="records", strip=False)


def run_verify(lines, textmill, config, jobs=1):
    """Pipes candidate groups (`textmill dedup-verify` input lines) through textmill with `jobs`
    threads; yields one decision line per line sent, in order."""
    return pipe([locate(textmill), "dedup-verify", locate(config), "--jobs", str(jobs)], lines, ok=(0,), what="textmill dedup-verify", unit="candidates")


# The pipes' buffers: a MB, so that reading a few hundred MB of records line by line costs a
# read call a MB, not one every 8 KB (Python's default), where most lines span two reads.
PIPE_BUFFER = 1 << 20


def pipe(command, lines, ok, what, unit, batch_bytes=1 << 20, strip=True):
    """Runs `command` with `lines` (bytes, each ending in a newline) written to its stdin from a
    thread; yields its stdout lines, without the newline when `strip`. Fails (MapSideError, with the end of its
    stderr) when it exits with a status not in `ok` or answers a different number of lines."""
    with tempfile.TemporaryFile() as stderr:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                                bufsize=PIPE_BUFFER)
        sent = [0]
        failure = []

        def feed():
            buffer, size = [], 0
            try:
                for line in lines:
                    buffer.append(line)
                    size += len(line)
                    sent[0] += 1
                    if size >= batch_bytes:
                        proc.stdin.write(b"".join(buffer))
                        buffer, size = [], 0
                if buffer:
                    proc.stdin.write(b"".join(buffer))
            except BrokenPipeError:
                pass                                   # the child died: its status says why
            except BaseException as e:                 # reading the input failed
                failure.append(e)
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        received = 0
        with proc.stdout:
            for line in proc.stdout:
                received += 1
                yield line[:-1] if strip and line.endswith(b"\n") else line
        writer.join()
        status = proc.wait()
        if failure:
            proc.kill()
            raise failure[0]
        if status not in ok or received != sent[0]:
            stderr.seek(0)
            tail = stderr.read()[-4000:].decode("utf-8", "replace")
            raise MapSideError(f"{what} exited with status {status} after {received} of {sent[0]} {unit}: {tail}")
