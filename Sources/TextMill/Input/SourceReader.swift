import Foundation

/// A document that could not be read or processed: one line of `errors.jsonl`.
public struct ErrorRecord: Sendable, Hashable {
    public var id: String
    /// The source file ("-" for stdin).
    public var path: String
    /// "read" for reader failures, else the stage's name.
    public var stage: String
    /// The failing stage's number in the config's list of stages (1 for the first), given when
    /// another stage of the config has the same name (two `normalize`, two `exec`): the name
    /// alone does not say which of them failed.
    public var stageNumber: Int?
    public var reason: String
    /// 1-based position in the source file (or, for stage failures, in the document's text), when known.
    public var line: Int?
    public var column: Int?
    /// 1-based number of the failed record in a multi-record file (a JSONL line, an XML or WARC
    /// record: its `source.record`), when known.
    public var record: Int?
    /// Byte offset of the failed record in the (decompressed) file (WARC), when known.
    public var offset: Int?

    public init(id: String, path: String, stage: String, reason: String, line: Int? = nil, column: Int? = nil,
                record: Int? = nil, offset: Int? = nil) {
        self.id = id
        self.path = path
        self.stage = stage
        self.reason = reason
        self.line = line
        self.column = column
        self.record = record
        self.offset = offset
    }
}

/// What a reader yields: a document, or a failure that takes the document's place.
public enum InputItem: Sendable {
    case document(Document)
    case failure(ErrorRecord)
}

/// Which of the run's own files an input is (`ReadSettings.ownFiles`).
enum OwnFile: Sendable {
    /// The output or one of its side files (errors, duplicates, filtered, stats, a plugin log),
    /// at the path the run names it by.
    case output(String)
    /// A file of the state folder or of a dedup index folder.
    case state
}

/// Settings the readers need from the config.
public struct ReadSettings: Sendable {
    public var maxDocumentBytes: Int
    /// How XML files are split into records (from the first `cleanup` stage's `xml` options).
    public var xml: XMLRecordSettings
    /// The run's own files by device and inode: its outputs and side files, and every file of
    /// its state folder and dedup index folders (manifest, journal, part files, the index and
    /// record store). An input that is one of them under another name (a hard link, or a
    /// symbolic link found in a folder, which the walk's check of names cannot see) fails as
    /// such rather than be read.
    var ownFiles: [InputResolver.FolderID: OwnFile] = [:]

    public init(maxDocumentBytes: Int = PipelineConfig.defaultMaxDocumentBytes, xml: XMLRecordSettings = XMLRecordSettings()) {
        self.maxDocumentBytes = maxDocumentBytes
        self.xml = xml
    }

    /// The settings a config implies.
    public init(config: PipelineConfig) {
        let cleanup = config.stages.first { $0.name == CleanupStage.name }
        self.init(maxDocumentBytes: config.maxDocumentBytes,
                  xml: cleanup.map { XMLRecordSettings(options: $0.options.group("xml")) } ?? XMLRecordSettings())
    }
}

/// Bytes read from a source but not decoded yet. Decoding (validation, hashing, JSON parsing)
/// is per-document work that the runner does on several threads.
public enum RawInput: Sendable {
    /// A whole text or HTML file.
    case file(InputFile, [UInt8])
    /// One line of a JSONL file, with its 1-based number.
    case line(InputFile, [UInt8], Int)
    /// One WARC record that becomes a document.
    case warc(InputFile, WARCPayload)
}

/// Turns source files into documents, one format each: text, HTML, XML records, JSONL records.
///
/// Every file yields its documents or failures in order; nothing a file contains can stop the
/// run. Ids follow DESIGN.md: the path, plus `#N` for the N-th record of a multi-record file,
/// and a JSONL record's own `id` wins. Reading is split in two: `scan` (one thread, in order)
/// reads bytes and splits JSONL lines; `decode` (any thread) turns them into documents.
public struct SourceReader: Sendable {
    public var settings: ReadSettings

    public init(settings: ReadSettings = ReadSettings()) {
        self.settings = settings
    }

    /// Reads and decodes one file, calling `emit` for each document or failure.
    public func read(_ file: InputFile, _ emit: (InputItem) throws -> Void) throws {
        try scan(file) { item in
            switch item {
            case .raw(let raw): try emit(decode(raw))
            case .item(let ready): try emit(ready)
            case .skipped: break
            }
        }
    }

    /// What `scan` yields: raw bytes to decode, an item that is ready (XML records, failures),
    /// or a record skipped on purpose (a WARC request, an image response), by counter name.
    public enum Scanned: Sendable {
        case raw(RawInput)
        case item(InputItem)
        case skipped(String)
    }

    static func failure(_ file: InputFile, _ reason: String, line: Int? = nil, column: Int? = nil) -> InputItem {
        .failure(ErrorRecord(id: file.isStdin ? "stdin" : file.path, path: file.path, stage: "read", reason: reason, line: line, column: column))
    }

    /// Opens a file for `scan` (decompressing `.gz`), hashing its bytes as stored on the way
    /// when `hashing`; or emits why it cannot be read and returns nil. `opened` is the identity
    /// of the file opened (`FileStream.identity`), set before any of its bytes is read.
    static func open(_ file: InputFile, hashing: Bool, opened: inout FileIdentity?, in folders: FolderCursor? = nil,
                     ownFiles: [InputResolver.FolderID: OwnFile] = [:],
                     orReportTo emit: (Scanned) throws -> Void) throws -> (stream: any ByteStream, hasher: HashingStream?, file: FileStream)? {
        do {
            let base: FileStream = file.isStdin ? FileStream(standardInput: ()) : try FileStream.opening(file, in: folders)
            opened = base.identity
            if let refusal = ownFileRefusal(base, ownFiles) { throw ReadError(refusal) }
            ReadSeam.shared.reach(.opened, file.path)
            let hasher = hashing ? HashingStream(base) : nil
            let stored: any ByteStream = hasher ?? base
            guard file.gzip else { return (stored, hasher, base) }
            let gzip = try GzipStream(stored)
            gzip.stillWritten = { base.mayStillBeWritten() }
            return (gzip, hasher, base)
        } catch {
            try reportOpenFailure(error, file, emit)
            return nil
        }
    }

    /// Emits why `file` could not be opened as its failure; rethrows a `ProcessLimitError` (out
    /// of descriptors: the run's limit, which stops the run, not the file's fault).
    static func reportOpenFailure(_ error: Error, _ file: InputFile, _ emit: (Scanned) throws -> Void) throws {
        if let limit = error as? ProcessLimitError { throw limit }
        try emit(.item(SourceReader.failure(file, "\(error)")))
    }

    /// Why `base` must not be read: it is one of the run's own files under another name (a hard
    /// link among the inputs, or a symbolic link in an input folder: read, the run took its own
    /// output for input, and appending to the output changed that input; a link to a part file
    /// of an interrupted run fed the resumed run its own records again, under exit 0); nil for
    /// any other file.
    static func ownFileRefusal(_ base: FileStream, _ ownFiles: [InputResolver.FolderID: OwnFile]) -> String? {
        guard !ownFiles.isEmpty, let id = base.fileID, let kind = ownFiles[id] else { return nil }
        let what = switch kind {
        case .output: "one of the run's own outputs (or side files)"
        case .state: "one of the files of the run's state folder or dedup index (its manifest, journal, part files, index or records)"
        }
        // A file the run reached by a second name of its own has two; by a symbolic link, one.
        // Two names of one file: either may be the link someone made (`ln out/corpus.jsonl
        // in/link.jsonl`, or `ln in/a.jsonl out/corpus.jsonl` before the run, where removing
        // "the link from the inputs" removed the data's last name once the run had replaced
        // the output's): the message names both and says which to remove when.
        if base.isLinked, case .output(let path) = kind {
            return "this file is also \(MessageText.quoted(path)), \(what), under a second name (a hard link: one file, two names); "
                + "a run never reads its own files as input: if this name is a link you made to that output, remove it; "
                + "if \(MessageText.quoted(path)) is a link you made to this input, remove that name instead (this file keeps its bytes)"
        }
        let how = base.isLinked ? "this file is \(what) under another name, a hard link; " : "this file is a symbolic link to \(what); "
        return how + "a run never reads its own files as input: remove the link from the inputs"
    }

    /// Opens a file for `scan`, or emits why it cannot be read and returns nil.
    static func open(_ file: InputFile, orReportTo emit: (Scanned) throws -> Void) throws -> (any ByteStream)? {
        do {
            return try SourceReader.open(file)
        } catch {
            try reportOpenFailure(error, file, emit)
            return nil
        }
    }

    /// Reads one file in order: the cheap part of reading. Returns the SHA-256 of the file as
    /// stored when it was read to its end (the manifest keeps it, so a file that was only
    /// touched is not processed again), or nil when reading stopped early. Plain text and HTML
    /// files that are not compressed get theirs from their documents' `source.sha256`.
    @discardableResult
    public func scan(_ file: InputFile, _ emit: (Scanned) throws -> Void) throws -> String? {
        var identities = ReadIdentities()
        return try scan(file, identities: &identities, emit)
    }

    /// `scan`, also giving the identity (size, modification and status change times) of the
    /// file as opened and as it was when its reading ended, each from an `fstat` of the
    /// descriptor read (`ReadIdentities`). `folders` (one reader's) opens files by their names
    /// in the folder read last.
    func scan(_ file: InputFile, identities: inout ReadIdentities, folders: FolderCursor? = nil, _ emit: (Scanned) throws -> Void) throws -> String? {
        // Uncompressed text, HTML and XML are hashed whole from the bytes read anyway.
        let hashing = !file.isStdin && (file.gzip || file.format == .jsonl || file.format == .warc)
        identities.takenAt = FileIdentity.clockNow()
        if file.format == .warc {
            // A WARC's gzip members are read one by one, so a broken member costs one record.
            let base: FileStream
            do {
                base = file.isStdin ? FileStream(standardInput: ()) : try FileStream.opening(file, in: folders)
            } catch {
                try SourceReader.reportOpenFailure(error, file, emit)
                return nil
            }
            identities.opened = base.identity
            if let refusal = SourceReader.ownFileRefusal(base, settings.ownFiles) {
                try emit(.item(SourceReader.failure(file, refusal)))
                return nil
            }
            ReadSeam.shared.reach(.opened, file.path)
            defer { identities.end(base) }
            let hasher = hashing ? HashingStream(base) : nil
            let stored: any ByteStream = hasher ?? base
            let stream: any ByteStream
            do {
                if file.gzip {
                    let gzip = try MemberGzipStream(stored)
                    gzip.stillWritten = { base.mayStillBeWritten() }
                    stream = gzip
                } else {
                    stream = stored
                }
            } catch {
                try emit(.item(SourceReader.failure(file, "\(error)")))
                return nil
            }
            try WARCReader(file: file, limit: settings.maxDocumentBytes).scan(stream, emit)
            return hasher?.digestIfComplete
        }
        guard let (stream, hasher, base) = try SourceReader.open(file, hashing: hashing, opened: &identities.opened, in: folders, ownFiles: settings.ownFiles,
                                                                   orReportTo: emit) else { return nil }
        // Also when a reading stops early: the bytes read so far are what the run took.
        defer { identities.end(base) }
        if file.format == .jsonl {
            try JSONLReader(file: file, limit: settings.maxDocumentBytes).scan(stream, emit)
            return hasher?.digestIfComplete
        }
        var s = stream
        let bytes: [UInt8]
        do {
            // Read as stored (no hashing, no gzip): the file's own bytes, by size.
            if hasher == nil && !file.gzip {
                bytes = try base.readWhole(limit: settings.maxDocumentBytes)
            } else {
                bytes = try s.readAll(limit: settings.maxDocumentBytes)
            }
        } catch {
            try emit(.item(SourceReader.failure(file, "\(error)")))
            return nil
        }
        guard file.format == .xml else {
            try emit(.raw(.file(file, bytes)))
            return hasher?.digestIfComplete
        }
        let source = SourceInfo(path: file.path, format: file.format, sha256: SHA256.hex(bytes))
        let fileSHA = file.gzip ? hasher?.digestIfComplete : source.sha256
        if let problem = RawBytes.problem(bytes, format: file.format) {
            try emit(.item(SourceReader.failure(file, problem.reason, line: problem.line, column: problem.column)))
            return fileSHA
        }
        let records: [XMLRecord]
        let recovered: DocumentError?
        do {
            (records, recovered) = try XMLRecordReader.read(bytes, settings: settings.xml, maxTextBytes: settings.maxDocumentBytes)
        } catch {
            try emit(.item(SourceReader.failure(file, error.message, line: error.line, column: error.column)))
            return fileSHA
        }
        if records.isEmpty { try emit(.item(SourceReader.failure(file, "the XML holds no records (check the xml.record XPath of cleanup)"))) }
        for (k, record) in records.enumerated() {
            var src = source
            src.record = k + 1
            let id = "\(file.path)#\(k + 1)"
            if record.text.count > settings.maxDocumentBytes {
                try emit(.item(.failure(ErrorRecord(id: id, path: file.path, stage: "read",
                                                    reason: "the record's text is \(MessageText.megabytes(record.text.count, up: true)) MB, above the \(MessageText.megabytes(settings.maxDocumentBytes)) MB limit; raise max_document_mb in the config to read it"))))
                continue
            }
            try emit(.item(.document(Document(id: id, source: src, text: record.text,
                                              content: record.content, meta: record.meta))))
        }
        if let recovered {
            try emit(.item(SourceReader.failure(file, recovered.message, line: recovered.line, column: recovered.column)))
        }
        return fileSHA
    }

    /// Turns raw bytes into a document or a failure: the per-document part of reading.
    public func decode(_ raw: RawInput) -> InputItem {
        switch raw {
        case .line(let file, let bytes, let n):
            return JSONLReader(file: file, limit: settings.maxDocumentBytes).decode(bytes, line: n)
        case .warc(let file, let payload):
            return WARCReader.decode(payload, file: file, limit: settings.maxDocumentBytes)
        case .file(let file, let bytes):
            if let problem = RawBytes.problem(bytes, format: file.format) {
                return SourceReader.failure(file, problem.reason, line: problem.line, column: problem.column)
            }
            let source = SourceInfo(path: file.path, format: file.format, sha256: SHA256.hex(bytes))
            if file.format == .html {
                let (text, how) = TextDecoding.decode(bytes)
                var document = Document(id: file.path, source: source, text: text, content: .html)
                if case .overridden = how { document.scratch[TextDecoding.charsetOverriddenKey] = true }
                return .document(document)
            }
            switch TextFileDecoding.decode(bytes) {
            case .success(let text):
                return .document(Document(id: file.path, source: source, text: text, content: .plain))
            case .failure(let invalid):
                return SourceReader.failure(file, invalid.reason, line: invalid.line, column: invalid.column)
            }
        }
    }

    static func open(_ file: InputFile) throws -> any ByteStream {
        let base: FileStream = file.isStdin ? FileStream(standardInput: ()) : try FileStream.opening(file)
        if file.gzip { return try GzipStream(base) }
        return base
    }
}

/// The identity of an input file as `SourceReader.scan` opened it and as it was when its reading
/// ended, each from an `fstat` of the descriptor read (nil for stdin, for a file that could not
/// be opened, and when `fstat` failed).
struct ReadIdentities: Sendable {
    /// The clock before the file was opened (`FileIdentity.takenRacily`).
    var takenAt = Int.min
    var opened: FileIdentity?
    var ended: FileIdentity?
    /// True when the file had no name left when its reading ended (`FileStream.identityNow`).
    var unlinked = false

    /// Takes the identity of `base` when its reading ends. None for a named pipe or a device
    /// named as an input (`-i <(…)`, a FIFO): its times move with every write, and it has no
    /// bytes that could change under the reader, so it is never said to have changed while read.
    mutating func end(_ base: FileStream) {
        let now = base.identityNow()
        ended = now?.regular == false ? nil : now?.identity
        unlinked = now?.unlinked ?? false
    }

    /// True when the file was written, truncated or renamed over while it was read: what the run
    /// took from it may be bytes it never held at one time (the start of one version, the end of
    /// another). The manifest keeps `opened`, so the next run sees the change and reads it again.
    var changed: Bool {
        guard let opened, let ended else { return false }
        return opened != ended
    }

    /// The notice that names a file that changed while it was read, and how it changed.
    func notice(_ path: String) -> String? {
        guard changed, let opened, let ended else { return nil }
        let how = if opened.size != ended.size {
            "\(opened.size) bytes when it was opened, \(ended.size) when its reading ended"
        } else if unlinked && opened.mtime == ended.mtime {
            "deleted or renamed over: read whole as it was opened, \(opened.size) bytes"
        } else {
            "rewritten, \(opened.size) bytes before and after"
        }
        return "\(MessageText.quoted(path)) changed while it was read (\(how))"
    }
}

/// Checks of raw file bytes before decoding: empty, binary.
enum RawBytes {
    struct Problem { var reason: String; var line: Int?; var column: Int? }

    static func problem(_ bytes: [UInt8], format: SourceFormat) -> Problem? {
        if bytes.isEmpty { return Problem(reason: "the file is empty") }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return Problem(reason: "the file holds only white space")
        }
        if let kind = magic(bytes) { return Problem(reason: "this is a binary file (\(kind)), not text; remove it from the input or name it for what it is") }
        // UTF-16 text has NUL bytes but is not binary.
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) { return nil }
        // So is an XML file that opens with "<?" in UTF-16, which needs no mark (XML 1.0, appendix F).
        if format == .xml && TextDecoding.xmlUTF16ByteOrder(bytes) != nil { return nil }
        let nulAt: Int? = bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress, let p = memchr(base, 0, b.count) else { return nil }
            return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
        if let nul = nulAt {
            let (line, column) = UTF8Bytes.lineAndColumn(of: nul, in: bytes)
            if let order = utf16WithoutMark(bytes) {
                return Problem(reason: "this looks like \(order) text without a byte-order mark (a NUL byte at byte \(nul) and at every second byte, as ASCII letters in UTF-16 have), which is read only with its mark: convert it to UTF-8, e.g. iconv -f \(order.lowercased()) -t utf-8 FILE > FIXED", line: line, column: column)
            }
            return Problem(reason: "this is a binary file (a NUL byte at byte \(nul)), not text", line: line, column: column)
        }
        return nil
    }

    /// "UTF-16LE" or "UTF-16BE" when the first 4 KiB have NUL bytes on one side only, at least
    /// one pair in four: text in UTF-16 without a byte-order mark, mostly ASCII (Notepad's
    /// "Unicode" saved without one, PowerShell's redirection into a file that took the mark
    /// off). It was called a binary file, with no word of what to do.
    static func utf16WithoutMark(_ bytes: [UInt8]) -> String? {
        let head = min(bytes.count, 4096)
        guard head >= 4 else { return nil }
        let (even, odd) = TextDecoding.nulBytesBySide(bytes)
        guard (even == 0) != (odd == 0), (even + odd) * 8 >= head else { return nil }
        return odd > 0 ? "UTF-16LE" : "UTF-16BE"
    }

    /// Well-known binary formats by their first bytes (nil: any byte), with the name a user is
    /// told. Data compressed by a program other than gzip says how to make gzip of it: a
    /// `corpus.jsonl.zst`, `.bz2` or `.xz` was "a binary file (a NUL byte at byte 8), not text",
    /// with no word of what it was or what to do.
    static let signatures: [(prefix: [UInt8?], kind: String)] = [
        ([0x25, 0x50, 0x44, 0x46, 0x2D], "PDF"),
        ([0x89, 0x50, 0x4E, 0x47], "PNG image"),
        ([0xFF, 0xD8, 0xFF], "JPEG image"),
        ([0x47, 0x49, 0x46, 0x38], "GIF image"),
        ([0x50, 0x4B, 0x03, 0x04], "ZIP archive or Office document"),
        ([0x1F, 0x8B], "gzip data: give the file a .gz name and it is read transparently"),
        ([0x7F, 0x45, 0x4C, 0x46], "ELF executable"),
        ([0x28, 0xB5, 0x2F, 0xFD], recompress("zstd", "zstd -dc")),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], recompress("xz", "xz -dc")),
        // "BZh", the block size 1 to 9, then a block's magic or the end of the stream's.
        ([0x42, 0x5A, 0x68, nil, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59], recompress("bzip2", "bzip2 -dc")),
        ([0x42, 0x5A, 0x68, nil, 0x17, 0x72, 0x45, 0x38, 0x50, 0x90], recompress("bzip2", "bzip2 -dc")),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7-Zip archive"),
    ]

    /// The kind told of data compressed by `program`, which TextMill does not read.
    static func recompress(_ program: String, _ decompress: String) -> String {
        "\(program)-compressed data, which TextMill does not decompress: recompress it with gzip, e.g. \(decompress) FILE | gzip > FILE.gz, whose .gz name is read transparently"
    }

    /// Names well-known binary formats by their first bytes.
    static func magic(_ b: [UInt8]) -> String? {
        signatures.first { s in
            b.count >= s.prefix.count && zip(b, s.prefix).allSatisfy { byte, wanted in wanted.map { $0 == byte } ?? true }
        }?.kind
    }
}

/// Decoding of `.txt` files: UTF-8 (BOM dropped) or UTF-16 with a BOM; anything else (invalid
/// UTF-8, a lone UTF-16 surrogate, UTF-16 of an odd number of bytes) is refused with the place
/// of the first bad byte.
enum TextFileDecoding {
    struct Invalid: Error { var reason: String; var line: Int; var column: Int }

    static func decode(_ bytes: [UInt8]) -> Result<[UInt8], Invalid> {
        if bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF) {
            let text = utf16(bytes.dropFirst(2), littleEndian: bytes[0] == 0xFF)
            // A lone surrogate is kept as bytes no UTF-8 check takes: it fails the file at its
            // place, as invalid UTF-8 does (it was U+FFFD, silently).
            guard let bad = text.withUnsafeBufferPointer({ UTF8Bytes.firstInvalidOffset($0) }) else {
                // An odd last byte is half a code unit: the file fails at the end of its text.
                guard bytes.count % 2 == 1, let last = bytes.last else { return .success(text) }
                let (line, column) = UTF8Bytes.lineAndColumn(of: text.count, in: text)
                return .failure(Invalid(reason: UTF16Text.oddLengthReason(lastByte: last, line: line, column: column), line: line, column: column))
            }
            let unit = text.withUnsafeBufferPointer { UTF16Text.surrogate(in: $0, at: bad) } ?? 0xD800
            let (line, column) = UTF8Bytes.lineAndColumn(of: bad, in: text)
            let reason = "invalid UTF-16 (a lone surrogate, \(UTF16Text.name(unit)), at line \(line), column \(column)): it is half of a "
                + "character whose other half is missing, so the file is damaged; repair it at its source, or convert it "
                + "dropping what cannot be read, e.g. iconv -c -f utf-16 -t utf-8"
            return .failure(Invalid(reason: reason, line: line, column: column))
        }
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        if let bad = body.withUnsafeBufferPointer({ UTF8Bytes.firstInvalidOffset($0) }) {
            let (line, column) = UTF8Bytes.lineAndColumn(of: bad, in: body)
            let reason = "invalid UTF-8 (byte \(String(format: body[bad])) at line \(line), column \(column)): "
                + "the file is in another encoding; convert it first, e.g. iconv -f cp1252 -t utf-8"
            return .failure(Invalid(reason: reason, line: line, column: column))
        }
        return .success(body)
    }

    static func utf16<C: Collection>(_ bytes: C, littleEndian: Bool) -> [UInt8] where C.Element == UInt8 {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var it = bytes.makeIterator()
        while let a = it.next(), let b = it.next() {
            units.append(littleEndian ? UInt16(a) | UInt16(b) << 8 : UInt16(a) << 8 | UInt16(b))
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count)
        UTF16Text.appendUTF8(units, to: &out)
        return out
    }

}
