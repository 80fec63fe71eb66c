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
import base64
import bisect
import heapq
import itertools
import os
import tempfile
from array import array
from collections import OrderedDict

SHIFT = 32


# ---------------------------------------------------------------------------------------------
# What the map side emitted

def parse_doc(line):
    """(at, keys, record) of a `doc` line of the map side, or None for an `err` line."""
    kind, at, keys, record = line.split(b"\t", 3)
    if kind != b"doc":
        return None
    return at, keys, record


def id_token(record):
    """The record's `id` as the JSON string token textmill wrote (quotes and escapes included):
    what `duplicate.of` must hold, byte for byte."""
    if not record.startswith(b'{"id":'):
        raise ValueError("a record that does not start with its id")
    return record[6:record.index(b',"source":')]


def parse_keys(keys):
    """(exact key, word count, band keys as a tuple, verification values as base64 bytes)."""
    exact, words, bands, values = keys.split(b",")
    return int(exact, 16), int(words), tuple(array_u32(base64.b64decode(bands))), values


def array_u32(raw):
    a = array("I")
    a.frombytes(raw)
    if a.itemsize != 4:
        raise RuntimeError("array('I') is not 32-bit here")
    if os.sys.byteorder != "little":
        a.byteswap()
    return a


def keyed_docs(index, lines):
    """(position, exact, words, bands, values_b64, id token) for each record dedup saw."""
    for seq, line in enumerate(lines):
        doc = parse_doc(line)
        if doc is None or doc[1] == b"-":
            continue
        exact, words, bands, values = parse_keys(doc[1])
        yield (index << SHIFT) | seq, exact, words, bands, values, id_token(doc[2])


# ---------------------------------------------------------------------------------------------
# Similarity, exactly as Swift computes it

class Similarity:
    """Exact Jaccard of two sorted shingle sets, or the share of equal MinHash values."""

    def __init__(self, verify, cache_size=256):
        self.estimate = verify == "estimate"
        self.cache = OrderedDict()
        self.cache_size = cache_size

    def decode(self, values_b64):
        a = array_u32(base64.b64decode(values_b64))
        return a if self.estimate else frozenset(a)

    def cached(self, key, values_b64):
        got = self.cache.get(key)
        if got is None:
            got = self.decode(values_b64)
            self.cache[key] = got
            if len(self.cache) > self.cache_size:
                self.cache.popitem(last=False)
        else:
            self.cache.move_to_end(key)
        return got

    def __call__(self, a, b):
        if self.estimate:
            n = min(len(a), len(b))
            if n == 0:
                return 0.0
            return sum(1 for i in range(n) if a[i] == b[i]) / n
        if not a and not b:
            return 1.0
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
        self.pos, self.status, self.tok, self.values = [], [], [], []
        self.spill = None

    def append(self, pos, status, tok, values):
        self.pos.append(pos)
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


def walk(live, cursor, known, mine, threshold, similarity, verified):
    """The verdict of an undecided member over the live members before it, from `cursor` on:
    ('M', pos, id, J) the first that reaches the threshold is kept; ('B', pos, J) it is
    undecided; ('F',) none does. `known` is the similarity with the member at `cursor`, when
    an earlier round computed it."""
    for i in range(live.start(cursor), len(live.pos)):
        other = live.pos[i]
        if other == cursor and known is not None:
            sim = known
        else:
            sim = similarity(mine, similarity.cached(other, live.value(i)))
            verified[0] += 1
        if sim >= threshold:
            if live.status[i] == "K":
                return ("M", other, live.tok[i], sim)
            return ("B", other, sim)
    return ("F",)


def round_scan(rows, threshold, verify, first_round, budget):
    """One round over one partition of bucket rows sorted by (band, pos, tag):
    tag UPDATE (status K or D decided since the rows were written), WALKER ((cursor, J): this
    member walks here, from the member it stopped at) and DATA ((status, id, values)). In the
    first round every member is undecided and walks from the start.

    Yields ('V', pos, band, verdict) for every walk, ('C', band, pos, (status, id, values)) for
    the rows the next round needs (live members of buckets where someone was blocked, from the
    earliest blocking member to the last blocked walker), and ('N', verified pairs)."""
    similarity = Similarity(verify)
    verified = [0]
    for band, group in itertools.groupby(rows, key=lambda r: r[0][0]):
        live = LiveList(budget)
        blocked_from, blocked_to = None, None
        update = walker = None
        for (_, pos, tag), value in group:
            if tag == UPDATE:
                update = value
                continue
            if tag == WALKER:
                walker = value
                continue
            status, tok, values = value
            if update is not None:
                status = update
            if first_round:
                walker = (-1, None)
            if status != "D":
                if walker is not None and status == "U":
                    mine = similarity.decode(values)
                    verdict = walk(live, walker[0], walker[1], mine, threshold, similarity, verified)
                    yield "V", pos, band, verdict
                    if verdict[0] == "B":
                        blocked_from = verdict[1] if blocked_from is None else min(blocked_from, verdict[1])
                        blocked_to = pos
                live.append(pos, status, tok, values)
            update = walker = None
        if blocked_from is not None:
            lo = live.start(blocked_from)
            for i in range(lo, len(live.pos)):
                if live.pos[i] > blocked_to:
                    break
                yield "C", band, live.pos[i], (live.status[i], live.tok[i], live.value(i))
        live.close()
        similarity.cache.clear()
    yield "N", verified[0]


def combine(pos, verdicts, best):
    """A document's verdicts of this round (band, verdict) and its best match so far
    ((pos, id, J) or None) into ('K',), ('D', of, id, J), or ('U', best, [(band, cursor, J)])."""
    blocked = []
    for band, v in verdicts:
        if v[0] == "M":
            if best is None or v[1] < best[0]:
                best = (v[1], v[2], v[3])
        elif v[0] == "B":
            blocked.append((band, v[1], v[2]))
    if not blocked:
        return ("D",) + best if best is not None else ("K",)
    earliest = min(b[1] for b in blocked)
    if best is not None and best[0] < earliest:
        return ("D",) + best
    return ("U", best, blocked)


def next_round(scanned, combined):
    """The rows of the next round from this round's scan output and combined verdicts
    {pos: combine(...)}: carried data rows, walker rows for the documents still waiting, and
    update rows for carried members decided in this round."""
    rows = []
    carried = [r for r in scanned if r[0] == "C"]
    for _, band, pos, value in carried:
        rows.append(((band, pos, DATA), value))
        decided = combined.get(pos)
        if decided is not None and decided[0] != "U":
            rows.append(((band, pos, UPDATE), decided[0]))
    for pos, decided in combined.items():
        if decided[0] == "U":
            for band, cursor, sim in decided[2]:
                rows.append(((band, pos, WALKER), (cursor, sim)))
    return rows


def rounds_in_memory(rows, best, threshold, verify, budget, first):
    """Runs the rounds to the end in this process (the job does this in one task once what is
    left is small: a long chain of near duplicates then costs no Spark stage per link).
    rows: ((band, pos, tag), value) as a distributed round reads them; best: {pos: best match}.
    Returns [(pos, (of, id, J))] for the documents decided as near duplicates, the rounds, and
    the pairs verified."""
    near, rounds, pairs = [], 0, 0
    while rows:
        rounds += 1
        rows.sort(key=lambda r: r[0])
        scanned = []
        for r in round_scan(iter(rows), threshold, verify, first, budget):
            if r[0] == "N":
                pairs += r[1]
            else:
                scanned.append(r)
        verdicts = {}
        for _, pos, band, verdict in (r for r in scanned if r[0] == "V"):
            verdicts.setdefault(pos, []).append((band, verdict))
        combined = {pos: combine(pos, v, best.get(pos)) for pos, v in verdicts.items()}
        near += [(pos, d[1:]) for pos, d in combined.items() if d[0] == "D"]
        best = {pos: d[1] for pos, d in combined.items() if d[0] == "U"}
        rows = next_round(scanned, combined)
        first = False
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
    """docs: (pos, exact, words, bands, values_b64, id) in input order. Returns
    {pos: (kind, of id, similarity)} for the duplicates, as DedupEngine decides them."""
    similarity = Similarity(verify, cache_size=0)
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


def merge_sorted(*iterables):
    return heapq.merge(*iterables)
