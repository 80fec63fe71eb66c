"""A partition of the map side's output as the job keeps it: a head, then the records in blobs.

The head is what the steps after the map side need from the partition, without its records:
`(documents, starts, errors, ats, rows)` where `documents` is the number of output records,
`starts` the index of the first record of each blob (and `documents` at the end), `errors` the
error records in order, `ats` each record's offset of its `duplicate` value (-1: none), and
`rows` what dedup needs of each record that has words: `(index, exact key, band keys, id token,
word count (or the verification keys, when the map side's keys carry the values), text)`: the text is the record's `text` as JSON (the candidates' texts
travel to `textmill dedup-verify`, which fingerprints them again), or None when the map side's
keys carry the verification values themselves.

A blob is about a MB of records joined by newlines: the writer copies a blob without a decision
to the corpus as it is, so no step pays per record for the records that are neither candidates
nor duplicates. Positions are `partition << 32 | record index`: input order.
"""
import binascii
import sys
from array import array

SHIFT = 32
VALUES = "values"          # marks a reference to a candidate's values (`group_rows`), not its text
MASK = (1 << SHIFT) - 1
BLOB_BYTES = 1 << 20
ERR = b"err\t-\t-\t"


def array_u64(raw):
    """Little-endian 64-bit values (band keys)."""
    a = array("Q")
    a.frombytes(raw)
    if a.itemsize != 8:
        raise RuntimeError("array('Q') is not 64-bit here")
    if sys.byteorder != "little":
        a.byteswap()
    return a


def pack(lines, blob_bytes=BLOB_BYTES):
    """The map side's output lines of one partition (with or without their newline) → its head,
    then its blobs."""
    ats, rows, errors, starts, blobs = array("q"), [], [], [0], []
    blob, size, index = [], 0, 0
    for line in lines:
        if line.endswith(b"\n"):
            line = line[:-1]
        if line.startswith(ERR):
            errors.append(line[len(ERR):])
            continue
        if not line.startswith(b"doc\t"):
            raise ValueError(f"textmill --map-side wrote {line[:80]!r}, not a doc or err line")
        t2 = line.index(b"\t", 4)
        t3 = line.index(b"\t", t2 + 1)
        at, keys, record = line[4:t2], line[t2 + 1:t3], line[t3 + 1:]
        ats.append(-1 if at == b"-" else int(at))
        if keys != b"-":
            row = dedup_row(index, keys, record)
            if row is not None:
                rows.append(row)
        blob.append(record)
        size += len(record)
        index += 1
        if size >= blob_bytes:
            blobs.append(b"\n".join(blob))
            starts.append(index)
            blob, size = [], 0
    if blob:
        blobs.append(b"\n".join(blob))
        starts.append(index)
    yield index, starts, errors, ats, rows
    yield from blobs


def dedup_row(index, keys, record):
    """(index, exact, bands, id token, word count or verification keys, text) of a record with words, or None
    (bands: the band keys as bytes of little-endian 64-bit values)."""
    row = dedup_fields(index, keys, record)
    if row is None or row[5] is None:
        return row
    start, end = row[5]
    return row[:5] + (record[start:end],)


def dedup_fields(index, keys, record, base=0):
    """(index, exact, bands, id token, word count, (start, end) of the text's JSON string in the
    record) of a record with words, or None; when the keys carry the verification values, the
    keys in place of the word count, and None for the range; when the keys end in `,#N` (the
    values are in the map side's values file), None for the range, which `spill` gives. The record starts at byte `base` of `record` (a map side line, read
    in place); the range counts from the record's start."""
    parts = keys.split(b",")
    if len(parts) not in (3, 4):
        raise ValueError(f"textmill --map-side wrote the dedup keys {keys[:80]!r}, not EXACT,WORDS,BANDS")
    in_file = len(parts) == 4 and parts[3].startswith(b"#")     # the values are in the values file
    if int(parts[1]) == 0:
        return None                                   # no words: unique, never matched
    if not record.startswith(b'{"id":', base):
        raise ValueError("a record that does not start with its id")
    tok = record[base + 6:record.index(b',"source":', base)]
    # The band keys stay bytes (little-endian 64-bit values) until key_blocks reads them: one
    # object to pickle in the heads and shuffles instead of nine integers.
    bands = binascii.a2b_base64(parts[2])
    if len(bands) % 8:
        raise ValueError(f"textmill --map-side wrote the band keys {parts[2][:80]!r}, not 64-bit values")
    if in_file:                                       # `spill` gives the values' range
        return index, int(parts[0], 16), bands, tok, int(parts[1]), None
    if len(parts) == 4:                               # the keys carry the verification values
        return index, int(parts[0], 16), bands, tok, keys, None
    # The first `,"text":` is the field (a string value holds no unescaped quote), and the text's
    # JSON string ends where `,"meta":` starts.
    start = record.index(b',"text":', base) + 8
    end = record.index(b',"meta":', start)
    # The verification keys EXACT,WORDS,BANDS repeat the row's other fields: the head keeps the
    # word count alone (the heads are read in every step), `verification_keys` writes the token
    # again for a candidate.
    return index, int(parts[0], 16), bands, tok, int(parts[1]), (start - base, end - base)


def values_count(keys):
    """N of dedup keys that end in `,#N` (the document's values are N 64-bit values of the map
    side's values file), or None."""
    at = keys.rfind(b",#")
    return int(keys[at + 2:]) if at >= 0 else None


def verification_keys(row):
    """A row's verification keys for `textmill dedup-verify`: the map side's token EXACT,WORDS,BANDS
    (the band keys spare it the MinHash signature of the text it fingerprints again), written
    from the row as the map side writes it (16 hex digits, the word count, standard base64 of
    the band keys); or the token itself when it carries the verification values."""
    keys = row[4]
    if type(keys) is int:
        return b"%016x,%d,%s" % (row[1], keys, binascii.b2a_base64(row[2], newline=False))
    return keys


def keyed_columns(index, heads):
    """(positions, exact keys, band keys, band keys a document, id tokens, the tokens' ends) of
    the records with words of a packed or spilled partition, as numpy arrays and one byte string
    of the tokens: what `dedup.key_blocks` shuffles, without a Python object a document. A
    spilled head's rows (`spill.Rows`) give them a chunk of rows at a time, from their files."""
    import numpy as np
    base = index << SHIFT
    for head in heads:
        rows = head[4]
        if hasattr(rows, "columns"):
            yield from rows.columns(base)
            continue
        positions = np.array([base | row[0] for row in rows], dtype=np.int64)
        exact = np.array([row[1] for row in rows], dtype=np.uint64)
        bands = np.frombuffer(b"".join(row[2] for row in rows), dtype="<u8")
        counts = np.array([len(row[2]) // 8 for row in rows], dtype=np.int64)
        tokens = [row[3] for row in rows]
        ends = np.cumsum([len(t) for t in tokens], dtype=np.int64)
        yield positions, exact, bands, counts, b"".join(tokens), ends


def head_only(items):
    """The head of a packed partition (the first item)."""
    for item in items:
        yield item
        return


def keyed_docs(index, heads):
    """(position, exact, bands, id token) of every record with words of a packed partition."""
    for head in heads:
        base = index << SHIFT
        for row in head[4]:
            yield base | row[0], row[1], row[2], row[3]


def group_rows(index, pairs):
    """A head zipped with the partition's candidates [(record index, label)]: ((label, position),
    (verification keys, id token, text)) for each candidate, sorted by label. The text is the
    record's `text` as JSON in a packed head; in a spilled one (`spill`), where every task can
    read the record file, a reference to it, `(record file, start, end)`, which the verification
    task reads (`spill.RecordTexts`): the texts do not cross the shuffle; when the map side wrote
    a values file, a reference to the candidate's values instead, `(values file, start, end,
    VALUES)`, read in the same way and given to dedup-verify in place of the text.

    These are the rows the verification task reads (`candidates_in_order`); the job sends them
    as blocks (`candidate_blocks`), not a tuple a candidate, and the tests compare the blocks'
    rows with these."""
    for head, labels in pairs:
        if hasattr(labels, "tolist"):                 # `dedup.label_pairs`' array
            labels = labels.tolist()
        if not labels:
            continue
        rows = head[4]
        find = rows.find if hasattr(rows, "find") else {row[0]: row for row in rows}.__getitem__
        base = index << SHIFT
        path = head[6] if len(head) >= 7 else None
        values = head[7] if len(head) >= 8 else None
        out = []
        for i, label in labels:
            row = find(i)
            if values is not None:
                ref = (values, *row[5], VALUES)
            else:
                ref = row[5] if path is None else (path, *row[5])
            out.append(((label, base | i), (verification_keys(row), row[3], ref)))
        if hasattr(rows, "close"):
            rows.close()
        out.sort(key=lambda r: r[0])
        yield from out


CANDIDATE_CHUNK = 1 << 12      # candidates a block of `candidate_blocks`, at most


def candidate_blocks(partition_of, chunk=CANDIDATE_CHUNK):
    """The semi-join's map side as blocks: a function of (index, pairs), where pairs are what
    `group_rows` reads, that yields `(r, block)` items, `r` the verification partition of the
    candidates' group (`partition_of(label)`) and `block` up to `chunk` of its candidates of one
    head, sorted by (label, position), as a few byte strings (`candidates_in_order` reads them):
    what `group_rows` gives a candidate, without a Python tuple of ~0.4 KB a candidate held by
    the shuffle until its buffer filled and by the verification task's sort (Python workers grew
    with the candidates of a partition: 55 → 63 MB from 64,000 to 256,000 documents)."""
    def blocks(index, pairs):
        import numpy as np
        base = index << SHIFT
        for head, labels in pairs:
            labels = np.asarray(labels, dtype=np.int64).reshape(-1, 2)
            if not len(labels):
                continue
            rows = head[4]
            find = rows.find if hasattr(rows, "find") else {row[0]: row for row in rows}.__getitem__
            path = head[6] if len(head) >= 7 else None
            values = head[7] if len(head) >= 8 else None
            kind, where = (VALUES, values) if values is not None else ("record", path) if path is not None else ("inline", None)
            targets = np.concatenate([np.fromiter(map(partition_of, labels[k:k + chunk, 1].tolist()), dtype=np.int64)
                                      for k in range(0, len(labels), chunk)])
            order = np.lexsort((labels[:, 0], labels[:, 1], targets))       # by target, label, index
            labels, targets = labels[order], targets[order]
            cuts = np.flatnonzero(targets[1:] != targets[:-1]) + 1
            try:
                for lo, hi in zip(np.concatenate(([0], cuts)).tolist(), np.concatenate((cuts, [len(labels)])).tolist()):
                    for k0 in range(lo, hi, chunk):
                        k1 = min(k0 + chunk, hi)
                        yield int(targets[k0]), _candidate_block(labels[k0:k1], base, find, kind, where)
            finally:
                if hasattr(rows, "close"):
                    rows.close()
    return blocks


def _candidate_block(labels, base, find, kind, where):
    """One block of `candidate_blocks`: (labels, positions, keys, their ends, id tokens, their
    ends, kind, path, texts, starts, ends), the numbers as little-endian int64 bytes: each
    candidate's values (kind VALUES) or text (kind "record") from `starts` to `ends` in the file
    `path`, or (kind "inline") its text from `starts` to `ends` in `texts`, the texts joined, a
    start of -1 where a candidate has no text."""
    keys, key_ends, tokens, token_ends = [], array("q"), [], array("q")
    texts, starts, ends = [], array("q"), array("q")
    key_end = token_end = text_end = 0
    for i in labels[:, 0].tolist():
        row = find(i)
        k, t = verification_keys(row), row[3]
        keys.append(k)
        tokens.append(t)
        key_end += len(k)
        token_end += len(t)
        key_ends.append(key_end)
        token_ends.append(token_end)
        if kind != "inline":
            starts.append(row[5][0])
            ends.append(row[5][1])
        elif row[5] is None:
            starts.append(-1)
            ends.append(-1)
        else:
            texts.append(row[5])
            starts.append(text_end)
            text_end += len(row[5])
            ends.append(text_end)
    positions = labels[:, 0] | base
    return (labels[:, 1].astype("<i8").tobytes(), positions.astype("<i8").tobytes(), b"".join(keys), _le(key_ends),
            b"".join(tokens), _le(token_ends), kind, where, b"".join(texts), _le(starts), _le(ends))


def _le(numbers):
    """An array('q') as little-endian bytes."""
    if sys.byteorder != "little":
        numbers = array("q", numbers)
        numbers.byteswap()
    return numbers.tobytes()


def candidates_in_order(items):
    """The `(r, block)` items of a verification partition (`candidate_blocks`) → the rows
    `group_rows` gives, ((label, position), (verification keys, id token, text)), sorted by
    (label, position): the blocks are held as they came (their byte strings), the order is
    numpy's, and a row is made when it is read."""
    import numpy as np
    blocks = [block for _, block in items]
    if not blocks:
        return
    numbers = [tuple(np.frombuffer(bl[j], dtype="<i8") for j in (0, 1, 3, 5, 9, 10)) for bl in blocks]
    labels = np.concatenate([n[0] for n in numbers])
    positions = np.concatenate([n[1] for n in numbers])
    which = np.concatenate([np.full(len(n[0]), k, dtype=np.int64) for k, n in enumerate(numbers)])
    at = np.concatenate([np.arange(len(n[0]), dtype=np.int64) for n in numbers])
    order = np.lexsort((positions, labels))
    for k in order.tolist():
        b, j = int(which[k]), int(at[k])
        bl = blocks[b]
        _, _, key_ends, token_ends, starts, ends = numbers[b]
        keys = bl[2][(int(key_ends[j - 1]) if j else 0):int(key_ends[j])]
        token = bl[4][(int(token_ends[j - 1]) if j else 0):int(token_ends[j])]
        kind, path, start, end = bl[6], bl[7], int(starts[j]), int(ends[j])
        if kind == VALUES:
            text = (path, start, end, VALUES)
        elif kind == "record":
            text = (path, start, end)
        else:
            text = bl[8][start:end] if start >= 0 else None
        yield (int(labels[k]), int(positions[k])), (keys, token, text)


def partition_labels(rows):
    """(position, value) rows of one partition, sorted (labels, or decisions): the one item
    [(record index, value)]."""
    return [[(pos & MASK, label) for pos, label in rows]]


def blob_decisions(rows, starts):
    """(position, duplicate json) rows of one partition, sorted, as one item per item of the packed
    partition (to zip with it): None for the head, then for each blob [(index in the blob,
    duplicate json)] or None."""
    yield None
    nxt = next(rows, None)
    for k in range(len(starts) - 1):
        end = starts[k + 1]
        found = []
        while nxt is not None and (nxt[0] & MASK) < end:
            found.append(((nxt[0] & MASK) - starts[k], nxt[1]))
            nxt = next(rows, None)
        yield found or None


def spliced(drop, output):
    """The items of a packed partition zipped with its decisions → the blobs of `output`
    ('corpus' or 'duplicates'): a duplicate's decision put in place of its `null`; with `drop`
    the duplicates leave the corpus for the duplicates."""
    def blobs(pairs):
        head, k = None, 0
        for item, found in pairs:
            if head is None:
                head = item
                continue
            base = head[1][k]
            k += 1
            if not found:
                if output == "corpus":
                    yield item
                continue
            records = item.split(b"\n")
            ats = head[3]
            for i, duplicate in found:
                at = ats[base + i]
                records[i] = records[i][:at] + duplicate + records[i][at + 4:]
            if drop:
                gone = {i for i, _ in found}
                if output == "corpus":
                    records = [r for i, r in enumerate(records) if i not in gone]
                else:
                    records = [records[i] for i, _ in found]
            elif output != "corpus":
                continue
            if records:
                yield b"\n".join(records)
    return blobs


def plain_blobs(items):
    """The blobs of a packed partition (no decisions)."""
    first = True
    for item in items:
        if first:
            first = False
            continue
        yield item


def error_blobs(heads):
    """The error records of a packed partition, as one blob."""
    for head in heads:
        if head[2]:
            yield b"\n".join(head[2])
