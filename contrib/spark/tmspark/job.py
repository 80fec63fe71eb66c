"""The Spark job: JSONL inputs → `textmill --map-side` on every partition → dedup as shuffles →
JSONL part files (`corpus/`, `duplicates/`, `errors/`) equal to a single-machine run's outputs."""
import json
import time
from dataclasses import dataclass, field

from . import dedup, inputs, mapside


@dataclass
class Settings:
    config: str
    inputs: list
    output: str
    textmill: str = "textmill"
    split_mb: float = 64.0
    jobs: int = 1
    shuffle_partitions: int = 0           # 0: as many as input partitions (at least 2)
    bucket_memory_mb: float = 64.0
    local_mb: float = 128.0               # finish the dedup rounds in one task once this little is left
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
    memberships: int = 0
    rounds: int = 0
    local_rounds: int = 0
    waiting: list = field(default_factory=list)   # blocked walks left after each distributed round
    stored_rows: list = field(default_factory=list)
    verified_pairs: int = 0
    bytes_read: int = 0
    seconds: dict = field(default_factory=dict)


def mix(x):
    """Spreads positions over partitions."""
    return ((x * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF) >> 16


class Job:
    def __init__(self, sc, settings):
        from pyspark import StorageLevel
        self.sc = sc
        self.s = settings
        self.level = getattr(StorageLevel, settings.storage)
        self.report = Report()
        self.clock = time.time()
        self.persisted = []
        self.values_per_doc = 4096.0           # bytes of verification values a document (measured in run)

    def lap(self, name):
        now = time.time()
        self.report.seconds[name] = round(now - self.clock, 2)
        self.clock = now

    def keep(self, rdd):
        rdd.persist(self.level)
        self.persisted.append(rdd)
        return rdd

    def cut(self, rdd):
        """Persists an RDD of the dedup rounds and forgets its lineage once computed (a local
        checkpoint), so that a round's plan does not grow with the rounds before it."""
        rdd.localCheckpoint()
        self.persisted.append(rdd)
        return rdd

    # -----------------------------------------------------------------------------------------

    def run(self):
        plan = mapside.describe(self.s.textmill, self.s.config)
        self.prepare_output()
        mapped = self.map_side(plan)
        sizes = mapped.mapPartitions(_sizes).collect()
        counts = [n for n, _, _ in sizes]
        keyed, key_bytes = sum(k for _, k, _ in sizes), sum(b for _, _, b in sizes)
        self.values_per_doc = key_bytes * 3 / 4 / max(1, keyed)
        self.report.partitions = len(counts)
        self.report.records = sum(counts)
        self.lap("map side")
        dedup_settings = plan.get("map_side")
        decisions = None
        if dedup_settings:
            decisions = self.dedup(mapped, counts, dedup_settings)
            # Only the records and the decisions are needed from here on.
            decisions.persist(self.level)
            decisions.count()
            for rdd in self.persisted:
                if rdd is not mapped:
                    rdd.unpersist()
            self.persisted = [mapped, decisions]
            self.lap("decisions")
        self.write(mapped, decisions, dedup_settings)
        self.lap("write")
        self.report.seconds["total"] = round(sum(self.report.seconds.values()), 2)
        self.write_report()
        for rdd in self.persisted:
            rdd.unpersist()
        return self.report

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

    def map_side(self, plan):
        """The records of every partition through textmill, persisted (the dedup step and the
        writer read them)."""
        sc, s = self.sc, self.s
        limit = plan["max_document_bytes"]
        files = inputs.list_inputs(s.inputs, sc)
        self.report.bytes_read = sum(f[2] for f in files)
        split = max(1, int(s.split_mb * 1024 * 1024))
        textmill, config, jobs = s.textmill, s.config, s.jobs
        uris = [inputs.is_uri(f[1]) for f in files]
        if any(uris) and not all(uris):
            raise inputs.InputProblem("give either local paths or URIs (hdfs://, s3a://, file:/…), not both")
        if all(uris):
            rdds = []
            for piece in inputs.plan_pieces(files, split):
                def frame(it, piece=piece):
                    framed = (line for _, data in it for line in
                              inputs.framed_lines(piece, inputs.piece_lines(piece, data), limit))
                    return mapside.run_partition(framed, textmill, config, jobs)
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

            def frame(it):
                framed = (line for part in it for piece in part for line in
                          inputs.framed_lines(piece, inputs.piece_lines(piece), limit))
                return mapside.run_partition(framed, textmill, config, jobs)
            mapped = sc.parallelize(partitions, len(partitions)).mapPartitions(frame)
        return self.keep(mapped)

    # -----------------------------------------------------------------------------------------

    def dedup(self, mapped, counts, settings):
        """(position, duplicate json) for every duplicate, as P partitions aligned with `mapped`."""
        s = self.s
        P = len(counts)
        R = s.shuffle_partitions or max(2, P)
        threshold = float(settings["threshold"])
        verify = settings.get("verify", "exact")
        budget = int(s.bucket_memory_mb * 1024 * 1024)
        report = self.report

        docs = mapped.mapPartitionsWithIndex(dedup.keyed_docs)

        # 1. exact copies onto their representative
        rows = docs.filter(lambda d: d[2] > 0).map(lambda d: ((d[1], d[0]), (d[3], d[5])))
        collapsed = self.keep(rows.repartitionAndSortWithinPartitions(R, lambda k: k[0] % R)
                              .mapPartitions(dedup.collapse_scan))

        # 2. buckets of representatives by band key; the candidates' verification values
        members = (collapsed.filter(lambda r: r[0] == "R")
                   .flatMap(lambda r: (((b, r[1]), None) for b in set(r[2])))
                   .repartitionAndSortWithinPartitions(R, lambda k: k[0])
                   .mapPartitions(dedup.bucket_scan))
        members = self.keep(members)
        memberships = members.count()
        report.memberships = memberships
        self.lap("exact copies and band buckets")

        seen = self.bloom(members.map(lambda m: m[0]), memberships)
        self.lap("bloom filter of candidates")
        values = docs.filter(lambda d: d[0] in seen.value).map(lambda d: (d[0], (d[5], dedup.values_of(d[4]))))
        # (pos, ([bands], id, values)) of every candidate, persisted: rescans read values here.
        candidates = self.keep(members.map(lambda m: (m[0], m[1])).cogroup(values, R).flatMap(_candidate))
        data = candidates.flatMap(lambda c: (((band, c[0], dedup.DATA), ("U", c[1][1], c[1][2])) for band in c[1][0]))
        values = candidates.map(lambda c: (c[0], c[1][2]))

        # 3. rounds: distributed while much is left, then in one task
        near = self.rounds(data, values, memberships, R, threshold, verify, budget)

        # 4. decisions: near-duplicate representatives, and the exact copies of every representative
        rep_rows = near.map(lambda kv: ((kv[0], 0, 0), kv[1]))
        copy_rows = collapsed.filter(lambda r: r[0] == "X").map(lambda r: ((r[2], 1, r[1]), r[3]))
        copies = (rep_rows.union(copy_rows)
                  .repartitionAndSortWithinPartitions(R, lambda k: mix(k[0]))
                  .mapPartitions(dedup.resolve_scan))
        own = near.map(lambda kv: (kv[0], dedup.duplicate_json(kv[1][1], "near", kv[1][2])))
        all_dups = own.union(copies)
        counts_b = self.sc.broadcast(counts)
        return (all_dups.repartitionAndSortWithinPartitions(P, lambda pos: pos >> dedup.SHIFT)
                .mapPartitionsWithIndex(lambda i, it: dedup.dense_decisions(i, it, counts_b.value[i])))

    # -----------------------------------------------------------------------------------------

    def rounds(self, data, values, memberships, R, threshold, verify, budget):
        """Decides every candidate: (pos, (of, id, J)) for those that are near duplicates.

        Round 1 scans every bucket. After a round, a document still waiting is blocked in some
        buckets by a member that was undecided; next round, a blocker now kept is its match and
        one still undecided still blocks, without reading the bucket; only buckets where a
        blocker has become a duplicate are scanned again, from the rows earlier scans kept.
        Scans keep the positions and statuses of what a later rescan may need (not the values,
        which a rescan reads again from the candidates). Once the rows a rescan could need fit in
        `local_mb`, one task finishes the rounds in memory."""
        sc, report = self.sc, self.report
        report.verified_pairs = 0
        if not memberships:
            return sc.emptyRDD()
        verified = sc.accumulator(0)
        local_limit = int(self.s.local_mb * 1024 * 1024)
        rescan = stored = sc.emptyRDD()
        near = []                              # the near duplicates each round found
        walkers = best = newly = status = sc.emptyRDD()
        stored_bytes = memberships * self.values_per_doc
        first = True
        while True:
            if stored_bytes <= local_limit:
                rounds = sc.accumulator(0)
                if first:
                    tagged = data.map(lambda r: ("first", r))
                else:
                    current = (stored.map(lambda r: (r[0][1], r)).leftOuterJoin(status, R).join(values, R)
                               .map(lambda kv: ("store", _with_status(kv[1][0][0], kv[1][0][1], kv[1][1]))))
                    tagged = sc.union([current, walkers.map(lambda w: ("walker", w)),
                                       best.map(lambda b: ("best", b)), newly.map(lambda n: ("newly", n))])
                finished = self.keep(tagged.coalesce(1).mapPartitions(
                    _finish_rounds(threshold, verify, budget, verified, rounds)))
                finished.count()
                near.append(finished)
                report.rounds += rounds.value
                report.local_rounds = rounds.value
                self.lap("dedup rounds in one task")
                break
            report.rounds += 1
            if first:
                rows, direct = data, sc.emptyRDD()
            else:
                resolved = (walkers.map(lambda w: (w[1][1], w)).leftOuterJoin(newly, R)
                            .map(lambda kv: (kv[1][0][0], dedup.resolve(kv[1][0][1], kv[1][1]))))
                resolved = self.keep(resolved)
                direct = resolved.filter(lambda r: r[1][0] == "V").map(lambda r: (r[0], r[1][1]))
                rescan = resolved.filter(lambda r: r[1][0] == "R").map(lambda r: ((r[1][1], r[0], dedup.WALKER), r[1][2]))
                if rescan.isEmpty():
                    rows = None
                else:
                    kept = stored.filter(_in_bloom(self.bloom(rescan.map(lambda r: r[0][0]))))
                    data = (kept.map(lambda r: (r[0][1], r)).leftOuterJoin(status, R).join(values, R)
                            .map(lambda kv: _with_status(kv[1][0][0], kv[1][0][1], kv[1][1])))
                    rows = sc.union([data, rescan])
            verdicts = direct
            carry = sc.emptyRDD()
            if rows is not None:
                scanned = self.keep(rows.repartitionAndSortWithinPartitions(R, lambda k: k[0])
                                    .mapPartitions(_round(threshold, verify, first, budget, verified)))
                verdicts = verdicts.union(scanned.filter(lambda r: r[0] == "V").map(lambda r: (r[1], (r[2], r[3]))))
                carry = scanned.filter(lambda r: r[0] == "C").map(lambda r: ((r[1], r[2], dedup.DATA), r[3]))
            combined = self.cut(verdicts.groupByKey(R).leftOuterJoin(best, R)
                                .map(lambda kv: (kv[0], dedup.combine(list(kv[1][0]), kv[1][1]))))
            near.append(combined.filter(lambda kv: kv[1][0] == "D").map(lambda kv: (kv[0], kv[1][1:])))
            newly = self.keep(combined.filter(lambda kv: kv[1][0] != "U").map(lambda kv: (kv[0], kv[1][0])))
            status = self.cut(status.union(newly).coalesce(R))
            waiting = combined.filter(lambda kv: kv[1][0] == "U")
            best = waiting.map(lambda kv: (kv[0], kv[1][1]))
            walkers = self.keep(waiting.flatMap(lambda kv: ((kv[0], w) for w in kv[1][2])))
            left = walkers.count()
            report.waiting.append(left)
            first = False
            if left == 0:
                self.lap(f"dedup round {report.rounds}")
                break
            # Keep the rows of buckets where someone still waits (a Bloom filter: a few more is harmless).
            previous = stored
            stored = self.cut(stored.filter(_in_bloom(self.bloom(walkers.map(lambda w: w[1][0])))).union(carry).coalesce(R))
            stored_rows = stored.count()
            report.stored_rows.append(stored_rows)
            stored_bytes = stored_rows * (self.values_per_doc + 64)
            previous.unpersist()
            self.lap(f"dedup round {report.rounds}")
        report.verified_pairs = verified.value
        return self.keep(sc.union(near).coalesce(R)) if near else sc.emptyRDD()

    def bloom(self, keys, count=None):
        """A Bloom filter of the keys of an RDD, built on the executors, broadcast."""
        count = keys.count() if count is None else count
        bloom = keys.mapPartitions(lambda it: [_bloom_of(it, count)]).treeReduce(lambda a, b: a.merge(b))
        return self.sc.broadcast(bloom)

    # -----------------------------------------------------------------------------------------

    def write(self, mapped, decisions, settings):
        """The three outputs as part files, one pass each over the records (and decisions)."""
        drop = bool(settings) and settings.get("action", "drop") == "drop"
        if decisions is None:
            final = mapped.map(lambda line: _finish(line, None, drop))
        else:
            final = mapped.zip(decisions).map(lambda ld: _finish(ld[0], ld[1], drop))
        codec = "org.apache.hadoop.io.compress.GzipCodec" if self.s.compress else None
        counted = {what: self.sc.accumulator(0) for what in ("doc", "error", "exact", "near")}
        for name in ("corpus", "duplicates", "errors"):
            part = final.mapPartitions(_records_of(name, counted))
            part.saveAsTextFile(self.s.output.rstrip("/") + "/" + name, codec)
        self.report.errors = counted["error"].value
        self.report.documents = self.report.records - self.report.errors
        self.report.exact_duplicates = counted["exact"].value
        self.report.near_duplicates = counted["near"].value

    def write_report(self):
        data = json.dumps(self.report.__dict__, indent=2).encode() + b"\n"
        jvm = self.sc._jvm
        path = jvm.org.apache.hadoop.fs.Path(self.s.output.rstrip("/") + "/stats.json")
        stream = self.fs.create(path, True)
        stream.write(bytearray(data))
        stream.close()


# ---------------------------------------------------------------------------------------------
# Functions shipped to executors (module level, so they pickle by reference)

def _sizes(lines):
    """(records, records with dedup keys, bytes of keys) of one partition."""
    n = keyed = size = 0
    for line in lines:
        n += 1
        doc = dedup.doc_fields(line)
        if doc is not None and doc[0] != b"-":
            keyed += 1
            size += len(doc[0])
    return [(n, keyed, size)]


def _candidate(kv):
    """(pos, ([bands], id, values)) for a position in buckets; nothing for a Bloom false positive."""
    pos, (bands, values) = kv
    bands, values = list(bands), list(values)
    if not bands or not values:
        return []
    return [(pos, (bands, values[0][0], values[0][1]))]


def _round(threshold, verify, first, budget, verified):
    def scan(rows):
        for r in dedup.round_scan(rows, threshold, verify, first, budget):
            if r[0] == "N":
                verified.add(r[1])
            else:
                yield r
    return scan


def _finish_rounds(threshold, verify, budget, verified, rounds):
    """The rest of the rounds in one task (what is left is small)."""
    def finish(tagged):
        first, stores, walkers, best, newly = None, {}, [], {}, {}
        for tag, item in tagged:
            if tag == "first":
                first = first or []
                first.append(item)
            elif tag == "store":
                stores.setdefault(item[0][0], []).append((item[0][1], item[1]))
            elif tag == "walker":
                walkers.append(item)
            elif tag == "best":
                best[item[0]] = item[1]
            else:
                newly[item[0]] = item[1]
        near, n, pairs = dedup.rounds_in_memory(stores, walkers, best, newly, {}, threshold, verify, budget, first)
        rounds.add(n)
        verified.add(pairs)
        return near
    return finish


def _in_bloom(bloom):
    return lambda row: row[0][0] in bloom.value


def _with_status(row, status, values):
    """A stored bucket row (positions and statuses only) as a scan reads it: with its member's
    current status and its values."""
    (band, pos, tag), (old, tok) = row
    return (band, pos, tag), (status or old, tok, values)


def _bloom_of(keys, count):
    bloom = dedup.BloomFilter(count)
    for key in keys:
        bloom.add(key)
    return bloom


def _records_of(name, counted):
    """The records that go to output `name`, counted by what they are."""
    def records(items):
        for output, record, what in items:
            if output == name:
                counted[what].add(1)
                yield record
    return records


def _finish(line, duplicate, drop):
    """(output name, record, what it is) for one map-side line and its decision."""
    kind, at, _, record = line.split(b"\t", 3)
    if kind == b"err":
        return "errors", record, "error"
    if duplicate is None:
        return "corpus", record, "doc"
    at = int(at)
    record = record[:at] + duplicate + record[at + 4:]
    what = "exact" if b'"kind":"exact"' in duplicate else "near"
    return ("duplicates" if drop else "corpus"), record, what
