import Foundation

/// The journal of an unfinished run: a header, then one line per checkpoint. A run killed at any
/// moment is resumed from its last complete line.
struct Journal: Sendable {
    /// One checkpoint line: the files finished since the one before, and the state after them.
    struct Checkpoint: Sendable {
        var files: [FileEntry]
        /// Lengths of the part files.
        var partSizes: PerOutput<Int>
        /// Stage tokens (all of them, not only those that changed).
        var stages: JSONObject
        /// Bytes of the journal up to the end of this line.
        var length: Int
    }

    /// The config hash the run started with; a different config discards the journal.
    var config: String
    /// True when the run was reprocessing everything.
    var full: Bool
    /// The TextMill that wrote it (`TextMillVersion.identity`); nil in journals written before
    /// TextMill recorded it.
    var tool: String? = nil
    /// Every complete checkpoint, oldest first.
    var checkpoints: [Checkpoint] = []
    /// Bytes of the header line.
    var headerLength = 0

    /// Files finished before the last checkpoint, with their ranges in the part files.
    var files: [FileEntry] { checkpoints.flatMap(\.files) }
    /// Lengths of the part files at the last checkpoint.
    var partSizes: PerOutput<Int> { checkpoints.last?.partSizes ?? .zero }
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

/// The journal file in the state folder (`journal.jsonl`): started by a run, a line appended
/// and synced at each checkpoint, read back by the run that resumes a killed one.
struct JournalFile: Sendable {
    let path: String

    /// Reads the journal of an interrupted run: its header and its complete checkpoints. Nil
    /// when there is none or its header is unreadable.
    func load() -> Journal? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return Journal(bytes: [UInt8](data))
    }
}

extension Journal {
    /// Reads a journal's bytes (`JournalFile.load`): its header and its complete checkpoints;
    /// nil when its header is unreadable.
    init?(bytes: [UInt8]) {
        // Only lines that end in "\n" are complete.
        var lines: [(line: ArraySlice<UInt8>, end: Int)] = []
        var start = 0
        while let nl = bytes[start...].firstIndex(of: 0x0A) {
            lines.append((bytes[start..<nl], nl + 1))
            start = nl + 1
        }
        guard let first = lines.first, let header = try? JSONParser.parse(Array(first.line)).objectValue,
              let config = header["config"]?.stringValue else { return nil }
        var journal = Journal(config: config, full: header["full"]?.boolValue ?? true, tool: header["tool"]?.stringValue, headerLength: first.end)
        for (line, end) in lines.dropFirst() {
            // A torn line (the kill came mid-write) ends the journal: it was never acknowledged,
            // and nothing after it can be trusted.
            // So does a line with an entry that does not read: without it, its file's records
            // would stay in the part files and be made again.
            guard let o = try? JSONParser.parse(Array(line)).objectValue, let sizes = PerOutput(json: o["parts"]) else { break }
            let entries = o["files"]?.arrayValue ?? []
            let files = entries.compactMap(FileEntry.init)
            guard files.count == entries.count else { break }
            journal.checkpoints.append(Journal.Checkpoint(files: files, partSizes: sizes,
                                                          stages: o["stages"]?.objectValue ?? JSONObject(), length: end))
        }
        self = journal
    }
}

extension JournalFile {

    /// Starts a new journal (replacing any other) with its header line, durably.
    func start(config: String, full: Bool) throws {
        let header = JSONValue.object(JSONObject([("config", .string(config)), ("full", .bool(full)), ("pid", JSONValue(Int(getpid()))),
                                                  ("tool", .string(TextMillVersion.identity))]))
        try DurableFile.write(Array((header.jsonText + "\n").utf8), to: path)
    }

    /// Cuts the journal back to `length` bytes (its complete lines) before a resumed run appends.
    func truncate(to length: Int) throws {
        guard Foundation.truncate(path, off_t(length)) == 0 else {
            throw WriteError(path: path, action: "cut the torn end off", code: errno)
        }
    }

    /// Appends a checkpoint line and makes it durable.
    func append(files: ArraySlice<FileEntry>, partSizes: PerOutput<Int>, stages: JSONObject) throws {
        var w = JSONWriter()
        w.raw("{\"files\":[")
        for (k, file) in files.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            file.write(into: &w)
        }
        w.raw("],\"parts\":")
        partSizes.write(into: &w)
        w.raw(",\"stages\":")
        w.object(stages)
        w.raw("}\n")
        let line = w.bytes
        let fd = try CheckedIO.open(path, O_WRONLY | O_APPEND)
        defer { Foundation.close(fd) }
        if KillPoint.due("checkpoint-torn") {
            try CheckedIO.write(fd, Array(line.prefix(line.count / 2)), path: path)
            KillPoint.die()
        }
        let before = try CheckedIO.size(fd, path: path)
        do {
            try CheckedIO.write(fd, line, path: path)
            try CheckedIO.fsync(fd, path: path)
        } catch {
            // A torn line would be skipped by the next run anyway; cut it off while we can.
            _ = Foundation.ftruncate(fd, off_t(before))
            throw error
        }
        KillPoint.reach("checkpoint-written")
    }
}

/// Files replaced whole and durably: written to a temporary file beside them, synced, renamed
/// into place, and the folder synced.
enum DurableFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { write in try write(bytes) }
    }

    /// Writes a file through a temporary one from the pieces `body` hands to the function it is
    /// given. On failure the temporary file is removed and `path` stays as it was. A large file
    /// (a manifest of a file a story: 5.6 MB for 20,367 files) is committed in the background as
    /// it is written (`BackgroundSync`), so its sync waits for the last megabytes only.
    static func write(to path: String, _ body: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        let tmp = path + ".tmp"
        let fd = try CheckedIO.open(tmp, O_WRONLY | O_CREAT | O_TRUNC)
        do {
            let background = BackgroundSync(fd: fd, path: tmp)
            do {
                var written = 0
                try body { piece in
                    try CheckedIO.write(fd, piece, path: tmp)
                    written += piece.count
                    background.wrote(upTo: written)
                }
                try CheckedIO.fsync(fd, path: tmp)
                // A background sync that failed may have taken the kernel's only report of the loss.
                let code = background.finish()
                if code != 0 { throw WriteError(path: tmp, action: "sync", code: code) }
            } catch {
                _ = background.finish()
                Foundation.close(fd)
                throw error
            }
            ReplacedFileMode.carry(from: path, to: fd)
            try CheckedIO.close(fd, path: tmp)
            try CheckedIO.rename(tmp, to: path)
        } catch {
            unlink(tmp)
            throw error
        }
        try CheckedIO.syncDirectory(of: path)
    }

    /// Reads a small JSON file (at most `SmallFile.maxBytes`); nil when it is missing, larger,
    /// not a file, or not JSON.
    static func readJSON(_ path: String) -> JSONValue? { SmallFile.readJSON(path) }
}
