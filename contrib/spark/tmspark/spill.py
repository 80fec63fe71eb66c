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
end, `path` the file, `values` the values file (None when the map side wrote none).
"""
import bisect
import collections
import gzip
import os
import uuid
from array import array

from . import pack

RECORDS = "_records"
VALUES = ".values"                     # the values file's suffix (beside the record file)
BANDS, IDS = ".bands", ".ids"          # the rows' band keys and id tokens (`Rows`)
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
    `folder`; yields the spilled head (the only item)."""
    path = os.path.join(folder, part_name(index))
    out = AtomicFile(path)
    out.raw.close()                            # the map side writes the record file itself
    values = out.temporary + VALUES            # the map side writes it; renamed once complete
    side = [AtomicFile(path + BANDS), AtomicFile(path + IDS)]     # the rows' band keys and ids
    try:
        ats, rows, errors, offsets = array("q"), Rows(path + BANDS, path + IDS), [], array("q", [0])
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
            ats.append(-1 if at == b"-" else int(at))
            if keys != b"-":
                n = pack.values_count(keys)
                if n is None:
                    raise ValueError(f"textmill --map-side wrote the keys {keys[:80]!r} without their values' count (',#N')")
                row = pack.dedup_fields(count, keys, line, t4 + 1)
                wrote_values = True
                if row is not None:                        # its values' range in the values file
                    side[0].write(row[2])
                    side[1].write(row[3])
                    rows.add(row[0], row[1], len(row[2]), len(row[3]), row[4], at_value, at_value + 8 * n)
                at_value += 8 * n
            written += int(line[t3 + 1:t4])                # the record and its newline
            offsets.append(written)
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
        for f in side:
            f.commit()
        out.commit()
    except BaseException:
        for f in (*side, out):
            f.abandon()
        raise
    finally:
        try:
            os.unlink(values)
        except OSError:
            pass
    yield count, [0, count], errors, ats, rows, offsets, path, values_path


class Rows:
    """A spilled head's `rows`: what dedup needs of each record with words, (record index, exact
    key, band keys, id token, word count, (start, end) of its values in the values file). The
    fixed-size fields are seven arrays in the head (56 bytes a row); the band keys and id tokens
    (~110 bytes a row) wait in two files beside the record file, `.bands` and `.ids`, which the
    steps read a chunk of rows at a time (`columns`) or a row at a time (`find`). So the head
    that Spark keeps, and that every step reading it unpickles whole (the first shuffle, the
    semi-join, the write), holds no Python object a row: a tuple of objects a row took ~430
    bytes, and a task held it twice while it was pickled. Indexing and iterating give the row
    tuples."""

    CHUNK = 1 << 12                          # rows read at a time by `columns`

    def __init__(self, bands_path, ids_path):
        self.index, self.exact, self.words = array("q"), array("Q"), array("q")
        self.starts, self.ends = array("q"), array("q")
        self.band_ends, self.id_ends = array("q"), array("q")
        self.paths = (bands_path, ids_path)
        self._fds = None

    def add(self, index, exact, band_bytes, id_bytes, words, start, end):
        """A row whose band keys (`band_bytes` long) and id token were written to the files."""
        self.index.append(index)
        self.exact.append(exact)
        self.words.append(words)
        self.starts.append(start)
        self.ends.append(end)
        self.band_ends.append((self.band_ends[-1] if self.band_ends else 0) + band_bytes)
        self.id_ends.append((self.id_ends[-1] if self.id_ends else 0) + id_bytes)

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_fds"] = None
        return state

    def _read(self, which, ends, k0, k1):
        """Bytes of rows [k0, k1) of file `which` (0: bands, 1: ids)."""
        if self._fds is None:
            self._fds = [None, None]
        if self._fds[which] is None:
            self._fds[which] = os.open(self.paths[which], os.O_RDONLY)
        start = ends[k0 - 1] if k0 else 0
        end = ends[k1 - 1] if k1 > k0 else start
        data = os.pread(self._fds[which], end - start, start)
        if len(data) != end - start:
            raise RuntimeError(f"{self.paths[which]} is shorter than its head says: was it changed?")
        return data

    def close(self):
        for fd in self._fds or ():
            if fd is not None:
                os.close(fd)
        self._fds = None

    def __len__(self):
        return len(self.index)

    def __getitem__(self, k):
        return (self.index[k], self.exact[k], self._read(0, self.band_ends, k, k + 1),
                self._read(1, self.id_ends, k, k + 1), self.words[k], (self.starts[k], self.ends[k]))

    def __iter__(self):
        try:
            for k in range(len(self)):
                yield self[k]
        finally:
            self.close()

    def find(self, index):
        """The row of record `index` (a record with words)."""
        k = bisect.bisect_left(self.index, index)
        if k == len(self.index) or self.index[k] != index:
            raise KeyError(index)
        return self[k]

    def columns(self, base, chunk=CHUNK):
        """`pack.keyed_columns` of the rows, `chunk` rows at a time (positions `base | index`)."""
        import numpy as np
        index = np.frombuffer(self.index, dtype=np.int64)
        exact = np.frombuffer(self.exact, dtype=np.uint64)
        band_ends = np.frombuffer(self.band_ends, dtype=np.int64)
        id_ends = np.frombuffer(self.id_ends, dtype=np.int64)
        try:
            for k0 in range(0, len(index), chunk):
                k1 = min(k0 + chunk, len(index))
                b0 = int(band_ends[k0 - 1]) if k0 else 0
                t0 = int(id_ends[k0 - 1]) if k0 else 0
                yield (index[k0:k1] | base, exact[k0:k1],
                       np.frombuffer(self._read(0, self.band_ends, k0, k1), dtype="<u8"),
                       np.diff(band_ends[k0:k1], prepend=b0) // 8,
                       self._read(1, self.id_ends, k0, k1), id_ends[k0:k1] - t0)
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
