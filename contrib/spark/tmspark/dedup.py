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
2. Documents are grouped by 64-bit band key (band number included: one key space per band);
   buckets of one member are dropped: (band, position) pairs, integers only. Steps 1 and 2 share
   one shuffle, whose memberships carry positions, not exact keys (a document's exact key
   crosses it once, however many partitions its band keys reach). A copy meets its
   representative in every bucket: step 3 puts the representative in the copy's place and drops
   the buckets left with one representative; the representatives left are the candidates.
3. The candidates are cut into groups, the connected components of "shares a bucket" (label
   propagation over the pairs, a local checkpoint each round, or union-find in one task once
   few pairs are left). A group holds every document its members' decisions can depend on.
4. Each group goes, in input order, to `textmill dedup-verify CONFIG`, which decides it with
   dedup's own index (same threshold, verification and `bucket_limit`): a candidate's keys and
   id travel once, from the partition's head (`pack`) to their group's task, through a semi-join
   (the heads zipped with one list of candidates a partition), never broadcast and never once
   per band. With the records spilled (`spill`), the map side wrote every document's
   verification values (sorted 64-bit shingle hashes) to a values file, and a candidate travels
   with a reference to its values, which dedup-verify reads there: no text is fingerprinted
   twice. With the records packed in Spark, its text travels with it, and
   dedup-verify fingerprints it again. A group's work is at most `bands × bucket_limit`
   verifications a document, as on one machine.
5. The decisions (duplicates only) go back to the records by position.

Positions are `partition << 32 | record index in partition` (error records not counted): input
order, since partitions and the records in them are in input order.
"""
import binascii
import itertools
import os
from array import array

from . import pack, release, spill

SHIFT = pack.SHIFT


def array_u64(raw):
    """Little-endian 64-bit values (verification values)."""
    return pack.array_u64(raw)


# ---------------------------------------------------------------------------------------------
# Similarity, exactly as Swift computes it

# ---------------------------------------------------------------------------------------------
# 1-2. Exact copies onto their representative, and buckets of representatives: one shuffle

KEY_CHUNK = 1 << 12     # documents cut into shuffle blocks at a time (`key_blocks`)


def key_blocks(columns, partitions, chunk=KEY_CHUNK):
    """The documents of a partition (`pack.keyed_columns`: positions, exact keys, band keys, band
    keys a document, id tokens and their ends) → items for each chunk of documents and shuffle
    partition r: (r,
    (exact keys, first position, position steps, id tokens, first token end, the tokens' lengths)
    of the documents whose exact key goes to r, (band keys, first position, position steps) of the
    memberships whose band key goes to r (positions and token ends as `encode_positions` gives
    them: a step of one or two bytes from the one before): a membership for each distinct band key of each document, exact copies
    included; a key goes to `key % partitions`). A membership carries its band key and its
    document's position, a step of a byte or two from the membership before it, and not its
    document's exact key: what a document sends is then the same whatever the number of shuffle
    partitions its band keys fall into (its exact key, once, goes with the exact-key side; with
    the exact key in every membership, a document sent it once to each partition one of its
    band keys went to, and its shuffle bytes grew with the partitions: 113 to 130 bytes a
    document from 2 to 4 partitions, ~150 from 9 on). The copies among the members of a bucket
    are told apart later (`representatives_only`). Every field is bytes (of arrays, or the
    tokens joined): a few large items cross the shuffle, not a pickled item and a sort record
    each, and no step holds a Python object a document. `chunk` documents at a time: the sorts'
    arrays of a task stay the same size whatever its partition's."""
    import numpy as np
    for positions, exact, bands, counts, tokens, token_ends in columns:
        band_ends = np.cumsum(counts)
        token_bytes = np.frombuffer(tokens, dtype=np.uint8)
        token_starts = np.concatenate(([0], token_ends[:-1]))
        for at in range(0, len(positions), chunk):
            end = min(at + chunk, len(positions))
            b0 = int(band_ends[at - 1]) if at else 0
            yield from _key_blocks(positions[at:end], exact[at:end], bands[b0:int(band_ends[end - 1])], counts[at:end],
                                   token_bytes, token_starts[at:end], token_ends[at:end], partitions)
    release()


def _key_blocks(positions, exact, bands, counts, token_bytes, token_starts, token_ends, partitions):
    """`key_blocks` of a chunk of documents (their tokens are the ranges of `token_bytes`)."""
    import numpy as np
    doc = np.repeat(np.arange(len(positions)), counts)
    # Each document's distinct band keys: sorted by (document, band), the first of each run.
    order = np.lexsort((bands, doc))
    bands, doc = bands[order], doc[order]
    first = np.ones(len(bands), dtype=bool)
    first[1:] = (bands[1:] != bands[:-1]) | (doc[1:] != doc[:-1])
    bands, doc = bands[first], doc[first]
    R = np.uint64(partitions)
    exact_to, band_to = exact % R, bands % R
    for r in range(partitions):
        mine = np.flatnonzero(exact_to == r)
        held = np.flatnonzero(band_to == r)
        if len(mine) or len(held):
            of = doc[held]
            toks, ends = _gather(token_bytes, token_starts[mine], token_ends[mine])
            yield r, ((exact[mine].tobytes(), *encode_positions(positions[mine]), toks, *encode_positions(ends)),
                      (bands[held].tobytes(), *encode_positions(positions[of])))


def encode_positions(positions):
    """Non-decreasing positions (int64) → (the first, the steps between them as bytes of the
    narrowest unsigned integers that hold the largest step: one byte a membership when a
    document's memberships in a shuffle partition follow one another), `decode_positions`'s
    input. The steps' width follows from their bytes and the count of band keys beside them."""
    import numpy as np
    if not len(positions):
        return 0, b""
    steps = np.diff(positions, prepend=positions[0])
    largest = int(steps.max())
    for dtype in (np.uint8, np.uint16, np.uint32, np.uint64):
        if largest <= np.iinfo(dtype).max:
            return int(positions[0]), steps.astype(dtype).tobytes()


def decode_positions(first, steps, count):
    """The `count` positions (int64) `encode_positions` gave as (first, steps)."""
    import numpy as np
    if not count:
        return np.zeros(0, dtype=np.int64)
    width = len(steps) // count
    dtype = {1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}.get(width)
    if dtype is None or width * count != len(steps):
        raise ValueError(f"{len(steps)} bytes of position steps for {count} memberships")
    positions = np.cumsum(np.frombuffer(steps, dtype=dtype), dtype=np.int64)
    positions += first
    return positions


def _gather(data, starts, ends):
    """The byte ranges [starts[i], ends[i]) of `data` (uint8) joined, and the end of each in the
    result (int64)."""
    import numpy as np
    lengths = ends - starts
    out_ends = np.cumsum(lengths)
    at = np.repeat(starts - (out_ends - lengths), lengths) + np.arange(int(out_ends[-1]) if len(out_ends) else 0)
    return data[at].tobytes(), out_ends


def _joined(parts, dtype):
    """The byte strings `parts` (emptied: each is freed once copied) as one numpy array."""
    import numpy as np
    joined = np.frombuffer(b"".join(parts), dtype=dtype)
    parts.clear()
    return joined


def copies_and_members(blocks):
    """The blocks of one shuffle partition (`key_blocks`) → ('X', pos, rep, rep id) for every
    exact copy (a document whose exact key an earlier document has: the earliest is its
    representative), then ('M', positions, bands) blocks of the memberships in buckets of two or
    more documents (`member_pairs` reads them), one a range of band keys (`BAND_RANGES`), sorted
    by band key, then position: bytes of 64-bit arrays, a few items a partition, not one pickled
    item a membership that every later step filters, unpickles and maps again (156,321 of them at
    300 MB).

    Exact copies are among those members: a document's band keys follow from its text, so a copy
    meets its representative in every bucket, and a bucket of a representative and its copies
    alone is among them too. `representatives_only` (or, over several tasks, `Job.groups`) puts
    each copy's representative in its place with the 'X' rows, after this shuffle, so that the
    shuffle's memberships need not carry their documents' exact keys. Sorted with numpy, in whole
    arrays (a Python pass over every membership took ~0.4 CPU s at 300 MB)."""
    import numpy as np
    exact, positions, tokens, token_ends = [], [], [], []
    bands, band_positions = [], []
    for _, ((e, first_x, steps_x, t, first_end, steps_end), (b, first, steps)) in blocks:
        exact.append(e)
        positions.append(decode_positions(first_x, steps_x, len(e) // 8).tobytes())
        tokens.append(t)
        token_ends.append(decode_positions(first_end, steps_end, len(e) // 8).tobytes())
        bands.append(b)
        band_positions.append(decode_positions(first, steps, len(b) // 8).tobytes())
    exact = _joined(exact, np.uint64)
    positions = _joined(positions, np.int64)
    if len(exact):
        order = np.lexsort((positions, exact))
        sorted_exact = exact[order]
        copy = np.zeros(len(order), dtype=bool)
        copy[1:] = sorted_exact[1:] == sorted_exact[:-1]
        if copy.any():
            # The blocks' tokens as one string: each block's ends moved by the tokens before it.
            shift = np.cumsum([0] + [len(t) for t in tokens[:-1]])
            ends = np.concatenate([np.frombuffer(te, dtype=np.int64) + d for te, d in zip(token_ends, shift)])
            starts = np.concatenate(([0], ends[:-1]))
            tokens = b"".join(tokens)
            # Each copy's representative: the first of its run of equal exact keys.
            runs = np.flatnonzero(~copy)
            rep = order[runs[np.cumsum(~copy) - 1]]
            rep_positions = positions[rep]
            for i in np.flatnonzero(copy).tolist():
                r = rep[i]
                yield "X", int(positions[order[i]]), int(rep_positions[i]), tokens[starts[r]:ends[r]]
    del exact, positions, tokens, token_ends
    for k in range(BAND_RANGES):
        positions, shared = _shared_members(bands, band_positions, k)
        if positions:
            yield "M", positions, shared
    del bands, band_positions
    release()


# The memberships of a shuffle partition are sorted a range of band keys at a time (by the top bits
# of the key mixed): the sort's arrays are an eighth of the partition's memberships, beside the
# blocks themselves (16 bytes a membership, decoded), where sorting them whole took twice that again.
BAND_RANGES = 8


def _shared_members(bands, band_positions, k):
    """(positions, band keys), as bytes, of the memberships in buckets of two or more documents,
    among the memberships of band range `k` in the blocks' arrays (lists of bytes: band keys,
    positions), sorted by (band key, position)."""
    import numpy as np
    picked = ([], [])
    for b, bp in zip(bands, band_positions):
        b = np.frombuffer(b, dtype=np.uint64)
        mine = np.flatnonzero(_band_range(b) == k)
        picked[0].append(b[mine])
        picked[1].append(np.frombuffer(bp, dtype=np.int64)[mine])
    bands, band_positions = (np.concatenate(p) if p else np.zeros(0, dtype=np.uint64) for p in picked)
    if not len(bands):
        return b"", b""
    order = np.lexsort((band_positions, bands))
    bands, band_positions = bands[order], band_positions[order]
    # A bucket is shared when two or more documents are in it (a document's band keys are
    # distinct: it is in a bucket once).
    shared = _in_buckets_of_two(bands)
    return band_positions[shared].tobytes(), bands[shared].tobytes()


def _in_buckets_of_two(bands):
    """For band keys sorted (one a member), whether each member's bucket has two members or more."""
    import numpy as np
    shared = np.zeros(len(bands), dtype=bool)
    same = bands[1:] == bands[:-1]
    shared[1:] |= same
    shared[:-1] |= same
    return shared


def _band_range(bands):
    """The range (0 to BAND_RANGES - 1) of each band key: the top bits of the key mixed, so that
    the ranges are even whatever bits the keys share."""
    import numpy as np
    return (bands * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(61)


def representatives_only(items):
    """The 'X' rows and 'M' blocks of `copies_and_members` (all of them: one task's) → 'M' blocks
    of the representatives' memberships in buckets of two or more representatives: each exact
    copy replaced by its representative (a copy has its representative's band keys, so it is in
    that representative's buckets), each (bucket, representative) once, and the buckets left
    with one representative dropped. The blocks' band keys stay sorted, a key in one block.
    With `union_find_arrays`, the reference `streamed_groups` (which the job runs) is tested
    against."""
    import numpy as np
    copies, reps, blocks = [], [], []
    for item in items:
        if item[0] == "X":
            copies.append(item[1])
            reps.append(item[2])
        else:
            blocks.append(item)
    copies = np.array(copies, dtype=np.int64)
    order = np.argsort(copies, kind="stable")
    copies, reps = copies[order], np.array(reps, dtype=np.int64)[order]
    while blocks:
        block = blocks.pop(0)
        positions = np.frombuffer(block[1], dtype=np.int64).copy()
        bands = np.frombuffer(block[2], dtype=np.uint64)
        if len(copies):
            at = np.minimum(np.searchsorted(copies, positions), len(copies) - 1)
            copy = copies[at] == positions
            positions[copy] = reps[at[copy]]
            order = np.lexsort((positions, bands))
            positions, bands = positions[order], bands[order]
            first = np.ones(len(bands), dtype=bool)
            first[1:] = (bands[1:] != bands[:-1]) | (positions[1:] != positions[:-1])
            positions, bands = positions[first], bands[first]
        shared = _in_buckets_of_two(bands)
        if shared.any():
            yield "M", positions[shared].tobytes(), bands[shared].tobytes()


def shared_bucket(band_reps):
    """(band key, the representatives of its members, a copy's as often as it has copies there)
    → (position, band key) for each representative of a bucket of two or more."""
    band, reps = band_reps
    reps = sorted(set(reps))
    return [(pos, band) for pos in reps] if len(reps) > 1 else []


def member_pairs(block):
    """The (position, band) memberships of a `copies_and_members` 'M' block."""
    positions, bands = array("q"), array("Q")
    positions.frombytes(block[1])
    bands.frombytes(block[2])
    return zip(positions, bands)


def block_memberships(block):
    """How many memberships a `copies_and_members` 'M' block holds."""
    return len(block[1]) // 8


# ---------------------------------------------------------------------------------------------
# 3. Groups: connected components of the candidates

def union_find_blocks(blocks, chunk=1 << 14):
    """`union_find` of the memberships of 'M' blocks, in numpy arrays of 32-bit node numbers:
    ~30 bytes a membership at the peak beside the blocks (while the positions are numbered;
    ~230 bytes a candidate at ~8 memberships each, where `union_find`'s dictionaries and its
    list of pairs held ~380, tracemalloc on 15,000 and 60,000 synthetic candidates), and 2-3×
    faster. A block's band keys are read one block at a time (each bucket linked to its first
    member); (position, label) pairs, `chunk` at a time."""
    nodes, label = union_find_arrays(blocks)
    for at in range(0, len(nodes), chunk):
        yield from zip(nodes[at:at + chunk].tolist(), label[at:at + chunk].tolist())
    del nodes, label
    release()


def union_find_arrays(blocks):
    """`union_find_blocks` as two int64 arrays: the candidates' positions, in input order, and
    each one's label (the smallest position of its group)."""
    import numpy as np
    positions, bands = [], []
    for block in blocks:
        positions.append(block[1])
        bands.append(block[2])
    firsts, at = [], 0
    for raw in bands:
        firsts.append(_bucket_firsts(np.frombuffer(raw, dtype=np.uint64), at))
        at += len(raw) // 8
    bands.clear()
    if not at:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    first = np.concatenate(firsts)                    # each membership's bucket's first membership
    del firsts
    member = _joined(positions, np.int64)
    nodes = np.unique(member)                          # the candidates, in input order
    member = np.searchsorted(nodes, member).astype(np.int32)
    label = components(member, member[first])
    del member, first
    return nodes, nodes[label]


# The one task that finds the groups (`local_groups`) folds the memberships into its groups this
# many edges at a time, whatever the groups so far: it holds ~12 bytes a candidate (`_GroupRoots`)
# and a batch's edges, and a fold's temporary arrays are bounded by the batch and `ROOT_CHUNK`.
# The folds' count is bounded too: the task runs only while the memberships fit in `--local-mb`
# (`Job.local_groups`; ~2.8 million memberships, ~43 batches, at the default). Sessions 20 to 24
# made a batch as large as the groups so far and folded them whole (~16 bytes a candidate, and
# arrays of the candidates and the batch together several times over while folding): the task's
# peak grew with the candidates, +11 MB at 256,000 documents.
GROUP_BATCH = 1 << 16

# The candidates renumbered, or their roots moved, this many at a time (`_GroupRoots`).
ROOT_CHUNK = 1 << 16


def local_groups(items, partitions, top, batch=GROUP_BATCH):
    """The groups of all the candidates in one task (the 'X' rows and 'M' blocks of every
    `copies_and_members` partition, in any order: `streamed_groups`) → one item,
    (`size_summary` of the groups with `top`, [for each of the `partitions` input partitions, its
    candidates' (record index, label) pairs as bytes of int64 pairs, in input order]): what the
    driver needs and what each partition's semi-join needs (`label_pairs`), in the same task, so
    that no job counts the groups and no shuffle of its own takes the labels to their partitions.
    16 bytes a candidate in the item, each partition's pairs made on their own."""
    import numpy as np
    nodes, label = streamed_groups(items, batch)
    groups, sizes = np.unique(label, return_counts=True)    # label is sorted by group: no inverse needed
    order = np.lexsort((groups, -sizes))[:top]
    summary = (len(nodes), len(groups), [(int(sizes[i]), int(groups[i])) for i in order])
    del groups, sizes, order
    bounds = np.searchsorted(nodes >> SHIFT, np.arange(partitions + 1))
    per_partition = []
    for p in range(partitions):
        start, end = int(bounds[p]), int(bounds[p + 1])
        pairs = np.empty((end - start, 2), dtype=np.int64)
        pairs[:, 0] = nodes[start:end] & pack.MASK
        pairs[:, 1] = label[start:end]
        per_partition.append(pairs.tobytes())
        del pairs
    del nodes, label
    release()
    return [(summary, per_partition)]


def streamed_groups(items, batch=GROUP_BATCH):
    """The 'X' rows and 'M' blocks of `copies_and_members` (all of them, in any order) → what
    `union_find_arrays(representatives_only(items))` gives (the candidates' positions in input
    order, and each one's label, the smallest position of its group), holding the groups so far
    (`_GroupRoots`, ~12 bytes a candidate) and one batch of edges (`batch`), not every
    membership: each block's memberships become edges to their bucket's first member as the
    block comes, and each batch is folded into the groups.

    Exact copies stay in the graph while it is built (the 'X' rows that say which positions are
    copies may come after the blocks they are in): a copy is in every bucket its representative
    is in (the same text, the same band keys), so it joins its representative's group and links
    nothing its representative does not. At the end the copies leave their groups, and so does a
    representative left alone (its buckets held only its own copies). A group's label is its
    smallest position, a representative's (a copy comes after its representative)."""
    import numpy as np
    copies = array("q")
    groups = _GroupRoots(batch)
    sources, targets, held = [], [], 0
    for item in items:
        if item[0] == "X":
            copies.append(item[1])
            continue
        positions = np.frombuffer(item[1], dtype=np.int64)
        first = _bucket_firsts(np.frombuffer(item[2], dtype=np.uint64), 0)
        linked = np.flatnonzero(first != np.arange(len(first)))
        sources.append(positions[linked])
        targets.append(positions[first[linked]])
        held += len(linked)
        del first, linked
        if held >= batch:
            groups.join(sources, targets)
            held = 0
    groups.join(sources, targets)
    nodes, root = groups.nodes, groups.root
    keep = np.ones(len(nodes), dtype=bool)
    if len(copies) and len(nodes):
        copies = np.sort(np.frombuffer(copies, dtype=np.int64))
        at = np.minimum(np.searchsorted(copies, nodes), len(copies) - 1)
        keep = copies[at] != nodes
        del at
    # A representative's group without its copies: kept when two or more are left.
    sizes = np.bincount(root[keep], minlength=len(nodes))
    keep &= sizes[root] > 1
    del sizes
    return nodes[keep], nodes[root[keep]]


class _GroupRoots:
    """Groups of positions, joined by batches of edges: `nodes`, the positions so far (sorted,
    int64), and `root`, for each the index of its group's first node (int32; the smallest index
    of the group, so its smallest position). A batch's edges join the groups of their ends
    through their roots alone (`components` of the roots they touch, at most two a edge); then
    the nodes whose root was joined to a smaller one move to it, `ROOT_CHUNK` at a time. What a
    join holds beside the groups is bounded by the batch and `ROOT_CHUNK`, except while new
    positions are put in order among the nodes (the nodes and roots made again, ~24 bytes a
    candidate more for that moment)."""

    def __init__(self, batch):
        import numpy as np
        self.batch = batch
        self.nodes = np.zeros(0, dtype=np.int64)
        self.root = np.zeros(0, dtype=np.int32)

    def join(self, sources, targets):
        """Folds the edges (`sources[i]`, `targets[i]`: lists of position arrays, emptied)."""
        import numpy as np
        if not sources:
            return
        a, b = np.concatenate(sources), np.concatenate(targets)
        sources.clear()
        targets.clear()
        for at in range(0, len(a), self.batch):
            self._join(a[at:at + self.batch], b[at:at + self.batch])

    def _join(self, a, b):
        import numpy as np
        self._add(np.unique(np.concatenate((a, b))))
        ra = self.root[np.searchsorted(self.nodes, a)]
        rb = self.root[np.searchsorted(self.nodes, b)]
        touched = np.unique(np.concatenate((ra, rb)))
        label = components(np.searchsorted(touched, ra).astype(np.int32), np.searchsorted(touched, rb).astype(np.int32))
        del ra, rb
        moved = label != np.arange(len(touched))
        old, new = touched[moved], touched[label[moved]]
        if not len(old):
            return
        for at in range(0, len(self.root), ROOT_CHUNK):
            root = self.root[at:at + ROOT_CHUNK]           # a view: moved in place
            k = np.minimum(np.searchsorted(old, root), len(old) - 1)
            hit = old[k] == root
            root[hit] = new[k[hit]]

    def _add(self, ends):
        """Puts the positions `ends` (sorted, distinct) among the nodes, each new one a group of
        its own."""
        import numpy as np
        nodes, root = self.nodes, self.root
        k = np.searchsorted(nodes, ends)
        present = k < len(nodes)
        present[present] = nodes[k[present]] == ends[present]
        fresh, at = ends[~present], k[~present]
        if not len(fresh):
            return
        # An old node i moves to i + the fresh positions put before it (those at an index ≤ i).
        moved = np.empty(len(nodes) + len(fresh), dtype=np.int32)
        for start in range(0, len(nodes), ROOT_CHUNK):
            old = np.arange(start, min(start + ROOT_CHUNK, len(nodes)))
            moved[old + np.searchsorted(at, old, side="right")] = root[old] + np.searchsorted(at, root[old], side="right")
        fresh_index = at + np.arange(len(fresh))
        moved[fresh_index] = fresh_index
        self.nodes = np.insert(nodes, at, fresh)
        self.root = moved


def label_pairs(raw):
    """A partition's (record index, label) pairs of `local_groups` as the semi-join reads them
    (`pack.candidate_blocks`): an array of two int64 columns (16 bytes a candidate, where a list
    of pairs took ~120)."""
    import numpy as np
    return np.frombuffer(raw, dtype=np.int64).reshape(-1, 2)


def _bucket_firsts(bands, base):
    """For each membership of a block (`bands`, its band keys), the index (from `base`) of the
    first membership of its bucket; a block whose keys are not sorted is sorted first (the job's
    are: `copies_and_members` writes them sorted, and a band key is in one block only)."""
    import numpy as np
    index = np.arange(len(bands), dtype=np.int64)
    if len(bands) > 1 and not (bands[1:] >= bands[:-1]).all():
        index = np.argsort(bands, kind="stable")
        bands = bands[index]
    starts = np.ones(len(bands), dtype=bool)
    starts[1:] = bands[1:] != bands[:-1]
    run_first = index[np.flatnonzero(starts)][np.cumsum(starts) - 1]
    first = np.empty(len(bands), dtype=np.int64)
    first[index] = run_first
    return first + base


def components(a, b):
    """Connected components of the nodes 0..N-1 linked by the edges (a[i], b[i]) (32-bit node
    numbers, every node in an edge): each node's label, the smallest node of its component.
    Min-label propagation along the edges with pointer jumping (a label takes its own label's
    label), in whole arrays: the rounds grow with the logarithm of a component's diameter, not
    with its size."""
    import numpy as np
    label = np.arange(int(max(a.max(), b.max())) + 1, dtype=np.int32)
    while True:
        before = label.copy()
        np.minimum.at(label, b, label[a])
        np.minimum.at(label, a, label[b])
        while True:                                     # pointer jumping
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped
        if np.array_equal(label, before):
            return label


def union_find(memberships):
    """(position, label) for every position of `memberships` ((position, band) pairs), the label
    being the smallest position of its connected component (positions linked by a band): a
    dictionary union-find, the reference `union_find_blocks` is tested against."""
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


def size_summary(sizes, top):
    """(label, size) of groups → (candidates, groups, the `top` largest as [(size, label)],
    largest first)."""
    candidates = groups = 0
    largest = []
    for label, n in sizes:
        candidates += n
        groups += 1
        largest.append((n, label))
        if len(largest) > 4 * top:
            largest = sorted(largest, key=_largest_first)[:top]
    return candidates, groups, sorted(largest, key=_largest_first)[:top]


def merge_summaries(a, b, top):
    """Two `size_summary` results of disjoint groups as one."""
    return a[0] + b[0], a[1] + b[1], sorted(a[2] + b[2], key=_largest_first)[:top]


def _largest_first(size_label):
    return -size_label[0], size_label[1]


def own_partitions(largest, candidates, partitions):
    """The groups larger than a fair share (`candidates / partitions`), each with a verification
    partition of its own, numbered from 0 (at most `partitions - 1` of them): {label: partition}.
    `largest`: [(size, label)], largest first."""
    fair = candidates / partitions
    own = {}
    for n, label in largest[:partitions - 1]:
        if n > fair:
            own[label] = len(own)
    return own


def verify_partitioner(largest, candidates, partitions, spread):
    """The verification shuffle's partition of a group (by label): a group larger than a fair
    share gets a partition of its own (`own_partitions`), so that the other groups' work runs
    beside it on the other cores instead of after it in the same task; the rest are spread
    (`spread(label) % partitions left`). `largest`: [(size, label)], largest first."""
    own = own_partitions(largest, candidates, partitions)
    left = partitions - len(own)
    return lambda label: own[label] if label in own else len(own) + spread(label) % left


def verify_threads(index, alone, jobs):
    """The threads of `textmill dedup-verify` for verification partition `index`: a group with a
    partition of its own (the first `alone`) is the stage's straggler, deciding on after the
    other groups are done and their cores idle, so it gets a thread more (`--jobs`: one reads
    and fingerprints the next documents while the other decides); the rest get `jobs`."""
    return jobs + 1 if index < alone else jobs


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
    carry the verification values). A text is the JSON string, or a reference to it in a record
    file (`pack.group_rows`), read here; a reference to the values in a values file is passed on
    as `@OFFSET:COUNT:PATH`, which dedup-verify reads (or, for a path that a line cannot hold,
    read here and given as base64 in the keys)."""
    texts = spill.RecordTexts()
    paths = {}
    try:
        for (label, pos), (keys, tok, text) in rows:
            if text is None:
                yield b"%d\t%d\t%s\t%s\n" % (label, pos, keys, tok)
            elif type(text) is tuple and len(text) == 4:        # (values file, start, end, VALUES)
                path = paths.get(text[0])
                if path is None:
                    path = paths[text[0]] = os.fsencode(text[0])
                if b"\t" in path or b"\n" in path:
                    values = binascii.b2a_base64(texts.read(text[:3]), newline=False)
                    yield b"%d\t%d\t%s,%s\t%s\n" % (label, pos, keys, values, tok)
                else:
                    yield b"%d\t%d\t%s\t%s\t@%d:%d:%s\n" % (label, pos, keys, tok, text[1], (text[2] - text[1]) // 8, path)
            else:
                if type(text) is tuple:
                    text = texts.read(text)
                yield b"%d\t%d\t%s\t%s\t%s\n" % (label, pos, keys, tok, text)
    finally:
        texts.close()


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
    near representatives themselves and for the copies: exact duplicates of a kept
    representative, or the representative's own match."""
    for _, group in itertools.groupby(rows, key=lambda r: r[0][0]):
        match = None
        for key, value in group:
            if key[1] == 0:
                match = value
                yield key[0], duplicate_json(value[1], "near", value[2])
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
