import Foundation

/// The scheduler: threads, ordered hand-offs, back-pressure and checkpoints.
extension Runner {
    /// What the writer saw.
    struct Totals {
        var items = 0
        var bytes = 0
        var counts = PerOutput<Int>.zero
        /// Files the writer saw end (fewer than planned when `RunOptions.limit` stopped the reading).
        var files = 0
        /// Records sent to the errors file because their id was already in the output.
        var reusedIDs = 0
        /// Documents written to the output with `filtered` set (`action: mark`).
        var marked = 0
        /// The ids of the main output's records when the writer was done (`IDFile`): those kept
        /// from earlier runs, and the others (a resumed run's part file, this run's records).
        var keptIDs = IDSet()
        var ids = IDSet()
        /// The files that changed while they were read (`ReadIdentities.changed`).
        var changedWhileRead = ChangedFiles()
    }

    /// Streams the files through the pipeline into the sink: the reader on one thread, each
    /// segment on `jobs` threads (or one, for a corpus stage), the writer on this one, joined by
    /// ordered buffers so records come out in input order whatever `jobs` is.
    ///
    /// With `identitiesAtOpen` (`RunPlan.identitiesAtOpen`) a file's identity is the one of the
    /// file as the reader opened it (or, when it could not be opened, `FileIdentity.ofUnopened`),
    /// not the one in `work`: one system call a file fewer than a `stat` of each before the run.
    /// Either identity is taken before the file's bytes are read: one that changed while it was
    /// read is named in a warning (`ChangedFiles`), and the next run reads it again. One taken
    /// within a tick of the file's times (`FileIdentity.takenRacily`; `identitiesTakenAt`: the
    /// clock before the plan's `stat`s) is marked for the next run to compare by hash.
    ///
    /// `writtenIDs` holds the ids the output has already in this run: those of the part file a
    /// resumed run appends to (`RunPlan.resumedIDs`); `keptIDs` those of the records kept from
    /// earlier runs (`KeptIDs`), read only, so the table is not copied (dedup holds it too).
    ///
    /// With `stopsOnDamagedState` (stages start from saved state), a stage finding that state
    /// damaged (`StateFoundDamaged`, `Pipeline.damagedState`) stops the reading as a write error
    /// does; the sink is abandoned and the error thrown, for `run` to make the run again.
    /// `startedAgain` is why this is such a run made again, for the progress line to say once.
    func execute(_ pipeline: Pipeline, work: [(file: InputFile, identity: FileIdentity?)], sink: RecordSink, checkpoints: Bool,
                 identitiesAtOpen: Bool = false, identitiesTakenAt: Int = Int.min, writtenIDs: IDSet = IDSet(), keptIDs: IDSet = IDSet(),
                 stopsOnDamagedState: Bool = false, startedAgain: String? = nil) throws -> Totals {
        var settings = ReadSettings(config: config)
        // The run's own files by identity, for an input that is a link to one of them.
        settings.ownFiles = RunOutputs(config: config, options: options, pipeline: pipeline).ownFileIdentities()
        let reader = SourceReader(settings: settings)
        let mapSide = options.mapSide
        let segments = Runner.segments(for: pipeline, mapSide: mapSide, values: options.mapSideValues != nil)
        let totalBytes = work.reduce(0) { $0 + max(0, $1.identity?.size ?? 0) }
        let progress = Progress(totalFiles: work.count, totalBytes: totalBytes, enabled: options.progress, startedAgain: startedAgain)
        let jobs = options.jobs
        let checkpointBytes = options.checkpointBytes
        let checkpointSeconds = options.checkpointSeconds
        // Set by the writer when an output cannot be written: reading stops, the items in flight
        // drain, and the run fails now rather than after reading the whole input.
        let stop = StopFlag()

        /// Reads every file in order, calling `emit` for each item and file end, and `beforeCheckpoint`
        /// before marking a checkpoint.
        let limit = options.limit ?? Int.max
        @Sendable func readAll(_ emit: (consuming Flowing) -> Void, beforeCheckpoint: () -> Void) {
            var schedule = CheckpointSchedule(bytes: checkpointBytes, seconds: checkpointSeconds)
            var documents = 0
            let folders = FolderCursor()
            func stopped() -> Bool {
                stop.isSet || stopsOnDamagedState && pipeline.damagedState.first != nil || pipeline.processLimit.first != nil
            }
            for (index, entry) in work.enumerated() {
                if stopped() || documents >= limit { break }
                let file = entry.file
                func take(_ scanned: SourceReader.Scanned) throws {
                    if stopped() || documents >= limit { throw StopFlag.Stopped() }
                    documents += 1
                    switch scanned {
                    case .raw(let raw):
                        let n = raw.byteCount
                        progress.read(bytes: n)
                        schedule.read(bytes: n)
                        emit(Flowing(flow: .raw(raw), cost: n + 256))
                    case .item(let item):
                        emit(Flowing(flow: .item(item.work), cost: item.cost))
                    case .skipped(let name):
                        pipeline.stats.recordSkipped(name)
                    }
                }
                var read = ReadIdentities()
                let storedSHA: String?
                do {
                    if mapSide {
                        storedSHA = try reader.scanFramed(file, take)
                    } else {
                        storedSHA = try reader.scan(file, identities: &read, folders: folders, take)
                    }
                } catch let limit as ProcessLimitError {
                    // Out of descriptors: the run stops here, and this file's end is not marked
                    // (the next run reads it).
                    pipeline.processLimit.note(limit)
                    break
                } catch {
                    storedSHA = nil
                }
                let due = checkpoints && schedule.takeIfDue()
                if due { beforeCheckpoint() }
                // Taken before the file's bytes were read (at its open, or by the plan before the
                // run): a file that grew or changed while it was read differs from it, and the
                // next run reads it again. One that could not be opened: `ofUnopened`.
                let identity: FileIdentity?
                // The clock before the identity was taken: one within a tick of it is marked.
                var takenAt = read.takenAt
                if !identitiesAtOpen {
                    identity = entry.identity
                    takenAt = identitiesTakenAt
                } else if let opened = read.opened {
                    identity = opened
                } else {
                    ReadSeam.shared.reach(.openFailed, file.path)
                    takenAt = FileIdentity.clockNow()
                    identity = FileIdentity.ofUnopened(file)
                }
                var mark = FileMark(fileIndex: index, path: file.path, identity: identity, checkpoint: due)
                mark.recheck = identity?.takenRacily(at: takenAt) ?? false
                mark.sha256 = storedSHA ?? ""
                mark.changedWhileRead = read.notice(file.path)
                emit(Flowing(flow: .fileEnd(mark), cost: 64))
            }
        }

        // The writer's side, in input order.
        let writer = OrderedWriter(sink: sink, progress: progress, stop: stop, writtenIDs: writtenIDs, keptIDs: keptIDs,
                                   processLimit: pipeline.processLimit)
        func consume(_ item: consuming Flowing, afterCheckpoint: () -> Void) { writer.consume(item, afterCheckpoint: afterCheckpoint) }

        // One core: every step of every item on this thread, in order.
        func runOnThisThread() {
            readAll({ (f: consuming Flowing) in
                for segment in segments {
                    for op in segment.ops { Runner.apply(op, to: &f, pipeline: pipeline, reader: reader) }
                }
                consume(f, afterCheckpoint: {})
            }, beforeCheckpoint: {})
        }

        do {
            // Items travel in batches (fewer hand-offs between threads), numbered in input order.
            // With one job the reader still runs on a thread of its own and reads ahead
            // (`ReadAhead`): a file's open, `fstat`, read and close overlap the steps of the
            // files before it, which this thread runs, every one in order.
            let readsAhead = jobs == 1
            let budget = readsAhead ? Budget(bytes: min(options.inFlightBytes, ReadAhead.bytes), items: ReadAhead.batches)
                                    : Budget(bytes: options.inFlightBytes, items: 4 * jobs + 4)
            let buffers = (0...(readsAhead ? 0 : segments.count)).map { _ in ReorderBuffer<[Flowing]>() }
            // A new checkpoint is only marked once the writer has journaled the previous one, so
            // persistent stages (two saved generations) are never two checkpoints ahead of it.
            let gate = CheckpointGate()
            let hasPersistentStages = pipeline.steps.contains { $0.stage is PersistentStage }
            // Made parked and released together: when the system cannot make one of them (a
            // pids.max or RLIMIT_NPROC limit), none has read anything and the run goes on this
            // thread alone, with the same records (it waited for ever for the missing thread).
            let threads = ThreadGroup()
            let (maxBatchItems, maxBatchCost) = readsAhead ? (ReadAhead.batchItems, ReadAhead.batchBytes) : (128, 512 << 10)
            threads.add("textmill-reader") {
                var seq = 0
                var batch: [Flowing] = []
                var batchCost = 0
                func flush() {
                    guard !batch.isEmpty else { return }
                    budget.acquire(batchCost)
                    buffers[0].put(seq, batch)
                    seq += 1
                    batch = []
                    batchCost = 0
                }
                readAll({ (item: consuming Flowing) in
                    batchCost += item.cost
                    batch.append(item)
                    if batchCost >= maxBatchCost || batch.count >= maxBatchItems { flush() }
                }, beforeCheckpoint: {
                    if hasPersistentStages {
                        flush()
                        gate.waitUntilClear()
                    }
                    gate.mark()
                })
                flush()
                buffers[0].close()
            }
            for (k, segment) in segments.enumerated() where !readsAhead {
                let workers = segment.parallel ? jobs : 1
                let remaining = WorkerCount(workers)
                for w in 0..<workers {
                    threads.add("textmill-step-\(k)-\(w)") {
                        while let (seq, batch) = buffers[k].takeNumbered() {
                            // Moved, not copied: the items in it are changed in place, stage by stage.
                            var out = consume batch
                            Runner.apply(segment.ops, to: &out, pipeline: pipeline, reader: reader)
                            buffers[k + 1].put(seq, out)
                        }
                        if remaining.done() { buffers[k + 1].close() }
                    }
                }
            }
            if !threads.start() {
                runOnThisThread()
            } else if readsAhead {
                while var batch = buffers[0].take() {
                    let cost = batch.reduce(0) { $0 + $1.cost }
                    // `stageMajorItems` items at a time through every step, stage by stage (the
                    // corpus stages' too: they take the items in order), then to the writer.
                    var start = 0
                    while start < batch.count {
                        let items = start..<min(start + Runner.stageMajorItems, batch.count)
                        for segment in segments {
                            Runner.apply(segment.ops, to: &batch, in: items, pipeline: pipeline, reader: reader)
                        }
                        for i in items {
                            // Moved out of the batch, not copied: the item's buffers stay unique.
                            var f = Flowing(flow: .moved, cost: 0)
                            swap(&f, &batch[i])
                            consume(f, afterCheckpoint: { gate.journaled() })
                        }
                        start = items.upperBound
                    }
                    budget.release(cost)
                }
                threads.join()
            } else {
                while let batch = buffers[segments.count].take() {
                    for item in batch { consume(item, afterCheckpoint: { gate.journaled() }) }
                    budget.release(batch.reduce(0) { $0 + $1.cost })
                }
                threads.join()
            }
        }
        progress.stop(givenUp: stopsOnDamagedState && pipeline.damagedState.first != nil)
        var totals = writer.totals
        totals.bytes = progress.bytesRead
        totals.keptIDs = writer.keptIDs
        totals.ids = writer.ids
        if stopsOnDamagedState, let damaged = pipeline.damagedState.first {
            sink.abandon()
            throw damaged
        }
        // A limit of the process (out of descriptors) stopped the reader or a stage: nothing
        // after the item that met it was written, and the run stops as on a write error.
        if let limit = pipeline.processLimit.first {
            sink.abandon()
            throw limit
        }
        if let writeError = writer.error {
            sink.abandon()
            throw writeError
        }
        return totals
    }

}

/// How far the reader of a `--jobs 1` run reads ahead of the steps: at most `batches` batches
/// in flight (the one the steps work on and the next), each closed at `batchItems` items (a
/// JSONL line, a file's document and its end: two items a file a story) or `batchBytes`, and
/// `bytes` of their costs, plus the batch the reader fills meanwhile. A file a story of ~1 KB:
/// 96 files, some 100 KB read ahead; a file larger than `bytes` waits until the steps have
/// taken every item before it, so at most two are held (the one worked on and the next).
enum ReadAhead {
    static let batches = 2
    static let batchItems = 64
    static let batchBytes = 256 << 10
    static let bytes = 1 << 20
}

/// The writer's side of a run: takes finished items in input order, keeps ids in the main
/// output unique, counts, and hands lines and file ends to the sink. The first write error
/// stops the reader; the items in flight drain without being written.
///
/// Its stored properties skip the run-time exclusivity checks: the writer lives on the thread
/// that runs `execute` and only that thread calls it.
final class OrderedWriter {
    private let sink: RecordSink
    private let progress: Progress
    private let stop: StopFlag
    /// The ids of the main output's records so far, but those kept from earlier runs.
    @exclusivity(unchecked) private(set) var ids = IDSet()
    /// The ids of the records kept from earlier runs (never changed here).
    let keptIDs: IDSet
    @exclusivity(unchecked) private var fileSHA = ""
    @exclusivity(unchecked) private(set) var totals = Runner.Totals()
    @exclusivity(unchecked) private(set) var error: Error?
    /// Set when the reader or a stage met a limit of the process (`ProcessLimitError`): the
    /// item that met it, and every one after it, is not written.
    private let processLimit: FirstNote<ProcessLimitError>?

    /// `writtenIDs`: the ids the output holds already in this run (a resumed run's part file).
    /// `keptIDs`: those of the records kept from earlier runs (`KeptIDs`).
    init(sink: RecordSink, progress: Progress, stop: StopFlag, writtenIDs: IDSet = IDSet(), keptIDs: IDSet = IDSet(),
         processLimit: FirstNote<ProcessLimitError>? = nil) {
        ids = writtenIDs
        self.keptIDs = keptIDs
        self.processLimit = processLimit
        self.sink = sink
        self.progress = progress
        self.stop = stop
    }

    /// Takes the item over: its record and file mark are moved out, not copied.
    func consume(_ item: consuming Flowing, afterCheckpoint: () -> Void) {
        // Noted before the item that met the limit was handed on: that item and the rest stop here.
        if error == nil, let limit = processLimit?.first {
            error = limit
            stop.set()
        }
        do {
            switch item.take() {
            case .encoded(var kind, var bytes, let sha, let written, let side):
                // Ids in the main output are unique: a later record under an id already
                // written goes to the errors file instead (dedup, when it ran, has already
                // sent exact copies to the duplicates file), as does one whose id dedup found
                // held by a record the output kept from an earlier run.
                if kind == .output, let written, written.heldByOutput || keptIDs.contains(written.id) || !ids.insert(written.id) {
                    kind = .errors
                    bytes = RecordEncoder.encode(written.reusedIDError)
                    totals.reusedIDs += 1
                }
                if kind == .output, written?.marked == true { totals.marked += 1 }
                totals.items += 1
                totals.counts[kind] += 1
                if let sha { fileSHA = sha }
                if error == nil {
                    try sink.write(kind, bytes)
                    if let side { try sink.writeSide(side) }
                }
                progress.documentDone(kind)
            case .fileEnd(var mark):
                if mark.sha256.isEmpty { mark.sha256 = fileSHA }
                fileSHA = ""
                // Signalled even when writing failed: the reader may be waiting on it.
                defer { if mark.checkpoint { afterCheckpoint() } }
                totals.files += 1
                if let notice = mark.changedWhileRead { totals.changedWhileRead.add(notice) }
                if error == nil { try sink.fileDone(mark) }
                progress.fileDone(size: mark.identity?.size ?? 0)
            case .raw, .item, .moved:
                // Every item is encoded before it reaches the writer.
                assertionFailure("an item reached the writer unencoded")
            }
        } catch {
            self.error = self.error ?? error
            stop.set()
        }
    }
}

/// A document's id on its way to the writer, to keep ids in the main output unique.
struct WrittenID: Sendable {
    var id: String
    var path: String
    /// The record's number in a multi-record file (a JSONL line): two records under one id
    /// are told apart by it in the errors file.
    var record: Int?
    /// True when a stage marked the document `filtered` and it stays in the output.
    var marked = false
    /// True when dedup found the id held by a record the output kept from an earlier run
    /// (`IDHeldByOutput`): the output has it already.
    var heldByOutput = false
    /// The number the record wrote its id as, when that spelling differs from the id's one
    /// spelling (`1.0` for the id "1", `JSONNumberText`); nil when they agree.
    var spelled: String?

    /// The errors-file entry of a record whose id the output already has. A number id written
    /// `1.0` is named with both spellings: "the id '1'" alone named a record that wrote no "1".
    var reusedIDError: ErrorRecord {
        let named = spelled.map { "the id \(MessageText.quoted(id)) (the record wrote it \($0))" } ?? "the id \(MessageText.quoted(id))"
        return ErrorRecord(id: id, path: path, stage: "write",
                    reason: "\(named) is already used by an earlier record of this run's output; ids in an output are unique, so this record is not written: give each record its own id (dedup, when it runs, sends exact copies to the duplicates file instead)", record: record)
    }

    /// The number `document` wrote its id as (kept under `input.id` by `JSONLReader`) when it
    /// is another spelling of the id, or nil. Looked up only for a document with input fields.
    static func spelling(of document: Document) -> String? {
        guard !document.extra.isEmpty, case .number(let text)? = document.extra[InputFields.key]?.objectValue?["id"],
              text != document.id, JSONNumberText.canonical(text) == document.id else { return nil }
        return text
    }
}

/// The ids written so far, as two independent 64-bit hashes each (16 bytes an id, whatever its
/// length; a false match needs a 128-bit collision), in an open-addressing table (linear
/// probing, 37–75% full, as full as a `Set` of the pairs would be, without hashing them again).
struct IDSet {
    /// Pairs (a, b) at 2i, 2i + 1; (0, 0) is an empty slot.
    private var slots: [UInt64] = []
    private(set) var count = 0

    /// Adds `id`; false when it was there already.
    mutating func insert(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { insert(utf8: $0) }
    }

    /// Adds the id whose UTF-8 bytes are `utf8`; false when it was there already.
    mutating func insert(utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let (a, b) = IDSet.hashes(utf8)
        return insert(pair: a, b)
    }

    /// An empty set with room for `capacity` ids before it grows.
    init(capacity: Int = 0) {
        guard capacity > 0 else { return }
        var slotCount = 64
        while (capacity + 1) * 4 > slotCount * 3 { slotCount *= 2 }
        slots = [UInt64](repeating: 0, count: slotCount * 2)
    }

    /// Adds an id by its two hashes (`hashes`, as `forEachPair` gives them); false when it was there.
    mutating func insert(pair a: UInt64, _ b: UInt64) -> Bool {
        var a = a
        if a == 0 && b == 0 { a = 1 }
        if (count + 1) * 4 > slots.count / 2 * 3 { grow() }
        let inserted = Self.insert(a, b, into: &slots)
        if inserted { count += 1 }
        return inserted
    }

    /// Calls `body` with the two hashes of each id, in no order.
    func forEachPair(_ body: (UInt64, UInt64) -> Void) {
        slots.withUnsafeBufferPointer { t in
            for i in stride(from: 0, to: t.count, by: 2) where t[i] != 0 || t[i + 1] != 0 { body(t[i], t[i + 1]) }
        }
    }

    /// Takes out the id whose UTF-8 bytes are `utf8`; false when it was not there. The pairs
    /// after it in its probe run move back (no tombstones), so `contains` stays exact.
    mutating func remove(utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count > 0 else { return false }
        var (a, b) = IDSet.hashes(utf8)
        if a == 0 && b == 0 { a = 1 }
        let removed = slots.withUnsafeMutableBufferPointer { t -> Bool in
            let mask = t.count / 2 - 1
            var i = Self.firstSlot(a, mask: mask)
            while t[2 * i] != a || t[2 * i + 1] != b {
                if t[2 * i] == 0 && t[2 * i + 1] == 0 { return false }
                i = (i + 1) & mask
            }
            t[2 * i] = 0
            t[2 * i + 1] = 0
            var j = i
            while true {
                j = (j + 1) & mask
                if t[2 * j] == 0 && t[2 * j + 1] == 0 { return true }
                let home = Self.firstSlot(t[2 * j], mask: mask)
                // The pair at j stays when its home lies cyclically in (i, j]: its probe does not cross the hole.
                let stays = i <= j ? (i < home && home <= j) : (i < home || home <= j)
                if stays { continue }
                t[2 * i] = t[2 * j]
                t[2 * i + 1] = t[2 * j + 1]
                t[2 * j] = 0
                t[2 * j + 1] = 0
                i = j
            }
        }
        if removed { count -= 1 }
        return removed
    }

    /// True when `id` was added.
    func contains(_ id: String) -> Bool {
        guard count > 0 else { return false }
        var id = id
        var (a, b) = id.withUTF8 { IDSet.hashes($0) }
        if a == 0 && b == 0 { a = 1 }
        return slots.withUnsafeBufferPointer { t in
            let mask = t.count / 2 - 1
            var i = Self.firstSlot(a, mask: mask)
            while t[2 * i] != 0 || t[2 * i + 1] != 0 {
                if t[2 * i] == a && t[2 * i + 1] == b { return true }
                i = (i + 1) & mask
            }
            return false
        }
    }

    /// Where the probe for a pair whose first hash is `a` starts.
    @inline(__always)
    private static func firstSlot(_ a: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: ((a ^ (a >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Two independent 64-bit hashes of an id's bytes, taken eight bytes at a time (the last
    /// word padded with zeros and the length mixed in, so ids that differ only by trailing
    /// zero bytes still differ).
    static func hashes(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        @inline(__always) func mix(_ w: UInt64) {
            a = (a ^ w) &* 0xff51_afd7_ed55_8ccd
            a ^= a >> 32
            b = (b &+ w &+ 1) &* 0x9E37_79B9_7F4A_7C15
            b ^= b >> 29
        }
        let n = bytes.count
        var i = 0
        if let base = bytes.baseAddress {
            while i + 8 <= n {
                mix(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
                i += 8
            }
        }
        var last: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            last |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        mix(last)
        mix(UInt64(n))
        return (a, b)
    }

    /// Puts (a, b) into `table` unless it is there; false when it was.
    private static func insert(_ a: UInt64, _ b: UInt64, into table: inout [UInt64]) -> Bool {
        table.withUnsafeMutableBufferPointer { t in
            let mask = t.count / 2 - 1
            var i = firstSlot(a, mask: mask)
            while t[2 * i] != 0 || t[2 * i + 1] != 0 {
                if t[2 * i] == a && t[2 * i + 1] == b { return false }
                i = (i + 1) & mask
            }
            t[2 * i] = a
            t[2 * i + 1] = b
            return true
        }
    }

    /// Doubles the table (64 slots at first) and puts every pair back.
    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: max(128, old.count * 2))
        for i in stride(from: 0, to: old.count, by: 2) where old[i] != 0 || old[i + 1] != 0 {
            _ = Self.insert(old[i], old[i + 1], into: &slots)
        }
    }
}

