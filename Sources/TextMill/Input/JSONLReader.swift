/// Reads JSONL: one JSON object a line with a `text` (plain) or `html` (markup) string field.
///
/// `id` (string or number) becomes the record's id, else `path#N` with N the line number;
/// `meta` (an object) seeds the record's metadata; every other field passes through untouched.
/// TextMill's own annotation fields (`source`, `paragraphs`, `sentences`, `quotes`,
/// `duplicate`) are made again by the stages that run, so input copies of them are dropped.
/// Blank lines are skipped; a line that is not a JSON object fails alone.
struct JSONLReader {
    let file: InputFile
    let limit: Int

    static let reserved: Set<String> = ["id", "text", "html", "meta", "source", "paragraphs", "sentences", "quotes", "duplicate"]

    /// Splits the stream into lines (in order, cheap); each line is decoded later by `decode`.
    func scan(_ stream: any ByteStream, _ emit: (SourceReader.Scanned) throws -> Void) throws {
        var lines = LineReader(AnyByteStream(UTF8Stream(stream)), limit: limit)
        let base = file.isStdin ? "stdin" : file.path
        var sawRecord = false
        while true {
            let next: LineReader<AnyByteStream>.Line?
            do {
                next = try lines.next()
            } catch {
                try emit(.item(.failure(ErrorRecord(id: "\(base)#\(lines.lineNumber + 1)", path: file.path, stage: "read",
                                                    reason: "\(error)", line: lines.lineNumber + 1))))
                return
            }
            guard let next else { break }
            let n = lines.lineNumber
            switch next {
            case .tooLong(let length):
                sawRecord = true
                try emit(.item(.failure(ErrorRecord(id: "\(base)#\(n)", path: file.path, stage: "read",
                    reason: "line \(n) is \(length >> 20) MB, above the \(limit >> 20) MB limit; raise max_document_mb in the config to read it", line: n))))
            case .line(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                sawRecord = true
                try emit(.raw(.line(file, bytes, n)))
            }
        }
        if !sawRecord && !file.isStdin {
            try emit(.item(.failure(ErrorRecord(id: base, path: file.path, stage: "read", reason: "the file is empty (no JSONL records)"))))
        }
    }

    /// Decodes one line into a document, or the failure that takes its place.
    func decode(_ bytes: [UInt8], line n: Int) -> InputItem {
        let fallbackId = "\(file.isStdin ? "stdin" : file.path)#\(n)"
        switch record(bytes, line: n, fallbackId: fallbackId) {
        case .success(let doc): return .document(doc)
        case .failure(let e):
            return .failure(ErrorRecord(id: fallbackId, path: file.path, stage: "read", reason: e.message, line: n, column: e.column))
        }
    }

    struct Failure: Error { var message: String; var column: Int? }

    func record(_ bytes: [UInt8], line: Int, fallbackId: String) -> Result<Document, Failure> {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            let column = UTF8Bytes.lineAndColumn(of: error.offset, in: bytes).column
            return .failure(Failure(message: "line \(line) is not valid JSON: \(error.message) (column \(column))", column: column))
        }
        guard case .object(let object) = value else {
            return .failure(Failure(message: "line \(line) is a JSON \(value.typeName), not an object with a \"text\" or \"html\" field"))
        }
        var id = fallbackId
        switch object["id"] {
        case .string(let s)?: id = s
        case .number(let s)?: id = s
        case nil, .null?: break
        case let other?: return .failure(Failure(message: "line \(line): \"id\" must be a string or a number, not \(other.typeName)"))
        }
        let content: ContentKind
        let text: String
        if let t = object["text"], t != .null {
            guard let s = t.stringValue else { return .failure(Failure(message: "line \(line): \"text\" must be a string, not \(t.typeName)")) }
            text = s
            content = .plain
        } else if let h = object["html"], h != .null {
            guard let s = h.stringValue else { return .failure(Failure(message: "line \(line): \"html\" must be a string, not \(h.typeName)")) }
            text = s
            content = .html
        } else {
            return .failure(Failure(message: "line \(line) has neither a \"text\" nor an \"html\" string field (fields: \(object.keys.joined(separator: ", ")))"))
        }
        var meta = JSONObject()
        if let m = object["meta"] {
            guard let o = m.objectValue else { return .failure(Failure(message: "line \(line): \"meta\" must be an object, not \(m.typeName)")) }
            meta = o
        }
        var extra = JSONObject()
        for (k, v) in object where !JSONLReader.reserved.contains(k) { extra.appendUnchecked(k, v) }
        let source = SourceInfo(path: file.path, format: .jsonl, sha256: SHA256.hex(bytes), record: line)
        return .success(Document(id: id, source: source, text: Array(text.utf8), content: content, meta: meta, extra: extra))
    }
}

/// A type-erased `ByteStream`, so readers can hold any stream in a generic `LineReader`.
struct AnyByteStream: ByteStream {
    var base: any ByteStream
    init(_ base: any ByteStream) { self.base = base }
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try base.read(into: buffer) }
}
