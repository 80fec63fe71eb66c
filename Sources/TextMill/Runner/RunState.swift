import Foundation

/// The version written into manifests: a new version reprocesses everything.
public enum TextMillVersion {
    public static let string = "0.1.0"
}

/// A byte range inside one of the three outputs.
struct ByteRange: Sendable, Equatable {
    var offset: Int
    var length: Int

    init(offset: Int, length: Int) {
        self.offset = offset
        self.length = length
    }

    init?(_ v: JSONValue?) {
        guard let a = v?.arrayValue, a.count == 2, let o = a[0].intValue, let l = a[1].intValue else { return nil }
        offset = o
        length = l
    }
}

/// The three files a run writes, in a fixed order.
enum OutputKind: Int, CaseIterable, Sendable {
    case output = 0, errors, duplicates
    var key: String { ["output", "errors", "duplicates"][rawValue] }
}

/// One input file and where its records are: identity (size, mtime, hash) and, for each output,
/// the byte range its records fill (records of a file are always contiguous).
struct FileEntry: Sendable {
    var path: String
    var size: Int
    var mtime: Int
    var sha256: String
    var records: Int
    var ranges: [ByteRange]
    /// Records of the file in each output (`OutputKind` order); nil in entries written before
    /// TextMill counted them.
    var counts: [Int]?

    /// Writes the entry as a JSON object (what `init?(_:)` reads).
    func write(into w: inout JSONWriter) {
        w.raw("{\"path\":")
        w.string(path)
        w.raw(",\"size\":")
        w.int(size)
        w.raw(",\"mtime\":")
        w.int(mtime)
        w.raw(",\"sha256\":")
        w.string(sha256)
        w.raw(",\"records\":")
        w.int(records)
        if let counts {
            w.raw(",\"counts\":[")
            for (k, c) in counts.enumerated() {
                if k > 0 { w.byte(UInt8(ascii: ",")) }
                w.int(c)
            }
            w.byte(UInt8(ascii: "]"))
        }
        w.raw(",\"ranges\":[")
        for (k, r) in ranges.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.byte(UInt8(ascii: "["))
            w.int(r.offset)
            w.byte(UInt8(ascii: ","))
            w.int(r.length)
            w.byte(UInt8(ascii: "]"))
        }
        w.raw("]}")
    }

    init(path: String, size: Int, mtime: Int, sha256: String, records: Int, ranges: [ByteRange], counts: [Int]? = nil) {
        self.counts = counts
        self.path = path
        self.size = size
        self.mtime = mtime
        self.sha256 = sha256
        self.records = records
        self.ranges = ranges
    }

    init?(_ v: JSONValue) {
        guard let o = v.objectValue, let path = o["path"]?.stringValue, let size = o["size"]?.intValue,
              let mtime = o["mtime"]?.intValue, let sha = o["sha256"]?.stringValue,
              let ranges = o["ranges"]?.arrayValue?.compactMap({ ByteRange($0) }), ranges.count == 3 else { return nil }
        let counts = o["counts"]?.arrayValue?.compactMap(\.intValue)
        self.init(path: path, size: size, mtime: mtime, sha256: sha, records: o["records"]?.intValue ?? 0, ranges: ranges,
                  counts: counts?.count == 3 ? counts : nil)
    }
}

/// What the last committed run left: which files made which records, and the saved state of
/// corpus stages, so the next run can process only what changed.
struct Manifest: Sendable {
    var tool: String
    var config: String
    var generation: Int
    var sizes: [Int]
    var files: [FileEntry]
    /// Tokens of persistent stages, keyed by the stage's position in the config.
    var stages: JSONObject

    /// The manifest file: one JSON document whose `files` array holds one file a line, so that it
    /// is written and read a file at a time (a JSON tree of a million entries would take
    /// gigabytes). Ends with a newline.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        write { out += $0 }
        return out
    }

    /// Hands the bytes of `bytes` to `emit` in pieces of about a megabyte.
    func write(_ emit: ([UInt8]) throws -> Void) rethrows {
        var w = JSONWriter(capacity: 1 << 20)
        w.raw("{\"format\":2,\"tool\":")
        w.string(tool)
        w.raw(",\"config\":")
        w.string(config)
        w.raw(",\"generation\":")
        w.int(generation)
        w.raw(",\"sizes\":")
        w.value(.array(sizes.map { JSONValue($0) }))
        w.raw(",\"stages\":")
        w.object(stages)
        w.raw(",\"files\":[\n")
        for (k, file) in files.enumerated() {
            file.write(into: &w)
            if k + 1 < files.count { w.byte(UInt8(ascii: ",")) }
            w.byte(0x0A)
            if w.bytes.count >= 1 << 20 {
                try emit(w.bytes)
                w.bytes.removeAll(keepingCapacity: true)
            }
        }
        w.raw("]}\n")
        try emit(w.bytes)
    }

    /// Reads `bytes` (as `bytes` writes them: a header line, then a file a line): the header is
    /// parsed with an empty `files` array, then each file line on its own.
    init?(bytes: [UInt8]) {
        guard let firstEnd = bytes.firstIndex(of: 0x0A),
              let header = try? JSONParser.parse(Array(bytes[..<firstEnd]) + Array("]}".utf8)),
              var manifest = Manifest(header) else {
            // The first format: one line.
            guard let value = try? JSONParser.parse(bytes) else { return nil }
            self.init(value)
            return
        }
        var start = firstEnd + 1
        var files: [FileEntry] = []
        while let end = bytes[start...].firstIndex(of: 0x0A) {
            var last = end
            if last > start && bytes[last - 1] == UInt8(ascii: ",") { last -= 1 }
            if bytes[start..<last].elementsEqual("]}".utf8) { break }
            guard let value = bytes.withUnsafeBufferPointer({ try? JSONParser.parse(UnsafeBufferPointer(rebasing: $0[start..<last])) }),
                  let entry = FileEntry(value) else { return nil }
            files.append(entry)
            start = end + 1
        }
        manifest.files = files
        self = manifest
    }

    init(tool: String, config: String, generation: Int, sizes: [Int], files: [FileEntry], stages: JSONObject) {
        self.tool = tool
        self.config = config
        self.generation = generation
        self.sizes = sizes
        self.files = files
        self.stages = stages
    }

    init?(_ v: JSONValue) {
        guard let o = v.objectValue, let tool = o["tool"]?.stringValue, let config = o["config"]?.stringValue,
              let files = o["files"]?.arrayValue, let sizes = o["sizes"]?.arrayValue?.compactMap(\.intValue), sizes.count == 3 else { return nil }
        self.init(tool: tool, config: config, generation: o["generation"]?.intValue ?? 0, sizes: sizes,
                  files: files.compactMap(FileEntry.init), stages: o["stages"]?.objectValue ?? JSONObject())
    }
}

/// The journal of an unfinished run: a header, then one line per checkpoint. A run killed at any
/// moment is resumed from its last complete line.
struct Journal: Sendable {
    /// One checkpoint line: the files finished since the one before, and the state after them.
    struct Checkpoint: Sendable {
        var files: [FileEntry]
        /// Lengths of the three part files.
        var partSizes: [Int]
        /// Stage tokens (all of them, not only those that changed).
        var stages: JSONObject
        /// Bytes of the journal up to the end of this line.
        var length: Int
    }

    /// The config hash the run started with; a different config discards the journal.
    var config: String
    /// True when the run was reprocessing everything.
    var full: Bool
    /// Every complete checkpoint, oldest first.
    var checkpoints: [Checkpoint] = []
    /// Bytes of the header line.
    var headerLength = 0

    /// Files finished before the last checkpoint, with their ranges in the part files.
    var files: [FileEntry] { checkpoints.flatMap(\.files) }
    /// Lengths of the three part files at the last checkpoint.
    var partSizes: [Int] { checkpoints.last?.partSizes ?? [0, 0, 0] }
    /// Stage tokens at the last checkpoint.
    var stages: JSONObject { checkpoints.last?.stages ?? JSONObject() }
    /// Bytes of the journal up to the end of its last complete line: a resumed run cuts the rest
    /// (a torn line) off before appending, so its own checkpoints start on a line of their own.
    var length: Int { checkpoints.last?.length ?? headerLength }

    /// Drops the first checkpoint holding a file that fails `stillValid`, and every one after it
    /// (their part bytes and stage tokens build on it).
    mutating func keepCheckpoints(while stillValid: (FileEntry) -> Bool) {
        if let bad = checkpoints.firstIndex(where: { !$0.files.allSatisfy(stillValid) }) {
            checkpoints.removeSubrange(bad...)
        }
    }
}

/// A problem with the run's state that stops it before anything is read.
public struct StateError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The folder beside the output where a run keeps its manifest, journal and part files:
/// `output/.corpus.textmill/` for `output/corpus.jsonl` (see `OutputFiles`).
final class StateStore: @unchecked Sendable {
    let outputs: [String]
    let dir: String
    private var lockFD: Int32 = -1

    init(output: String, errors: String, duplicates: String, stateDirectory: String? = nil) {
        outputs = [output, errors, duplicates]
        dir = stateDirectory ?? OutputFiles(output: output).stateDirectory
    }

    var manifestPath: String { dir + "/manifest.json" }
    /// The config's fingerprint at the last commit (`ConfigFingerprint`), to say what changed.
    var configPath: String { dir + "/config.json" }
    var pendingPath: String { dir + "/manifest.pending.json" }
    var journalPath: String { dir + "/journal.jsonl" }
    func partPath(_ k: OutputKind) -> String { dir + "/part." + k.key }
    func nextPath(_ k: OutputKind) -> String { dir + "/next." + k.key }
    /// The plan of a commit that appends to the outputs in place: the bytes of each to keep and
    /// its size once the part is appended.
    var appendPath: String { dir + "/append.json" }

    /// Creates the folder and takes the lock; a second run on the same output is refused.
    func open() throws {
        try CheckedIO.createDirectory(dir)
        // The folder belongs to one output: another output with the same NAME is refused.
        let owned = OutputFiles(output: outputs[0])
        let fileName = (outputs[0] as NSString).lastPathComponent
        if let owner = OutputFiles.owner(ofStateDirectory: dir), owner != fileName {
            throw StateError(message: "the output '\(outputs[0])' would share its side files and state folder '\(dir)' with '\(owner)' in the same folder; give it another name")
        }
        if OutputFiles.owner(ofStateDirectory: dir) == nil {
            try StateStore.writeDurably(Array((fileName + "\n").utf8), to: owned.ownerFile)
        }
        let path = dir + "/lock"
        lockFD = try CheckedIO.open(path, O_RDWR | O_CREAT)
        if flock(lockFD, LOCK_EX | LOCK_NB) != 0 {
            let other = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            Foundation.close(lockFD)
            lockFD = -1
            throw StateError(message: "another textmill run (pid \(other)) is writing \(outputs[0]); wait for it to finish, or write elsewhere with --output")
        }
        try CheckedIO.ftruncate(lockFD, to: 0, path: path)
        try CheckedIO.pwrite(lockFD, Array("\(getpid())\n".utf8), at: 0, path: path)
    }

    /// Releases the lock.
    func close() {
        if lockFD >= 0 {
            flock(lockFD, LOCK_UN)
            Foundation.close(lockFD)
            lockFD = -1
        }
    }

    deinit { close() }

    static func readJSON(_ path: String) -> JSONValue? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONParser.parse([UInt8](data))
    }

    static func writeDurably(_ bytes: [UInt8], to path: String) throws {
        try writeDurably(to: path) { write in try write(bytes) }
    }

    /// Writes a file through a temporary one, synced and renamed into place, from the pieces
    /// `body` hands to the function it is given. On failure the temporary file is removed and
    /// `path` stays as it was.
    static func writeDurably(to path: String, _ body: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        let tmp = path + ".tmp"
        let fd = try CheckedIO.open(tmp, O_WRONLY | O_CREAT | O_TRUNC)
        do {
            do {
                try body { try CheckedIO.write(fd, $0, path: tmp) }
                try CheckedIO.fsync(fd, path: tmp)
            } catch {
                Foundation.close(fd)
                throw error
            }
            try CheckedIO.close(fd, path: tmp)
            try CheckedIO.rename(tmp, to: path)
        } catch {
            unlink(tmp)
            throw error
        }
        try CheckedIO.syncDirectory(of: path)
    }

    func loadManifest() -> Manifest? {
        guard let data = FileManager.default.contents(atPath: manifestPath) else { return nil }
        return Manifest(bytes: [UInt8](data))
    }

    /// Finishes a commit that a killed run had made durable but not yet put in place.
    func rollForward() throws {
        guard FileManager.default.fileExists(atPath: pendingPath) else {
            unlink(appendPath) // a plan whose manifest never became durable: nothing was touched
            return
        }
        if let plan = StateStore.readJSON(appendPath)?.objectValue { try appendParts(plan) }
        for k in OutputKind.allCases where FileManager.default.fileExists(atPath: nextPath(k)) {
            try CheckedIO.rename(nextPath(k), to: outputs[k.rawValue])
            KillPoint.reach("rollforward-first-rename")
        }
        try CheckedIO.syncDirectory(of: outputs[0])
        KillPoint.reach("rollforward-before-manifest")
        // The journal goes first: once the new manifest is in place, a journal left beside it
        // would be resumed by the next run, which would add its files' records a second time.
        try discardJournal()
        try CheckedIO.rename(pendingPath, to: manifestPath)
        try CheckedIO.syncDirectory(of: manifestPath)
        KillPoint.reach("rollforward-after-manifest")
        unlink(appendPath)
    }

    /// Cuts each output to the bytes the plan keeps and appends its part file, durably. After a
    /// kill it does the same again; once the parts are gone (the journal and parts are discarded
    /// only after every append was synced) the outputs are already complete. When an append
    /// fails (a full disk), every output is cut back to its kept bytes before the error is
    /// thrown, so no torn record stays visible; the pending commit stays for the next run.
    private func appendParts(_ plan: JSONObject) throws {
        guard let keep = plan["keep"]?.arrayValue?.compactMap(\.intValue), keep.count == 3,
              let sizes = plan["sizes"]?.arrayValue?.compactMap(\.intValue), sizes.count == 3 else {
            throw StateError(message: "the commit plan '\(appendPath)' is damaged; run again with --force")
        }
        var touched: [OutputKind] = []
        do {
            for k in OutputKind.allCases {
                let path = outputs[k.rawValue]
                let part = Foundation.open(partPath(k), O_RDONLY | O_CLOEXEC)
                guard part >= 0 else {
                    guard (FileIdentity.of(path)?.size ?? 0) == sizes[k.rawValue] else {
                        throw StateError(message: "cannot finish the last commit: '\(partPath(k))' is gone and '\(path)' is incomplete; run again with --force")
                    }
                    continue
                }
                defer { Foundation.close(part) }
                let out = try CheckedIO.open(path, O_WRONLY | O_CREAT)
                touched.append(k)
                do {
                    let length = try CheckedIO.size(part, path: partPath(k))
                    try CheckedIO.ftruncate(out, to: keep[k.rawValue], path: path)
                    try CheckedIO.seek(out, to: keep[k.rawValue], path: path)
                    try CheckedIO.copy(from: part, offset: 0, length: length, to: out, path: path)
                    try CheckedIO.fsync(out, path: path)
                } catch {
                    Foundation.close(out)
                    throw error
                }
                try CheckedIO.close(out, path: path)
                if k == .output { KillPoint.reach("append-first-output") }
            }
            try CheckedIO.syncDirectory(of: outputs[0])
        } catch let error as WriteError {
            for k in touched { cutBack(outputs[k.rawValue], to: keep[k.rawValue]) }
            throw error
        }
    }

    /// Cuts a file back to `size` bytes and syncs it, as far as the system lets (this runs while
    /// handling a write error; the pending commit redoes the append on the next run anyway).
    private func cutBack(_ path: String, to size: Int) {
        let fd = Foundation.open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        if Foundation.ftruncate(fd, off_t(size)) == 0 { _ = Foundation.fsync(fd) }
        Foundation.close(fd)
    }

    /// The bytes at the start of each output that the kept files' records fill, when they lie
    /// there in order with no gap (since the last run files were only added, or removed from the
    /// end), so the new records can be appended in place; nil otherwise.
    private func keptPrefix(_ kept: [FileEntry]) -> [Int]? {
        var prefix = [0, 0, 0]
        for entry in kept {
            for k in OutputKind.allCases {
                let r = entry.ranges[k.rawValue]
                if r.length == 0 { continue }
                guard r.offset == prefix[k.rawValue] else { return nil }
                prefix[k.rawValue] += r.length
            }
        }
        for k in OutputKind.allCases where (FileIdentity.of(outputs[k.rawValue])?.size ?? 0) < prefix[k.rawValue] { return nil }
        return prefix
    }

    /// Commits by appending the parts to the outputs in place rather than copying every kept
    /// byte into new files: the plan and the pending manifest are durable before an output is
    /// touched, so `rollForward` can redo the appends after a kill.
    private func commitByAppending(kept: [FileEntry], produced: [FileEntry], manifest: Manifest, prefix: [Int]) throws -> Manifest {
        var next = manifest
        next.files = kept
        next.sizes = OutputKind.allCases.map { prefix[$0.rawValue] + (FileIdentity.of(partPath($0))?.size ?? 0) }
        for entry in produced {
            var moved = entry
            for k in OutputKind.allCases { moved.ranges[k.rawValue].offset += prefix[k.rawValue] }
            next.files.append(moved)
        }
        let plan = JSONValue.object(JSONObject([("keep", .array(prefix.map { JSONValue($0) })),
                                                ("sizes", .array(next.sizes.map { JSONValue($0) }))]))
        try StateStore.writeDurably(Array((plan.jsonText + "\n").utf8), to: appendPath)
        KillPoint.reach("append-planned")
        do {
            try StateStore.writeDurably(to: pendingPath) { try next.write($0) }
        } catch {
            // No pending manifest: the plan is void; the journal and parts stay for the next run.
            if !FileManager.default.fileExists(atPath: pendingPath) { unlink(appendPath) }
            throw error
        }
        KillPoint.reach("commit-pending-written")
        try rollForward()
        return next
    }

    /// Reads the journal of an interrupted run: its header and its last complete checkpoint.
    func loadJournal() -> Journal? {
        guard let data = FileManager.default.contents(atPath: journalPath) else { return nil }
        let bytes = [UInt8](data)
        // Only lines that end in "\n" are complete.
        var lines: [(line: ArraySlice<UInt8>, end: Int)] = []
        var start = 0
        while let nl = bytes[start...].firstIndex(of: 0x0A) {
            lines.append((bytes[start..<nl], nl + 1))
            start = nl + 1
        }
        guard let first = lines.first, let header = try? JSONParser.parse(Array(first.line)).objectValue,
              let config = header["config"]?.stringValue else { return nil }
        var journal = Journal(config: config, full: header["full"]?.boolValue ?? true, headerLength: first.end)
        for (line, end) in lines.dropFirst() {
            // A torn line (the kill came mid-write) ends the journal: it was never acknowledged,
            // and nothing after it can be trusted.
            guard let o = try? JSONParser.parse(Array(line)).objectValue,
                  let sizes = o["parts"]?.arrayValue?.compactMap(\.intValue), sizes.count == 3 else { break }
            journal.checkpoints.append(Journal.Checkpoint(files: (o["files"]?.arrayValue ?? []).compactMap(FileEntry.init), partSizes: sizes,
                                                          stages: o["stages"]?.objectValue ?? JSONObject(), length: end))
        }
        return journal
    }

    func startJournal(config: String, full: Bool) throws {
        let header = JSONValue.object(JSONObject([("config", .string(config)), ("full", .bool(full)), ("pid", JSONValue(Int(getpid())))]))
        try StateStore.writeDurably(Array((header.jsonText + "\n").utf8), to: journalPath)
    }

    /// Cuts the journal back to `length` bytes (its complete lines) before a resumed run appends.
    func truncateJournal(to length: Int) throws {
        guard truncate(journalPath, off_t(length)) == 0 else {
            throw WriteError(path: journalPath, action: "cut the torn end off", code: errno)
        }
    }

    /// Appends a checkpoint line and makes it durable.
    func appendCheckpoint(files: [FileEntry], partSizes: [Int], stages: JSONObject) throws {
        var w = JSONWriter()
        w.raw("{\"files\":[")
        for (k, file) in files.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            file.write(into: &w)
        }
        w.raw("],\"parts\":")
        w.value(.array(partSizes.map { JSONValue($0) }))
        w.raw(",\"stages\":")
        w.object(stages)
        w.raw("}\n")
        let line = w.bytes
        let fd = try CheckedIO.open(journalPath, O_WRONLY | O_APPEND)
        defer { Foundation.close(fd) }
        if KillPoint.due("checkpoint-torn") {
            try CheckedIO.write(fd, Array(line.prefix(line.count / 2)), path: journalPath)
            KillPoint.die()
        }
        let before = try CheckedIO.size(fd, path: journalPath)
        do {
            try CheckedIO.write(fd, line, path: journalPath)
            try CheckedIO.fsync(fd, path: journalPath)
        } catch {
            // A torn line would be skipped by the next run anyway; cut it off while we can.
            _ = Foundation.ftruncate(fd, off_t(before))
            throw error
        }
        KillPoint.reach("checkpoint-written")
    }

    /// Removes the journal and the part files. Checked: a journal left beside a new manifest would
    /// be resumed by the next run, which would add its files' records a second time.
    func discardJournal() throws {
        for path in [journalPath] + OutputKind.allCases.map(partPath) { try CheckedIO.unlink(path) }
    }

    /// Builds the next outputs from kept ranges of the current ones plus the part files (or, when
    /// the kept records are already the start of each output, appends the parts in place), then
    /// puts them and the new manifest in place. Durable before visible: a kill at any step leaves
    /// either the old state or a pending commit that `rollForward` completes.
    func commit(kept: [FileEntry], produced: [FileEntry], manifest: Manifest) throws -> Manifest {
        if !kept.isEmpty, let prefix = keptPrefix(kept) {
            return try commitByAppending(kept: kept, produced: produced, manifest: manifest, prefix: prefix)
        }
        var next = manifest
        do {
            (next.files, next.sizes) = try buildNextOutputs(kept: kept, produced: produced)
            KillPoint.reach("commit-next-written")
            try StateStore.writeDurably(to: pendingPath) { try next.write($0) }
        } catch {
            if !FileManager.default.fileExists(atPath: pendingPath) { dropNextOutputs(partsMoved: kept.isEmpty) }
            throw error
        }
        KillPoint.reach("commit-pending-written")
        try rollForward()
        return next
    }

    /// Writes `next.*`: the kept ranges of the current outputs followed by the part files (with
    /// nothing kept, the part files themselves are renamed). Returns the files and sizes of the
    /// next manifest.
    private func buildNextOutputs(kept: [FileEntry], produced: [FileEntry]) throws -> (files: [FileEntry], sizes: [Int]) {
        var files: [FileEntry] = []
        var sizes = [0, 0, 0]
        for k in OutputKind.allCases {
            let target = nextPath(k)
            // Everything this run (and the run it resumed) produced. With nothing kept, the
            // part file itself becomes the next output.
            if kept.isEmpty {
                do {
                    try CheckedIO.rename(partPath(k), to: target)
                } catch let e as WriteError where e.code == ENOENT {
                    let fd = try CheckedIO.open(target, O_WRONLY | O_CREAT | O_TRUNC)
                    try CheckedIO.close(fd, path: target)
                }
                for (i, entry) in produced.enumerated() {
                    if k == .output { files.append(entry) }
                    files[i].ranges[k.rawValue] = entry.ranges[k.rawValue]
                }
                sizes[k.rawValue] = FileIdentity.of(target)?.size ?? 0
                continue
            }
            let out = try CheckedIO.open(target, O_WRONLY | O_CREAT | O_TRUNC)
            do {
                var written = 0
                // Kept records of unchanged files, merged into as few copies as possible.
                let current = Foundation.open(outputs[k.rawValue], O_RDONLY | O_CLOEXEC)
                guard current >= 0 else { throw StateError(message: "the previous output '\(outputs[k.rawValue])' is missing; run again with --force") }
                defer { Foundation.close(current) }
                var run: ByteRange?
                func flushRun() throws {
                    guard let r = run, r.length > 0 else { return }
                    try CheckedIO.copy(from: current, offset: r.offset, length: r.length, to: out, path: target)
                }
                for (i, entry) in kept.enumerated() {
                    let r = entry.ranges[k.rawValue]
                    if k == .output { files.append(entry) }
                    files[i].ranges[k.rawValue] = ByteRange(offset: written, length: r.length)
                    written += r.length
                    if let current = run, current.offset + current.length == r.offset {
                        run!.length += r.length
                    } else {
                        try flushRun()
                        run = r
                    }
                }
                try flushRun()
                let part = Foundation.open(partPath(k), O_RDONLY | O_CLOEXEC)
                if part >= 0 {
                    defer { Foundation.close(part) }
                    let length = try CheckedIO.size(part, path: partPath(k))
                    try CheckedIO.copy(from: part, offset: 0, length: length, to: out, path: target)
                }
                for (i, entry) in produced.enumerated() {
                    if k == .output { files.append(entry) }
                    files[kept.count + i].ranges[k.rawValue].offset = written + entry.ranges[k.rawValue].offset
                }
                sizes[k.rawValue] = try CheckedIO.size(out, path: target)
                try CheckedIO.fsync(out, path: target)
            } catch {
                Foundation.close(out)
                throw error
            }
            try CheckedIO.close(out, path: target)
        }
        return (files, sizes)
    }

    /// Undoes `buildNextOutputs` when the commit fails before its pending manifest is durable:
    /// renamed part files go back (the journal still counts on them), copies are removed (they
    /// may fill the disk). The next run resumes from the journal.
    private func dropNextOutputs(partsMoved: Bool) {
        for k in OutputKind.allCases where FileManager.default.fileExists(atPath: nextPath(k)) {
            if partsMoved { _ = Foundation.rename(nextPath(k), partPath(k)) } else { unlink(nextPath(k)) }
        }
    }
}

/// Size and modification time of a file, to tell unchanged files without reading them.
struct FileIdentity: Sendable, Equatable {
    var size: Int
    var mtime: Int

    /// The identity of an input file, by its bytes when its name has no exact spelling.
    static func of(_ file: InputFile) -> FileIdentity? {
        guard let raw = file.rawPath else { return of(file.path) }
        var st = stat()
        let found = (raw + [0]).withUnsafeBufferPointer { stat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st) }
        guard found == 0 else { return nil }
        return FileIdentity(size: Int(st.st_size), mtime: Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec))
    }

    static func of(_ path: String) -> FileIdentity? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileIdentity(size: Int(st.st_size), mtime: Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec))
    }

    /// SHA-256 of a file's bytes, streamed.
    static func hash(_ path: String) -> String? {
        guard let stream = try? FileStream(path: path) else { return nil }
        var sha = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            guard let n = try? chunk.withUnsafeMutableBytes({ try stream.read(into: $0) }) else { return nil }
            if n == 0 { break }
            chunk.withUnsafeBufferPointer { sha.update(buffer: UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
        return sha.finalizeHex()
    }
}
