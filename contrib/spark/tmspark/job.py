"""The Spark job: JSONL inputs → `textmill --map-side` on every partition → dedup as shuffles →
JSONL part files (`corpus/`, `duplicates/`, `errors/`) equal to a single-machine run's outputs."""
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass, field

from . import dedup, inputs, mapside, pack, spill, startup


@dataclass
class Settings:
    config: str
    inputs: list
    output: str
    textmill: str = "textmill"
    split_mb: float = 128.0              # an HDFS block, and Spark's own maxPartitionBytes
    jobs: int = 1
    shuffle_partitions: int = 0           # 0: one per BYTES_PER_SHUFFLE_PARTITION of input, 2 to the input partitions
    local_mb: float = 128.0               # find the candidate groups in one task when their pairs fit
    storage: str = "MEMORY_AND_DISK"
    overwrite: bool = False
    compress: bool = False


@dataclass
class Report:
    """What the job did (written to OUTPUT/stats.json)."""
    partitions: int = 0
    records: int = 0
    documents: int = 0
    errors: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    memberships: int = 0                  # (bucket, document) pairs of buckets of two or more documents (exact copies included)
    candidates: int = 0                   # documents in such buckets
    groups: int = 0                       # connected components of the candidates
    largest_group: int = 0
    group_rounds: int = 0                 # label propagation rounds (0: union-find in one task)
    labels_changed: list = field(default_factory=list)   # labels changed by each round
    near_representatives: int = 0         # candidates textmill found near duplicates
    bytes_read: int = 0
    seconds: dict = field(default_factory=dict)


# A dedup shuffle partition for 64 MB of input (~14,000 news documents of ~4.7 KB), at most one a
# map partition: what a dedup task holds is bounded by this, not by the corpus (with one a GB, the
# two partitions of a 300 MB input held 32,000 documents each, and a Python worker grew with
# them). The input's size is known before the map side runs, its documents only after, and the
# map side writes the first shuffle itself (no job of its own to count them first).
BYTES_PER_SHUFFLE_PARTITION = 64 << 20


def one_an_item(rdd):
    """The RDD pickled one item at a time: two such RDDs with as many items a partition `zip`
    as they are, where PySpark would otherwise pickle both again in batches of 100 (a Python
    pass over every record, each time the records are zipped with their decisions)."""
    from pyspark.serializers import BatchedSerializer, CPickleSerializer
    return rdd._reserialize(BatchedSerializer(CPickleSerializer(), 1))


def partition_blocks(rdd, partitions):
    """`rdd.partitionBy(partitions, lambda r: r)` of an RDD of (r, block) items whose blocks are
    large (`dedup.key_blocks`), each item sent to the shuffle as soon as it is made. PySpark's
    partitionBy keeps a task's items in Python until it holds ten a partition, and more after
    each flush of small ones, so a map task held its whole shuffle output at its end (~5 MB for
    16,000 documents, growing with the partition). The JVM side is partitionBy's own."""
    try:
        from pyspark.rdd import RDD, Partitioner
        from pyspark.serializers import BatchedSerializer, pack_long
    except ImportError as e:
        raise RuntimeError(internals_missing(e)) from None
    serializer = rdd.ctx._unbatched_serializer

    def at_once(_, items):
        for r, block in items:
            yield pack_long(r)
            yield serializer.dumps([(r, block)])

    keyed = rdd.mapPartitionsWithIndex(at_once, preservesPartitioning=True)
    keyed._bypass_serializer = True
    jvm = rdd.ctx._jvm
    pairs = jvm.PairwiseRDD(keyed._jrdd.rdd()).asJavaPairRDD()
    jrdd = jvm.PythonRDD.valueOfPair(pairs.partitionBy(jvm.PythonPartitioner(partitions, id(at_once))))
    out = RDD(jrdd, rdd.ctx, BatchedSerializer(serializer))
    out.partitioner = Partitioner(partitions, at_once)
    return out


def internals_missing(error):
    """What to do when this PySpark lacks an internal `partition_blocks` uses (the job is tested
    with the version contrib/spark/requirements.txt pins)."""
    import pyspark
    return (f"this PySpark ({pyspark.__version__}) lacks what the job's dedup shuffle uses ({error}); "
            "the job is tested with the version contrib/spark/requirements.txt pins: run it with "
            "contrib/spark/submit (its venv), or a spark-submit of that version")


def mix(x):
    """Spreads positions over partitions."""
    return ((x * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF) >> 16


class Job:
    def __init__(self, sc, settings, started=None):
        """`started`: a `startup.Startup` of these settings, begun before `sc` was made (else
        the job begins it)."""
        from pyspark import StorageLevel
        self.sc = sc
        self.s = settings
        self.started = started or startup.Startup(settings)
        self.level = getattr(StorageLevel, settings.storage)
        self.report = Report()
        self.clock = time.time()
        self.persisted = []
        # A local output folder (every node sees it) takes the records in files beside it (`spill`):
        # they never cross the JVM. A URI output (hdfs://, s3a://) gets them through Spark (`pack`).
        self.spilled = not inputs.is_uri(settings.output)

    def lap(self, name):
        now = time.time()
        self.report.seconds[name] = round(now - self.clock, 2)
        self.clock = now

    def keep(self, rdd):
        rdd.persist(self.level)
        self.persisted.append(rdd)
        return rdd

    def cut(self, rdd):
        """Persists an RDD of the label rounds and forgets its lineage once computed (a local
        checkpoint), so that a round's plan does not grow with the rounds before it."""
        rdd.localCheckpoint()
        self.persisted.append(rdd)
        return rdd

    # -----------------------------------------------------------------------------------------

    def run(self, release=True):
        """Runs the job; with `release`, unpersists what it persisted (for a SparkContext that
        lives on: stopping the context frees everything anyway)."""
        plan = self.started.plan()
        self.prepare_output()
        mapped = self.map_side(plan)
        self.report.partitions = mapped.getNumPartitions()
        starts = None
        if self.spilled:
            # One small item a partition: what dedup and the writer need, without the records. The
            # map side runs in the first job that needs its heads (dedup's first shuffle, or the
            # write), which counts its records too: no job of its own.
            heads = mapped
        else:
            heads = self.keep(one_an_item(mapped.mapPartitions(pack.head_only)))
            shapes = heads.map(lambda h: (h[0], h[1], len(h[2]))).collect()
            self.count(shapes)
            starts = [blob_starts for _, blob_starts, _ in shapes]   # for the blobs' decisions
            self.lap("map side")
        dedup_settings = plan.get("map_side")
        decisions = None
        if dedup_settings:
            decisions = self.dedup(heads, starts, dedup_settings)
            if not self.spilled:
                # Only the records, the heads and the decisions are needed from here on.
                decisions.persist(self.level)
                kinds = decisions.mapPartitions(_count_kinds).reduce(lambda a, b: (a[0] + b[0], a[1] + b[1]))
                self.report.exact_duplicates, self.report.near_duplicates = kinds
                for rdd in self.persisted:
                    if rdd is not mapped and rdd is not heads:
                        rdd.unpersist()
                self.persisted = [mapped, heads, decisions]
                self.lap("decisions")
        if self.spilled:
            self.write_spilled(heads, decisions, dedup_settings)
        else:
            self.write(mapped, heads, decisions, dedup_settings)
        # With record files and no dedup, the write ran the map side too.
        self.lap("map side and write" if self.spilled and not dedup_settings else "write")
        self.report.seconds["total"] = round(sum(self.report.seconds.values()), 2)
        self.write_report()
        if release:
            for rdd in self.persisted:
                rdd.unpersist()
        return self.report

    def count(self, shapes):
        """The report's records from each partition's (documents, blob starts, errors)."""
        self.report.documents = sum(n for n, _, _ in shapes)
        self.report.errors = sum(e for _, _, e in shapes)
        self.report.records = self.report.documents + self.report.errors

    # -----------------------------------------------------------------------------------------

    def prepare_output(self):
        jvm = self.sc._jvm
        path = jvm.org.apache.hadoop.fs.Path(self.s.output)
        fs = path.getFileSystem(self.sc._jsc.hadoopConfiguration())
        if fs.exists(path):
            if not self.s.overwrite:
                raise inputs.InputProblem(f"the output '{self.s.output}' exists; remove it or pass --overwrite")
            fs.delete(path, True)
        self.fs, self.out_path = fs, path
        if self.spilled:
            for name in (spill.RECORDS, *spill.OUTPUTS):
                os.makedirs(os.path.join(self.s.output, name), exist_ok=True)

    def map_side(self, plan):
        """The records of every partition through textmill, packed (`pack`: a head, then blobs of
        records) and persisted (the dedup step reads the heads, the writer the blobs)."""
        sc, s = self.sc, self.s
        limit = plan["max_document_bytes"]
        files = self.started.files(sc)
        self.report.bytes_read = sum(f[2] for f in files)
        split = self.split_bytes(self.report.bytes_read)
        textmill, config, jobs = s.textmill, s.config, s.jobs
        uris = [inputs.is_uri(f[1]) for f in files]
        if any(uris) and not all(uris):
            raise inputs.InputProblem("give either local paths or URIs (hdfs://, s3a://, file:/…), not both")
        keep = self.keeper()
        if all(uris):
            rdds = []
            for index, piece in enumerate(inputs.plan_pieces(files, split)):
                def frame(it, piece=piece, index=index):
                    framed = (line for _, data in it for line in
                              inputs.framed_lines(piece, inputs.piece_lines(piece, data), limit))
                    return keep(index, lambda values=None, records=None: mapside.run_partition(framed, textmill, config, jobs, values, records))
                rdds.append(sc.binaryFiles(piece.location).coalesce(1).mapPartitions(frame))
            mapped = sc.union(rdds)
        else:
            pieces = inputs.plan_pieces(files, split)
            split_indices = [i for i, p in enumerate(pieces) if not p.whole]
            counts = {}
            if split_indices:
                todo = [(i, pieces[i]) for i in split_indices]
                counted = sc.parallelize(todo, len(todo)).map(lambda ip: (ip[0], inputs.count_piece(ip[1]))).collect()
                counts = dict(counted)
            pieces = inputs.number_pieces(pieces, counts)
            partitions = inputs.plan_partitions(pieces, split)

            def frame(index, it):
                framed = (line for part in it for piece in part for line in
                          inputs.framed_lines(piece, inputs.piece_lines(piece), limit))
                return keep(index, lambda values=None, records=None: mapside.run_partition(framed, textmill, config, jobs, values, records))
            mapped = sc.parallelize(partitions, len(partitions)).mapPartitionsWithIndex(frame)
        return self.keep(one_an_item(mapped))

    def split_bytes(self, total):
        """Input per map task (`inputs.task_bytes` for Spark's default parallelism, its cores)."""
        return inputs.task_bytes(total, max(1, self.sc.defaultParallelism), int(self.s.split_mb * 1024 * 1024))

    def keeper(self):
        """(partition index, run: values file, record file or None → the map side's output lines) → the items
        the job keeps of the partition: its spilled head (the records in a file beside the
        output, the dedup verification values in another), or its head and blobs (`pack`)."""
        if self.spilled:
            folder = os.path.abspath(os.path.join(self.s.output, spill.RECORDS))
            return lambda index, run: spill.spill(index, run, folder)
        return lambda index, run: pack.pack(run())

    # -----------------------------------------------------------------------------------------

    def dedup(self, heads, starts, settings):
        """The duplicates' decisions, as P partitions aligned with the heads: with record files,
        a list of (record index, duplicate) a partition; with packed records (`starts`: each
        partition's blob starts), an item for the head, then one a blob (`pack.blob_decisions`)."""
        s, sc, report = self.s, self.sc, self.report
        P = heads.getNumPartitions()
        # A dedup shuffle carries ~0.5 KB a document: few partitions for a small corpus (each task
        # costs a Python worker round and a scheduling round whatever its size).
        R = s.shuffle_partitions or max(2, min(P, -(-report.bytes_read // BYTES_PER_SHUFFLE_PARTITION)))

        docs = heads.mapPartitionsWithIndex(pack.keyed_columns)

        # 1-2. one shuffle: exact copies onto their representative ('X' rows), and buckets of
        # representatives by 64-bit band key ('M' blocks, one a range of band keys of a partition:
        # (pos, band) of every candidate's membership)
        keyed = self.keep(partition_blocks(docs.mapPartitions(lambda d: dedup.key_blocks(d, R)), R)
                          .mapPartitions(dedup.copies_and_members))
        members = keyed.filter(lambda r: r[0] == "M")
        memberships = members.map(dedup.block_memberships).sum()
        report.memberships = memberships
        # With record files, this job ran the map side too.
        self.lap("map side, exact copies and band buckets" if self.spilled else "exact copies and band buckets")

        if memberships and self.local_groups(memberships):
            # 3. groups, found in one task with their sizes; each partition's candidates and
            # labels come back to the driver (16 bytes a candidate) and go to the semi-join, one
            # item a partition
            summary, per_partition = keyed.coalesce(1).mapPartitions(lambda items: dedup.local_groups(items, P, R)).collect()[0]
            by_partition = sc.parallelize(per_partition, P).map(dedup.label_pairs)
        elif memberships:
            # 3. groups: (pos, label) of every candidate
            labels = self.keep(self.groups(keyed, members, R))
            sizes = labels.map(lambda pl: (pl[1], 1)).reduceByKey(lambda a, b: a + b, R)
            summary = sizes.mapPartitions(lambda it: [dedup.size_summary(it, R)]).reduce(lambda a, b: dedup.merge_summaries(a, b, R))
            by_partition = (labels.repartitionAndSortWithinPartitions(P, lambda pos: pos >> pack.SHIFT)
                            .mapPartitions(pack.partition_labels))
        if memberships:
            report.candidates, report.groups, largest = summary
            report.largest_group = largest[0][0] if largest else 0
            self.lap("candidate groups")
        if memberships and report.candidates:
            # 4. a semi-join: the candidates of a partition as one item, zipped with its head, so
            # only the candidates' keys and texts (or, spilled, references to their texts in the
            # record files) leave their partition, once, to their group's task
            verify_partition = dedup.verify_partitioner(largest, report.candidates, R, mix)
            alone = len(dedup.own_partitions(largest, report.candidates, R))
            # each map task sends its candidates as blocks of byte strings, a block a chunk of a
            # verification partition's (`pack.candidate_blocks`), which its task sorts with numpy
            grouped = partition_blocks(heads.zip(one_an_item(by_partition))
                                       .mapPartitionsWithIndex(pack.candidate_blocks(verify_partition)), R)
            near = self.keep(grouped.mapPartitionsWithIndex(_verified(s.textmill, s.config, alone, s.jobs)))
            report.near_representatives = near.count()
            self.lap("verification by textmill")
        else:
            near = sc.emptyRDD()

        # 5. decisions: near-duplicate representatives, and the exact copies of every representative
        # (one scan gives both: no second pass over the near representatives)
        rep_rows = near.map(lambda kv: ((kv[0], 0, 0), kv[1]))
        copy_rows = keyed.filter(lambda r: r[0] == "X").map(lambda r: ((r[2], 1, r[1]), r[3]))
        decided = (rep_rows.union(copy_rows)
                   .repartitionAndSortWithinPartitions(R, lambda k: mix(k[0]))
                   .mapPartitions(dedup.resolve_scan))
        by_partition = decided.repartitionAndSortWithinPartitions(P, lambda pos: pos >> pack.SHIFT)
        if self.spilled:
            return one_an_item(by_partition.mapPartitions(pack.partition_labels))
        # Only the packed records' blobs need the blob starts (record files need none): broadcast then.
        starts_b = sc.broadcast(starts)
        return one_an_item(by_partition.mapPartitionsWithIndex(lambda i, it: pack.blob_decisions(it, starts_b.value[i])))

    # -----------------------------------------------------------------------------------------

    def local_groups(self, memberships):
        """Whether the groups are found in one task: when the memberships fit in `local_mb`
        (~48 bytes each; else `groups`, rounds of label propagation)."""
        local = memberships * 48 <= self.s.local_mb * 1024 * 1024
        if local:
            self.report.group_rounds = 0
        return local

    def groups(self, keyed, members, R):
        """(pos, label) for every candidate (`keyed`: the 'X' rows and 'M' blocks of
        `dedup.copies_and_members`, `members` its 'M' blocks): the smallest position of its
        connected component (representatives linked by a shared bucket; each exact copy in a
        bucket is first replaced by its representative, and a bucket left with one representative
        dropped), by rounds of label propagation (a bucket takes the smallest label of its
        members, a member the smallest of its buckets), each round's labels checkpointed locally
        and coalesced, until no label changes (rounds: the longest path of a group, in buckets).
        (`dedup.local_groups` finds them in one task when they fit in `local_mb`.)"""
        report = self.report
        copies = keyed.filter(lambda r: r[0] == "X").map(lambda r: (r[1], r[2]))
        members = (members.flatMap(dedup.member_pairs).leftOuterJoin(copies, R)
                   .map(lambda kv: (kv[1][0], kv[0] if kv[1][1] is None else kv[1][1]))
                   .groupByKey(R).flatMap(dedup.shared_bucket))
        by_pos = self.keep(members.partitionBy(R))
        by_band = self.keep(members.map(lambda pb: (pb[1], pb[0])).partitionBy(R))
        labels = self.cut(by_pos.map(lambda pb: (pb[0], pb[0])).reduceByKey(min, R))
        labels.count()
        while True:
            report.group_rounds += 1
            band_min = (by_pos.join(labels, R).map(lambda kv: kv[1])
                        .mapPartitions(dedup.smallest_label).reduceByKey(min, R))
            proposed = by_band.join(band_min, R).map(lambda kv: kv[1]).reduceByKey(min, R)
            changed_labels = self.cut(proposed.join(labels, R).coalesce(R))
            changed = changed_labels.filter(lambda kv: kv[1][0] != kv[1][1]).count()
            previous, labels = labels, self.cut(changed_labels.map(lambda kv: (kv[0], kv[1][0])))
            labels.count()
            previous.unpersist()
            report.labels_changed.append(changed)
            if changed == 0:
                return labels

    # -----------------------------------------------------------------------------------------

    def write(self, mapped, heads, decisions, settings):
        """The three outputs as part files, a blob of records an item: the corpus in one pass over
        the packed records (blobs without a decision go as they are), the duplicates in a second
        pass that splits only the blobs with decisions, the errors from the heads."""
        drop = bool(settings) and settings.get("action", "drop") == "drop"
        if decisions is None:
            corpus = mapped.mapPartitions(pack.plain_blobs)
            duplicates = heads.mapPartitions(lambda it: [])
        else:
            zipped = mapped.zip(decisions)
            corpus = zipped.mapPartitions(pack.spliced(drop, "corpus"))
            duplicates = zipped.mapPartitions(pack.spliced(drop, "duplicates")) if drop else heads.mapPartitions(lambda it: [])
        codec = "org.apache.hadoop.io.compress.GzipCodec" if self.s.compress else None
        for name, blobs in (("corpus", corpus), ("duplicates", duplicates), ("errors", heads.mapPartitions(pack.error_blobs))):
            blobs.saveAsTextFile(self.s.output.rstrip("/") + "/" + name, codec)

    def write_spilled(self, heads, decisions, settings):
        """The three outputs' part files, written by the tasks from the record files in one pass
        (`spill.write_partition`); then the record files are removed."""
        drop = bool(settings) and settings.get("action", "drop") == "drop"
        output = os.path.abspath(self.s.output)
        write = spill.write_partition(output, drop, self.s.compress)
        pairs = heads.zip(decisions) if decisions is not None else heads.map(lambda h: (h, None))
        written = pairs.mapPartitionsWithIndex(write).collect()
        self.report.exact_duplicates = sum(w[0] for w in written)
        self.report.near_duplicates = sum(w[1] for w in written)
        self.count([(w[2], None, w[3]) for w in written])
        for name in spill.OUTPUTS:
            open(os.path.join(output, name, "_SUCCESS"), "wb").close()
        try:
            shutil.rmtree(os.path.join(output, spill.RECORDS))
        except OSError as e:
            print(f"textmill_spark: the outputs are complete, but the record files could not be removed: {e}; "
                  f"remove {os.path.join(output, spill.RECORDS)}", file=sys.stderr)

    def write_report(self):
        data = json.dumps(self.report.__dict__, indent=2).encode() + b"\n"
        jvm = self.sc._jvm
        path = jvm.org.apache.hadoop.fs.Path(self.s.output.rstrip("/") + "/stats.json")
        stream = self.fs.create(path, True)
        stream.write(bytearray(data))
        stream.close()


# ---------------------------------------------------------------------------------------------
# Functions shipped to executors (module level, so they pickle by reference)

def _verified(textmill, config, alone, jobs):
    """Pipes a partition of groups (`pack.candidate_blocks`, put in order by
    `pack.candidates_in_order`) through `textmill dedup-verify` (`dedup.verify_threads`: the
    first `alone` partitions hold a group each): (pos, (of, of id, J)) for the near duplicates."""
    def verify(index, rows):
        threads = dedup.verify_threads(index, alone, jobs)
        for line in mapside.run_verify(dedup.verify_lines(pack.candidates_in_order(rows)), textmill, config, threads):
            decision = dedup.verify_decision(line)
            if decision is not None:
                yield decision
    return verify


def _count_kinds(items):
    """(exact, near) duplicates among the decisions of a partition."""
    exact = near = 0
    for found in items:
        for _, duplicate in found or ():
            if b'"kind":"exact"' in duplicate:
                exact += 1
            else:
                near += 1
    yield exact, near
