import Foundation

/// Where the writer puts encoded records: straight into the outputs (stdout runs), or into part
/// files that a commit turns into the outputs (runs with state, which can resume).
protocol RecordSink: AnyObject {
    func write(_ kind: OutputKind, _ line: [UInt8]) throws
    /// All records of a file are written; `checkpoint` asks to make everything so far durable.
    func fileDone(_ mark: FileMark) throws
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
}

/// Writes records directly to the three outputs, each replaced atomically at the end. When the
/// records go to stdout, the side files (errors, duplicates) are only created if something goes
/// into them, so a filter run leaves no empty files in the working folder.
final class DirectSink: RecordSink {
    private let paths: [String]
    private var files: [OutputFile?]

    init(paths: [String]) throws {
        self.paths = paths
        let lazy = paths[0] == "-"
        files = try paths.enumerated().map { k, path in (lazy && k > 0) ? nil : try OutputFile(path: path) }
    }

    func write(_ kind: OutputKind, _ line: [UInt8]) throws {
        if files[kind.rawValue] == nil { files[kind.rawValue] = try OutputFile(path: paths[kind.rawValue]) }
        try files[kind.rawValue]!.write(line: line)
    }

    func fileDone(_ mark: FileMark) throws {}

    /// Makes every file durable first, then puts them in place: a write that fails (a full
    /// disk) leaves all the previous files as they were.
    func commit() throws {
        do {
            for f in files { try f?.prepare() }
        } catch {
            abandon()
            throw error
        }
        for f in files { try f?.publish() }
    }

    func abandon() {
        for f in files { f?.abandon() }
    }
}

/// Appends records to the part files in the state folder, remembers which byte ranges each input
/// file filled, and writes journal checkpoints so a killed run can resume. With a `.gz` output,
/// each input file's records become one gzip member, so ranges can be copied as they are.
final class PartSink: RecordSink {
    let store: StateStore
    private var fds: [Int32] = []
    private var sizes: [Int]
    private var buffers: [[UInt8]] = [[], [], []]
    private let gzipOutput: Bool
    private var gzip: GzipWriter?
    /// Start of the current file's records in each part.
    private var starts: [Int]
    private var records = 0
    /// The current file's records in each output.
    private var counts = [0, 0, 0]
    private var sha = ""
    /// Files done since the last checkpoint, and all files done.
    private var pending: [FileEntry] = []
    private(set) var produced: [FileEntry]
    private(set) var lastTokens: JSONObject

    /// Opens the part files: fresh, or cut back to the journal's last checkpoint when resuming.
    init(store: StateStore, resume: Journal?, gzipOutput: Bool) throws {
        self.store = store
        self.gzipOutput = gzipOutput
        sizes = resume?.partSizes ?? [0, 0, 0]
        produced = resume?.files ?? []
        lastTokens = resume?.stages ?? JSONObject()
        starts = sizes
        for k in OutputKind.allCases {
            let path = store.partPath(k)
            let fd = try CheckedIO.open(path, O_WRONLY | O_CREAT | (resume == nil ? O_TRUNC : 0))
            fds.append(fd)
            try CheckedIO.ftruncate(fd, to: sizes[k.rawValue], path: path)
            try CheckedIO.seek(fd, to: sizes[k.rawValue], path: path)
        }
    }

    deinit { for fd in fds { close(fd) } }

    func write(_ kind: OutputKind, _ line: [UInt8]) throws {
        if kind == .output { records += 1 }
        counts[kind.rawValue] += 1
        if kind == .output && gzipOutput {
            if gzip == nil { gzip = GzipWriter(level: 4) }
            append(kind, gzip!.compress(line))
        } else {
            append(kind, line)
        }
        if buffers[kind.rawValue].count >= 1 << 20 { try flush(kind) }
    }

    private func append(_ kind: OutputKind, _ bytes: [UInt8]) {
        buffers[kind.rawValue].append(contentsOf: bytes)
        sizes[kind.rawValue] += bytes.count
    }

    private func flush(_ kind: OutputKind) throws {
        guard !buffers[kind.rawValue].isEmpty else { return }
        try CheckedIO.write(fds[kind.rawValue], buffers[kind.rawValue], path: store.partPath(kind))
        buffers[kind.rawValue].removeAll(keepingCapacity: true)
        KillPoint.reach("parts-flushed")
    }

    func fileDone(_ mark: FileMark) throws {
        if let g = gzip {
            append(.output, g.finish())
            gzip = nil
        }
        let ranges = OutputKind.allCases.map { ByteRange(offset: starts[$0.rawValue], length: sizes[$0.rawValue] - starts[$0.rawValue]) }
        let entry = FileEntry(path: mark.path, size: mark.identity?.size ?? -1, mtime: mark.identity?.mtime ?? -1,
                              sha256: mark.sha256, records: records, ranges: ranges, counts: counts)
        pending.append(entry)
        produced.append(entry)
        starts = sizes
        records = 0
        counts = [0, 0, 0]
        if mark.checkpoint && !mark.stateUnsaved { try checkpoint(tokens: mark.tokens) }
    }

    /// Writes what is buffered and makes the parts durable (before a commit copies them).
    func flushAll() throws {
        for k in OutputKind.allCases {
            try flush(k)
            try CheckedIO.fsync(fds[k.rawValue], path: store.partPath(k))
        }
    }

    /// Makes the parts durable and records the files done so far in the journal.
    func checkpoint(tokens: JSONObject) throws {
        try flushAll()
        var merged = lastTokens
        for (k, v) in tokens { merged[k] = v }
        lastTokens = merged
        try store.appendCheckpoint(files: pending, partSizes: sizes, stages: merged)
        pending = []
    }
}
