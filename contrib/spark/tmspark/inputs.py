"""The job's inputs: which JSONL files, in TextMill's order, cut into partitions that keep it.

`textmill run` reads its inputs in a fixed order (each input in turn; a directory recursively, its
entries in byte order of their names, hidden names skipped) and numbers the lines of each file.
The job lists the same files in the same order (`list_inputs`), cuts them into pieces of about
`split_bytes` (`plan_partitions`: a large file is split at byte offsets, small files are packed
together; a `.gz` file is never split), and numbers lines exactly as `textmill run` does, so every
record gets the id, `source.path` and `source.record` a single-machine run gives it.

Each partition is a list of `Piece`s in input order, and partitions are in input order too, so
the part files of every output, read in order, hold the records in the single-machine order.
"""
import errno
import glob as globmod
import gzip
import io
import os
import stat
import zlib
from collections import namedtuple

# One piece of one file: `path` as records show it, `location` to open (a local path or a URI),
# bytes [start, end) of the file (whole=True: all of it), the number of its first line, and
# `empty` when the whole file holds no record (the map side then reports it, as textmill does).
Piece = namedtuple("Piece", "path location start end first_line whole gz empty")

JSONL_EXTENSIONS = (".jsonl", ".ndjson")


class InputProblem(Exception):
    """An input the job cannot read (nothing has run yet)."""


def is_uri(path):
    return "://" in path or path.startswith("file:")


def normalize(path):
    """InputResolver.normalize: no leading "./", no doubled or trailing slashes."""
    while path.startswith("./"):
        path = path[2:]
    while "//" in path:
        path = path.replace("//", "/")
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return path


def _byte_key(name):
    return os.fsencode(name)


def _walk_local(path):
    """The files under a local path in TextMill's order (the path itself if it is a file)."""
    try:
        st = os.stat(path)
    except OSError:
        return [path]          # vanished or dangling: textmill reports it when reading
    if not stat.S_ISDIR(st.st_mode):
        return [path]
    out = []
    for name in sorted(os.listdir(path), key=_byte_key):
        if name.startswith("."):
            continue
        child = path + name if path.endswith("/") else path + "/" + name
        out += _walk_local(child)
    return out


def _walk_hadoop(sc, uri):
    """The files under a URI (hdfs://, s3a://, file:/…), listed through Hadoop's FileSystem, in
    TextMill's order. Names starting with "." or "_" (Hadoop's hidden files) are skipped."""
    jvm = sc._jvm
    root = jvm.org.apache.hadoop.fs.Path(uri)
    fs = root.getFileSystem(sc._jsc.hadoopConfiguration())
    if not fs.exists(root):
        raise InputProblem(f"input '{uri}' does not exist")
    base = uri.rstrip("/")
    found = []
    iterator = fs.listFiles(root, True)
    root_text = fs.makeQualified(root).toString().rstrip("/")
    while iterator.hasNext():
        status = iterator.next()
        full = status.getPath().toString()
        rel = full[len(root_text):].lstrip("/") if full.startswith(root_text) else status.getPath().getName()
        parts = rel.split("/") if rel else []
        if any(p.startswith((".", "_")) for p in parts):
            continue
        shown = base + "/" + rel if rel else base
        found.append((parts, shown, full, status.getLen()))
    found.sort(key=lambda f: [_byte_key(p) for p in f[0]])
    return [(shown, full, size) for _, shown, full, size in found]


def list_inputs(inputs, sc=None):
    """The input files as (path as records show it, location to open, size in bytes, gz), in
    TextMill's order, each once. Refuses stdin and anything that is not JSONL."""
    files, seen = [], set()
    for raw in inputs:
        if raw == "-":
            raise InputProblem("the Spark job reads files, not stdin: name JSONL files or directories")
        if is_uri(raw):
            if sc is None:
                raise InputProblem(f"'{raw}' is a URI: it is listed through Spark's Hadoop FileSystem")
            entries = _walk_hadoop(sc, raw)
        else:
            if any(c in raw for c in "*?["):
                matches = sorted(set(globmod.glob(raw, recursive=True)), key=_byte_key)
                paths = [p for m in matches for p in _walk_local(normalize(m))]
            elif not os.path.exists(raw):
                raise InputProblem(f"input '{raw}' does not exist (check the path, or quote a glob such as 'data/*.jsonl')")
            else:
                paths = _walk_local(normalize(raw))
            entries = [(p, os.path.abspath(p), os.path.getsize(p) if os.path.exists(p) else 0) for p in paths]
        for shown, location, size in entries:
            if shown in seen:
                continue
            seen.add(shown)
            name = shown.rsplit("/", 1)[-1].lower()
            gz = name.endswith(".gz")
            if gz:
                name = name[:-3]
            if not name.endswith(JSONL_EXTENSIONS):
                raise InputProblem(f"'{shown}' is not JSONL (.jsonl or .ndjson, optionally .gz): the Spark job reads "
                                   "JSONL records; convert other formats first (e.g. textmill run with cleanup only, --output -)")
            files.append((shown, location, size, gz))
    if not files:
        raise InputProblem("the inputs hold no files")
    return files


def plan_pieces(files, split_bytes):
    """Cuts files into pieces of at most `split_bytes` (local, uncompressed files only; a URI or a
    .gz file is one piece). Line numbers of pieces after the first are filled in later."""
    pieces = []
    for shown, location, size, gz in files:
        if gz or is_uri(location) or size <= split_bytes:
            pieces.append(Piece(shown, location, 0, size, 1, True, gz, False))
            continue
        start = 0
        while start < size:
            end = min(size, start + split_bytes)
            pieces.append(Piece(shown, location, start, end, 1 if start == 0 else 0, False, gz, False))
            start = end
    return pieces


def count_piece(piece):
    """For a piece of a split file: (newlines in [start-1, end-1), whether it owns a record).
    Lines whose first byte lies in [start, end) belong to the piece."""
    newlines, has_record = 0, False
    try:
        f = open(piece.location, "rb")
    except OSError:
        return 0, True          # gone since it was listed: reading it says so, at line 0
    with f:
        lo = max(0, piece.start - 1)
        f.seek(lo)
        remaining = (piece.end - 1) - lo
        while remaining > 0:
            chunk = f.read(min(remaining, 8 << 20))
            if not chunk:
                break
            remaining -= len(chunk)
            newlines += chunk.count(b"\n")
    try:
        for _, line in _local_lines(piece):
            if line.strip(b" \t\r"):
                has_record = True
                break
    except ReadFailure:
        has_record = True
    return newlines, has_record


def number_pieces(pieces, counts):
    """Fills in the first line number of every piece of a split file, and marks files that hold
    no record at all. `counts` maps a piece index to `count_piece` of it (split files only)."""
    out = list(pieces)
    by_file = {}
    for i, p in enumerate(out):
        if not p.whole:
            by_file.setdefault(p.path, []).append(i)
    for indices in by_file.values():
        before = 0
        any_record = False
        for i in indices:
            newlines, has_record = counts[i]
            p = out[i]
            out[i] = p._replace(first_line=1 if p.start == 0 else before + 2)
            before += newlines
            any_record = any_record or has_record
        if not any_record:
            out[indices[0]] = out[indices[0]]._replace(empty=True)
    return out


def task_bytes(total, cores, split_bytes):
    """Input per map task for `total` bytes on `cores` cores: an equal share of as many tasks as
    a whole number of rounds of the cores takes, with at most `split_bytes` (`--split-mb`) each
    (a round of tasks runs one on each core, so five equal tasks on two cores take three rounds,
    the last on one core while the other waits: six smaller ones take the same three rounds of
    less each). A small corpus is one task a core, not one task on one core; at least a MB."""
    tasks = max(1, -(-total // max(1, split_bytes)))
    tasks = -(-tasks // cores) * cores
    return max(1 << 20, min(split_bytes, -(-total // tasks)))


def plan_partitions(pieces, share):
    """Cuts consecutive pieces into partitions of `share` bytes each, as equal as whole pieces
    allow (a .gz file weighs four times its size), keeping the input order: a piece goes to the
    partition its middle byte falls in, so every partition is within a piece of its share, and
    the last is not a remainder (packing up to `share` left the last task a fraction of the
    others', run on one core while the rest waited)."""
    weights = [(p.end - p.start) * (4 if p.gz else 1) for p in pieces]
    total = sum(weights)
    tasks = max(1, -(-total // max(1, share)))
    parts, before = [[] for _ in range(tasks)], 0
    for p, w in zip(pieces, weights):
        parts[min(tasks - 1, (2 * before + w) * tasks // (2 * total)) if total else 0].append(p)
        before += w
    return [part for part in parts if part]


class ReadFailure(Exception):
    """Reading a file failed part way (a truncated or corrupt .gz): `textmill run` records one
    error at `line` with `reason` and reads nothing more of the file."""

    def __init__(self, line, reason):
        super().__init__(reason)
        self.line = line
        self.reason = reason


# What Python's gzip and zlib say about bad gzip data → what textmill's reader (Gzip.swift,
# through zlib's messages) says, so that the error record is the one `textmill run` writes.
GZIP_PROBLEMS = [
    ("Compressed file ended before the end-of-stream marker was reached", "the gzip data ends too early (the file is truncated)"),
    ("CRC check failed", "the gzip data is corrupt (incorrect data check)"),
    ("Incorrect length of data produced", "the gzip data is corrupt (incorrect length check)"),
    ("Not a gzipped file", "the gzip data is corrupt (incorrect header check)"),
    ("Unknown compression method", "the gzip data is corrupt (unknown compression method)"),
]


# Bytes after a whole gzip member that start no other (`gzip -d`'s trailing garbage): Python says
# "Not a gzipped file" as it does for a file that is no gzip at all; textmill names them apart.
TRAILING_GARBAGE = ("the gzip data is followed by bytes that are not gzip (trailing garbage, which gzip -d warns "
                    "about and drops): reading stops there; cut them off, e.g. "
                    "gzip -dc FILE | gzip > FIXED.gz")


def _gzip_reason(error, after_member=False):
    text = str(error)
    if after_member and text.startswith("Not a gzipped file"):
        return TRAILING_GARBAGE
    for python_says, textmill_says in GZIP_PROBLEMS:
        if text.startswith(python_says):
            return textmill_says
    if isinstance(error, zlib.error) and ": " in text:       # "Error -3 while decompressing data: WHY"
        return f"the gzip data is corrupt ({text.split(': ', 1)[1]})"
    return f"the gzip data is corrupt ({text})"


def _gzip_lines(f):
    """(line number, raw line) of a gzip stream; a truncated or corrupt stream ends with
    ReadFailure at the line that could not be read (the lines before it are all given)."""
    n = 0
    # A stream that starts with gzip's magic number has a member before any bytes Python finds
    # "Not a gzipped file" in: those follow a member (TRAILING_GARBAGE).
    starts_gzip = f.read(2) == b"\x1f\x8b"
    f.seek(0)
    try:
        for line in gzip.GzipFile(fileobj=f, mode="rb"):
            if not line.endswith(b"\n"):
                # The last line: complete only if the stream ends properly after it.
                n += 1
                yield n, line
                return
            n += 1
            yield n, line[:-1]
    except (EOFError, zlib.error, gzip.BadGzipFile) as e:
        raise ReadFailure(n + 1, _gzip_reason(e, after_member=starts_gzip)) from None


# Files are read a MB at a time, not Python's default 8 KB, which most lines of news exceed.
READ_BUFFER = 1 << 20


def _quoted(name):
    """A name in single quotes as textmill's messages show it (MessageText.quoted)."""
    out = []
    for ch in name:
        o = ord(ch)
        if 0xDC80 <= o <= 0xDCFF:             # a byte that is not UTF-8 (os.fsdecode): FileName spells it \xHH
            out.append("\\\\x%02X" % (o - 0xDC00))
        elif ch in "\n\r\t\\":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}[ch])
        elif o < 0x20 or 0x7F <= o <= 0x9F or o in (0x2028, 0x2029):
            out.append("\\u{%X}" % o)
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def open_failure(path, location, error):
    """Why a file could not be opened, in the words of textmill's reader (FileStream.describe),
    so that the error record is the one `textmill run` writes."""
    shown = _quoted(path)
    if error.errno == errno.ENOENT:
        try:
            target = os.readlink(os.fsencode(location)).decode("utf-8", "replace")
        except OSError:
            return f"the file vanished before it could be read (no such file: {shown})"
        return f"{shown} is a symbolic link to {_quoted(target)}, which does not exist: fix or remove the link"
    if error.errno == errno.EACCES:
        return f"permission denied reading {shown}"
    return f"cannot open {shown}: {os.strerror(error.errno)}" if error.errno else f"cannot open {shown}: {error}"


def _open(piece, **kw):
    """The piece's file, open for reading; ReadFailure at line 0 (the whole file) when it cannot
    be opened: a dangling link, a file gone since the inputs were listed, no permission."""
    try:
        return open(piece.location, "rb", **kw)
    except OSError as e:
        raise ReadFailure(0, open_failure(piece.path, piece.location, e)) from None


def _local_lines(piece):
    """(line number, raw line without its "\\n") of the lines a local piece owns."""
    if piece.gz:
        with _open(piece) as f:
            yield from _gzip_lines(f)
        return
    with _open(piece, buffering=READ_BUFFER) as f:
        pos = piece.start
        if piece.start > 0:
            f.seek(piece.start - 1)
            pos = piece.start - 1 + len(f.readline())
        n = piece.first_line
        end = piece.end if not piece.whole else float("inf")
        while pos < end:
            line = f.readline()
            if not line:
                break
            pos += len(line)
            yield n, line[:-1] if line.endswith(b"\n") else line
            n += 1


def _bytes_lines(data, gz):
    """(line number, raw line) of a whole file's bytes, as textmill's LineReader numbers them."""
    if gz:
        return _gzip_lines(io.BytesIO(data))
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return enumerate(lines, 1)


def piece_lines(piece, data=None):
    """(line number, raw line) of the lines a piece owns: read from the local file, or from the
    bytes of a whole file Spark read (`data`, for URIs)."""
    return _bytes_lines(data, piece.gz) if data is not None else _local_lines(piece)


# A line that starts with none of these holds a record (no copy of it is needed to tell).
BLANK = (b"", b" ", b"\t", b"\r")


def framed_lines(piece, lines, limit):
    """The framed stdin of `textmill run --map-side` for one piece (see MapSideFraming):
    `PATH<TAB>LINE<TAB>RECORD` for each record, `PATH<TAB>LINE!<TAB>REASON` where reading the
    file failed (a truncated .gz), `PATH<TAB>LINE:BYTES<TAB>` for a line over the
    size limit, `PATH<TAB>0<TAB>` for a file without records. Blank lines are skipped, as
    textmill skips them (their numbers still count)."""
    path = piece.path.encode("utf-8", "surrogateescape")
    if b"\t" in path or b"\n" in path:
        raise InputProblem(f"the path {piece.path!r} holds a tab or a newline; rename it")
    saw_record = False
    try:
        for n, line in lines:
            if len(line) > limit:
                saw_record = True
                yield b"%s\t%d:%d\t\n" % (path, n, len(line))
            elif line[:1] not in BLANK or line.strip(b" \t\r"):
                saw_record = True
                yield b"%s\t%d\t%s\n" % (path, n, line)
    except ReadFailure as e:
        yield b"%s\t%d!\t%s\n" % (path, e.line, e.reason.encode("utf-8").replace(b"\n", b" ").replace(b"\t", b" "))
        return
    if (piece.whole and not saw_record) or piece.empty:
        yield b"%s\t0\t\n" % path
