import Foundation

/// A byte range inside one of the outputs.
struct ByteRange: Sendable, Equatable {
    var offset: Int
    var length: Int

    init(offset: Int, length: Int) {
        self.offset = offset
        self.length = length
    }

    init?(_ v: JSONValue) {
        guard let a = v.arrayValue, a.count == 2, let o = a[0].intValue, let l = a[1].intValue else { return nil }
        offset = o
        length = l
    }

    static let empty = ByteRange(offset: 0, length: 0)
}

/// One input file and where its records are: identity (size, mtime, ctime, hash) and, for each
/// output, the byte range its records fill (records of a file are always contiguous).
struct FileEntry: Sendable {
    var path: String
    var size: Int
    var mtime: Int
    /// The file's status change time (`FileIdentity.ctime`) when it was read; nil in entries
    /// written before TextMill kept it (and when the file could not be examined).
    var ctime: Int?
    /// True when the identity was taken racily (`FileIdentity.takenRacily`): a rewrite of the
    /// same size in the same timestamp tick left size and times as recorded, so the next run
    /// compares the file's SHA-256 (`sameBytes`) before it keeps the file unread.
    var recheck = false
    var sha256: String
    /// Records of the file in the main output.
    var records: Int
    var ranges: PerOutput<ByteRange>
    /// Records of the file in each output; nil in entries written before TextMill counted them.
    var counts: PerOutput<Int>?
    /// The hash of each range's bytes (`RangeHash`), as the run that wrote them made them; nil
    /// in entries written before TextMill kept them (their check is skipped: `KeptRangeCheck`).
    var hashes: PerOutput<UInt64>?

    init(path: String, size: Int, mtime: Int, ctime: Int? = nil, sha256: String, records: Int, ranges: PerOutput<ByteRange>,
         counts: PerOutput<Int>? = nil, hashes: PerOutput<UInt64>? = nil) {
        self.path = path
        self.size = size
        self.mtime = mtime
        self.ctime = ctime
        self.sha256 = sha256
        self.records = records
        self.ranges = ranges
        self.counts = counts
        self.hashes = hashes
    }

    /// Writes the entry as a JSON object (what `init?(_:)` reads).
    /// The numbers go through a buffer on the stack and are appended at once (a manifest and a
    /// journal write an entry a file: with a file a story, an entry a document).
    func write(into w: inout JSONWriter) {
        w.raw("{\"path\":")
        w.string(path)
        // `,"size":` 8 + 20, `,"mtime":` and `,"ctime":` 9 + 20 each, `,"recheck":true` 15,
        // `,"sha256":` 10: 131 bytes at most.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 160) { buffer in
            let p = buffer.baseAddress!
            var n = JSONWriter.put(",\"size\":", at: p)
            n += JSONWriter.decimal(size, at: p + n)
            n += JSONWriter.put(",\"mtime\":", at: p + n)
            n += JSONWriter.decimal(mtime, at: p + n)
            if let ctime {
                n += JSONWriter.put(",\"ctime\":", at: p + n)
                n += JSONWriter.decimal(ctime, at: p + n)
            }
            if recheck { n += JSONWriter.put(",\"recheck\":true", at: p + n) }
            n += JSONWriter.put(",\"sha256\":", at: p + n)
            w.bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        }
        w.string(sha256)
        // `,"records":` 11 + 20, `,"counts":` 10 + 86, `,"ranges":[` 11 + 4 × 44 + 3 bytes at most.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 512) { buffer in
            let p = buffer.baseAddress!
            var n = JSONWriter.put(",\"records\":", at: p)
            n += JSONWriter.decimal(records, at: p + n)
            if let counts {
                n += JSONWriter.put(",\"counts\":", at: p + n)
                n += counts.put(at: p + n)
            }
            n += JSONWriter.put(",\"ranges\":", at: p + n)
            // The four ranges in a row (not through `forEach`'s closure).
            p[n] = UInt8(ascii: "[")
            n += 1 + FileEntry.put(ranges.output, at: p + n + 1)
            p[n] = UInt8(ascii: ",")
            n += 1 + FileEntry.put(ranges.errors, at: p + n + 1)
            p[n] = UInt8(ascii: ",")
            n += 1 + FileEntry.put(ranges.duplicates, at: p + n + 1)
            p[n] = UInt8(ascii: ",")
            n += 1 + FileEntry.put(ranges.filtered, at: p + n + 1)
            n += JSONWriter.put("]", at: p + n)
            w.bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        }
        if let hashes {
            // `,"hashes":["16 hex digits",…]`, the four in `OutputKind` order.
            w.raw(",\"hashes\":[\"")
            RangeHash.putHex(hashes.output, into: &w.bytes)
            w.raw("\",\"")
            RangeHash.putHex(hashes.errors, into: &w.bytes)
            w.raw("\",\"")
            RangeHash.putHex(hashes.duplicates, into: &w.bytes)
            w.raw("\",\"")
            RangeHash.putHex(hashes.filtered, into: &w.bytes)
            w.raw("\"]")
        }
        w.byte(UInt8(ascii: "}"))
    }

    /// Writes `[offset,length]` at `p` (at most 43 bytes); returns how many bytes it took.
    @inline(__always) static func put(_ r: ByteRange, at p: UnsafeMutablePointer<UInt8>) -> Int {
        p[0] = UInt8(ascii: "[")
        var n = 1 + JSONWriter.decimal(r.offset, at: p + 1)
        p[n] = UInt8(ascii: ",")
        n += 1 + JSONWriter.decimal(r.length, at: p + n + 1)
        p[n] = UInt8(ascii: "]")
        return n + 1
    }

    init?(_ v: JSONValue) {
        guard let o = v.objectValue, let path = o["path"]?.stringValue, let size = o["size"]?.intValue,
              let mtime = o["mtime"]?.intValue, let sha = o["sha256"]?.stringValue,
              let rangeValues = o["ranges"]?.arrayValue else { return nil }
        let parsed = rangeValues.compactMap(ByteRange.init)
        guard parsed.count == rangeValues.count, let ranges = PerOutput(values: parsed, missing: .empty) else { return nil }
        var ctime: Int?
        if let value = o["ctime"] {
            // There but not a number: the entry is damaged, not one without it.
            guard let number = value.intValue else { return nil }
            ctime = number
        }
        var hashes: PerOutput<UInt64>?
        if let hashValue = o["hashes"] {
            // There but not four hashes: the entry is damaged, not one without hashes.
            guard let list = hashValue.arrayValue, list.count == OutputKind.allCases.count else { return nil }
            let values = list.compactMap { $0.stringValue.flatMap(RangeHash.parse) }
            guard values.count == list.count else { return nil }
            hashes = PerOutput(values: values, missing: 0)
        }
        self.init(path: path, size: size, mtime: mtime, ctime: ctime, sha256: sha, records: o["records"]?.intValue ?? 0, ranges: ranges,
                  counts: PerOutput(json: o["counts"]), hashes: hashes)
        if let value = o["recheck"] {
            // There but not a boolean: the entry is damaged.
            guard let flag = value.boolValue else { return nil }
            recheck = flag
        }
    }

    /// True when the file `id` names holds the bytes this entry was made from, as far as the
    /// next run may tell without reading it again: its size and times are the entry's (an entry
    /// written before TextMill kept the ctime: its size and time), unless the entry is marked
    /// `recheck`; else, of the same size, the SHA-256 of its bytes (`hash`) is the entry's. A
    /// file of 0 bytes has no other bytes; one whose reading stopped early has no SHA-256 kept
    /// (a marked one is then read again).
    func sameBytes(as id: FileIdentity, hash: () -> String?) -> Bool {
        guard id.size == size else { return false }
        if !recheck && id.mtime == mtime && (ctime ?? id.ctime) == id.ctime { return true }
        if recheck && size == 0 && id.mtime == mtime && (ctime ?? id.ctime) == id.ctime { return true }
        return !sha256.isEmpty && hash() == sha256
    }
}

/// What the last committed run left: which files made which records, and the saved state of
/// corpus stages, so the next run can process only what changed.
struct Manifest: Sendable {
    var tool: String
    var config: String
    var generation: Int
    /// The size of each output when the manifest was written: a different size means the outputs
    /// were changed by hand, and the next run reprocesses everything.
    var sizes: PerOutput<Int>
    var files: [FileEntry]
    /// Tokens of persistent stages, keyed by the stage's position in the config.
    var stages: JSONObject

    init(tool: String, config: String, generation: Int, sizes: PerOutput<Int>, files: [FileEntry], stages: JSONObject) {
        self.tool = tool
        self.config = config
        self.generation = generation
        self.sizes = sizes
        self.files = files
        self.stages = stages
    }

    /// The manifest file: one JSON document whose `files` array holds one file a line, so that it
    /// is written and read a file at a time (a JSON tree of a million entries would take
    /// gigabytes). Ends with a newline.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        write { out += $0 }
        return out
    }

    /// The format this TextMill writes. Format 3 ends with the SHA-256 of every byte before its
    /// closing line (`ManifestCheck`); format 2, written before, has none and is read as it is.
    static let format = 3

    /// Hands the bytes of `bytes` to `emit` in pieces of about a megabyte.
    func write(_ emit: ([UInt8]) throws -> Void) rethrows {
        var w = JSONWriter(capacity: 1 << 20)
        var check = SHA256()
        w.raw("{\"format\":")
        w.int(Manifest.format)
        w.raw(",\"tool\":")
        w.string(tool)
        w.raw(",\"config\":")
        w.string(config)
        w.raw(",\"generation\":")
        w.int(generation)
        w.raw(",\"sizes\":")
        sizes.write(into: &w)
        w.raw(",\"stages\":")
        w.object(stages)
        w.raw(",\"files\":[\n")
        for (k, file) in files.enumerated() {
            // Handed on before an entry could take the buffer past the megabyte it was given (an
            // entry takes a few hundred bytes; a longer one than 32 KB would only grow it), where
            // it was handed on once past it: its first growth doubled it into fresh pages.
            if w.bytes.count > (1 << 20) - (1 << 15) {
                check.update(w.bytes)
                try emit(w.bytes)
                w.bytes.removeAll(keepingCapacity: true)
            }
            file.write(into: &w)
            if k + 1 < files.count { w.byte(UInt8(ascii: ",")) }
            w.byte(0x0A)
        }
        check.update(w.bytes)
        w.bytes.append(contentsOf: ManifestCheck.closingLine(check.finalizeHex()).utf8)
        try emit(w.bytes)
    }

    /// Reads `bytes` (as `bytes` writes them: a header line, then a file a line): the header is
    /// parsed with an empty `files` array, then each file line on its own. Nil when any line is
    /// damaged: a manifest is trusted whole or not at all. A manifest of format 3 or later must
    /// end with the checksum of its bytes (`ManifestCheck`): a flipped bit that keeps the JSON
    /// whole (a path's letter, a size's digit) made a file look new or changed, or two entries
    /// name one file, whose records were then kept twice, under exit status 0.
    init?(bytes: [UInt8]) {
        guard let firstEnd = bytes.firstIndex(of: 0x0A),
              let header = try? JSONParser.parse(Array(bytes[..<firstEnd]) + Array("]}".utf8)),
              var manifest = Manifest(header) else {
            // The first format: one line (a later one whose first line is damaged is not read so,
            // past its checksum).
            guard let value = try? JSONParser.parse(bytes), (value.objectValue?["format"]?.intValue ?? 0) < 3 else { return nil }
            self.init(value)
            return
        }
        var start = firstEnd + 1
        var files: [FileEntry] = []
        while let end = bytes[start...].firstIndex(of: 0x0A) {
            var last = end
            if last > start && bytes[last - 1] == UInt8(ascii: ",") { last -= 1 }
            // The closing line (`]}`, or `],"sha256":…` from format 3): entries start with `{`.
            if last > start && bytes[start] == UInt8(ascii: "]") { break }
            guard let value = bytes.withUnsafeBufferPointer({ try? JSONParser.parse(UnsafeBufferPointer(rebasing: $0[start..<last])) }),
                  let entry = FileEntry(value) else { return nil }
            files.append(entry)
            start = end + 1
        }
        // A manifest cut short (its closing line missing) lists only some of the files: those it
        // left out would be taken for new ones while their records stay in the outputs.
        let format = header.objectValue?["format"]?.intValue ?? 0
        if format >= 3 {
            guard ManifestCheck.holds(bytes, closingLineAt: start) else { return nil }
        } else {
            guard bytes[start...].starts(with: "]}".utf8) else { return nil }
        }
        manifest.files = files
        self = manifest
    }

    init?(_ v: JSONValue) {
        guard let o = v.objectValue, let tool = o["tool"]?.stringValue, let config = o["config"]?.stringValue,
              let files = o["files"]?.arrayValue, let sizes = PerOutput(json: o["sizes"]) else { return nil }
        self.init(tool: tool, config: config, generation: o["generation"]?.intValue ?? 0, sizes: sizes,
                  files: [], stages: o["stages"]?.objectValue ?? JSONObject())
        // Every entry or none: a file whose entry is dropped would look new with its records kept.
        let entries = files.compactMap(FileEntry.init)
        guard entries.count == files.count else { return nil }
        self.files = entries
    }

    /// What is wrong with the manifest's ranges (`FileEntry.rangeDamage`), or nil.
    /// `emptyOutput`: the bytes the records output holds when no file has a record there (a
    /// `.gz` output's empty gzip member, `GzipWriter.emptyMember`; 0 for plain JSONL).
    func rangeDamage(emptyOutput: Int = 0) -> String? { FileEntry.rangeDamage(files, filling: sizes, emptyOutput: emptyOutput) }
}

/// The checksum that ends a manifest (format 3): its closing line is `],"sha256":"HEX"}` where
/// HEX is the SHA-256 of every byte before that line, so the file stays one JSON document.
enum ManifestCheck {
    /// The closing line for the digest `hex` of the bytes before it.
    static func closingLine(_ hex: String) -> String { "],\"sha256\":\"" + hex + "\"}\n" }

    /// True when the line at `start` is the closing line, the last of `bytes`, and its digest is
    /// that of the bytes before it.
    static func holds(_ bytes: [UInt8], closingLineAt start: Int) -> Bool {
        guard start <= bytes.count else { return false }
        let expected = Array(closingLine(bytes.withUnsafeBufferPointer { SHA256.hex(UnsafeBufferPointer(rebasing: $0[..<start])) }).utf8)
        return bytes[start...].elementsEqual(expected)
    }
}

extension FileEntry {
    /// What is wrong with the ranges of `files`, or nil when they are as a run writes them: in
    /// each output, the records of the files one after another from byte 0 to `sizes` (a commit
    /// copies or appends them so, and a journal's part files fill up the same way), and a file
    /// that counts records in an output has bytes there. A damaged or hand-edited manifest or
    /// journal whose range overlaps, leaves a gap or passes the end would make the next run cut,
    /// copy or forget the wrong bytes: records torn, lost or kept twice under exit status 0.
    /// The counts must be as a run writes them too (`countDamage`): a journal line has no
    /// checksum, and a count edited there was committed into the manifest under its checksum.
    /// A records output whose files hold no record there may be `emptyOutput` bytes long (the
    /// empty gzip member a commit writes for a `.gz` output with no record, which no file owns).
    static func rangeDamage(_ files: [FileEntry], filling sizes: PerOutput<Int>, emptyOutput: Int = 0) -> String? {
        var end = PerOutput<Int>.zero
        for file in files {
            if let damage = file.countDamage { return damage }
            for k in OutputKind.allCases {
                let r = file.ranges[k]
                let name = MessageText.quoted(file.path)
                guard r.offset >= 0, r.length >= 0 else { return "the range of \(name) in the \(k.key) output is negative" }
                if let counts = file.counts, counts[k] > 0, r.length == 0 {
                    return "\(name) has \(counts[k]) records in the \(k.key) output and no bytes there"
                }
                if let counts = file.counts, counts[k] == 0, r.length > 0 {
                    return "\(name) has \(r.length) bytes in the \(k.key) output and no record there"
                }
                guard r.length > 0 else { continue }
                guard r.offset == end[k] else {
                    return "the records of \(name) in the \(k.key) output start at byte \(r.offset), not at \(end[k]) where those before them end"
                }
                // Numbers of a damaged file: a sum past the largest integer trapped here.
                let (next, overflow) = end[k].addingReportingOverflow(r.length)
                guard !overflow else { return "the records of \(name) in the \(k.key) output end past the largest file size" }
                end[k] = next
            }
        }
        for k in OutputKind.allCases where end[k] != sizes[k] && !(k == .output && end[k] == 0 && sizes[k] == emptyOutput) {
            return "the records it lists in the \(k.key) output end at byte \(end[k]), not at its size, \(sizes[k])"
        }
        return nil
    }
}

extension FileEntry {
    /// What is wrong with the entry's counts of records, or nil when they are as a run writes
    /// them: none negative, and `records` the count in the output. A journal line edited by
    /// hand (`"records":-5`) was resumed and committed: the stats said the output held 99,994
    /// records where it held 100,000, and the wrong count went into the manifest under its
    /// checksum, so every later run took it as the last commit's.
    var countDamage: String? {
        let name = MessageText.quoted(path)
        guard records >= 0 else { return "\(name) has a negative count of records (\(records))" }
        // An entry written before TextMill kept the counts is left as it was read.
        guard let counts else { return nil }
        for k in OutputKind.allCases where counts[k] < 0 {
            return "\(name) has a negative count of records (\(counts[k])) in the \(k.key) output"
        }
        guard counts.output == records else {
            return "\(name) counts \(records) records, and \(counts.output) in the output"
        }
        return nil
    }
}

/// Size and modification time of a file, to tell unchanged files without reading them.
struct FileIdentity: Sendable, Equatable {
    var size: Int
    var mtime: Int
    /// The status change time in nanoseconds since 1970 (wrapping as `mtime`): the system sets it
    /// to the clock whenever the file's bytes or its name change (a write, a rename, `touch -d`
    /// setting `mtime` back), and nothing sets it back. So a file renamed over another of the same
    /// size and time, or rewritten and given its old time again, is told from the file the
    /// manifest names (`RunPlan.make` then compares the content's hash).
    var ctime: Int = 0

    /// The identity of an input file, by its bytes when its name has no exact spelling.
    static func of(_ file: InputFile) -> FileIdentity? {
        guard let raw = file.rawPath else { return of(file.path) }
        var st = stat()
        let found = (raw + [0]).withUnsafeBufferPointer { stat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st) }
        guard found == 0 else { return nil }
        return FileIdentity(st)
    }

    /// The identity to record for an input file the reader could not open: a `stat` of its path
    /// taken after the failed open, kept only when a second open fails too. The file then was as
    /// the `stat` saw it, unreadable, both times: a later change that makes it readable moves its
    /// status change time past the `stat`, and the next run reads it again. Nil when there is no
    /// file, and when the second open succeeds: the file appeared, or became readable, after the
    /// first (a sync tool that deletes a file and writes it anew); a `stat` taken alone after the
    /// failure recorded the new file's identity with the failure, and every later run took the
    /// file for unchanged and never read it.
    static func ofUnopened(_ file: InputFile) -> FileIdentity? {
        let name = (file.rawPath ?? Array(file.path.utf8)) + [0]
        var st = stat()
        let found = name.withUnsafeBufferPointer { stat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st) }
        guard found == 0 else { return nil }
        // A folder (a path the walk could not examine) stays a folder: not read again.
        if st.st_mode & S_IFMT == S_IFDIR { return FileIdentity(st) }
        // Not blocking: a second open must not wait on a special file the first failed on.
        let fd = name.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        guard fd < 0 else {
            close(fd)
            return nil
        }
        return FileIdentity(st)
    }

    /// How much older than the moment its identity was taken a file's times must be for size and
    /// times alone to say, next run, that its bytes are the ones read (`takenRacily`): 3 s. A
    /// write after the identity was taken gets times no older than that moment less the
    /// filesystem's granularity (2 s on FAT, 1 s on HFS+, ext3 and some NFS, SMB and overlay
    /// mounts; ext4 here has ns times from a 4 ms coarse clock), so 2 s of granularity and 1 s of
    /// skew between a file server's clock and this machine's are covered.
    static let racyMargin = 3_000_000_000

    /// True when the identity was taken `at` (the clock before the `stat` or `fstat` that took
    /// it, ns since 1970, `now`) no more than `racyMargin` after the file's modification or status
    /// change time: a rewrite of the same size landing in the same timestamp tick as the
    /// write before it would leave size, mtime and ctime as recorded, and the next run take the
    /// file for unchanged and never read its new bytes (git's "racily clean" index entries). The
    /// manifest marks such an entry (`FileEntry.recheck`): the next run compares its SHA-256. A
    /// time in the future counts too (a file server's clock ahead of this one's).
    func takenRacily(at moment: Int) -> Bool {
        let safe = moment &- FileIdentity.racyMargin
        return mtime >= safe || ctime >= safe
    }

    /// The system's clock (`CLOCK_REALTIME`) in ns since 1970, as file times are: read before
    /// an identity is taken, for `takenRacily`. `Int.min` when the clock cannot be read (no
    /// identity is then taken racily: as before TextMill marked any).
    static func clockNow() -> Int {
        var t = timespec()
        guard clock_gettime(CLOCK_REALTIME, &t) == 0 else { return Int.min }
        return Int(t.tv_sec) &* 1_000_000_000 &+ Int(t.tv_nsec)
    }

    /// The identity of the file at `path`; nil when there is none (or it cannot be examined).
    static func of(_ path: String) -> FileIdentity? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileIdentity(st)
    }

    /// The time in nanoseconds since 1970, wrapping past the 64 bits (after the year 2262, before
    /// 1677: `touch -d 2300-01-01` trapped the run on an overflow): the number only has to differ
    /// when the time does, and two times 584 years apart are the only ones that share it.
    init(_ st: stat) {
        size = Int(st.st_size)
        mtime = Int(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(st.st_mtim.tv_nsec)
        ctime = Int(st.st_ctim.tv_sec) &* 1_000_000_000 &+ Int(st.st_ctim.tv_nsec)
    }

    init(size: Int, mtime: Int) {
        self.size = size
        self.mtime = mtime
    }

    /// SHA-256 of an input file's bytes (opened by its bytes when its name has no exact spelling).
    /// Nil, as for a file that cannot be read, when the file must be a regular one and is not
    /// (`InputFile.mustBeRegular`: a named pipe put in its place is not waited for).
    static func hash(_ file: InputFile) -> String? {
        hash(pathBytes: file.rawPath ?? Array(file.path.utf8), shownAs: file.path, regular: file.mustBeRegular)
    }

    /// SHA-256 of the bytes of the file at `path`.
    static func hash(_ path: String) -> String? {
        hash(pathBytes: Array(path.utf8), shownAs: path)
    }

    /// SHA-256 of a file's bytes, streamed; nil when it cannot be read.
    private static func hash(pathBytes: [UInt8], shownAs name: String, regular: Bool = false) -> String? {
        guard let stream = try? FileStream(pathBytes: pathBytes, shownAs: name, regular: regular) else { return nil }
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

extension OutputFiles {
    /// The input file of the output's last run that `path` names (the same file: links and
    /// spellings followed), by the path the manifest records, or nil: the inputs the manifest
    /// lists are documents a command writing a file of its own (`report --out`) must not replace.
    /// Only an existing `path` is compared, a `stat` for each file the manifest lists.
    public func inputFile(at path: String) -> String? {
        var target = stat()
        guard stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFREG,
              case .some(let data) = FileManager.default.contents(atPath: stateDirectory + "/manifest.json"),
              let manifest = Manifest(bytes: [UInt8](data)) else { return nil }
        for file in manifest.files {
            var st = stat()
            // By the name's own bytes: a name that is not UTF-8 is recorded as its spelling (`FileName`).
            let name = FileName.bytes(ofSpelling: file.path) + [0]
            let found = name.withUnsafeBufferPointer { stat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st) } == 0
            if found && st.st_dev == target.st_dev && st.st_ino == target.st_ino { return file.path }
        }
        return nil
    }
}
