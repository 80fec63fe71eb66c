import Foundation

/// A WARC record that will become a document, read but not decoded yet: the runner decodes it
/// (undoes chunking and compression, picks the charset) on any thread.
public struct WARCPayload: Sendable {
    /// The record's block: for a `response`, the whole HTTP message.
    var block: [UInt8]
    /// Where the payload starts in `block` (after the HTTP head).
    var bodyStart: Int
    var content: ContentKind
    var chunked: Bool
    /// The `Content-Encoding` to undo ("" for none).
    var contentEncoding: String
    /// The charset the HTTP `Content-Type` (or the record's own) names, used when the page names none.
    var charset: String?
    var id: String
    var url: String?
    var date: String?
    /// 1-based number of the record in the file (every record counts, skipped ones too).
    var index: Int
    /// Byte offset of the record in the (decompressed) file.
    var offset: Int
}

/// Reads WARC files (1.0 and 1.1; plain, one gzip member per record, or one gzip stream):
/// each `response` record holding a 2xx HTTP response with an HTML or plain-text payload, and each
/// `resource` or `conversion` (WET) record with an HTML or plain-text block, becomes one document.
///
/// The id is the WARC-Record-ID without its angle brackets (`urn:uuid:…`); `meta.url` and
/// `meta.date` are WARC-Target-URI and WARC-Date; `source.record` is the record's number in the
/// file. Other records are skipped and counted by `SkipRule` (`run.input_skipped` in the stats).
/// Records are read one at a time: memory is bounded by the largest record read, and a record
/// over `max_document_mb` is skipped unread and reported. A record that is truncated, has a wrong
/// Content-Length or a corrupt gzip member fails alone; reading resumes at the next record.
struct WARCReader {
    let file: InputFile
    let limit: Int

    static let maxLineBytes = 1 << 16
    /// The bytes of lying blocks a file may have read again, in documents of the size limit: a
    /// block is at most `limit` bytes, so a file costs at most this many extra blocks' reading.
    static let rescansPerLimit = 4
    /// Said of a record whose block could not be read again: the file's rescans are spent.
    static let notRescanned = "; the records inside its claimed block are not read (this file's blocks read again reached 4 times max_document_mb)"
    /// Said of a record whose block was passed over unread because it is larger than a document
    /// may be (whether the record was skipped for its type or failed for its size).
    static let passedOver = "; the records inside its claimed block are not read (a block larger than max_document_mb is passed over unread)"
    static let maxHeaderBytes = 1 << 20
    static let version = Array("WARC/".utf8)
    static let trailer: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]

    /// What becomes of a record of each WARC-Type.
    enum Handling {
        /// An HTTP response: a document when it is 2xx with an HTML or text payload.
        case httpResponse
        /// A document when the record's own Content-Type is HTML or text.
        case block
        /// Skipped, counted under this name.
        case skip(String)
    }

    static let handling: [String: Handling] = [
        "response": .httpResponse,
        "resource": .block,
        "conversion": .block,
        "request": .skip("warc_request"),
        "metadata": .skip("warc_metadata"),
        "warcinfo": .skip("warc_warcinfo"),
        "revisit": .skip("warc_revisit"),
        "continuation": .skip("warc_continuation"),
    ]
    /// Counter for a WARC-Type not in `handling`.
    static let otherType = "warc_other_type"

    /// Media types that become documents, and as what.
    static let textTypes: [String: ContentKind] = [
        "text/html": .html,
        "application/xhtml+xml": .html,
        "text/plain": .plain,
    ]

    /// Where the reader is: the record being read, for the failure rows.
    private struct Position {
        var index = 0
        var offset = 0
        var id: String?
    }

    /// Reads the stream record by record, emitting documents to decode, skips and failures.
    func scan(_ stream: any ByteStream, _ emit: (SourceReader.Scanned) throws -> Void) throws {
        var reader = BufferedByteReader(stream)
        reader.unreadBudget = WARCReader.rescansPerLimit * limit
        var position = Position()
        // After a failure, bytes up to the next record are expected garbage, not reported again.
        var lostSync = false
        var records = 0
        var emitted = false
        // The failure of a record whose end was not found, held until the next record starts: a
        // corrupt gzip member found while skipping to it is the better reason, and replaces it.
        var held: (record: Int, item: SourceReader.Scanned)?
        while true {
            var items: [SourceReader.Scanned] = []
            var more: Bool
            do {
                more = try next(&reader, &position, &lostSync, &items)
            } catch {
                if held?.record == position.index { held = nil }
                items.append(failure(position, "\(error)"))
                // Only a skipped gzip member leaves something to read after it; what is
                // buffered came from the broken member.
                more = error is GzipMemberSkipped
                if more { reader.discardBuffered() }
                lostSync = true
            }
            if let h = held, h.record != position.index || !more {
                try emit(h.item)
                emitted = true
                held = nil
            }
            if lostSync && more, let last = items.last, case .item(.failure(let e)) = last, e.record == position.index {
                held = (position.index, items.removeLast())
            }
            records = position.index
            for item in items { try emit(item) }
            emitted = emitted || !items.isEmpty
            if !more { break }
        }
        if let h = held { try emit(h.item) }
        if records == 0 && !emitted {
            try emit(.item(SourceReader.failure(file, "the file is empty (no WARC records)")))
        }
    }

    private func failure(_ p: Position, _ reason: String) -> SourceReader.Scanned {
        let id = p.id ?? "\(file.isStdin ? "stdin" : file.path)#\(p.index)"
        return .item(.failure(ErrorRecord(id: id, path: file.path, stage: "read",
                                          reason: "record \(p.index) (at byte \(p.offset) of the WARC): \(reason)",
                                          record: p.index, offset: p.offset)))
    }

    /// Reads one record into `items`; false when the file has no more.
    private func next(_ reader: inout BufferedByteReader, _ p: inout Position, _ lostSync: inout Bool,
                      _ items: inout [SourceReader.Scanned]) throws -> Bool {
        // 1. The version line, after the blank lines that end the previous record.
        var junkAt: Int?
        var start = 0
        while true {
            let at = reader.offset
            let read: BufferedByteReader.Line?
            do {
                read = try reader.readLine(limit: WARCReader.maxLineBytes)
            } catch {
                // The record before ended whole: the damage (a gzip member cut short) is the
                // next record's, which has no id yet, not that record's.
                if !lostSync { p = Position(index: p.index + 1, offset: junkAt ?? at, id: nil) }
                throw error
            }
            guard let line = read else {
                if let junkAt, !lostSync {
                    items.append(failure(Position(index: p.index + 1, offset: junkAt), "the bytes at the end of the file are not a WARC record"))
                }
                return false
            }
            if case .line(let bytes) = line {
                if bytes.isEmpty { continue }
                if bytes.starts(with: WARCReader.version) { start = at; break }
            }
            if junkAt == nil { junkAt = at }
        }
        if let junkAt, !lostSync {
            items.append(failure(Position(index: p.index + 1, offset: junkAt),
                                 "bytes \(junkAt)–\(start) are not a WARC record (a record starts with a 'WARC/1.x' line); skipped to the next record"))
        }
        lostSync = false
        p = Position(index: p.index + 1, offset: start, id: nil)

        // 2. The WARC headers.
        var fields: [(name: String, value: String)] = []
        var headerBytes = 0
        // The first WARC-Record-ID line as written (the one `field` reads): an id that is not
        // UTF-8 cannot be the document's. `recordIDs` counts them: a record has one.
        var recordIDLine: [UInt8]?
        var recordIDs = 0
        // The first WARC-Target-URI line as written: `meta.url` keeps its bytes that are not UTF-8.
        var targetURILine: [UInt8]?
        /// A record whose headers fail is named by its WARC-Record-ID when that is known whole: a
        /// line of UTF-8 that another field followed (`nextStartsField`: the line that failed
        /// starts a field of its own, it is no folded continuation of the id). Else it is `PATH#N`.
        func headersFailed(_ reason: String, nextStartsField: Bool = false) {
            if let line = recordIDLine, UTF8Bytes.isValid(line),
               let k = fields.firstIndex(where: { $0.name.equalsIgnoringASCIICase("WARC-Record-ID") }),
               k < fields.count - 1 || nextStartsField {
                p.id = WARCReader.recordID(fields[k].value)
            }
            items.append(failure(p, reason))
        }
        while true {
            guard let line = try reader.readLine(limit: WARCReader.maxLineBytes) else {
                headersFailed("the file ends inside the record's WARC headers (it is truncated)")
                return false
            }
            guard case .line(let bytes) = line else {
                // The long line is not kept: it may be the id's folded continuation.
                headersFailed("a WARC header line is longer than \(WARCReader.maxLineBytes >> 10) KiB")
                lostSync = true
                return true
            }
            if bytes.isEmpty { break }
            headerBytes += bytes.count
            if headerBytes > WARCReader.maxHeaderBytes {
                headersFailed("the WARC headers are longer than \(WARCReader.maxHeaderBytes >> 20) MB", nextStartsField: !(bytes.first.map(HeaderField.isSpace) ?? true))
                lostSync = true
                return true
            }
            if bytes.count > 15 && UTF8Bytes.startsCaseless(bytes, 0, "warc-record-id:") {
                if recordIDLine == nil { recordIDLine = bytes }
                recordIDs += 1
            }
            if targetURILine == nil && bytes.count > 16 && UTF8Bytes.startsCaseless(bytes, 0, "warc-target-uri:") { targetURILine = bytes }
            HeaderField.add(bytes[...], to: &fields)
        }
        func field(_ name: String) -> String? {
            fields.first { $0.name.equalsIgnoringASCIICase(name) }?.value
        }
        /// `meta.url`: the WARC-Target-URI, each byte of it that is not UTF-8 as a `%XX` escape.
        func targetURI() -> String? {
            guard let value = field("WARC-Target-URI") else { return nil }
            guard let line = targetURILine, !UTF8Bytes.isValid(line), let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                return WARCReader.targetURI(value)
            }
            let written = HeaderField.trimmed(line[(colon + 1)...])
            // A value folded onto further lines keeps its U+FFFD: only its first line is kept.
            guard String(decoding: written, as: UTF8.self) == value else { return WARCReader.targetURI(value) }
            return WARCReader.targetURI(WARCReader.escapingInvalidUTF8(written))
        }
        p.id = field("WARC-Record-ID").flatMap(WARCReader.recordID)
        // Why the record cannot be a document for its id (the failure its block is skipped with).
        var idProblem: String?
        // Read with U+FFFD for its bad bytes, such an id would be the id of every record whose
        // id differs from it only there: the record fails (under `path#N`) instead.
        if let id = p.id, id.utf8.contains(0xEF), let line = recordIDLine, !UTF8Bytes.isValid(line) {
            idProblem = "the record's WARC-Record-ID is not valid UTF-8, so it cannot be the document's id (read with U+FFFD for its bad bytes, two such ids would be one): fix the WARC writer, or rewrite the header"
            p.id = nil
        }
        // A record names itself once (WARC 1.1, section 5.1: a named field is not repeated, but
        // for WARC-Concurrent-To).
        // With two, the id came from the first and the UTF-8 check above read the last, so an id
        // not UTF-8 became the document's; now the record fails (under `path#N`, its number and
        // byte offset), as no one of its ids is more its own than the other (session 36).
        if recordIDs > 1 {
            idProblem = "the record has \(recordIDs) WARC-Record-ID headers, where a record has one (WARC 1.1, section 5.1), so no one of them is its id: fix the WARC writer, or keep one of the headers"
            p.id = nil
        }
        // Where a record ends and what it is are read from one header each: a record giving
        // either twice with two values could be read two ways (a reader taking the other length
        // would find other records in its place), so it fails. With two lengths where it ends is
        // not known: the next record is looked for, as after a record with no valid length.
        let lengths = WARCReader.distinctValues(of: "Content-Length", in: fields)
        if lengths.count > 1 {
            items.append(failure(p, WARCReader.conflictingHeaders("Content-Length", lengths)))
            lostSync = true
            return true
        }
        guard let lengthText = field("Content-Length"), !lengthText.isEmpty, lengthText.count <= 18,
              lengthText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let length = Int(lengthText) else {
            items.append(failure(p, "the record has no valid Content-Length header (\(field("Content-Length").map { "\(MessageText.quoted($0))" } ?? "none"))"))
            lostSync = true
            return true
        }
        let type = (field("WARC-Type") ?? "").lowercased()

        // 3. The block: skipped, or read whole for a document.
        /// Skips the block and its trailer; false when the file ended inside it. A block no
        /// larger than a document may be is read rather than passed over, so that, when its
        /// Content-Length lied, the records it swallowed are read again as for a document's
        /// block; a larger one is passed over unread.
        func skipBlock(counting name: String?, failing reason: String? = nil) throws -> Bool {
            let kept = length <= min(limit, reader.unreadBudget) ? try reader.read(length) : nil
            let unreadNote = length > limit ? WARCReader.passedOver : WARCReader.notRescanned
            let skipped = try kept?.count ?? reader.skip(length)
            guard skipped == length else {
                let rescanned = kept.map { reader.unread($0) } ?? false
                items.append(failure(p, "the file ends inside the record's block (\(skipped) of \(length) bytes; it is truncated)" + (rescanned ? "" : unreadNote)))
                lostSync = true
                return rescanned
            }
            // A block that does not end where Content-Length says fails its record once, for that.
            guard try endOfBlock(rescanning: kept, unreadNote: unreadNote) else { return true }
            if let reason { items.append(failure(p, reason)) }
            if let name { items.append(.skipped(name)) }
            return true
        }
        /// Consumes the CRLF CRLF after a block; false (and a failure) when something else follows,
        /// and then the `rescanning` block read is put back to be read again as lines.
        /// A block passed over unread (`nil`) cannot be read again.
        func endOfBlock(rescanning block: [UInt8]?, unreadNote: String = WARCReader.notRescanned) throws -> Bool {
            let next = try reader.peek(4)
            if next.elementsEqual(WARCReader.trailer) { _ = try reader.skip(4); return true }
            if next.isEmpty || next.allSatisfy({ $0 == 0x0D || $0 == 0x0A }) { _ = try reader.skip(next.count); return true }
            let rescanned = block.map { reader.unread($0) } ?? false
            items.append(failure(p, "the record's Content-Length (\(length)) does not match its block: it is not followed by the blank line that ends a record" + (rescanned ? "" : unreadNote)))
            lostSync = true
            return false
        }
        let tooLarge = "the record is \(MessageText.megabytes(length, up: true)) MB, above the \(MessageText.megabytes(limit)) MB limit; raise max_document_mb in the config to read it"

        var content: ContentKind
        var bodyStart = 0
        var chunked = false
        var contentEncoding = ""
        var charset: String?
        // Two types: whether the record is skipped or read is not known, so it fails (its length is).
        let types = WARCReader.distinctValues(of: "WARC-Type", in: fields, caseless: true)
        if types.count > 1 { return try skipBlock(counting: nil, failing: WARCReader.conflictingHeaders("WARC-Type", types)) }
        switch WARCReader.handling[type] ?? .skip(WARCReader.otherType) {
        case .skip(let name):
            return try skipBlock(counting: name)
        case .block:
            let media = MediaType(field("Content-Type") ?? "")
            guard let kind = WARCReader.textTypes[media.type] ?? (media.type.isEmpty && type == "conversion" ? .plain : nil) else {
                return try skipBlock(counting: "warc_\(type)_not_text")
            }
            if length == 0 { return try skipBlock(counting: "warc_\(type)_empty") }
            if length > limit { return try skipBlock(counting: nil, failing: tooLarge) }
            content = kind
            charset = media.charset
        case .httpResponse:
            let head = try reader.peek(min(length, HTTPResponseHead.maxLength + 1))
            let parsed: HTTPResponseHead
            switch HTTPResponseHead.parse(head) {
            case .failure(.notHTTP): return try skipBlock(counting: "warc_response_not_http")
            case .failure(let error): return try skipBlock(counting: nil, failing: error.message)
            case .success(let h): parsed = h
            }
            guard (200..<300).contains(parsed.status) else { return try skipBlock(counting: "warc_response_not_2xx") }
            let media = MediaType(parsed.value("Content-Type") ?? "")
            let sniffed: ContentKind? = media.type.isEmpty && WARCReader.looksLikeHTML(head.dropFirst(parsed.length)) ? .html : nil
            guard let kind = WARCReader.textTypes[media.type] ?? sniffed else {
                return try skipBlock(counting: "warc_response_not_text")
            }
            if length == parsed.length { return try skipBlock(counting: "warc_response_empty") }
            if length > limit { return try skipBlock(counting: nil, failing: tooLarge) }
            content = kind
            bodyStart = parsed.length
            charset = media.charset
            chunked = (parsed.value("Transfer-Encoding") ?? "").lowercased().contains("chunked")
            contentEncoding = parsed.value("Content-Encoding") ?? ""
        }
        if let idProblem { return try skipBlock(counting: nil, failing: idProblem) }
        let block = try reader.read(length)
        // A Content-Length longer than the record swallows the records after it: the block is
        // read again as lines, so that they are found at their 'WARC/' lines and read.
        guard block.count == length else {
            let rescanned = reader.unread(block)
            items.append(failure(p, "the file ends inside the record's block (\(block.count) of \(length) bytes; it is truncated)" + (rescanned ? "" : WARCReader.notRescanned)))
            lostSync = true
            return rescanned
        }
        guard try endOfBlock(rescanning: block) else { return true }
        items.append(.raw(.warc(file, WARCPayload(
            block: block, bodyStart: bodyStart, content: content, chunked: chunked, contentEncoding: contentEncoding,
            charset: charset, id: p.id ?? "\(file.path)#\(p.index)", url: targetURI(), date: field("WARC-Date"),
            index: p.index, offset: p.offset))))
        return true
    }

    /// `<urn:uuid:…>` → `urn:uuid:…`: the angle brackets are WARC syntax, not part of the id.
    /// The id of a WARC-Record-ID value: without its angle brackets, nil when nothing is left
    /// (`WARC-Record-ID:` or `<>`): the record is then `PATH#N`, as one without the field; an
    /// empty id made records no one can name (`--id ''`), all taken for one id.
    static func recordID(_ value: String) -> String? {
        let id = value.hasPrefix("<") && value.hasSuffix(">") && value.count >= 2 ? String(value.dropFirst().dropLast()) : value
        return id.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) ? nil : id
    }

    /// The URI of a WARC-Target-URI value: without the angle brackets WARC 1.0's grammar put
    /// around it (`<http://…>`, as wget 1.19.4 and later write it; WARC 1.1 and most writers
    /// leave them out), which made `meta.url` a string that is no URL.
    /// The values a header is given in `fields`, each once, in the order written (compared
    /// ignoring ASCII case with `caseless`).
    static func distinctValues(of name: String, in fields: [(name: String, value: String)], caseless: Bool = false) -> [String] {
        var seen: [String] = []
        for field in fields where field.name.equalsIgnoringASCIICase(name) {
            let value = caseless ? field.value.lowercased() : field.value
            if !seen.contains(value) { seen.append(value) }
        }
        return seen
    }

    /// Why a record that gives a header two or more values fails.
    static func conflictingHeaders(_ name: String, _ values: [String]) -> String {
        "the record gives its \(name) header \(values.count) values (\(values.map { MessageText.quoted($0) }.joined(separator: ", "))), where a record has one (WARC 1.1, section 5.1), so it could be read more than one way: fix the WARC writer, or keep one of the headers"
    }

    static func targetURI(_ value: String) -> String {
        value.utf8.count >= 2 && value.hasPrefix("<") && value.hasSuffix(">") ? String(value.dropFirst().dropLast()) : value
    }

    /// The bytes as text: valid UTF-8 as it is, each byte of a sequence that is not UTF-8 as a
    /// `%XX` escape, as a browser sends the bytes of a URL (`caf\xE9` is `caf%E9`). Read with
    /// U+FFFD, such a URL named no page, and two that differed there were one.
    static func escapingInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> String {
        var out = ""
        var rest = bytes
        while let bad = rest.withUnsafeBufferPointer({ UTF8Bytes.firstInvalidOffset($0) }) {
            let at = rest.startIndex + bad
            out += String(decoding: rest[..<at], as: UTF8.self)
            let byte = rest[at]
            out += (byte < 0x10 ? "%0" : "%") + String(byte, radix: 16, uppercase: true)
            rest = rest[(at + 1)...]
        }
        return out + String(decoding: rest, as: UTF8.self)
    }

    /// True when a body without a Content-Type starts like an HTML page.
    static func looksLikeHTML(_ body: ArraySlice<UInt8>) -> Bool {
        let start = body.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        let head = String(decoding: start.prefix(15), as: UTF8.self).lowercased()
        return head.hasPrefix("<!doctype html") || head.hasPrefix("<html")
    }

    /// Turns a read record into a document: undoes chunking and the content coding, and decodes
    /// the text (the page's own charset first, then the one HTTP names, then UTF-8).
    static func decode(_ payload: WARCPayload, file: InputFile, limit: Int) -> InputItem {
        func failed(_ reason: String) -> InputItem {
            .failure(ErrorRecord(id: payload.id, path: file.path, stage: "read",
                                 reason: "record \(payload.index) (at byte \(payload.offset) of the WARC): \(reason)",
                                 record: payload.index, offset: payload.offset))
        }
        var body = Array(payload.block[payload.bodyStart...])
        if payload.chunked {
            switch HTTPBody.dechunk(body[...], limit: limit) {
            case .success(let b): body = b
            case .failure(let e): return failed(e.message)
            }
        }
        if !payload.contentEncoding.isEmpty {
            switch HTTPBody.decode(body, contentEncoding: payload.contentEncoding, limit: limit) {
            case .success(let b): body = b
            case .failure(let e): return failed(e.message)
            }
        }
        if let kind = RawBytes.magic(body) { return failed("the payload is binary (\(kind)), though labelled as text") }
        let (text, how) = TextDecoding.decode(body, transportCharset: payload.charset, markup: payload.content == .html)
        var meta = JSONObject()
        if let url = payload.url { meta["url"] = .string(url) }
        if let date = payload.date { meta["date"] = .string(date) }
        let source = SourceInfo(path: file.path, format: .warc, sha256: SHA256.hex(payload.block), record: payload.index)
        var document = Document(id: payload.id, source: source, text: text, content: payload.content, meta: meta)
        if payload.content == .html, case .overridden = how { document.scratch[TextDecoding.charsetOverriddenKey] = true }
        return .document(document)
    }
}
