import Foundation

/// Where the writer puts encoded records. A sink is written to in input order, then either
/// committed (its records become the outputs) or abandoned (the previous outputs stay as they
/// were). Three kinds: `DirectSink` (runs without state), `PartSink` (runs with state, which can
/// resume) and `StdoutSink` (the map side of a distributed job).
protocol RecordSink: AnyObject {
    func write(_ kind: OutputKind, _ line: [UInt8]) throws
    /// Bytes for the map side's values file that go with the line written last (`MapSideFraming`).
    func writeSide(_ bytes: [UInt8]) throws
    /// All records of a file are written; `mark.checkpoint` asks to make everything so far durable.
    func fileDone(_ mark: FileMark) throws
    /// Makes the records written the outputs. Returns how many records each output now holds.
    func commit() throws -> OutputTotals
    /// Gives up: the outputs stay as they were before the run.
    func abandon()
    /// The ids of the main output's records once the writer is done, for the commit to keep
    /// (`IDFile`): only a sink with state keeps them.
    func keep(ids: [IDSet])
}

extension RecordSink {
    /// Only the map side's sink has a values file.
    func writeSide(_ bytes: [UInt8]) throws {}

    func keep(ids: [IDSet]) {}
}

/// The end of one input file, as it travels behind the file's records.
struct FileMark: Sendable {
    var fileIndex: Int
    var path: String
    var identity: FileIdentity?
    /// True when the writer should make a checkpoint after this file.
    var checkpoint: Bool
    /// Set when a persistent stage could not save its state here: the journal skips this
    /// checkpoint, so it never records files whose stage state was not saved.
    var stateUnsaved = false
    /// Tokens of persistent corpus stages taken at this file boundary (stage index → token).
    var tokens = JSONObject()
    /// The file's SHA-256 when a decoder computed it.
    var sha256 = ""
    /// Why the file changed while it was read (`ReadIdentities.notice`), or nil.
    var changedWhileRead: String?
    /// True when `identity` was taken racily (`FileIdentity.takenRacily`): the manifest marks
    /// the file's entry (`FileEntry.recheck`).
    var recheck = false
}

/// Writes records directly to the outputs, each replaced atomically at the commit. A side file
/// whose path is "-" (a run to stdout keeps none: `OutputFiles.errors`) is no file: each failure
/// is shown on stderr as it comes (`showFailure`, given the errors-file record), and the
/// duplicates and documents a stage filtered are counted, not kept.
final class DirectSink: RecordSink {
    private let paths: PerOutput<String>
    private var files: PerOutput<OutputFile?>
    private var counts = PerOutput<Int>.zero
    private let showFailure: ([UInt8]) -> Void

    init(paths: PerOutput<String>, showFailure: @escaping ([UInt8]) -> Void = DirectSink.failureOnStderr(progress: false)) throws {
        self.paths = paths
        self.showFailure = showFailure
        // Beside stdout, a side file a library caller names (`RunOptions.errorsPath`) is made
        // when something goes into it: a filter run leaves no empty files behind.
        let lazy = paths.output == "-"
        files = try PerOutput(each: { k in (lazy && k != .output) ? nil : try OutputFile(path: paths[k]) })
    }

    func write(_ kind: OutputKind, _ line: [UInt8]) throws {
        if paths[kind] != "-" || kind == .output {
            if files[kind] == nil { files[kind] = try OutputFile(path: paths[kind]) }
            try files[kind]!.write(line: line)
        } else if kind == .errors {
            showFailure(line)
        }
        counts[kind] += 1
    }

    /// Shows an errors-file record (a line) on stderr: "textmill: failed: RECORD". With the
    /// progress line drawn, the line it stands on is cleared first (the next draw puts it back).
    static func failureOnStderr(progress: Bool) -> ([UInt8]) -> Void {
        { line in
            var text = Array((progress ? "\r\u{1B}[K" : "").utf8) + Array("textmill: failed: ".utf8) + line
            if text.last != UInt8(ascii: "\n") { text.append(UInt8(ascii: "\n")) }
            StandardStreams.writeError(String(decoding: text, as: UTF8.self))
        }
    }

    func fileDone(_ mark: FileMark) throws {}

    /// Makes every file durable first, then puts them in place: a write that fails (a full
    /// disk) leaves all the previous files as they were.
    func commit() throws -> OutputTotals {
        do {
            for f in files.values { try f?.prepare() }
        } catch {
            abandon()
            throw error
        }
        for f in files.values { try f?.publish() }
        return OutputTotals(counts)
    }

    func abandon() {
        for f in files.values { f?.abandon() }
    }
}

/// Appends records to the part files in the state folder, remembers which byte ranges each input
/// file filled, and writes journal checkpoints so a killed run can resume. With a `.gz` output,
/// each input file's records become one gzip member, so ranges can be copied as they are. The
/// commit turns the parts and the plan's kept records into the outputs (`OutputCommit`).
///
/// Its stored properties skip the run-time exclusivity checks: only the writer (one thread)
/// writes to a sink, and the commit comes after the writer is done.
final class PartSink: RecordSink {
    /// What the commit needs besides the parts: the plan, and the manifest's other fields.
    struct CommitInfo {
        var plan: RunPlan
        var fingerprint: ConfigFingerprint
        /// The final tokens of persistent stages, asked for at the commit.
        var finalTokens: () throws -> JSONObject
    }

    let store: StateStore
    private let info: CommitInfo
    @exclusivity(unchecked) private var fds: PerOutput<Int32> = PerOutput(repeating: -1)
    @exclusivity(unchecked) private var sizes: PerOutput<Int>
    @exclusivity(unchecked) private var buffers: PerOutput<[UInt8]> = PerOutput(repeating: [])
    /// How far into each part the kernel has been asked to write to the disk (`startWriteback`);
    /// nil once the system refused the hint.
    @exclusivity(unchecked) private var writtenBack: PerOutput<Int>?
    /// Each part's data committed to the disk every few megabytes while it is written, so the
    /// syncs of a checkpoint and of the commit wait for the last few only.
    @exclusivity(unchecked) private var background: PerOutput<BackgroundSync?> = PerOutput(repeating: nil)
    private let gzipOutput: Bool
    @exclusivity(unchecked) private var gzip: GzipWriter?
    /// Start of the current file's records in each part.
    @exclusivity(unchecked) private var starts: PerOutput<Int>
    /// The current file's records in each output.
    @exclusivity(unchecked) private var counts = PerOutput<Int>.zero
    /// The hash of the current file's bytes in each output (`FileEntry.hashes`), as written.
    @exclusivity(unchecked) private var hashes = PerOutput(repeating: RangeHash())
    /// All files done (a resumed run's first), in order; those from `journaled` on are not in
    /// the journal yet. One list: the journal's share is its tail, not a second copy of each
    /// entry (a file a story made both lists grow by doubling, each growth a copy into fresh
    /// pages: with 20,367 files about 120 of a run's 5,000 profile samples).
    @exclusivity(unchecked) private(set) var produced: [FileEntry]
    @exclusivity(unchecked) private var journaled: Int
    @exclusivity(unchecked) private(set) var lastTokens: JSONObject
    /// The output's ids the commit writes to the id file (`keep(ids:)`).
    @exclusivity(unchecked) private var ids: [IDSet]?

    /// Opens the part files: fresh, or cut back to the journal's last checkpoint when resuming.
    init(store: StateStore, info: CommitInfo, gzipOutput: Bool) throws {
        self.store = store
        self.info = info
        self.gzipOutput = gzipOutput
        let resume = info.plan.resume
        sizes = resume?.partSizes ?? .zero
        produced = resume?.files ?? []
        journaled = produced.count
        // Every file the plan processes gets an entry: one allocation, not a doubling per power of two.
        produced.reserveCapacity(produced.count + info.plan.toProcess.count)
        lastTokens = resume?.stages ?? JSONObject()
        starts = sizes
        writtenBack = sizes
        for k in OutputKind.allCases {
            let path = store.partPath(k)
            let fd = try CheckedIO.open(path, O_WRONLY | O_CREAT | (resume == nil ? O_TRUNC : 0))
            fds[k] = fd
            try CheckedIO.ftruncate(fd, to: sizes[k], path: path)
            try CheckedIO.seek(fd, to: sizes[k], path: path)
            background[k] = BackgroundSync(fd: fd, path: path, length: sizes[k])
        }
    }

    deinit {
        // A background sync still running uses its part's descriptor.
        for b in background.values { _ = b?.finish() }
        for fd in fds.values where fd >= 0 { close(fd) }
    }

    func write(_ kind: OutputKind, _ line: [UInt8]) throws {
        counts[kind] += 1
        if kind == .output && gzipOutput {
            if gzip == nil { gzip = GzipWriter(level: 4) }
            try append(kind, gzip!.compress(line))
        } else {
            try append(kind, line)
        }
        if buffers[kind].count >= Self.flushBytes { try flush(kind) }
    }

    /// Buffered bytes of an output are written once they reach this size; a record this large
    /// or larger is written on its own, not copied into the buffer.
    static let flushBytes = 1 << 20

    private func append(_ kind: OutputKind, _ bytes: [UInt8]) throws {
        hashes[kind].update(bytes)
        if bytes.count >= Self.flushBytes {
            // After what is buffered, in its place in the part: copied into the buffer, a large
            // record would be held twice, and the buffer would keep its size for the whole run.
            try flush(kind)
            try CheckedIO.write(fds[kind], bytes, path: store.partPath(kind))
            sizes[kind] += bytes.count
            startWriteback(kind)
        } else {
            // What is buffered is written first when this record would take the buffer past its
            // megabyte, so it keeps that capacity (a flush after the record that crossed it let
            // the capacity double to 2 MB; its untouched half cost no page faults, measured).
            if buffers[kind].count + bytes.count > Self.flushBytes { try flush(kind) }
            buffers[kind].append(contentsOf: bytes)
            sizes[kind] += bytes.count
        }
    }

    private func flush(_ kind: OutputKind) throws {
        guard !buffers[kind].isEmpty else { return }
        try CheckedIO.write(fds[kind], buffers[kind], path: store.partPath(kind))
        buffers[kind].removeAll(keepingCapacity: true)
        startWriteback(kind)
        KillPoint.reach("parts-flushed")
    }

    /// Has the kernel start writing what was written to a part since the last call (the buffer
    /// is empty here: the part's size is its end), so the fsync of the next checkpoint or of
    /// the commit, which the run waits for, finds most of it on the disk already. A hint: when
    /// the system refuses it, it is not asked again; durability comes from the fsync.
    private func startWriteback(_ kind: OutputKind) {
        background[kind]?.wrote(upTo: sizes[kind])
        guard var done = writtenBack, sizes[kind] > done[kind] else { return }
        if CheckedIO.startWriteback(fds[kind], from: done[kind], length: sizes[kind] - done[kind]) {
            done[kind] = sizes[kind]
            writtenBack = done
        } else {
            writtenBack = nil
        }
    }

    func fileDone(_ mark: FileMark) throws {
        if let g = gzip {
            try append(.output, g.finish())
            gzip = nil
        }
        let ranges = PerOutput(each: { ByteRange(offset: starts[$0], length: sizes[$0] - starts[$0]) })
        var entry = FileEntry(path: mark.path, size: mark.identity?.size ?? -1, mtime: mark.identity?.mtime ?? -1,
                              ctime: mark.identity?.ctime, sha256: mark.sha256, records: counts.output, ranges: ranges, counts: counts,
                              hashes: hashes.map(\.value))
        entry.recheck = mark.recheck
        produced.append(entry)
        starts = sizes
        counts = .zero
        hashes = PerOutput(repeating: RangeHash())
        if mark.checkpoint && !mark.stateUnsaved { try checkpoint(tokens: mark.tokens) }
    }

    /// Writes what is buffered and makes the parts durable.
    private func flushAll() throws {
        try startSyncingParts().wait()
        try finishBackgroundSyncs()
    }

    /// Waits for the parts' background syncs under way; throws the failure of one that failed
    /// (it may have taken the kernel's only report of a lost write from the part's own sync).
    private func finishBackgroundSyncs() throws {
        for k in OutputKind.allCases {
            let code = background[k]?.finish() ?? 0
            if code != 0 { throw WriteError(path: store.partPath(k), action: "sync", code: code) }
        }
    }

    /// Writes what is buffered and starts syncing the four parts at once (`CheckedIO.startSync`):
    /// one journal commit rather than four in a row.
    private func startSyncingParts() throws -> PendingSync {
        for k in OutputKind.allCases { try flush(k) }
        return CheckedIO.startSync(OutputKind.allCases.map { (fd: fds[$0], path: store.partPath($0)) })
    }

    /// Makes the parts durable and records the files done so far in the journal.
    private func checkpoint(tokens: JSONObject) throws {
        try flushAll()
        var merged = lastTokens
        for (k, v) in tokens { merged[k] = v }
        lastTokens = merged
        try store.journal.append(files: produced[journaled...], partSizes: sizes, stages: merged)
        journaled = produced.count
    }

    /// Makes the parts durable, then commits them with the plan's kept records and a new manifest.
    func commit() throws -> OutputTotals {
        // A `.gz` output that would hold no record is one empty gzip member, which no file's
        // range holds (`StateStore.emptyOutputBytes`): 0 bytes are no gzip data, and `gzip -t`
        // and `zcat` refused the output of a run that wrote no record (session 36).
        if gzipOutput && sizes.output == 0 && info.plan.kept.allSatisfy({ $0.ranges.output.length == 0 }) {
            try append(.output, GzipWriter.emptyMember)
        }
        // The parts are synced while the persistent stages save their state (dedup: its records
        // and index, synced too): both are durable before the commit below, neither needs the
        // other, and at the end of a run the run waits for each.
        let parts = try startSyncingParts()
        let final: JSONObject
        do {
            final = try info.finalTokens()
        } catch {
            // The state's error is the one to report; the parts' syncs are only waited for.
            _ = try? parts.wait()
            throw error
        }
        try parts.wait()
        try finishBackgroundSyncs()
        var tokens = lastTokens
        for (k, v) in final { tokens[k] = v }
        let manifest = Manifest(tool: TextMillVersion.identity, config: info.fingerprint.hash, generation: info.plan.generation + 1,
                                sizes: .zero, files: [], stages: tokens)
        // The ids of the records the new manifest holds, durable before it (`IDFile`): a kill
        // between the two leaves the last run's id file beside the last run's manifest.
        let generation = info.plan.generation + 1
        if let ids {
            let path = store.idsPath(generation: generation)
            if let tail = info.plan.idFileTail, let new = ids.last {
                // No kept id went away: the new records' ids only, appended.
                try IDFile.append(new, generation: generation, to: tail, path: path)
            } else {
                try IDFile.write(ids, generation: generation, to: path)
            }
        }
        let committed = try OutputCommit(store: store).commit(kept: info.plan.kept, produced: produced, manifest: manifest)
        // Earlier runs' (the last one's, one a commit killed before this point left), which no
        // manifest goes with any more.
        store.removeStaleIDFiles(keeping: generation)
        // Only to say what changed next time: a stale copy costs a vaguer message, nothing else.
        try? DurableFile.write(Array((info.fingerprint.json.jsonText + "\n").utf8), to: store.configPath)
        return OutputTotals(committed.files)
    }

    /// The parts and the journal stay: the next run resumes from the last checkpoint.
    func abandon() {}

    func keep(ids: [IDSet]) { self.ids = ids }
}
