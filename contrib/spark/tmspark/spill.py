"""A partition's records in a file beside the output, so that they never cross the JVM.

With a local output folder (a path every node sees: local mode, a standalone cluster on shared
storage, NFS), textmill writes the partition's records to `OUTPUT/_records/part-NNNNN` itself
(`textmill run --map-side --records`: a document's output line carries its record's length and
id, not the record, so Python neither reads nor copies the records) and the map task keeps only
the partition's head (`pack`'s head, plus each record's byte offset in the file and the file's
path); the head alone is persisted and shuffled. The verification
tasks read the candidates' texts from the file by their byte ranges (only a reference to a text
crosses the shuffle), and the write task copies
the file to `corpus/part-NNNNN` by the kernel (copy_file_range; a MB at a time where it cannot),
splicing a decision into each duplicate and moving it to `duplicates/part-NNNNN` with `drop`:
Python touches a record only when it is a candidate or a duplicate, and the JVM never holds a
record.

Every file is written under a hidden temporary name and renamed when complete, so a task that is
retried, recomputed or run twice (speculation) leaves one whole file.

The map side also writes each document's dedup verification values (its sorted 64-bit shingle
hashes, computed there anyway) to `OUTPUT/_records/part-NNNNN.values` (`textmill run --map-side
--values`): a candidate then crosses to its verification task as a reference to its values,
which `textmill dedup-verify` reads instead of fingerprinting the candidate's text again.

A spilled head is `(documents, starts, errors, ats, rows, offsets, path, values)`: the first five
as in `pack` (`starts` is `[0, documents]`; a row's last field is the (start, end) byte range of
its values in the values file), `offsets` each record's byte offset in the file and the file's size at the
end, `path` the file, `values` the values file (None when the map side wrote none). `ats`,
`offsets` and `rows` are read from files beside the record file (`Table`s: `.head`, each
record's `duplicate` offset and end, and `.rows`, `.bands`, `.ids`, what dedup needs of each
record with words), a range of records at a time: the head holds their paths and counts, no
value a record, so what a task holds of its partition does not grow with the partition's
documents.
"""
import collections
import gzip
import os
import uuid
from array import array

from . import pack

RECORDS = "_records"
VALUES = ".values"                     # the values file's suffix (beside the record file)
BANDS, IDS = ".bands", ".ids"          # the rows' band keys and id tokens (`Rows`)
HEAD, ROWS = ".head", ".rows"          # each record's (duplicate offset, end), each row's numbers (`Table`s)
OUTPUTS = ("corpus", "duplicates", "errors")
CHUNK = 1 << 20


def part_name(index):
    """Hadoop's name of part `index`."""
    return "part-%05d" % index


class AtomicFile:
    """A file written under a hidden temporary name beside `path`, renamed to `path` on `commit`."""

    def __init__(self, path, compress=False):
        folder, name = os.path.split(path)
        self.path = path
        self.temporary = os.path.join(folder, ".%s.%s.tmp" % (name, uuid.uuid4().hex))
        raw = open(self.temporary, "wb")
        self.file = gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0) if compress else raw
        self.raw = raw

    def write(self, data):
        self.file.write(data)

    def commit(self):
        if self.file is not self.raw:
            self.file.close()
        self.raw.close()
        os.replace(self.temporary, self.path)

    def abandon(self):
        try:
            self.raw.close()
            os.unlink(self.temporary)
        except OSError:
            pass


def spill(index, run, folder):
    """`run(values, records)`: the map side's output lines of partition `index` (each with its
    newline, as `mapside.run_partition` gives them), with the values written to the file
    `values` and the records to the file `records` (`--records`: a document's line then carries
    its record's length and head, not the record) → its record file and values file in
    `folder`, and the head's tables beside them; yields the spilled head (the only item)."""
    path = os.path.join(folder, part_name(index))
    out = AtomicFile(path)
    out.raw.close()                            # the map side writes the record file itself
    values = out.temporary + VALUES            # the map side writes it; renamed once complete
    docs, rows = TableWriter(path + HEAD, 2), RowsWriter(path)
    try:
        errors = []
        written, count = 0, 0
        at_value = 0                               # the values file's size so far
        wrote_values = False
        for line in run(values, out.temporary):
            if line.startswith(pack.ERR):
                errors.append(line[len(pack.ERR):].rstrip(b"\n"))
                continue
            if not line.startswith(b"doc\t"):
                raise ValueError(f"textmill --map-side wrote {line[:80]!r}, not a doc or err line")
            t2 = line.index(b"\t", 4)
            t3 = line.index(b"\t", t2 + 1)
            t4 = line.index(b"\t", t3 + 1)
            at, keys = line[4:t2], line[t2 + 1:t3]
            if keys != b"-":
                n = pack.values_count(keys)
                if n is None:
                    raise ValueError(f"textmill --map-side wrote the keys {keys[:80]!r} without their values' count (',#N')")
                row = pack.dedup_fields(count, keys, line, t4 + 1)
                wrote_values = True
                if row is not None:                        # its values' range in the values file
                    rows.add(row[0], row[1], row[2], row[3], row[4], at_value, at_value + 8 * n)
                at_value += 8 * n
            written += int(line[t3 + 1:t4])                # the record and its newline
            docs.add(-1 if at == b"-" else int(at), written)
            count += 1
        size = os.path.getsize(out.temporary)
        if size != written:
            raise RuntimeError(f"textmill --map-side wrote {size} bytes of records, not the {written} its lines count")
        values_path = None
        if wrote_values:
            if os.path.getsize(values) != at_value:
                raise RuntimeError(f"textmill --map-side wrote {os.path.getsize(values)} bytes of values, not the {at_value} its keys count")
            values_path = path + VALUES
            os.replace(values, values_path)
        table, rows = docs.commit(), rows.commit()
        out.commit()
    except BaseException:
        docs.abandon()
        rows.abandon()
        out.abandon()
        raise
    finally:
        try:
            os.unlink(values)
        except OSError:
            pass
    yield count, [0, count], errors, Column(table, 0), rows, Column(table, 1, first=0), path, values_path


class Table:
    """Rows of `width` 64-bit integers in a file (the native byte order of the job's nodes),
    read back a range of rows at a time (`read`, one pread): what a head keeps of a table is
    its path and its count, not a value a row, so a head pickles, persists and unpickles in the
    same few bytes whatever its partition's documents (arrays of 72 bytes a record grew a
    Python worker with them)."""

    def __init__(self, path, width, count):
        self.path, self.width, self.count = path, width, count
        self._fd = None

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_fd"] = None
        return state

    def __len__(self):
        return self.count

    def read(self, k0, k1):
        """Rows [k0, k1), their values one after another (array('q'))."""
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDONLY)
        size = 8 * self.width
        data = os.pread(self._fd, (k1 - k0) * size, k0 * size) if k1 > k0 else b""
        if len(data) != max(0, k1 - k0) * size:
            raise RuntimeError(f"{self.path} is shorter than its head says: was it changed?")
        values = array("q")
        values.frombytes(data)
        return values

    def array(self, k0, k1):
        """Rows [k0, k1) as a numpy array of (k1 - k0, width) int64."""
        import numpy as np
        return np.frombuffer(self.read(k0, k1), dtype=np.int64).reshape(-1, self.width)

    def close(self):
        if self._fd is not None:
            os.close(self._fd)
        self._fd = None


class TableWriter:
    """Writes a `Table`'s rows to an `AtomicFile` a chunk of rows at a time."""

    CHUNK = 1 << 12

    def __init__(self, path, width):
        self.path, self.width, self.count = path, width, 0
        self.file = AtomicFile(path)
        self.buffer = array("q")

    def add(self, *values):
        self.buffer.extend(values)
        self.count += 1
        if len(self.buffer) >= self.CHUNK * self.width:
            self._flush()

    def _flush(self):
        self.file.write(self.buffer)
        del self.buffer[:]

    def commit(self):
        """The table, complete under its name."""
        self._flush()
        self.file.commit()
        return Table(self.path, self.width, self.count)

    def abandon(self):
        self.file.abandon()


class Column:
    """One field of a `Table` as a read-only sequence: item k is row k's value of `field`; with
    `first`, item 0 is `first` and item k row k - 1's value (the records' offsets from their
    ends). Read a value, or a chunk of rows when iterated, at a time."""

    def __init__(self, table, field, first=None):
        self.table, self.field, self.first = table, field, first

    def __len__(self):
        return len(self.table) + (self.first is not None)

    def __getitem__(self, k):
        if not isinstance(k, int):
            raise TypeError("a Column is indexed by an int")
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(k)
        if self.first is not None:
            if k == 0:
                return self.first
            k -= 1
        return self.table.read(k, k + 1)[self.field]

    def __iter__(self):
        if self.first is not None:
            yield self.first
        width = self.table.width
        for k0 in range(0, len(self.table), TableWriter.CHUNK):
            yield from self.table.read(k0, min(k0 + TableWriter.CHUNK, len(self.table)))[self.field::width]

    def close(self):
        self.table.close()


# A row's fields in the `.rows` table: record index, exact key (its 64 bits), word count, start
# and end of its values in the values file, end of its band keys in `.bands`, of its id in `.ids`.
INDEX, EXACT, WORDS, START, END, BAND_END, ID_END = range(7)
U64 = (1 << 64) - 1


class RowsWriter:
    """Writes what dedup needs of each record with words: its numbers to the `.rows` table, its
    band keys and id token to the `.bands` and `.ids` files."""

    def __init__(self, path):
        self.path = path
        self.table = TableWriter(path + ROWS, 7)
        self.side = [AtomicFile(path + BANDS), AtomicFile(path + IDS)]
        self.band_end = self.id_end = 0

    def add(self, index, exact, bands, token, words, start, end):
        self.side[0].write(bands)
        self.side[1].write(token)
        self.band_end += len(bands)
        self.id_end += len(token)
        self.table.add(index, exact - (1 << 64) if exact >> 63 else exact, words, start, end, self.band_end, self.id_end)

    def commit(self):
        for f in self.side:
            f.commit()
        return Rows(self.table.commit(), self.path + BANDS, self.path + IDS)

    def abandon(self):
        for f in (self.table, *self.side):
            f.abandon()


class Rows:
    """A spilled head's `rows`: what dedup needs of each record with words, (record index, exact
    key, band keys, id token, word count, (start, end) of its values in the values file). The
    numbers are a `Table` (`.rows`, 56 bytes a row), the band keys and id tokens (~110 bytes a
    row) two files beside it, `.bands` and `.ids`; the steps read them a chunk of rows at a time
    (`columns`) or a row at a time (`find`). So the head that Spark keeps, and that every step
    reading it unpickles whole (the first shuffle, the semi-join, the write), holds no value a
    row: a tuple of objects a row took ~430 bytes, seven arrays 56 (session 23). Indexing and
    iterating give the row tuples."""

    CHUNK = 1 << 12                          # rows read at a time by `columns`

    def __init__(self, table, bands_path, ids_path):
        self.table = table
        self.paths = (bands_path, ids_path)
        self._fds = None
        self._index = None                   # the rows' record indices, once `find` needs them

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_fds"] = state["_index"] = None
        return state

    def _read(self, which, start, end):
        """Bytes [start, end) of file `which` (0: bands, 1: ids)."""
        if self._fds is None:
            self._fds = [None, None]
        if self._fds[which] is None:
            self._fds[which] = os.open(self.paths[which], os.O_RDONLY)
        data = os.pread(self._fds[which], end - start, start)
        if len(data) != end - start:
            raise RuntimeError(f"{self.paths[which]} is shorter than its head says: was it changed?")
        return data

    def close(self):
        for fd in self._fds or ():
            if fd is not None:
                os.close(fd)
        self._fds = None
        self._index = None
        self.table.close()

    def __len__(self):
        return len(self.table)

    def __getitem__(self, k):
        if not 0 <= k < len(self):
            raise IndexError(k)
        numbers = self.table.read(k - 1 if k else k, k + 1)      # the row before it: where its keys start
        row, before = numbers[-7:], (numbers[:7] if k else None)
        return (row[INDEX], row[EXACT] & U64,
                self._read(0, before[BAND_END] if k else 0, row[BAND_END]),
                self._read(1, before[ID_END] if k else 0, row[ID_END]), row[WORDS], (row[START], row[END]))

    def __iter__(self):
        try:
            for k in range(len(self)):
                yield self[k]
        finally:
            self.close()

    def find(self, index):
        """The row of record `index` (a record with words). The first call reads the rows'
        record indices (8 bytes a row, until `close`)."""
        import numpy as np
        if self._index is None:
            n, chunk = len(self), self.CHUNK
            self._index = np.empty(n, dtype=np.int64)
            for k0 in range(0, n, chunk):
                k1 = min(k0 + chunk, n)
                self._index[k0:k1] = self.table.array(k0, k1)[:, INDEX]
        k = int(np.searchsorted(self._index, index))
        if k == len(self._index) or self._index[k] != index:
            raise KeyError(index)
        return self[k]

    def columns(self, base, chunk=None):
        """`pack.keyed_columns` of the rows, `chunk` rows at a time (`CHUNK`; positions `base |
        index`)."""
        import numpy as np
        chunk = chunk or self.CHUNK
        try:
            for k0 in range(0, len(self), chunk):
                k1 = min(k0 + chunk, len(self))
                numbers = self.table.array(k0 - 1 if k0 else k0, k1)
                b0, t0 = (int(numbers[0, BAND_END]), int(numbers[0, ID_END])) if k0 else (0, 0)
                numbers = numbers[1:] if k0 else numbers
                band_ends, id_ends = numbers[:, BAND_END], numbers[:, ID_END]
                yield (numbers[:, INDEX] | base, np.ascontiguousarray(numbers[:, EXACT]).view(np.uint64),
                       np.frombuffer(self._read(0, b0, int(band_ends[-1])), dtype="<u8"),
                       np.diff(band_ends, prepend=b0) // 8,
                       self._read(1, t0, int(id_ends[-1])), id_ends - t0)
        finally:
            self.close()


class RecordTexts:
    """Reads the candidates' texts from the record files, or their values from the values files,
    by reference ((file, start, end), as `pack.group_rows` gives them): one read at each offset,
    no seek, no buffer filled past it; a file is opened when first needed and stays open while it
    is among the `MAX_OPEN` opened last (a group's candidates come from one map task's file after
    another, and a group may reach thousands of them: more than a process may open), until
    `close`."""

    MAX_OPEN = 64

    def __init__(self, max_open=MAX_OPEN):
        self.files = collections.OrderedDict()
        self.max_open = max(1, max_open)

    def read(self, ref):
        path, start, end = ref
        fd = self.files.get(path)
        if fd is None:
            if len(self.files) >= self.max_open:
                os.close(self.files.popitem(last=False)[1])
            fd = self.files[path] = os.open(path, os.O_RDONLY)
        data = os.pread(fd, end - start, start)
        if len(data) != end - start:
            raise RuntimeError(f"the record file {path} is shorter than its head says: was it changed?")
        return data

    def close(self):
        for fd in self.files.values():
            os.close(fd)
        self.files.clear()


def write_partition(output, drop, compress):
    """(head, [(record index, duplicate json)] sorted) of partition `index` → its part files of
    the three outputs; yields (exact, near) duplicates written and the partition's (documents,
    errors)."""
    suffix = ".gz" if compress else ""

    def write(index, pairs):
        for head, found in pairs:
            documents, _, errors, ats, _, offsets, path = head[:7]
            files = {name: AtomicFile(os.path.join(output, name, part_name(index) + suffix), compress) for name in OUTPUTS}
            try:
                exact = near = 0
                corpus, duplicates = files["corpus"], files["duplicates"]
                with open(path, "rb") as records:
                    done = 0                                 # records before this one are written
                    for i, duplicate in found or ():
                        _copy(records, offsets[done], offsets[i], corpus)
                        record = records.read(offsets[i + 1] - offsets[i])
                        at = ats[i]
                        record = record[:at] + duplicate + record[at + 4:]
                        (duplicates if drop else corpus).write(record)
                        if b'"kind":"exact"' in duplicate:
                            exact += 1
                        else:
                            near += 1
                        done = i + 1
                    _copy(records, offsets[done], offsets[documents], corpus)
                if errors:
                    files["errors"].write(b"\n".join(errors) + b"\n")
                for f in files.values():
                    f.commit()
            except BaseException:
                for f in files.values():
                    f.abandon()
                raise
            finally:
                for column in (ats, offsets):
                    if hasattr(column, "close"):
                        column.close()
            yield exact, near, documents, len(errors)
    return write


def _copy(source, start, end, out):
    """Bytes [start, end) of `source` to `out`, leaving `source` at `end`: by the kernel
    (copy_file_range: the bytes never enter Python) when `out` is a plain file, else a MB at a
    time."""
    if out.file is out.raw and _kernel_copy(source, start, end, out.raw):
        source.seek(end)
        return
    source.seek(start)
    left = end - start
    while left > 0:
        data = source.read(min(left, CHUNK))
        if not data:
            raise RuntimeError(f"the record file {source.name} ends before its head says: was it changed?")
        out.write(data)
        left -= len(data)


def _kernel_copy(source, start, end, out):
    """Bytes [start, end) of the file `source` appended to the file `out` by copy_file_range;
    False (nothing copied) where the system cannot (another file system, an old kernel)."""
    copy = getattr(os, "copy_file_range", None)
    if copy is None or end <= start:
        return copy is not None
    out.flush()
    offset = start
    while offset < end:
        try:
            n = copy(source.fileno(), out.fileno(), end - offset, offset)
        except OSError:
            if offset == start:
                return False
            raise
        if n == 0:
            raise RuntimeError(f"the record file {source.name} ends before its head says: was it changed?")
        offset += n
    return True
