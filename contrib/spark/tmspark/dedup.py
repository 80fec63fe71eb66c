"""Corpus-wide dedup as shuffles, with exactly the decisions of `textmill run` on one machine.

The single-machine rule (DedupEngine.process), for documents in input order: a document without
words is unique; a document whose exact key a KEPT earlier document has is that document's exact
duplicate (similarity 1); otherwise it is a near duplicate of the earliest kept document that
shares an LSH band key with it and whose similarity reaches the threshold; otherwise it is kept.
Only kept documents can be matched. That is sequential, so the job works in steps:

1. Exact copies (same exact key) collapse onto their earliest member, the representative: a
   copy gets the representative's fate (its exact duplicate if the representative is kept; the
   same near match as the representative if it is not). Sorted streams, no group in memory.
2. Representatives are grouped by band key (a sorted stream again); buckets of one member are
   dropped, and those left make the candidates. Only candidates' verification values (shingle
   hashes) are fetched, through a Bloom filter of their positions.
3. Rounds of bucket scans decide the candidates. Every candidate is undecided (U), kept (K) or a
   duplicate (D), and only ever moves from U to K or D. In a round each bucket is read in input
   order, keeping its live members (K or U) in a list; an undecided member walks the live members
   before it, from where it stopped last time, verifying each, and stops at the first that
   reaches the threshold: a kept one is its match (MATCH), an undecided one blocks it (BLOCKED);
   reaching its own place is FREE. Per document, over its buckets: the earliest of its matches
   and blocks decides: a kept match makes it D; no match and no block makes it K; otherwise it
   waits for the next round, in which only buckets that blocked someone are read again. A
   similarity is computed once per pair at most, and a member that meets a match stops walking,
   so a giant bucket of near-identical pages costs one verification per page, not a pair list,
   and its live list spills to local disk beyond `bucket_memory` bytes. Each round decides at
   least the earliest undecided document, and in practice a few rounds decide all.
4. The decisions (duplicates only) go back to the records by position.

Positions are `partition << 32 | index in partition`: input order, since partitions and the
records in them are in input order.
"""
import binascii
import bisect
import itertools
import sys
import tempfile
from array import array
from collections import OrderedDict

SHIFT = 32


# ---------------------------------------------------------------------------------------------
# What the map side emitted

def doc_fields(line):
    """(keys, id token) of a map-side `doc` line, or None for an `err` line; the record is not
    copied (lines are long, and every step reads them)."""
    if not line.startswith(b"doc\t"):
        return None
    j = line.index(b"\t", 4)
    k = line.index(b"\t", j + 1)
    if line[k + 1:k + 7] != b'{"id":':
        raise ValueError("a record that does not start with its id")
    return line[j + 1:k], line[k + 7:line.index(b',"source":', k)]


def parse_keys(keys):
    """(exact key, word count, band keys as a tuple, verification values as base64: decode them
    with `values_of` where they are needed, to raw little-endian 64-bit values (the sorted
    64-bit shingle hashes, or the signature widened))."""
    exact, words, bands, values = keys.split(b",")
    return int(exact, 16), int(words), tuple(array_u32(binascii.a2b_base64(bands))), values


def values_of(values_b64):
    return binascii.a2b_base64(values_b64)


def array_u32(raw):
    """Little-endian 32-bit values (band keys)."""
    return _array("I", 4, raw)


def array_u64(raw):
    """Little-endian 64-bit values (verification values)."""
    return _array("Q", 8, raw)


def _array(code, size, raw):
    a = array(code)
    a.frombytes(raw)
    if a.itemsize != size:
        raise RuntimeError(f"array('{code}') is not {8 * size}-bit here")
    if sys.byteorder != "little":
        a.byteswap()
    return a


def keyed_docs(index, lines):
    """(position, exact, words, bands, values in base64, id token) for each record dedup saw."""
    for seq, line in enumerate(lines):
        doc = doc_fields(line)
        if doc is None or doc[0] == b"-":
            continue
        exact, words, bands, values = parse_keys(doc[0])
        yield (index << SHIFT) | seq, exact, words, bands, values, doc[1]


# ---------------------------------------------------------------------------------------------
# Similarity, exactly as Swift computes it

try:
    import numpy
except ImportError:                      # the job works without numpy, verification is slower
    numpy = None


class Similarity:
    """Exact Jaccard of two sorted shingle sets, or the share of equal MinHash values, from the
    raw little-endian 64-bit values; with numpy when it is there (about five times faster than
    Python sets; the counts, and so the similarities, are the same)."""

    def __init__(self, verify, cache_size=256, use_numpy=None):
        self.estimate = verify == "estimate"
        self.numpy = numpy if (use_numpy is None or use_numpy) else None
        self.cache = OrderedDict()
        self.cache_size = cache_size

    def size(self, raw):
        """The number of values; the size filter is only exact for Jaccard, so with estimates
        every size passes."""
        return 1 if self.estimate else len(raw) // 8

    def decode(self, raw):
        if self.numpy is not None:
            return self.numpy.frombuffer(raw, dtype="<u8")
        a = array_u64(raw)
        return a if self.estimate else frozenset(a)

    def cached(self, key, raw):
        got = self.cache.get(key)
        if got is None:
            got = self.decode(raw)
            self.cache[key] = got
            if len(self.cache) > self.cache_size:
                self.cache.popitem(last=False)
        else:
            self.cache.move_to_end(key)
        return got

    def __call__(self, a, b):
        np = self.numpy
        if self.estimate:
            n = min(len(a), len(b))
            if n == 0:
                return 0.0
            same = int(np.count_nonzero(a[:n] == b[:n])) if np is not None else sum(1 for i in range(n) if a[i] == b[i])
            return same / n
        if len(a) == 0 and len(b) == 0:
            return 1.0
        if np is not None:
            small, large = (a, b) if len(a) <= len(b) else (b, a)
            if len(small) == 0:
                return 0.0
            at = np.searchsorted(large, small)
            at[at == len(large)] = 0
            common = int(np.count_nonzero(large[at] == small))
        else:
            common = len(a & b) if len(a) <= len(b) else len(b & a)
        return common / (len(a) + len(b) - common)


# ---------------------------------------------------------------------------------------------
# 1. Exact copies onto their representative

def collapse_scan(rows):
    """Rows ((exact, pos), (bands, id)) sorted by key, in groups of one exact key: the first of
    a group is the representative ('R', pos, bands, id); the others are ('X', pos, rep, rep id)."""
    for _, group in itertools.groupby(rows, key=lambda r: r[0][0]):
        first = True
        for (_, pos), (bands, tok) in group:
            if first:
                rep, rep_tok = pos, tok
                first = False
                yield "R", pos, bands, tok
            else:
                yield "X", pos, rep, rep_tok


# ---------------------------------------------------------------------------------------------
# 2. Buckets of band keys

def bucket_scan(rows):
    """Rows ((band, pos), None) sorted by key: (pos, band) for every member of a bucket of two
    or more, streaming (a giant bucket is never held in memory)."""
    for band, group in itertools.groupby(rows, key=lambda r: r[0][0]):
        first = next(group)
        second = next(group, None)
        if second is None:
            continue
        yield first[0][1], band
        yield second[0][1], band
        for (_, pos), _ in group:
            yield pos, band


class BloomFilter:
    """A Bloom filter of positions (about 1% false positives at 10 bits an element)."""

    HASHES = 7

    def __init__(self, elements, bits=None):
        self.bits = bits or max(1 << 16, 10 * elements)
        self.array = bytearray((self.bits + 7) // 8)

    def _slots(self, x):
        h1 = (x * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        h2 = ((x ^ (x >> 29)) * 0xBF58476D1CE4E5B9 | 1) & 0xFFFFFFFFFFFFFFFF
        for i in range(self.HASHES):
            yield ((h1 + i * h2) & 0xFFFFFFFFFFFFFFFF) % self.bits

    def add(self, x):
        for s in self._slots(x):
            self.array[s >> 3] |= 1 << (s & 7)

    def __contains__(self, x):
        return all(self.array[s >> 3] & (1 << (s & 7)) for s in self._slots(x))

    def merge(self, other):
        a = int.from_bytes(self.array, "little") | int.from_bytes(other.array, "little")
        self.array = bytearray(a.to_bytes(len(self.array), "little"))
        return self


# ---------------------------------------------------------------------------------------------
# 3. Rounds of bucket scans

UPDATE, WALKER, DATA = 0, 1, 2


class LiveList:
    """The live members of one bucket, in input order: position, status, id token and
    verification values. Values beyond `budget` bytes go to a temporary file on local disk and
    are read back when a walk reaches them."""

    def __init__(self, budget):
        self.budget = budget
        self.used = 0
        self.pos, self.status, self.tok, self.values, self.sizes = [], [], [], [], []
        self.spill = None

    def append(self, pos, status, tok, values, size):
        self.pos.append(pos)
        self.sizes.append(size)
        self.status.append(status)
        self.tok.append(tok)
        if self.used + len(values) <= self.budget:
            self.used += len(values)
            self.values.append(values)
        else:
            if self.spill is None:
                self.spill = tempfile.TemporaryFile()
            self.spill.seek(0, 2)
            self.values.append((self.spill.tell(), len(values)))
            self.spill.write(values)

    def value(self, i):
        v = self.values[i]
        if isinstance(v, tuple):
            self.spill.seek(v[0])
            return self.spill.read(v[1])
        return v

    def start(self, cursor):
        """Index of the first member at or after position `cursor`."""
        return bisect.bisect_left(self.pos, cursor)

    def close(self):
        if self.spill is not None:
            self.spill.close()


def walk(live, cursor, values, threshold, similarity, verified):
    """The verdict of an undecided member over the live members before it, from position
    `cursor` on: ('M', pos, id, J) when the first that reaches the threshold is kept,
    ('B', pos, J, id) when it is undecided, ('F',) when none does. A pair whose sizes alone keep
    it below the threshold is not verified (Jaccard is at most the smaller size over the larger)."""
    mine = None
    size = similarity.size(values)
    for i in range(live.start(cursor), len(live.pos)):
        theirs = live.sizes[i]
        if min(size, theirs) < (threshold - 1e-9) * max(size, theirs):
            continue                         # (the margin keeps float rounding on the safe side)
        if mine is None:
            mine = similarity.decode(values)
        other = live.pos[i]
        sim = similarity(mine, similarity.cached(other, live.value(i)))
        verified[0] += 1
        if sim >= threshold:
            if live.status[i] == "K":
                return ("M", other, live.tok[i], sim)
            return ("B", other, sim, live.tok[i])
    return ("F",)


def round_scan(rows, threshold, verify, first_round, budget):
    """Bucket scans over one partition of rows sorted by (band, pos, tag). Tags: UPDATE (the
    member's status, K or D, decided since its row was written), WALKER (the member walks here,
    from the position given: the member that blocked it, which has become a duplicate since) and
    DATA ((status, id, values); a member may have several, from several earlier scans: the first
    counts). In the first round every member is undecided and walks from the start.

    Yields ('V', pos, band, verdict) for every walk; ('C', band, pos, (status, id)) for what a
    later scan of this bucket may need (its live members from the earliest blocking member to the
    last blocked walker) when someone was blocked; and ('N', pairs verified)."""
    similarity = Similarity(verify)
    verified = [0]
    for band, rows_of_band in itertools.groupby(rows, key=lambda r: r[0][0]):
        live = LiveList(budget)
        blocked_from, blocked_to = None, None
        update = walker = None
        last = None
        for (_, pos, tag), value in rows_of_band:
            if tag == UPDATE:
                update = value
                continue
            if tag == WALKER:
                walker = value
                continue
            if pos == last:
                continue
            last = pos
            status, tok, values = value
            if update is not None:
                status = update
            if first_round:
                walker = -1
            if status != "D":
                if walker is not None and status == "U":
                    verdict = walk(live, walker, values, threshold, similarity, verified)
                    yield "V", pos, band, verdict
                    if verdict[0] == "B":
                        blocked_from = verdict[1] if blocked_from is None else min(blocked_from, verdict[1])
                        blocked_to = pos
                live.append(pos, status, tok, values, similarity.size(values))
            update = walker = None
        if blocked_from is not None:
            for i in range(live.start(blocked_from), len(live.pos)):
                if live.pos[i] > blocked_to:
                    break
                yield "C", band, live.pos[i], (live.status[i], live.tok[i])
        live.close()
        similarity.cache.clear()
    yield "N", verified[0]


def combine(verdicts, best):
    """A document's verdicts of this round, (band, verdict), and its best match so far
    ((pos, id, J) or None), into ('K',), ('D', of, id, J), or ('U', best, walkers) with a walker
    (band, blocking pos, J, blocking id) per bucket where it is blocked."""
    blocked = []
    for band, v in verdicts:
        if v[0] == "M":
            if best is None or v[1] < best[0]:
                best = (v[1], v[2], v[3])
        elif v[0] == "B":
            blocked.append((band, v[1], v[2], v[3]))
    if not blocked:
        return ("D",) + best if best is not None else ("K",)
    earliest = min(b[1] for b in blocked)
    if best is not None and best[0] < earliest:
        return ("D",) + best
    return ("U", best, blocked)


def resolve(walker, status):
    """A walker (band, blocking pos, J, blocking id) once the last round has decided `status` of
    its blocker (None: still undecided): ('V', (band, verdict)) when that settles its verdict in
    this bucket without reading the bucket (a kept blocker is the match, an undecided one still
    blocks), or ('R', band, cursor) when the blocker became a duplicate: the walk goes on in the
    bucket, after it."""
    band, cursor, sim, tok = walker
    if status == "K":
        return "V", (band, ("M", cursor, tok, sim))
    if status is None:
        return "V", (band, ("B", cursor, sim, tok))
    return "R", band, cursor


def rounds_in_memory(stores, walkers, best, newly, status, threshold, verify, budget, first_rows=None):
    """Runs the rounds to the end in this process, with the steps of the distributed rounds (the
    job does this in one task once what is left is small, so a long chain of near duplicates
    costs no Spark stages per link).

    stores: {band: [(pos, (status, id, values))]}, bucket rows earlier scans left; walkers:
    [(pos, walker)]; best: {pos: best match}; newly: {pos: status} decided by the last round;
    status: {pos: status}, every decision so far; first_rows: the rows of round 1 when it has
    not run. Returns [(pos, (of, id, J))] for the near duplicates, the rounds, the pairs verified."""
    near, rounds, pairs = [], 0, 0
    values = {pos: row[2] for rows in stores.values() for pos, row in rows}
    values.update((key[1], row[2]) for key, row in first_rows or ())
    while walkers or first_rows is not None:
        rounds += 1
        verdicts, rows = {}, []
        if first_rows is not None:
            rows = first_rows
        else:
            rescan = {}
            for pos, w in walkers:
                kind, *rest = resolve(w, newly.get(w[1]))
                if kind == "V":
                    verdicts.setdefault(pos, []).append(rest[0])
                else:
                    rescan.setdefault(rest[0], []).append((pos, rest[1]))
            for band, walking in rescan.items():
                for pos, (old, tok, *_) in stores[band]:
                    rows.append(((band, pos, DATA), (old, tok, values[pos])))
                    if pos in status:
                        rows.append(((band, pos, UPDATE), status[pos]))
                for pos, cursor in walking:
                    rows.append(((band, pos, WALKER), cursor))
        rows.sort(key=lambda r: r[0])
        for r in round_scan(iter(rows), threshold, verify, first_rows is not None, budget):
            if r[0] == "N":
                pairs += r[1]
            elif r[0] == "V":
                verdicts.setdefault(r[1], []).append((r[2], r[3]))
            else:
                stores.setdefault(r[1], []).append((r[2], r[3]))       # (status, id): values by position
        combined = {pos: combine(v, best.get(pos)) for pos, v in verdicts.items()}
        near += [(pos, d[1:]) for pos, d in combined.items() if d[0] == "D"]
        newly = {pos: d[0] for pos, d in combined.items() if d[0] != "U"}
        status.update(newly)
        best = {pos: d[1] for pos, d in combined.items() if d[0] == "U"}
        walkers = [(pos, w) for pos, d in combined.items() if d[0] == "U" for w in d[2]]
        bands = {w[0] for _, w in walkers}
        stores = {band: rows for band, rows in stores.items() if band in bands}
        first_rows = None
    return near, rounds, pairs


# ---------------------------------------------------------------------------------------------
# 4. Decisions

def swift_round(x):
    """Swift's `rounded()`: to nearest, halves away from zero (x ≥ 0 here)."""
    f = float(int(x))
    return f + 1.0 if x - f >= 0.5 else f


def format_number(v):
    """JSONValue.format: integral values as integers, others as the shortest repr."""
    if v == swift_round(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def duplicate_json(of_token, kind, similarity):
    """The `duplicate` value textmill writes: the engine rounds to 4 decimals, the record
    encoder rounds again."""
    s = swift_round(similarity * 10000) / 10000
    s = swift_round(s * 10000) / 10000
    return b'{"of":%s,"kind":"%s","similarity":%s}' % (of_token, kind.encode(), format_number(s).encode())


def resolve_scan(rows):
    """Rows ((rep, 0, 0), (of, id, J)) for a representative that is a near duplicate, and
    ((rep, 1, pos), rep id) for its exact copies, sorted by key: (pos, duplicate json) for the
    copies: exact duplicates of a kept representative, or the representative's own match."""
    for _, group in itertools.groupby(rows, key=lambda r: r[0][0]):
        match = None
        for key, value in group:
            if key[1] == 0:
                match = value
            elif match is None:
                yield key[2], duplicate_json(value, "exact", 1.0)
            else:
                yield key[2], duplicate_json(match[1], "near", match[2])


def dense_decisions(index, rows, count):
    """Rows (pos, duplicate json) of partition `index`, sorted, as exactly `count` values in
    order (None for a record that is no duplicate), to zip with the records."""
    nxt = next(rows, None)
    for seq in range(count):
        pos = (index << SHIFT) | seq
        if nxt is not None and nxt[0] == pos:
            yield nxt[1]
            nxt = next(rows, None)
        else:
            yield None


# ---------------------------------------------------------------------------------------------
# The reference: the single-machine rule, sequentially (tests compare against it)

def sequential(docs, threshold, verify="exact"):
    """docs: (pos, exact, words, bands, raw values, id) in input order. Returns
    {pos: (kind, of id, similarity)} for the duplicates, as DedupEngine decides them."""
    similarity = Similarity(verify, cache_size=0, use_numpy=False)
    exact_index, band_index, values, out = {}, {}, {}, {}
    for pos, exact, words, bands, vals, tok in docs:
        if words == 0:
            continue
        if exact in exact_index:
            out[pos] = ("exact", exact_index[exact][1], 1.0)
            continue
        mine = similarity.decode(vals)
        candidates = sorted({c for b in bands for c in band_index.get(b, ())})
        for c in candidates:
            sim = similarity(mine, values[c][0])
            if sim >= threshold:
                out[pos] = ("near", values[c][1], sim)
                break
        else:
            exact_index[exact] = (pos, tok)
            values[pos] = (mine, tok)
            for b in set(bands):
                band_index.setdefault(b, []).append(pos)
    return out
