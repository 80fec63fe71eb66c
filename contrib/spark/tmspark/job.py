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
        self.carried = 0

    def lap(self, name):
        now = time.time()
        self.report.seconds[name] = round(now - self.clock, 2)
        self.clock = now

    def keep(self, rdd):
        rdd.persist(self.level)
        self.persisted.append(rdd)
        return rdd

    # -----------------------------------------------------------------------------------------

    def run(self):
        plan = mapside.describe(self.s.textmill, self.s.config)
        self.prepare_output()
        mapped = self.map_side(plan)
        counts = mapped.mapPartitions(lambda it: [sum(1 for _ in it)]).collect()
        self.report.partitions = len(counts)
        self.report.records = sum(counts)
        self.lap("map side")
        dedup_settings = plan.get("map_side")
        if dedup_settings:
            decisions = self.dedup(mapped, counts, dedup_settings)
        else:
            decisions = None
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
        self.lap("exact copies and buckets")

        bloom = members.mapPartitions(lambda it: [_bloom(it, memberships)]).treeReduce(lambda a, b: a.merge(b))
        seen = self.sc.broadcast(bloom)
        values = (docs.filter(lambda d: d[0] in seen.value).map(lambda d: (d[0], (d[5], d[4]))))
        by_pos = members.map(lambda m: (m[0], m[1]))
        data = (by_pos.cogroup(values, R)
                .flatMap(lambda kv: _bucket_rows(kv[0], kv[1]))
                .map(lambda r: ((r[0], r[1], dedup.DATA), ("U", r[2], r[3]))))

        # 3. rounds: distributed while much is left, then in one task
        near = self.sc.emptyRDD()
        rows, best, first = data, self.sc.emptyRDD(), True
        verified = self.sc.accumulator(0)
        local_limit = int(s.local_mb * 1024 * 1024)
        while memberships:
            if not first and self.carried <= local_limit:
                rounds = self.sc.accumulator(0)
                tagged = rows.map(lambda r: ("row", r)).union(best.map(lambda kv: ("best", kv)))
                finished = self.keep(tagged.coalesce(1).mapPartitions(
                    _finish_rounds(threshold, verify, first, budget, verified, rounds)))
                finished.count()
                near = near.union(finished)
                report.rounds += rounds.value
                report.local_rounds = rounds.value
                break
            report.rounds += 1
            carried = self.sc.accumulator(0)
            scanned = self.keep(rows.repartitionAndSortWithinPartitions(R, lambda k: k[0])
                                .mapPartitions(_round(threshold, verify, first, budget, verified, carried)))
            verdicts = scanned.filter(lambda r: r[0] == "V").map(lambda r: (r[1], (r[2], r[3])))
            combined = self.keep(verdicts.groupByKey(R).leftOuterJoin(best, R)
                                 .map(lambda kv: (kv[0], dedup.combine(kv[0], list(kv[1][0]), kv[1][1]))))
            near = near.union(combined.filter(lambda kv: kv[1][0] == "D").map(lambda kv: (kv[0], kv[1][1:])))
            waiting = combined.filter(lambda kv: kv[1][0] == "U")
            if waiting.count() == 0:
                break
            self.carried = carried.value
            kept_rows = scanned.filter(lambda r: r[0] == "C")
            data = kept_rows.map(lambda r: ((r[1], r[2], dedup.DATA), r[3]))
            walkers = waiting.flatMap(lambda kv: (((band, kv[0], dedup.WALKER), (cursor, sim))
                                                  for band, cursor, sim in kv[1][2]))
            newly = combined.filter(lambda kv: kv[1][0] != "U").map(lambda kv: (kv[0], kv[1][0]))
            updates = (kept_rows.map(lambda r: (r[2], r[1])).join(newly, R)
                       .map(lambda kv: ((kv[1][0], kv[0], dedup.UPDATE), kv[1][1])))
            rows = data.union(walkers).union(updates)
            best = waiting.map(lambda kv: (kv[0], kv[1][1]))
            first = False
        near = self.keep(near)
        report.verified_pairs = verified.value
        self.lap("near duplicates")

        # 4. decisions: near-duplicate representatives, and the exact copies of every representative
        rep_rows = near.map(lambda kv: ((kv[0], 0, 0), kv[1]))
        copy_rows = collapsed.filter(lambda r: r[0] == "X").map(lambda r: ((r[2], 1, r[1]), r[3]))
        copies = (rep_rows.union(copy_rows)
                  .repartitionAndSortWithinPartitions(R, lambda k: mix(k[0]))
                  .mapPartitions(dedup.resolve_scan))
        own = near.map(lambda kv: (kv[0], dedup.duplicate_json(kv[1][1], "near", kv[1][2])))
        all_dups = own.union(copies)
        counts_b = self.sc.broadcast(counts)
        dense = (all_dups.repartitionAndSortWithinPartitions(P, lambda pos: pos >> dedup.SHIFT)
                 .mapPartitionsWithIndex(lambda i, it: dedup.dense_decisions(i, it, counts_b.value[i])))
        self.lap("decisions")
        return dense

    # -----------------------------------------------------------------------------------------

    def write(self, mapped, decisions, settings):
        drop = bool(settings) and settings.get("action", "drop") == "drop"
        if decisions is None:
            final = mapped.map(lambda line: _finish(line, None, drop))
        else:
            final = mapped.zip(decisions).map(lambda ld: _finish(ld[0], ld[1], drop))
        final = self.keep(final)
        codec = "org.apache.hadoop.io.compress.GzipCodec" if self.s.compress else None
        for name in ("corpus", "duplicates", "errors"):
            part = final.filter(lambda kr, name=name: kr[0] == name).map(lambda kr: kr[1])
            part.saveAsTextFile(self.s.output.rstrip("/") + "/" + name, codec)
        kinds = dict(final.map(lambda kr: (kr[0], kr[2])).countByValue())
        self.report.errors = kinds.get(("errors", "error"), 0)
        self.report.documents = self.report.records - self.report.errors
        self.report.exact_duplicates = sum(v for (k, e), v in kinds.items() if e == "exact")
        self.report.near_duplicates = sum(v for (k, e), v in kinds.items() if e == "near")

    def write_report(self):
        data = json.dumps(self.report.__dict__, indent=2).encode() + b"\n"
        jvm = self.sc._jvm
        path = jvm.org.apache.hadoop.fs.Path(self.s.output.rstrip("/") + "/stats.json")
        stream = self.fs.create(path, True)
        stream.write(bytearray(data))
        stream.close()


# ---------------------------------------------------------------------------------------------
# Functions shipped to executors (module level, so they pickle by reference)

def _bloom(members, elements):
    bloom = dedup.BloomFilter(elements)
    for pos, _ in members:
        bloom.add(pos)
    return bloom


def _bucket_rows(pos, groups):
    bands, values = groups
    values = list(values)
    if not values:
        return []
    tok, vals = values[0]
    return [(band, pos, tok, vals) for band in bands]


def _round(threshold, verify, first, budget, verified, carried):
    def scan(rows):
        for r in dedup.round_scan(rows, threshold, verify, first, budget):
            if r[0] == "N":
                verified.add(r[1])
                continue
            if r[0] == "C":
                carried.add(len(r[3][2]) + 64)
            yield r
    return scan


def _finish_rounds(threshold, verify, first, budget, verified, rounds):
    """The rest of the rounds in one task (what is left is small)."""
    def finish(tagged):
        rows, best = [], {}
        for tag, item in tagged:
            if tag == "row":
                rows.append(item)
            else:
                best[item[0]] = item[1]
        near, n, pairs = dedup.rounds_in_memory(rows, best, threshold, verify, budget, first)
        rounds.add(n)
        verified.add(pairs)
        return near
    return finish


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
