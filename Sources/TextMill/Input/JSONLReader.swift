/// Reads JSONL: one JSON object a line with a `text` (plain) or `html` (markup) string field.
///
/// `id` (string or number) becomes the record's id, else `path#N` with N the line number (an
/// empty string is no id: the record is `path#N`, and its `"id": ""` is kept inside `input`; a
/// number is its value's one spelling, `JSONNumberText`, `1.0` the id "1", and a spelling that
/// differs is kept inside `input`); `meta` (an object) seeds the record's metadata (one that is
/// no object, `null` too, is kept inside `input`), and a `metadata` object (dolma, datatrove)
/// is merged into it (keys of `meta` win). An input field whose name TextMill owns (`source`,
/// `paragraphs`, `sentences`, `quotes`, `duplicate`, `filtered`, `input`, `html` beside a
/// `text`, and a `"text": null` beside the `html` read: null is no text) is never dropped: it is kept, as it came, inside the record's `input` object, and
/// counted (`InputFields`). Every other field passes through untouched, its value written back
/// as the very text it came in, so dolma and datatrove records (`added`, `created`, `media`, …)
/// round-trip. Blank lines are skipped; a line that is
/// not a JSON object fails alone.
struct JSONLReader {
    let file: InputFile
    let limit: Int

    /// Fields whose string values the parser hands over as bytes (`JSONParser.parseObject`).
    static let textKeys = ["text", "html"]
    /// Fields the reader turns into the document itself (a short list: searched in order, short
    /// names compared without hashing).
    static let consumed: [String] = ["id", "text", "html", "meta"]
    /// Fields the reader looks into; every other field's value is kept as the text it was
    /// written in (`JSONValue.verbatim`) and written back byte for byte.
    static let readAsValues: [String] = consumed + ["metadata"]
    /// Field names of the output record that TextMill writes; input copies go under `input`.
    static let owned: [String] = ["source", "paragraphs", "sentences", "quotes", "duplicate", "filtered", InputFields.key]

    /// True when `names` holds `name`. Lengths are compared first (a native string stores its
    /// length), so a field is passed over without comparing bytes with names of other lengths.
    @inline(__always) static func isListed(_ name: String, in names: [String]) -> Bool {
        let length = name.utf8.count
        for known in names where known.utf8.count == length && known == name { return true }
        return false
    }

    /// Splits the stream into lines (in order, cheap); each line is decoded later by `decode`.
    func scan(_ stream: any ByteStream, _ emit: (SourceReader.Scanned) throws -> Void) throws {
        let ending = UTF16Ending()
        var lines = LineReader(AnyByteStream(UTF8Stream(stream, ending: ending)), limit: limit)
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
            // The stream notes a UTF-16 file's odd last byte only when it reaches its end, after
            // every complete line was handed out: the byte is in the last line, or alone after it.
            if let odd = ending.oddLastByte {
                var last: [UInt8] = []
                if case .line(let bytes)? = next { last = bytes }
                let n = next == nil ? lines.lineNumber + 1 : lines.lineNumber
                let column = UTF8Bytes.lineAndColumn(of: last.count, in: last).column
                try emit(.item(.failure(ErrorRecord(id: "\(base)#\(n)", path: file.path, stage: "read",
                    reason: UTF16Text.oddLengthReason(lastByte: odd, line: n, column: column), line: n, column: column))))
                return
            }
            guard let next else { break }
            let n = lines.lineNumber
            switch next {
            case .tooLong(let length):
                sawRecord = true
                try emit(.item(.failure(ErrorRecord(id: "\(base)#\(n)", path: file.path, stage: "read",
                    reason: "line \(n) is \(MessageText.megabytes(length, up: true)) MB, above the \(MessageText.megabytes(limit)) MB limit; raise max_document_mb in the config to read it", line: n))))
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
        switch record(bytes, line: n) {
        case .success(let doc): return .document(doc)
        case .failure(let e):
            return .failure(ErrorRecord(id: e.id ?? fallbackId(line: n), path: file.path, stage: "read", reason: e.message, line: n, column: e.column))
        }
    }

    /// The id of a record without its own: `path#N` (`stdin#N`).
    func fallbackId(line n: Int) -> String { "\(file.isStdin ? "stdin" : file.path)#\(n)" }

    /// Why a line is no document; `id` is the record's own id when it has one.
    struct Failure: Error { var message: String; var column: Int?; var id: String? }

    func record(_ bytes: [UInt8], line: Int) -> Result<Document, Failure> {
        let value: JSONValue
        // The strings of `text` and `html` as bytes, without a String made of them first.
        let kept: [[UInt8]?]
        // The text of each field that passes through, where the writer would write it otherwise.
        let written: [(key: String, text: String?)]
        // Fields whose values held a lone surrogate escape (read as U+FFFD), each with the
        // offset of its first.
        let loneSurrogates: [(key: String, offset: Int)]
        // The offset of the first lone surrogate escape in a field's name.
        let loneSurrogateName: Int?
        // Fields given twice, and fields whose values hold an object with a key given twice.
        let repeated: [String], repeatedInside: [String]
        do {
            (value, kept, written, loneSurrogates, loneSurrogateName, repeated, repeatedInside) = try bytes.withUnsafeBufferPointer { b throws(JSONSyntaxError) in
                try JSONParser.parseRecord(b, keepingBytesOf: JSONLReader.textKeys, verbatimExcept: JSONLReader.readAsValues)
            }
        } catch {
            let column = UTF8Bytes.lineAndColumn(of: error.offset, in: bytes).column
            // A mark at a line's start is a file's own, joined to another (`cat a.jsonl b.jsonl`):
            // "expected a JSON value, found 0xEF" named an invisible byte and no way out.
            if error.offset == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                return .failure(Failure(message: "line \(line) is not valid JSON: it starts with a UTF-8 byte-order mark (bytes EF BB BF), which only a file's first line may carry: a file joined to another (cat a.jsonl b.jsonl) keeps its mark inside; remove it, e.g. sed '1!s/^\\xEF\\xBB\\xBF//' FILE > FIXED (column 1)", column: 1))
            }
            // Invalid UTF-8 (not a surrogate's bytes, which the parser names): say what to do, as
            // a `.txt` file's message does; until session 34 it named the column only.
            if let advice = JSONLReader.invalidUTF8Advice(bytes, at: error.offset) {
                return .failure(Failure(message: "line \(line) is not valid JSON: \(error.message) (column \(column)): \(advice)", column: column))
            }
            return .failure(Failure(message: "line \(line) is not valid JSON: \(error.message) (column \(column))", column: column))
        }
        guard case .object(let object) = value else {
            return .failure(Failure(message: "line \(line) is a JSON \(value.typeName), not an object with a \"text\" or \"html\" field"))
        }
        // The four fields the reader turns into the document, found in one pass over the pairs
        // (keys compared by their bytes, as `object[key]` does; an object's keys are unique).
        var idField, textField, htmlField, metaField: JSONValue?
        for (k, v) in object {
            switch k.utf8.count {
            case 2: if JSONObject.sameBytes(k, "id") { idField = v }
            case 4:
                if JSONObject.sameBytes(k, "text") { textField = v }
                else if JSONObject.sameBytes(k, "html") { htmlField = v }
                else if JSONObject.sameBytes(k, "meta") { metaField = v }
            default: break
            }
        }
        let id: String
        var idRespelled = false
        switch idField {
        case .string(let s)?:
            // "\ud800" and "\udc00" both read as U+FFFD: two records' ids would become one.
            if !loneSurrogates.isEmpty && loneSurrogates.contains(where: { $0.key == "id" }) {
                return .failure(Failure(message: "line \(line): \"id\" holds a lone UTF-16 surrogate escape (such as \\ud800), which is no character: "
                    + "read as U+FFFD it would be the id of every record with another lone surrogate there; write the id in valid Unicode "
                    + "(a surrogate pair such as \\ud83d\\ude00 is one character)"))
            }
            // An empty id names no record: `duplicate.of: ""` and an errors line under "" said
            // nothing a reader could look up, and every later record under it failed as a
            // reused id. Taken as no id (as a WARC record's `<>` is); its "" is kept in `input`.
            id = s.isEmpty ? fallbackId(line: line) : s
        // One number, one id: `1`, `1.0` and `1e0` are the same JSON number (to jq, Python and
        // DuckDB), so they are the same document, id "1" (`JSONNumberText`), for the check of
        // reused ids and for dedup's index; a spelling that differs is kept in `input`. Until
        // session 34 they were three documents, "1", "1.0" and "1e0".
        case .number(let s)?:
            id = JSONNumberText.canonical(s) ?? s
            idRespelled = id != s
        case nil, .null?: id = fallbackId(line: line)
        case let other?: return .failure(Failure(message: "line \(line): \"id\" must be a string or a number, not \(other.typeName)"))
        }
        if !loneSurrogates.isEmpty, let replaced = JSONLReader.replacedSurrogate(loneSurrogates, written: written) {
            let column = UTF8Bytes.lineAndColumn(of: replaced.offset, in: bytes).column
            return .failure(Failure(message: "line \(line), column \(column): \"\(replaced.key)\" holds a lone UTF-16 surrogate escape (such as \\ud800), "
                + "which is no character: read as U+FFFD the record would not say what the line says; write it in valid Unicode "
                + "(a surrogate pair such as \\ud83d\\ude00 is one character)", column: column, id: id))
        }
        // A field's name is written anew, never as it came: with U+FFFD for its escape, the
        // record would not say what the line says ("\ud800" and "\udc00" would be one field).
        if let offset = loneSurrogateName {
            let column = UTF8Bytes.lineAndColumn(of: offset, in: bytes).column
            return .failure(Failure(message: "line \(line), column \(column): a field's name holds a lone UTF-16 surrogate escape (such as \\ud800), "
                + "which is no character: read as U+FFFD the record would not say what the line says (names are written anew); write it in "
                + "valid Unicode (a surrogate pair such as \\ud83d\\ude00 is one character)", column: column, id: id))
        }
        let content: ContentKind
        let text: [UInt8]
        if let t = textField, t != .null {
            guard let s = t.stringValue else { return .failure(Failure(message: "line \(line): \"text\" must be a string, not \(t.typeName)", id: id)) }
            text = kept[0] ?? Array(s.utf8)
            content = .plain
        } else if let h = htmlField, h != .null {
            guard let s = h.stringValue else { return .failure(Failure(message: "line \(line): \"html\" must be a string, not \(h.typeName)", id: id)) }
            text = kept[1] ?? Array(s.utf8)
            content = .html
        } else {
            return .failure(Failure(message: "line \(line) has neither a \"text\" nor an \"html\" string field (fields: \(object.keys.joined(separator: ", ")))", id: id))
        }
        var meta = JSONObject()
        // Values of `meta` and `metadata` keys that the record's schema does not accept under
        // them (`MetaValueTypes`), kept under `input` with their object's name.
        var keptMeta = JSONObject(), keptMetadata = JSONObject()
        // A `meta` that is no object (`null`, a string, a list) seeds nothing: it is kept as it
        // came under `input.meta` and counted, where until session 34 it failed its record
        // ("\"meta\" must be an object, not null") and a `"metadata": null` passed through.
        var metaNotObject: JSONValue?
        if let m = metaField {
            if let o = m.objectValue {
                meta = o
                for (k, v) in o where !MetaValueTypes.admits(k, v) {
                    keptMeta.appendUnchecked(k, v)
                    meta[k] = nil
                }
            } else {
                metaNotObject = m
            }
        }
        var moved: [String] = []
        var extra = JSONObject()
        // Room for every field beyond `id` and `text` at once (not grown 1, 2, 4, …).
        if object.count > 2 { extra.reserveCapacity(object.count - 2) }
        var keptFields = JSONObject()
        for (k, v) in object {
            // Compared by their bytes, lengths first, as above: no ASCII name has another
            // spelling that `==` would take for it.
            let length = k.utf8.count
            let isHTML = length == 4 && JSONObject.sameBytes(k, "html")
            // A `"text": null` beside the `html` read (null is no text: the html is the
            // document's) is kept under `input` and counted, as an `html` beside a `text` is;
            // it was dropped without a count until session 36.
            let isUnreadText = content == .html && length == 4 && JSONObject.sameBytes(k, "text")
            if length == 8 && JSONObject.sameBytes(k, "metadata"), let o = v.objectValue {
                // `meta`'s own value wins a key both give; `metadata`'s other value is kept under
                // `input.metadata`, as one the schema refuses is (until session 36 it was dropped).
                for (mk, mv) in o {
                    if let held = meta[mk] {
                        if held != mv { keptMetadata.appendUnchecked(mk, mv) }
                    } else if MetaValueTypes.admits(mk, mv) { meta[mk] = mv } else { keptMetadata.appendUnchecked(mk, mv) }
                }
                moved.append(k)
            } else if isHTML && content == .plain || isUnreadText || JSONLReader.isListed(k, in: JSONLReader.owned)
                        || length == 2 && JSONObject.sameBytes(k, "id") && (v.stringValue?.isEmpty == true || idRespelled) {
                // An `html` string beside a `text` came back as bytes: kept as the string it was.
                let original = isHTML && v.stringValue != nil ? kept[1].map { JSONValue.string(String(decoding: $0, as: UTF8.self)) } : nil
                keptFields.appendUnchecked(k, original ?? v)
                moved.append(k)
            } else if !JSONLReader.isListed(k, in: JSONLReader.consumed) {
                extra.appendUnchecked(k, v)
            }
        }
        if let m = metaNotObject {
            keptFields.appendUnchecked("meta", m)
            moved.append("meta")
        } else if !keptMeta.isEmpty {
            keptFields.appendUnchecked("meta", .object(keptMeta))
            moved.append("meta")
        }
        if !keptMetadata.isEmpty { keptFields.appendUnchecked("metadata", .object(keptMetadata)) }
        if !keptFields.isEmpty { extra.appendUnchecked(InputFields.key, .object(keptFields)) }
        let source = SourceInfo(path: file.path, format: .jsonl, sha256: SHA256.hex(bytes), record: line)
        let extraText = written.isEmpty ? [:] : JSONLReader.extraText(written, extra: extra, kept: keptFields)
        let lost = repeated.isEmpty && repeatedInside.isEmpty ? [] : JSONLReader.lostValues(repeated: repeated, inside: repeatedInside, written: written)
        let scratch: [String: any Sendable] = moved.isEmpty && lost.isEmpty ? [:] : [InputFields.key: InputFields(names: moved, repeated: lost)]
        // Made in the result by one initializer, not in a variable changed and copied into it
        // (the copy was a retain of every field, and the variable's release).
        return .success(Document(id: id, source: source, text: text, content: content, meta: meta, extra: extra,
                                 extraText: extraText, scratch: scratch))
    }
}

extension JSONLReader {
    /// What to do about the invalid UTF-8 at `offset` of a line, when the line's first invalid
    /// byte is there (and is no lone surrogate's, which the parser names apart); nil otherwise.
    static func invalidUTF8Advice(_ line: [UInt8], at offset: Int) -> String? {
        line.withUnsafeBufferPointer { b in
            guard offset < b.count, UTF8Bytes.firstInvalidOffset(b) == offset, UTF16Text.surrogate(in: b, at: offset) == nil else { return nil }
            return "byte \(String(format: b[offset])) is not UTF-8, and JSON text must be: if the whole file is in another encoding, "
                + "convert it first, e.g. iconv -f cp1252 -t utf-8 FILE > FIXED; if only some lines are, drop their invalid bytes, "
                + "e.g. iconv -c -f utf-8 -t utf-8 FILE > FIXED"
        }
    }

    /// The first field holding a lone surrogate escape (`"\ud800"`, read as U+FFFD) whose value
    /// the record would not hold as it came, with the escape's offset in the line: a field the
    /// reader reads (`text`, `html`, `meta`, `metadata`), or any other whose text is not written
    /// back as it came (`written`). A field written back as its text keeps its escape.
    static func replacedSurrogate(_ lone: [(key: String, offset: Int)], written: [(key: String, text: String?)]) -> (key: String, offset: Int)? {
        for (key, offset) in lone {
            if isListed(key, in: readAsValues) || written.last(where: { $0.key == key })?.text == nil { return (key, offset) }
        }
        return nil
    }

    /// The fields of a record that lost a value to a key given twice: every field given twice
    /// (its earlier values), and every field holding an object with a key given twice whose
    /// text is not written back as it came (`meta`, `metadata`, a value written anew): its
    /// object keeps the last value of that key. Counted as `run.input_fields_repeated`.
    static func lostValues(repeated: [String], inside: [String], written: [(key: String, text: String?)]) -> [String] {
        var lost = repeated
        for key in inside where !lost.contains(key) {
            // The last text noted for the key is the one written back (nil: written anew).
            let kept = written.last(where: { $0.key == key }).map { $0.text != nil } ?? false
            if !kept { lost.append(key) }
        }
        return lost
    }

    /// The texts of `extra`'s fields as they came (`written`, the last text of each key, as the
    /// object keeps the last value), and of the `input` object made of the kept fields when one
    /// of them has a text: its members as they came, each key written anew.
    static func extraText(_ written: [(key: String, text: String?)], extra: JSONObject, kept: JSONObject) -> [String: WrittenValue] {
        var texts: [String: String] = [:]
        for (k, t) in written { texts[k] = t }  // nil removes: a later value without a text
        var out: [String: WrittenValue] = [:]
        for (k, v) in extra where k != InputFields.key || kept.isEmpty {
            if let t = texts[k] { out[k] = WrittenValue(value: v, text: t) }
        }
        if !kept.isEmpty, kept.contains(where: { texts[$0.key] != nil }) {
            var w = JSONWriter()
            w.byte(0x7B)
            for (n, (k, v)) in kept.enumerated() {
                if n > 0 { w.byte(0x2C) }
                w.key(k)
                if let t = texts[k] { w.bytes.append(contentsOf: t.utf8) } else { w.value(v) }
            }
            w.byte(0x7D)
            out[InputFields.key] = WrittenValue(value: .object(kept), text: String(decoding: w.bytes, as: UTF8.self))
        }
        return out
    }
}

/// A type-erased `ByteStream`, so readers can hold any stream in a generic `LineReader`.
struct AnyByteStream: ByteStream {
    var base: any ByteStream
    init(_ base: any ByteStream) { self.base = base }
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try base.read(into: buffer) }
}

/// The input fields of a JSONL record that the reader moved: `metadata` into `meta`, fields
/// whose names TextMill owns into the record's `input` object. Counted per name in the stats
/// (`run.input_fields_moved`). Also the fields that lost a value to a key given twice
/// (`JSONLReader.lostValues`: `run.input_fields_repeated`).
struct InputFields: Sendable {
    /// The output field that holds input fields whose names TextMill owns.
    static let key = "input"
    var names: [String]
    var repeated: [String] = []
}
