"""Corpus-wide dedup as shuffles of integers, with exactly the decisions of `textmill run`.

The single-machine rule (DedupEngine.process), for documents in input order: a document without
words is unique; a document whose exact key a KEPT earlier document has is that document's exact
duplicate (similarity 1); otherwise it is a near duplicate of the earliest kept document among
the first `bucket_limit` kept documents of each of its LSH buckets whose similarity reaches the
threshold; otherwise it is kept. Only kept documents can be matched. A document's decision
depends only on the documents it can reach through shared buckets, so the job works in steps:

1. Exact copies (same exact key) collapse onto their earliest member, the representative: a
   copy gets the representative's fate (its exact duplicate if the representative is kept; the
   same near match as the representative if it is not). Sorted streams of integers.
2. Representatives are grouped by 64-bit band key (band number included: one key space per
   band); buckets of one member are dropped, and those left make the candidates: (band, position)
   pairs, integers only.
3. The candidates are cut into groups, the connected components of "shares a bucket" (label
   propagation over the pairs, a local checkpoint each round, or union-find in one task once
   few pairs are left). A group holds every document its members' decisions can depend on.
4. Each group goes, in input order, to `textmill dedup-verify CONFIG`, which decides it with
   dedup's own index (same threshold, verification and `bucket_limit`), fingerprinting each
   candidate's text again: the texts travel once, from the partition's head (`pack`) to their
   group's task, through a semi-join (the heads zipped with one list of candidates a partition),
   never broadcast and never once per band. A group's work is at most `bands × bucket_limit`
   verifications a document, as on one machine.
5. The decisions (duplicates only) go back to the records by position.

Positions are `partition << 32 | record index in partition` (error records not counted): input
order, since partitions and the records in them are in input order.
"""
import collections
import itertools
from array import array

from . import pack

SHIFT = pack.SHIFT


def array_u64(raw):
    """Little-endian 64-bit values (verification values)."""
    return pack.array_u64(raw)


# ---------------------------------------------------------------------------------------------
# Similarity, exactly as Swift computes it

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


def exact_blocks(docs, partitions):
    """Documents (pos, exact, bands, id) of a partition → one item for each shuffle partition:
    (partition, (exact keys, positions, [(bands, id)])), the keys and positions as bytes of
    64-bit arrays; a document goes to partition `exact % partitions`. A few large items cross
    the shuffle, not a pickled item and a sort record each."""
    exact = [array("Q") for _ in range(partitions)]
    positions = [array("q") for _ in range(partitions)]
    rest = [[] for _ in range(partitions)]
    for pos, key, bands, tok in docs:
        r = key % partitions
        exact[r].append(key)
        positions[r].append(pos)
        rest[r].append((bands, tok))
    for r in range(partitions):
        if exact[r]:
            yield r, (exact[r].tobytes(), positions[r].tobytes(), rest[r])


def collapse_blocks(blocks):
    """The blocks of one shuffle partition (`exact_blocks`) → `collapse_scan` of their documents
    in (exact, pos) order."""
    exact, positions, rest = array("Q"), array("q"), []
    for _, (e, p, r) in blocks:
        exact.frombytes(e)
        positions.frombytes(p)
        rest.extend(r)
    order = sorted(range(len(exact)), key=lambda i: (exact[i], positions[i]))
    return collapse_scan(((exact[i], positions[i]), rest[i]) for i in order)


# ---------------------------------------------------------------------------------------------
# 2. Buckets of band keys

def band_blocks(rows, partitions):
    """Representatives ('R', pos, bands, id) of a partition (bands: bytes of little-endian 64-bit
    band keys) → one item for each shuffle partition:
    (partition, (band keys, positions)) as bytes of 64-bit arrays, a pair for each distinct band
    key of each representative; a band key goes to partition `key % partitions`. The memberships
    travel as a few large blocks, not as a pickled item each."""
    keys = [array("Q") for _ in range(partitions)]
    positions = [array("q") for _ in range(partitions)]
    for row in rows:
        pos = row[1]
        for band in set(array_u64(row[2])):
            r = band % partitions
            keys[r].append(band)
            positions[r].append(pos)
    for r in range(partitions):
        if keys[r]:
            yield r, (keys[r].tobytes(), positions[r].tobytes())


def bucket_members(blocks):
    """The blocks of one shuffle partition (`band_blocks`) → (pos, band) for every member of a
    bucket of two or more (a band key that two or more representatives have)."""
    keys, positions = array("Q"), array("q")
    for _, (k, p) in blocks:
        keys.frombytes(k)
        positions.frombytes(p)
    shared = {band for band, n in collections.Counter(keys).items() if n > 1}
    for band, pos in zip(keys, positions):
        if band in shared:
            yield pos, band


# ---------------------------------------------------------------------------------------------
# 3. Groups: connected components of the candidates

def union_find(memberships):
    """(position, label) for every position of `memberships` ((position, band) pairs), the label
    being the smallest position of its connected component (positions linked by a band)."""
    parent = {}

    def find(x):
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:                 # path compression
            parent[x], x = root, parent[x]
        return root

    first_of_band = {}
    for pos, band in memberships:
        parent.setdefault(pos, pos)
        other = first_of_band.setdefault(band, pos)
        a, b = find(pos), find(other)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return [(pos, find(pos)) for pos in parent]


def smallest_label(pairs):
    """(band, label) pairs → (band, the smallest label), over a partition (a combiner's input)."""
    best = {}
    for band, label in pairs:
        if band not in best or label < best[band]:
            best[band] = label
    return list(best.items())


# ---------------------------------------------------------------------------------------------
# 4. Verification by textmill

def verify_lines(rows):
    """Rows ((label, pos), (verification keys, id token, text)) sorted by key: the input lines of
    `textmill dedup-verify` (GROUP<TAB>POS<TAB>KEYS<TAB>ID<TAB>TEXT; without TEXT when the keys
    carry the verification values)."""
    for (label, pos), (keys, tok, text) in rows:
        if text is None:
            yield b"%d\t%d\t%s\t%s\n" % (label, pos, keys, tok)
        else:
            yield b"%d\t%d\t%s\t%s\t%s\n" % (label, pos, keys, tok, text)


def verify_decision(line):
    """A line textmill dedup-verify answered: (pos, (of, of id, similarity)) for a near
    duplicate, None for a kept document."""
    fields = line.split(b"\t")
    if len(fields) == 2 and fields[1] == b"-":
        return None
    if len(fields) != 5 or fields[1] != b"near":
        raise ValueError(f"textmill dedup-verify answered {line[:200]!r}, not POS<TAB>-  or POS<TAB>near<TAB>OF<TAB>SIMILARITY<TAB>ID")
    return int(fields[0]), (int(fields[2]), fields[4], float(fields[3]))

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


# ---------------------------------------------------------------------------------------------
# The reference: the single-machine rule, sequentially (tests compare against it)

def sequential(docs, threshold, verify="exact", bucket_limit=32):
    """docs: (pos, exact, words, bands, raw values, id) in input order. Returns
    {pos: (kind, of id, similarity)} for the duplicates, as DedupEngine decides them: buckets
    by the low 32 bits of the band keys (DedupIndex's table), each keeping its first
    `bucket_limit` kept documents."""
    exact_index, band_index, values, out = {}, {}, {}, {}
    for pos, exact, words, bands, vals, tok in docs:
        if words == 0:
            continue
        if exact in exact_index:
            out[pos] = ("exact", exact_index[exact][1], 1.0)
            continue
        mine = array_u64(vals)
        candidates = sorted({c for b in bands for c in band_index.get(b & 0xFFFFFFFF, ())})
        for c in candidates:
            sim = similarity(mine, values[c][0], verify)
            if sim >= threshold:
                out[pos] = ("near", values[c][1], sim)
                break
        else:
            exact_index[exact] = (pos, tok)
            values[pos] = (mine, tok)
            for b in bands:
                bucket = band_index.setdefault(b & 0xFFFFFFFF, [])
                if len(bucket) < bucket_limit:
                    bucket.append(pos)
    return out


def similarity(a, b, verify):
    """Exact Jaccard of two sorted value sets, or the share of equal signature values."""
    if verify == "estimate":
        n = min(len(a), len(b))
        return sum(1 for i in range(n) if a[i] == b[i]) / n if n else 0.0
    if not a and not b:
        return 1.0
    common = len(set(a) & set(b))
    return common / (len(a) + len(b) - common)
