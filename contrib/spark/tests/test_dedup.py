"""The distributed dedup decides exactly what the single-machine rule decides.

Synthetic fingerprints (tests/synthetic.py) with exact copies, copies of near duplicates, pairs
just above and below the threshold, a drift chain (a long group), a giant bucket (more kept
documents than `bucket_limit`), and documents without words; first through the job's steps on
lists, with `textmill dedup-verify` deciding the groups (fast, several seeds and limits), then
through the Spark job's own shuffles in local mode."""
import collections
import gzip
import itertools
import os
import tempfile
import unittest
from array import array

import support  # noqa: F401  (puts contrib/spark on the path)
import synthetic
from tmspark import dedup, mapside, pack, spill

WORK = tempfile.mkdtemp(prefix="textmill-dedup-")


def config(threshold=0.8, bucket_limit=32, verify="exact"):
    """A pipeline whose dedup stage `textmill dedup-verify` takes its settings from."""
    path = os.path.join(WORK, f"dedup-{threshold}-{bucket_limit}-{verify}.yaml")
    with open(path, "w") as f:
        f.write(f"stages:\n  - dedup: {{boilerplate: false, threshold: {threshold}, bucket_limit: {bucket_limit}, verify: {verify}}}\n")
    return path


def expected(seq, threshold, bucket_limit=32, verify="exact"):
    return {pos: dedup.duplicate_json(tok, kind, sim)
            for pos, (kind, tok, sim) in dedup.sequential(seq, threshold, verify, bucket_limit).items()}


def heads_of(parts):
    """The packed heads of map-side partitions (lists of lines)."""
    return [next(pack.pack(iter(part))) for part in parts]


def copies_and_buckets(docs):
    """The reference for the job's one shuffle of keys, step by step: documents (pos, exact,
    bands, id) sorted by (exact, pos), the first of an exact key its representative, the others
    its copies ('X', pos, rep, rep id), sorted; then (pos, band) of the representatives in each
    bucket (band key) that two or more of them share, sorted; and (pos, band) of every document
    (copies included) in each bucket that two or more documents share, what the shuffle gives
    before the copies are put in their representatives' places."""
    copies, reps = [], []
    for _, group in itertools.groupby(sorted(docs, key=lambda d: (d[1], d[0])), key=lambda d: d[1]):
        rep = next(group)
        reps.append(rep)
        copies += [("X", d[0], rep[0], rep[3]) for d in group]

    def shared(docs):
        buckets = collections.defaultdict(set)
        for pos, _, bands, _ in docs:
            for band in dedup.array_u64(bands):
                buckets[band].add(pos)
        return sorted((pos, band) for band, held in buckets.items() if len(held) > 1 for pos in held)
    return sorted(copies), shared(reps), shared(docs)


def in_memory(parts, threshold, bucket_limit=32, jobs=1):
    """The job's steps with lists instead of RDDs; groups decided by textmill dedup-verify (with
    `jobs` threads)."""
    heads = heads_of(parts)
    # Each partition's documents in blocks by exact key and band key, as the job shuffles them
    # (3 partitions): the copies and memberships those give are the reference's below.
    blocks = [b for p, head in enumerate(heads) for b in dedup.key_blocks(pack.keyed_columns(p, [head]), 3)]
    keyed = [c for r in range(3) for c in dedup.copies_and_members(iter(b for b in blocks if b[0] == r))]
    docs = [d for p, head in enumerate(heads) for d in pack.keyed_docs(p, [head])]
    copies_ref, members_ref, all_members_ref = copies_and_buckets(docs)
    assert sorted(c for c in keyed if c[0] == "X") == copies_ref, "the copies a sorted scan finds"
    blocks = [c for c in keyed if c[0] == "M"]
    assert len(blocks) <= 3 * dedup.BAND_RANGES, "one block of memberships a band range of a shuffle partition"
    members = [pair for block in blocks for pair in dedup.member_pairs(block)]
    assert sorted(members) == all_members_ref, "the buckets of two or more documents"
    assert sum(map(dedup.block_memberships, blocks)) == len(members)
    reps = list(dedup.representatives_only(iter(keyed)))
    members = [pair for block in reps for pair in dedup.member_pairs(block)]
    assert sorted(members) == members_ref, "the buckets of two or more representatives"
    labels = dict(dedup.union_find_blocks(iter(reps)))
    # The job's one task: the groups with their sizes, and each partition's (record index, label).
    [(summary, per_partition)] = dedup.local_groups(iter(keyed), len(heads), 3)
    # Folded a few memberships at a time, the groups are the same.
    assert dedup.local_groups(iter(keyed), len(heads), 3, batch=5) == [(summary, per_partition)]
    sizes = collections.Counter(labels.values())
    assert summary == dedup.size_summary(iter(sizes.items()), 3), "the groups' count and largest sizes"
    rows, blocks = [], []
    for p, head in enumerate(heads):
        mine = dedup.label_pairs(per_partition[p])
        assert [tuple(pair) for pair in mine.tolist()] == pack.partition_labels(iter(sorted((pos, label) for pos, label in labels.items() if pos >> pack.SHIFT == p)))[0]
        rows += pack.group_rows(p, [(head, mine)])
        blocks += pack.candidate_blocks(lambda label: label % 3, chunk=7)(p, [(head, mine)])
    rows.sort(key=lambda r: r[0])
    # The job's semi-join: blocks of a verification partition's candidates, put in order there.
    for r in range(3):
        assert list(pack.candidates_in_order(iter(b for b in blocks if b[0] == r))) == [row for row in rows if row[0][0] % 3 == r]
    decided = mapside.run_verify(dedup.verify_lines(iter(rows)), support.textmill(), config(threshold, bucket_limit), jobs)
    near = [d for d in map(dedup.verify_decision, decided) if d is not None]
    copies = sorted([((pos, 0, 0), m) for pos, m in near] + [((r[2], 1, r[1]), r[3]) for r in keyed if r[0] == "X"])
    out = dict(dedup.resolve_scan(iter(copies)))
    assert all(out[pos] == dedup.duplicate_json(m[1], "near", m[2]) for pos, m in near), "the near representatives' own decisions"
    return out, labels


def membership_items(n, bands=9, per_bucket=3, block=4096):
    """'X' rows and 'M' blocks as `copies_and_members` gives them for `n` documents at positions
    1, 4, 7, …: in each of `bands` bands, buckets of `per_bucket` documents (each band's buckets
    shifted by one, so they chain into long groups), every tenth document an exact copy of the
    one before it; blocks of about `block` memberships, a bucket in one block."""
    import numpy as np
    pos = np.arange(n, dtype=np.int64) * 3 + 1
    items = [("X", p, p - 3, b"id") for p in pos[10::10].tolist()]
    keys = np.concatenate([(((np.arange(n) + j) // per_bucket).astype(np.uint64) << np.uint64(8)) | np.uint64(j)
                           for j in range(bands)])
    members = np.tile(pos, bands)
    order = np.lexsort((members, keys))
    keys, members = keys[order], members[order]
    shared = dedup._in_buckets_of_two(keys)
    keys, members = keys[shared], members[shared]
    cuts = np.append(np.flatnonzero(keys[1:] != keys[:-1]) + 1, len(keys))
    at = 0
    while at < len(keys):
        end = int(cuts[np.searchsorted(cuts, min(at + block, len(keys)))])
        items.append(("M", members[at:end].tobytes(), keys[at:end].tobytes()))
        at = end
    return items


class GroupsInOneTaskMemory(unittest.TestCase):
    """The one task that finds the groups holds ~12 bytes a candidate and a batch of edges of a
    fixed size while it folds, then makes its output (16 bytes a candidate): its peak grows by
    ~26 bytes a candidate here. Sessions 20 to 24 folded batches as large as the groups so far
    and grew by ~52 bytes a candidate here (a Python worker 54 → 62 MB from 64,000 to 256,000
    documents); before them, every membership was held (~240 bytes a candidate). Measured after
    a first small run, so numpy's one-time allocations are not counted at N only."""

    def peak(self, items):
        import tracemalloc
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            [(summary, _)] = dedup.local_groups(iter(items), 1, 3)
            return tracemalloc.get_traced_memory()[1] - before, summary
        finally:
            tracemalloc.stop()

    def test_memory_a_candidate_at_n_and_4n_candidates(self):
        dedup.local_groups(iter(membership_items(2_000)), 1, 3)
        n = 20_000
        small, small_summary = self.peak(membership_items(n))
        large, large_summary = self.peak(membership_items(4 * n))
        for docs, summary in ((n, small_summary), (4 * n, large_summary)):
            self.assertEqual(summary[0], docs - len(range(10, docs, 10)), "every document but the copies")
        per_candidate = (large - small) / (large_summary[0] - small_summary[0])
        self.assertLess(per_candidate, 36, f"{per_candidate:.0f} bytes more for each candidate more")


def random_membership_items(rng, documents, bands):
    """'X' rows and 'M' blocks for `documents` documents at random positions, each with 1-4 of
    `bands` band keys (an exact copy of an earlier document, 15 %, with its representative's),
    blocks of a few memberships (a bucket in one block) in random order."""
    import numpy as np
    pos = np.sort(rng.choice(10**6, documents, replace=False)).astype(np.int64)
    rep = np.arange(documents)
    for i in range(1, documents):
        if rng.random() < 0.15:
            rep[i] = rep[rng.integers(0, i)]
    keys_of = [rng.choice(bands, int(rng.integers(1, 5)), replace=False) for _ in range(documents)]
    keys = np.array([(int(k) << 4) | 3 for i in range(documents) for k in keys_of[rep[i]]], dtype=np.uint64)
    members = np.array([pos[i] for i in range(documents) for _ in keys_of[rep[i]]], dtype=np.int64)
    order = np.lexsort((members, keys))
    keys, members = keys[order], members[order]
    shared = dedup._in_buckets_of_two(keys)
    keys, members = keys[shared], members[shared]
    items = [("X", int(pos[i]), int(pos[rep[i]]), b"id") for i in range(documents) if rep[i] != i]
    cuts = np.append(np.flatnonzero(keys[1:] != keys[:-1]) + 1, len(keys))
    at, step = 0, int(rng.integers(1, 50))
    while at < len(keys):
        end = int(cuts[np.searchsorted(cuts, min(at + step, len(keys)))])
        items.append(("M", members[at:end].tobytes(), keys[at:end].tobytes()))
        at = end
    rng.shuffle(items)
    return items


class GroupsInBatches(unittest.TestCase):
    """The groups task's folds (`dedup._GroupRoots`: a batch of edges joins the roots it touches,
    roots moved a chunk at a time) give the groups the whole-array union-find gives."""

    def test_random_graphs_any_batch(self):
        import numpy as np
        for seed in range(100):
            rng = np.random.default_rng(seed)
            items = random_membership_items(rng, int(rng.integers(1, 400)), int(rng.integers(5, 600)))
            batch = int(rng.integers(1, 40))
            nodes, label = dedup.streamed_groups(iter(items), batch)
            want_nodes, want_label = dedup.union_find_arrays(dedup.representatives_only(iter(items)))
            self.assertEqual((nodes.tolist(), label.tolist()), (want_nodes.tolist(), want_label.tolist()), f"seed {seed}, batch {batch}")
            self.assertEqual(dedup.local_groups(iter(items), 3, 4, batch), dedup.local_groups(iter(items), 3, 4))

    def test_roots_moved_a_few_at_a_time(self):
        import numpy as np
        chunk = dedup.ROOT_CHUNK
        dedup.ROOT_CHUNK = 7
        try:
            for seed in range(20):
                items = random_membership_items(np.random.default_rng(seed), 300, 200)
                nodes, label = dedup.streamed_groups(iter(items), 11)
                want_nodes, want_label = dedup.union_find_arrays(dedup.representatives_only(iter(items)))
                self.assertEqual((nodes.tolist(), label.tolist()), (want_nodes.tolist(), want_label.tolist()), f"seed {seed}")
        finally:
            dedup.ROOT_CHUNK = chunk


def candidates_head(n, path="/nonexistent/part-00000"):
    """A spilled head (without a values file) of `n` candidates, each with 9 band keys, and
    their labels: groups of three neighbours (what `candidate_blocks` reads)."""
    import numpy as np
    class Rows(list):                     # found by record index, as `spill.Rows` finds them
        def find(self, index):
            return self[index]
    rows = Rows((i, i * 7919, (i * 31).to_bytes(8, "little") * 9, b'"doc-%d"' % i, 120, (i * 900, i * 900 + 800))
                for i in range(n))
    labels = np.stack([np.arange(n), np.arange(n) - np.arange(n) % 3], axis=1).astype(np.int64)
    return (n, [0, n], [], array("q", [-1] * n), rows, array("q", range(n + 1)), path), labels


class SemiJoinMemory(unittest.TestCase):
    """The semi-join holds its candidates as blocks of byte strings, not a Python tuple a
    candidate: its map side ~50 bytes a candidate more (the labels and their order) and a block,
    its verification side the blocks of its partition (~0.2 KB a candidate) and their order. Rows
    a candidate (`group_rows`, sorted, and PySpark's sort on the verification side) took ~0.5 KB
    each, and a Python worker grew from 55 to 63 MB between 64,000 and 256,000 documents."""

    def peaks(self, n):
        import pickle
        import tracemalloc
        head, labels = candidates_head(n)
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            sent = [pickle.dumps(item) for item in pack.candidate_blocks(lambda label: label % 2, chunk=512)(0, [(head, labels)])]
            map_side = tracemalloc.get_traced_memory()[1] - before - sum(map(len, sent))
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
            items = (pickle.loads(raw) for raw in sent)
            read = sum(1 for _ in pack.candidates_in_order(item for item in items if item[0] == 0))
            verification = tracemalloc.get_traced_memory()[1] - before
            return map_side, verification, read
        finally:
            tracemalloc.stop()

    def test_memory_a_candidate(self):
        n = 2_500
        small = self.peaks(n)
        large = self.peaks(4 * n)
        even = [sum(1 for i in range(docs) if (i - i % 3) % 2 == 0) for docs in (n, 4 * n)]
        self.assertEqual([small[2], large[2]], even, "the candidates of groups with even labels")
        map_side = (large[0] - small[0]) / (3 * n)
        verification = (large[1] - small[1]) / (large[2] - small[2])
        self.assertLess(map_side, 80, f"the map side: {map_side:.0f} bytes more for each candidate more")
        self.assertLess(verification, 300, f"the verification side: {verification:.0f} bytes more for each candidate more")


def streamed_map_side(n):
    """`run(values_path, records_path)` of a map side with `--values --records` for `n` documents
    (9 band keys and 3 verification values each, every fifth without words), its record and
    values files written as its lines are yielded: the test itself holds no document."""
    def run(values_path, records_path):
        with open(values_path, "wb") as values, open(records_path, "wb") as records:
            for i in range(n):
                record = b'{"id":"d%d","source":{"path":"p"},"text":"t","meta":{},"duplicate":null}\n' % i
                records.write(record)
                words = 0 if i % 5 == 4 else 40
                counted = 3 if words else 0
                values.write(array("Q", [i, i + 1, i + 2][:counted]).tobytes())
                keys = b"%016x,%d,%s,#%d" % (i * 7919, words, synthetic.b64([i * 31 + j for j in range(9)], "Q"), counted)
                yield b"doc\t%d\t%s\t%d\t%s\n" % (record.index(b"null"), keys, len(record),
                                                  record[:record.index(b',"source":') + len(b',"source":')])
    return run


class HeadMemory(unittest.TestCase):
    """A spilled partition's head is its tables' paths and counts (`spill.Table`): what a map task
    holds while it spills its partition and pickles its head, what a task holds while it
    unpickles the head and reads its rows a chunk at a time for the first shuffle's blocks, and
    what the write holds while it reads its records' offsets, do not grow with the partition's
    documents. The head's arrays (72 bytes a record, held again while pickled) did: a Python
    worker's peak went 50 → 62 MB from 2,000 to 25,600 documents a map partition (session 23)."""

    CHUNK = 256                  # rows a chunk of the tables and of the shuffle's blocks

    def setUp(self):
        chunks = (spill.TableWriter.CHUNK, spill.Rows.CHUNK)
        spill.TableWriter.CHUNK = spill.Rows.CHUNK = self.CHUNK
        self.addCleanup(lambda: setattr(spill.TableWriter, "CHUNK", chunks[0]) or setattr(spill.Rows, "CHUNK", chunks[1]))

    def peaks(self, n):
        import pickle
        import tracemalloc
        folder = tempfile.mkdtemp(dir=WORK)
        for name in ("_records", "corpus", "duplicates", "errors"):
            os.makedirs(os.path.join(folder, name))
        found = [(i, b'{"of":"d0","kind":"exact","similarity":1}') for i in range(1, n, n // 8)]
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            [head] = spill.spill(3, streamed_map_side(n), os.path.join(folder, "_records"))
            raw = pickle.dumps(head)
            spilled = tracemalloc.get_traced_memory()[1] - before - len(raw)
            del head
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
            head = pickle.loads(raw)
            blocks = sum(1 for _ in dedup.key_blocks(pack.keyed_columns(3, [head]), 4, chunk=self.CHUNK))
            shuffled = tracemalloc.get_traced_memory()[1] - before
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
            [written] = spill.write_partition(folder, True, False)(3, iter([(head, found)]))
            wrote = tracemalloc.get_traced_memory()[1] - before
        finally:
            tracemalloc.stop()
        self.assertEqual(written, (len(found), 0, n, 0), "the duplicates written, the documents counted")
        with open(os.path.join(folder, "duplicates", "part-00003"), "rb") as f:
            self.assertEqual(f.read().count(b'"of":"d0"'), len(found))
        self.assertGreater(blocks, n // self.CHUNK, "blocks of every chunk of rows")
        return len(raw), spilled, shuffled, wrote

    def test_memory_does_not_grow_with_the_documents(self):
        n = 1_500
        self.peaks(self.CHUNK)                    # numpy's and the steps' first allocations
        small, large = self.peaks(n), self.peaks(4 * n)
        self.assertLess(large[0] - small[0], 64, f"the pickled head: {small[0]} and {large[0]} bytes")
        for name, k in (("spilling and pickling the head", 1), ("the first shuffle's blocks", 2), ("the write", 3)):
            more = (large[k] - small[k]) / (3 * n)
            self.assertLess(more, 4, f"{name}: {more:.1f} bytes more for each document more ({small[k]} and {large[k]} bytes)")


class StepsInMemory(unittest.TestCase):
    def test_same_decisions_as_single_machine(self):
        for seed in range(2):
            parts, seq = synthetic.lines_and_positions(synthetic.corpus(seed), 5)
            got, labels = in_memory(parts, 0.8)
            want = expected(seq, 0.8)
            self.assertGreater(len(want), 100)
            self.assertEqual(got, want, f"seed {seed}")
            self.assertGreater(len(set(labels.values())), 50, "many small groups")
            if seed == 0:
                # A second thread fingerprinting ahead of the decisions (a straggler group's) decides the same.
                self.assertEqual(in_memory(parts, 0.8, jobs=2)[0], want, "two threads")

    def test_bucket_limit_as_single_machine(self):
        """With a small bucket_limit the giant bucket keeps its first kept documents only, and
        later documents are compared with those alone: the decisions change, identically."""
        parts, seq = synthetic.lines_and_positions(synthetic.corpus(3, n=900, giant=300), 4)
        for limit in (1, 2, 5):
            want = expected(seq, 0.7, limit)
            self.assertNotEqual(want, expected(seq, 0.7, 32), f"bucket_limit {limit} changes decisions")
            self.assertEqual(in_memory(parts, 0.7, limit)[0], want, f"bucket_limit {limit}")

    def test_other_thresholds(self):
        parts, seq = synthetic.lines_and_positions(synthetic.corpus(3, n=700, giant=100), 4)
        for t in (0.5, 0.9, 1.0):
            self.assertEqual(in_memory(parts, t)[0], expected(seq, t), f"threshold {t}")

    def test_chain_keeps_every_other_version(self):
        """B near A, C near B but not A: C is kept (no removal through a chain)."""
        a = set(range(100))
        b = set(range(10, 110))
        c = set(range(20, 120))
        docs = [("a", 1, 100, a, synthetic.bands_of(a, extra=(7,))),
                ("b", 2, 100, b, synthetic.bands_of(b, extra=(7,))),
                ("c", 3, 100, c, synthetic.bands_of(c, extra=(7,)))]
        parts, _ = synthetic.lines_and_positions(docs, 1)
        got, _ = in_memory(parts, 0.8)
        self.assertEqual(list(got.values()), [b'{"of":"a","kind":"near","similarity":0.8182}'])

    def test_union_find_groups(self):
        members = [(5, 100), (9, 100), (9, 200), (12, 200), (3, 300), (4, 300), (20, 400), (12, 400)]
        self.assertEqual(sorted(dedup.union_find(members)),
                         [(3, 3), (4, 3), (5, 5), (9, 5), (12, 5), (20, 5)])

    def test_union_find_reads_membership_blocks(self):
        """The memberships of a shuffle partition as one block of 64-bit arrays (positions, band
        keys, a key over 2**63 included): read back pair for pair, counted, and grouped as the
        pairs are, over two blocks."""
        members = [(5, 100), (9, 100), (9, 200), (12, 200), (3, 2**64 - 1), (4, 2**64 - 1), (20, 400), (12, 400)]
        blocks = [("M", array("q", [p for p, _ in half]).tobytes(), array("Q", [b for _, b in half]).tobytes())
                  for half in (members[:4], members[4:])]
        self.assertEqual([pair for block in blocks for pair in dedup.member_pairs(block)], members)
        self.assertEqual([dedup.block_memberships(block) for block in blocks], [4, 4])
        self.assertEqual(sorted(dedup.union_find_blocks(iter(blocks))),
                         [(3, 3), (4, 3), (5, 5), (9, 5), (12, 5), (20, 5)])

    def test_union_find_blocks_in_arrays_as_the_dictionary_one(self):
        """The job's union-find (numpy arrays of 32-bit node numbers) groups as the dictionary
        union-find does: random buckets in blocks as the job makes them (a band key in one
        block, sorted there), band keys over 2**63, a block that is not sorted, a chain of 3,000
        documents whose first and last share no bucket, its pairs given out a few at a time."""
        import random
        rng = random.Random(5)

        def blocks_of(members, parts=3, sort=True):
            blocks = []
            for r in range(parts):
                mine = [(p, b) for p, b in members if b % parts == r]
                if sort:
                    mine.sort(key=lambda pb: pb[1])
                blocks.append(("M", array("q", [p for p, _ in mine]).tobytes(), array("Q", [b for _, b in mine]).tobytes()))
            return blocks

        for trial in range(200):
            members = [(rng.randrange(1 << 40), rng.randrange(30) | (1 << 63 if trial % 2 else 0))
                       for _ in range(rng.randint(1, 120))]
            want = sorted(dedup.union_find(members))
            self.assertEqual(sorted(dedup.union_find_blocks(iter(blocks_of(members)), chunk=7)), want, members)
            self.assertEqual(sorted(dedup.union_find_blocks(iter(blocks_of(members, sort=False)))), want, members)
        chain = [(i, i // 2) for i in range(3000)] + [(i, 10 ** 6 + (i + 1) // 2) for i in range(3000)]
        labels = dict(dedup.union_find_blocks(iter(blocks_of(chain)), chunk=100))
        self.assertEqual(len(labels), 3000)
        self.assertEqual(set(labels.values()), {0}, "one group, labelled by its first document")
        self.assertEqual(list(dedup.union_find_blocks(iter([]))), [])

    def test_positions_as_steps(self):
        """`encode_positions` writes non-decreasing positions as the first and the steps between
        them, in the narrowest width that holds the largest step; `decode_positions` gives them
        back, at every width, and refuses steps that do not fit the count."""
        import numpy as np
        for steps, width in (([0, 0, 1, 255], 1), ([0, 256, 3], 2), ([0, 1 << 16, 0], 4), ([0, 1 << 32, 7], 8)):
            positions = (5 << 32) + np.cumsum(np.array(steps, dtype=np.int64))
            first, raw = dedup.encode_positions(positions)
            self.assertEqual((first, len(raw)), (int(positions[0]), width * len(steps)))
            self.assertEqual(dedup.decode_positions(first, raw, len(steps)).tolist(), positions.tolist())
        self.assertEqual(dedup.encode_positions(np.zeros(0, dtype=np.int64)), (0, b""))
        self.assertEqual(len(dedup.decode_positions(0, b"", 0)), 0)
        with self.assertRaises(ValueError):
            dedup.decode_positions(0, b"\0" * 3, 2)

    def test_shuffle_bytes_a_document_do_not_grow_with_the_partitions(self):
        """What a document sends to the dedup shuffle, compressed (zlib standing for Spark's
        zstd), is about the same over 2 and 16 shuffle partitions: its band keys' memberships
        carry positions, not its exact key once more for every partition they reach (which made
        ~107 bytes a document over 2 partitions and ~155 over 16 here, +45 %)."""
        import pickle
        import zlib
        parts, _ = synthetic.lines_and_positions(synthetic.corpus(21, n=3000, giant=80, chain=8), 2)
        heads = heads_of(parts)
        documents = sum(len(head[4]) for head in heads)

        def per_document(partitions):
            blocks = [b for p, head in enumerate(heads) for b in dedup.key_blocks(pack.keyed_columns(p, [head]), partitions)]
            return sum(len(zlib.compress(pickle.dumps(b), 1)) for b in blocks) / documents

        two, sixteen = per_document(2), per_document(16)
        self.assertLess(two, 90)
        self.assertLess(sixteen / two, 1.1, (two, sixteen))

    def test_group_sizes_summary(self):
        """The groups' count and sizes, in one pass over whole groups or merged over partial ones:
        the largest first (ties by label), at most `top` of them."""
        self.assertEqual(dedup.size_summary(iter([(1, 3), (5, 2), (9, 1)]), 2), (6, 3, [(3, 1), (2, 5)]))
        many = [(label, label % 7 + 1) for label in range(100)]
        whole = dedup.size_summary(iter(many), 3)
        self.assertEqual(whole, (sum(n for _, n in many), 100, [(7, 6), (7, 13), (7, 20)]))
        halves = dedup.merge_summaries(dedup.size_summary(iter(many[:37]), 3), dedup.size_summary(iter(many[37:]), 3), 3)
        self.assertEqual(halves, whole)

    def test_a_group_over_its_fair_share_verified_alone(self):
        """A group with more than candidates / partitions of the candidates has a partition of its
        own; the others are spread over the rest as before (no group that large: all spread)."""
        spread = lambda label: label * 7                  # noqa: E731
        alone = dedup.verify_partitioner([(64, 5), (20, 3)], 100, 2, spread)
        self.assertEqual([alone(label) for label in (5, 3, 4, 6)], [0, 1, 1, 1])
        two = dedup.verify_partitioner([(40, 5), (30, 3), (10, 4)], 100, 4, spread)
        self.assertEqual([two(label) for label in (5, 3, 4, 1, 2)], [0, 1, 2 + 28 % 2, 2 + 7 % 2, 2 + 14 % 2])
        fair = dedup.verify_partitioner([(50, 5), (50, 3)], 100, 2, spread)
        self.assertEqual([fair(label) for label in (5, 3, 4)], [35 % 2, 21 % 2, 28 % 2])

    def test_a_group_alone_verifies_with_a_thread_more(self):
        """The groups with a partition of their own are numbered first; their partitions run
        `textmill dedup-verify` with a thread more than `--jobs`, the others with `--jobs`."""
        self.assertEqual(dedup.own_partitions([(64, 5), (20, 3)], 100, 2), {5: 0})
        self.assertEqual(dedup.own_partitions([(40, 5), (30, 3), (10, 4)], 100, 4), {5: 0, 3: 1})
        self.assertEqual(dedup.own_partitions([(50, 5), (50, 3)], 100, 2), {})
        self.assertEqual([dedup.verify_threads(i, 2, 1) for i in range(4)], [2, 2, 1, 1])
        self.assertEqual([dedup.verify_threads(i, 0, 3) for i in range(2)], [3, 3])

    def test_number_format_matches_swift(self):
        self.assertEqual(dedup.format_number(1.0), "1")
        self.assertEqual(dedup.format_number(0.8182), "0.8182")
        self.assertEqual(dedup.format_number(0.0001), "0.0001")
        self.assertEqual(dedup.swift_round(2.5), 3.0)
        self.assertEqual(dedup.swift_round(0.49999999999999994), 0.0)
        self.assertEqual(dedup.duplicate_json(b'"x"', "near", 9 / 11), b'{"of":"x","kind":"near","similarity":0.8182}')


class Packing(unittest.TestCase):
    """A partition packed into a head and blobs, and the blobs written back with decisions."""

    @staticmethod
    def line(i, words=5):
        record = b'{"id":"d%d","source":{"path":"a,\\"text\\":b"},"text":"say \\"x\\",\\"meta\\": %d","meta":{},"duplicate":null}' % (i, i)
        keys = b"%016x,%d,%s" % (i, words, synthetic.b64([i, i + 1], "Q"))
        return b"doc\t%d\t%s\t%s" % (record.index(b"null"), keys, record)

    def test_head_blobs_and_splices(self):
        lines = [self.line(0), b'err\t-\t-\t{"id":"e"}', self.line(1), self.line(2, words=0), self.line(3), self.line(4)]
        items = list(pack.pack(iter(lines), blob_bytes=150))
        documents, starts, errors, ats, rows = items[0]
        self.assertEqual((documents, starts, errors), (5, [0, 2, 4, 5], [b'{"id":"e"}']))
        self.assertEqual(len(items), 4, "a head and three blobs")
        self.assertEqual([r[0] for r in rows], [0, 1, 3, 4], "no row for a record without words")
        # The verification keys are the map side's whole token: its band keys spare dedup-verify the signature.
        self.assertEqual(rows[0][3:], (b'"d0"', 5, b'"say \\"x\\",\\"meta\\": 0"'))
        # The row keeps the word count; the token dedup-verify reads is the map side's again.
        self.assertEqual(pack.verification_keys(rows[0]), b"0000000000000000,5," + synthetic.b64([0, 1], "Q"))
        found = list(pack.blob_decisions(iter([(1, b'{"of":"d0"}'), (4, b'{"of":"d3"}')]), starts))
        self.assertEqual(found, [None, [(1, b'{"of":"d0"}')], None, [(0, b'{"of":"d3"}')]])
        records = [lines[i].split(b"\t", 3)[3] for i in (0, 2, 3, 4, 5)]
        dup = [records[1].replace(b"null", b'{"of":"d0"}'), records[4].replace(b"null", b'{"of":"d3"}')]
        corpus = b"\n".join(b for b in pack.spliced(True, "corpus")(zip(items, found)))
        self.assertEqual(corpus, b"\n".join([records[0], records[2], records[3]]))
        self.assertEqual(list(pack.spliced(True, "duplicates")(zip(items, found))), dup)
        marked = b"\n".join(pack.spliced(False, "corpus")(zip(items, found)))
        self.assertEqual(marked, b"\n".join([records[0], dup[0], records[2], records[3], dup[1]]))
        self.assertEqual(list(pack.spliced(False, "duplicates")(zip(items, found))), [])


class Spilling(unittest.TestCase):
    """A partition spilled to the record file and values file the map side writes beside the
    output, its candidates' values read back from it, and its part files written from it with
    decisions."""

    @staticmethod
    def line(i, values, words=5):
        """Packing's line of document i with its values' count: KEYS end in ',#N'."""
        return Packing.line(i, words).replace(b"\t{", b",#%d\t{" % len(values.get(i, [])), 1)

    @staticmethod
    def map_side(lines, values):
        """`run(values_path, records_path)` as `textmill run --map-side --values --records` does it
        for the framed output `lines` (doc<TAB>AT<TAB>KEYS<TAB>RECORD, err lines): the records go
        to the record file and a document's line ends in the record's length and head."""
        def run(values_path, records_path):
            if values is not None:
                with open(values_path, "wb") as f:
                    f.write(values)
            out = []
            with open(records_path, "wb") as f:
                for line in lines:
                    if not line.startswith(b"doc\t"):
                        out.append(line + b"\n")
                        continue
                    _, at, keys, record = line.split(b"\t", 3)
                    record += b"\n"
                    f.write(record)
                    head = record[:record.index(b',"source":') + len(b',"source":')]
                    out.append(b"doc\t%s\t%s\t%d\t%s\n" % (at, keys, len(record), head))
            return iter(out)
        return run

    def spilled(self, lines, values=b"", run=None):
        """`values`: the bytes the map side writes to its values file (None: it writes none)."""
        folder = tempfile.mkdtemp(dir=WORK)
        for name in ("_records", "corpus", "duplicates", "errors"):
            os.makedirs(os.path.join(folder, name))
        heads = list(spill.spill(3, run or self.map_side(lines, values), os.path.join(folder, "_records")))
        self.assertEqual(len(heads), 1, "the head is the only item")
        wrote_values = any(line.startswith(b"doc\t") and b",#" in line.split(b"\t")[2] for line in lines)
        self.assertEqual(sorted(os.listdir(os.path.join(folder, "_records"))),
                         ["part-00003", "part-00003.bands", "part-00003.head", "part-00003.ids", "part-00003.rows"]
                         + (["part-00003.values"] if wrote_values else []),
                         "no temporary file left")
        return folder, heads[0]

    def test_values_file(self):
        # With a values file, the keys end in ,#N: each candidate crosses to verification as a
        # reference to its values, which reach dedup-verify as base64 in its keys, no text.
        values = {0: [5, 6], 1: [7], 3: [1 << 63, 2, 3], 4: []}
        def line(i, words=5):
            return self.line(i, values, words)
        lines = [line(0), b'err\t-\t-\t{"id":"e"}', line(1), line(2, words=0), line(3), line(4)]
        data = b"".join(array("Q", values[i]).tobytes() for i in (0, 1, 3, 4))
        folder, head = self.spilled(lines, data)
        documents, starts, errors, ats, rows, offsets, path, values_path = head
        self.assertEqual(values_path, path + ".values")
        self.assertEqual([r[5] for r in rows], [(0, 16), (16, 24), (24, 48), (48, 48)])
        self.assertEqual([r[4] for r in rows], [5, 5, 5, 5], "the word counts")
        groups = list(pack.group_rows(3, [(head, [(1, 7), (3, 7)])]))
        self.assertEqual([g[1][2] for g in groups], [(values_path, 16, 24, pack.VALUES), (values_path, 24, 48, pack.VALUES)])
        blocks = list(pack.candidate_blocks(lambda label: 0)(3, [(head, [(3, 7), (1, 7)])]))
        self.assertEqual(len(blocks), 1)
        self.assertEqual(list(pack.candidates_in_order(iter(blocks))), groups, "the same rows, in order, from a block")
        keys = [b"0000000000000001,5," + synthetic.b64([1, 2], "Q"), b"0000000000000003,5," + synthetic.b64([3, 4], "Q")]
        self.assertEqual(list(dedup.verify_lines(iter(groups))),
                         [b'7\t%d\t%s\t"d1"\t@16:1:%s\n' % (3 << 32 | 1, keys[0], values_path.encode()),
                          b'7\t%d\t%s\t"d3"\t@24:3:%s\n' % (3 << 32 | 3, keys[1], values_path.encode())])
        # A path no line can hold: the values themselves, as base64 in the keys.
        odd = [(g[0], (g[1][0], g[1][1], ("a\tb",) + g[1][2][1:])) for g in groups]
        os.symlink(values_path, os.path.join(folder, "a\tb"))
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            self.assertEqual(list(dedup.verify_lines(iter(odd))),
                             [b'7\t%d\t%s,%s\t"d1"\n' % (3 << 32 | 1, keys[0], synthetic.b64([7], "Q")),
                              b'7\t%d\t%s,%s\t"d3"\n' % (3 << 32 | 3, keys[1], synthetic.b64([1 << 63, 2, 3], "Q"))])
        finally:
            os.chdir(cwd)
        # The records are written from the record file as without values.
        records = [lines[i].split(b"\t", 3)[3] for i in (0, 2, 3, 4, 5)]
        kinds, parts = self.written(folder, head, None, drop=True)
        self.assertEqual(parts["corpus"], b"".join(r + b"\n" for r in records))
        # A values file of another size than the keys count is refused (and nothing is left).
        with self.assertRaises(RuntimeError):
            self.spilled(lines, data[:-8])

    def written(self, folder, head, found, drop, compress=False):
        out = list(spill.write_partition(folder, drop, compress)(3, iter([(head, found)])))
        parts = {}
        for name in ("corpus", "duplicates", "errors"):
            self.assertEqual([n for n in os.listdir(os.path.join(folder, name)) if n.startswith(".")], [], "no temporary file left")
            with open(os.path.join(folder, name, "part-00003" + (".gz" if compress else "")), "rb") as f:
                parts[name] = gzip.decompress(f.read()) if compress else f.read()
        return out, parts

    def test_spill_and_part_files(self):
        values = {i: [i, i + 1] for i in (0, 1, 3, 4)}
        lines = [self.line(0, values), b'err\t-\t-\t{"id":"e"}', self.line(1, values), self.line(2, values, words=0),
                 self.line(3, values), self.line(4, values)]
        data = b"".join(array("Q", values[i]).tobytes() for i in (0, 1, 3, 4))
        folder, head = self.spilled(lines, data)
        records = [lines[i].split(b"\t", 3)[3] for i in (0, 2, 3, 4, 5)]
        documents, starts, errors, ats, rows, offsets, path, values_path = head
        self.assertEqual((documents, starts, errors), (5, [0, 5], [b'{"id":"e"}']))
        with open(path, "rb") as f:
            self.assertEqual(f.read(), b"".join(r + b"\n" for r in records))
        self.assertEqual(list(offsets), [sum(len(r) + 1 for r in records[:k]) for k in range(6)])
        self.assertEqual(list(ats), [r.index(b"null") for r in records])
        self.assertEqual([r[0] for r in rows], [0, 1, 3, 4], "no row for a record without words")
        self.assertEqual([r[3] for r in rows], [b'"d0"', b'"d1"', b'"d3"', b'"d4"'], "the ids, from the lines' heads")
        self.assertEqual([r[5] for r in rows], [(0, 16), (16, 32), (32, 48), (48, 64)])
        found = [(1, b'{"of":"d0","kind":"exact"}'), (4, b'{"of":"d3","kind":"near"}')]
        dup = [records[1].replace(b"null", found[0][1]), records[4].replace(b"null", found[1][1])]
        kinds, parts = self.written(folder, head, found, drop=True)
        self.assertEqual(kinds, [(1, 1, 5, 1)], "exact and near duplicates written, the documents and errors counted")
        self.assertEqual(parts, {"corpus": b"".join(r + b"\n" for r in (records[0], records[2], records[3])),
                                 "duplicates": b"".join(r + b"\n" for r in dup), "errors": b'{"id":"e"}\n'})
        kinds, parts = self.written(folder, head, found, drop=False, compress=True)
        self.assertEqual(parts["corpus"], b"".join(r + b"\n" for r in (records[0], dup[0], records[2], records[3], dup[1])))
        self.assertEqual(parts["duplicates"], b"")
        # Uncompressed, the kernel copies the runs between duplicates (copy_file_range) and the
        # marked duplicates are written between them, in order.
        kinds, parts = self.written(folder, head, found, drop=False)
        self.assertEqual(parts["corpus"], b"".join(r + b"\n" for r in (records[0], dup[0], records[2], records[3], dup[1])))
        self.assertEqual((kinds, parts["duplicates"]), ([(1, 1, 5, 1)], b""))
        # Without decisions the file is copied as it is.
        kinds, parts = self.written(folder, head, None, drop=True)
        self.assertEqual((kinds, parts["corpus"]), ([(0, 0, 5, 1)], b"".join(r + b"\n" for r in records)))

    def test_rows_in_files_beside_the_records(self):
        """A spilled head's rows keep their band keys and ids in the `.bands` and `.ids` files, so
        the head Spark keeps holds a few arrays and no object a row: pickled, it is ~56 bytes a
        row (its tuples took ~430); read back a row at a time, by record index, and a chunk at a
        time, it gives the rows and the shuffle's blocks of the same rows held in a list."""
        import pickle
        n = 300
        values = {i: [i, i + 1] for i in range(n)}
        lines = [self.line(i, values, words=0 if i % 7 == 3 else 5) for i in range(n)]
        data = b"".join(array("Q", values[i]).tobytes() for i in range(n))
        folder, head = self.spilled(lines, data)
        rows = head[4]
        listed = list(rows)
        self.assertEqual(len(listed), n - len(range(3, n, 7)), "no row for a record without words")
        self.assertEqual(listed[1][:5], (1, 1, array("Q", [1, 2]).tobytes(), b'"d1"', 5))
        self.assertEqual(rows.find(11), listed[[r[0] for r in listed].index(11)])
        with self.assertRaises(KeyError):
            rows.find(3)
        kept = pickle.loads(pickle.dumps(rows))
        self.assertLess(len(pickle.dumps(rows)), 64 * len(listed) + 1024, "arrays, not a tuple a row")
        self.assertEqual(list(kept), listed)
        as_list = head[:4] + (listed,) + head[5:]

        def blocks(h, chunk):
            columns = list(pack.keyed_columns(3, [h])) if chunk is None else list(h[4].columns(3 << 32, chunk))
            return sorted(b for b in dedup.key_blocks(iter(columns), 2, chunk=10 ** 6))

        whole = blocks(as_list, None)
        for chunk in (1, 7, 1000):
            got = blocks(head, chunk)
            self.assertEqual([c for r in range(2) for c in dedup.copies_and_members(iter(b for b in got if b[0] == r))],
                             [c for r in range(2) for c in dedup.copies_and_members(iter(b for b in whole if b[0] == r))],
                             f"chunks of {chunk} rows")
        self.assertEqual(sorted(os.listdir(os.path.join(folder, "_records"))),
                         ["part-00003", "part-00003.bands", "part-00003.head", "part-00003.ids", "part-00003.rows",
                          "part-00003.values"])

    def test_refuses_a_map_side_it_cannot_follow(self):
        values = {0: [5, 6]}
        lines = [self.line(0, values), self.line(1, values)]
        data = array("Q", values[0]).tobytes()
        # A record file shorter than the lines' lengths add up to.
        def short(values_path, records_path):
            lines_out = list(self.map_side(lines, data)(values_path, records_path))
            with open(records_path, "r+b") as f:
                f.truncate(os.path.getsize(records_path) - 1)
            return iter(lines_out)
        with self.assertRaisesRegex(RuntimeError, "bytes of records"):
            self.spilled(lines, run=short)
        # Keys without their values' count: the map side ran without --values.
        with self.assertRaisesRegex(ValueError, "values' count"):
            self.spilled([Packing.line(0)])

    def test_record_texts_keep_few_files_open(self):
        # A group's candidates may come from more map tasks' files than a process may open: each
        # file was kept open (192 here), so a large job's verification task could fail with "Too
        # many open files"; now at most MAX_OPEN are.
        folder = tempfile.mkdtemp(dir=WORK)
        refs = []
        for k in range(3 * spill.RecordTexts.MAX_OPEN):
            path = os.path.join(folder, "part-%05d" % k)
            with open(path, "wb") as f:
                f.write(b"record %d text" % k)
            refs.append((path, 7, 7 + len(str(k))))
        texts = spill.RecordTexts()
        try:
            for k, ref in itertools.chain(enumerate(refs), enumerate(refs)):
                self.assertEqual(texts.read(ref), b"%d" % k)
                self.assertLessEqual(len(texts.files), spill.RecordTexts.MAX_OPEN)
        finally:
            texts.close()
        self.assertEqual(len(texts.files), 0)

    def test_empty_partition(self):
        folder, head = self.spilled([b'err\t-\t-\t{"id":"e"}'])
        self.assertEqual(head[:3], (0, [0, 0], [b'{"id":"e"}']))
        self.assertEqual(head[7], None, "no values file")
        kinds, parts = self.written(folder, head, None, drop=True)
        self.assertEqual(kinds, [(0, 0, 0, 1)])
        self.assertEqual(parts, {"corpus": b"", "duplicates": b"", "errors": b'{"id":"e"}\n'})


class JobShuffles(unittest.TestCase):
    """Job.dedup itself, on map-side lines, in Spark local mode."""

    @classmethod
    def setUpClass(cls):
        cls.sc = support.spark()

    def run_job(self, parts, threshold=0.8, bucket_limit=32, **settings):
        from tmspark.job import Job, Settings
        settings.setdefault("shuffle_partitions", 3)     # fewer tasks a stage: label rounds cost less
        # A URI output: the job keeps the records in Spark (`pack`), as these heads are packed.
        job = Job(self.sc, Settings(config=config(threshold, bucket_limit), inputs=[], output="hdfs:///unused",
                                    textmill=support.textmill(), **settings))
        heads = self.sc.parallelize(parts, len(parts)).flatMap(lambda p: p).mapPartitions(lambda it: pack.head_only(pack.pack(it)))
        starts = [head[1] for head in heads_of(parts)]
        decided = job.dedup(heads, starts, {"threshold": threshold, "verify": "exact"}).glom().collect()
        got = {}
        for p, items in enumerate(decided):
            self.assertEqual(len(items), len(starts[p]), "an item for the head and one a blob")
            for k, found in enumerate(items[1:]):
                for i, duplicate in found or ():
                    got[(p << 32) | (starts[p][k] + i)] = duplicate
        return got, job.report

    def test_blocks_partitioned_as_they_come(self):
        """`partition_blocks` (each (r, block) item to the shuffle as it is made) puts every item
        in partition r, as partitionBy does."""
        from tmspark.job import partition_blocks
        items = [(r % 3, bytes([r]) * (r * 1000)) for r in range(12)]
        got = partition_blocks(self.sc.parallelize(items, 4), 3).glom().collect()
        self.assertEqual([sorted(p) for p in got], [sorted(i for i in items if i[0] == r) for r in range(3)])

    def candidates(self, parts):
        """The reference's candidates: the representatives in buckets that two or more of them
        share (a representative whose buckets hold only its own copies is none)."""
        heads = heads_of(parts)
        docs = [d for p, head in enumerate(heads) for d in pack.keyed_docs(p, [head])]
        copies, members, all_members = copies_and_buckets(docs)
        self.assertTrue(copies, "the corpus has exact copies")
        self.assertLess(len(members), len(all_members), "and buckets their copies share")
        return len({pos for pos, _ in members})

    def test_groups_by_label_propagation(self):
        parts, seq = synthetic.lines_and_positions(synthetic.corpus(21, n=500, giant=80, chain=8), 6)
        got, report = self.run_job(parts, bucket_limit=3, local_mb=0)
        self.assertEqual(got, expected(seq, 0.8, 3))
        self.assertEqual(report.candidates, self.candidates(parts))
        self.assertGreater(report.group_rounds, 2)
        self.assertEqual(report.labels_changed[-1], 0)

    def test_groups_in_one_task(self):
        parts, seq = synthetic.lines_and_positions(synthetic.corpus(22, n=600, giant=100), 6)
        got, report = self.run_job(parts)
        self.assertEqual(got, expected(seq, 0.8))
        self.assertEqual(report.group_rounds, 0)
        self.assertEqual(report.candidates, self.candidates(parts))
        self.assertGreater(report.largest_group, 50, "the giant bucket is one group")


if __name__ == "__main__":
    unittest.main()
