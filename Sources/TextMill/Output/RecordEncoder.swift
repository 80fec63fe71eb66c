internal import CShims

/// Writes a document as one JSON line in the record format of DESIGN.md, converting every span
/// from UTF-8 byte offsets to Unicode scalar offsets in one forward pass.
public enum RecordEncoder {
    /// The record as JSON bytes, with a trailing newline.
    public static func encode(_ doc: Document) -> [UInt8] {
        var w = JSONWriter(capacity: estimatedSize(doc))
        encode(doc, into: &w)
        w.byte(0x0A)
        return w.bytes
    }

    public static func encode(_ doc: Document, into w: inout JSONWriter) {
        var unused: Int?
        encode(doc, into: &w, duplicateValueAt: &unused)
    }

    /// Writes the record and sets `duplicateValueAt` to the offset in `w.bytes` where the value of
    /// `duplicate` starts (nil when the record has none): the map side of a distributed run
    /// reports it so the global dedup step can put its decision there.
    public static func encode(_ doc: Document, into w: inout JSONWriter, duplicateValueAt: inout Int?) {
        // The table of scalar offsets is on the stack for a text up to 8 KB (`OffsetTable.with`).
        OffsetTable.with(doc.text) { offsets in
            // Each key is written with the value after it (one append, or staged with it), not apart.
            w.string(doc.id, after: "{\"id\":")
            source(doc.source, &w)
            doc.text.withUnsafeBufferPointer { w.string(utf8: $0, after: ",\"text\":") }
            if doc.meta.isEmpty {
                w.raw(",\"meta\":{}")
            } else {
                w.raw(",\"meta\":")
                w.object(doc.meta)
            }
            if let paragraphs = doc.paragraphs {
                spans(paragraphs, offsets, &w, after: ",\"paragraphs\":")
            }
            if let sentences = doc.sentences {
                spans(sentences, offsets, &w, after: ",\"sentences\":")
            }
            if let quotes = doc.quotes {
                self.quotes(quotes, doc, offsets, &w)
            }
            if let duplicate = doc.duplicate {
                w.raw(",\"duplicate\":")
                duplicateValueAt = w.bytes.count
                if let d = duplicate { self.duplicate(d, &w) } else { w.raw("null") }
            }
            if let f = doc.filtered {
                w.raw(",\"filtered\":{\"stage\":")
                w.string(f.stage)
                if let n = f.stageNumber { w.raw(",\"stage_number\":"); w.int(n) }
                w.raw(",\"reason\":")
                w.string(f.reason)
                if let detail = f.detail {
                    w.raw(",\"detail\":")
                    w.string(detail)
                }
                w.byte(0x7D)
            }
            for (k, v) in doc.extra {
                w.byte(0x2C)
                w.key(k)
                if !doc.extraText.isEmpty, let written = doc.extraText[k], written.value == v {
                    w.bytes.append(contentsOf: written.text.utf8)
                } else {
                    w.value(v)
                }
            }
            w.byte(0x7D)
        }
    }

    /// About the size of the record, a little more for most: the writer's buffer is allocated
    /// once instead of growing (and copying) several times for a record with many spans.
    static func estimatedSize(_ doc: Document) -> Int {
        var size = doc.text.count + doc.text.count / 8 + 256 + doc.id.utf8.count + doc.source.path.utf8.count
        // `{"start":N,"end":N},` with offsets of up to seven digits.
        size += 36 * ((doc.paragraphs?.count ?? 0) + (doc.sentences?.count ?? 0))
        if let quotes = doc.quotes {
            // Each mention is measured where it lies (a method on it): passed to a function, a
            // `Mention?` was copied and destroyed, its name retained and released, every time.
            for k in quotes.indices {
                size += 80 + Span.estimatedSize(quotes[k].span) + Span.estimatedSize(quotes[k].content)
                    + (quotes[k].speaker?.estimatedSize ?? 4) + (quotes[k].cue?.estimatedSize ?? 4)
            }
        }
        return size
    }

    /// `,"source":{…}`.
    static func source(_ s: SourceInfo, _ w: inout JSONWriter) {
        w.string(s.path, after: ",\"source\":{\"path\":")
        // The format's raw value, written with the keys around it and the hash in one append.
        switch s.format {
        case .text: w.string(s.sha256, after: ",\"format\":\"text\",\"sha256\":")
        case .html: w.string(s.sha256, after: ",\"format\":\"html\",\"sha256\":")
        case .xml: w.string(s.sha256, after: ",\"format\":\"xml\",\"sha256\":")
        case .jsonl: w.string(s.sha256, after: ",\"format\":\"jsonl\",\"sha256\":")
        case .warc: w.string(s.sha256, after: ",\"format\":\"warc\",\"sha256\":")
        }
        if let r = s.record {
            w.number(",\"record\":", r, "}")
        } else {
            w.byte(0x7D)
        }
    }

    /// `prefix` and the list of spans as `[{"start":S,"end":E},…]` in scalar offsets, staged on
    /// the stack and appended a kilobyte at a time (not three appends a span).
    static func spans(_ list: [Span], _ o: OffsetTable, _ w: inout JSONWriter, after prefix: StaticString) {
        StagedBytes.staging(into: &w.bytes) { stage, out in
            stage.put(prefix, into: &out)
            stage.put(0x5B, into: &out)
            for k in list.indices {
                let s = list[k]
                let start = o[s.start], end = o[s.end]
                // `,{"start":S,"end":E}`: at most 1 + 9 + 20 + 7 + 20 + 1 bytes.
                stage.put(atMost: 64, into: &out) { p in
                    var n = 0
                    if k > 0 { p[0] = 0x2C; n = 1 }
                    n += JSONWriter.put("{\"start\":", at: p + n)
                    n += JSONWriter.decimal(start, at: p + n)
                    n += JSONWriter.put(",\"end\":", at: p + n)
                    n += JSONWriter.decimal(end, at: p + n)
                    p[n] = 0x7D
                    return n + 1
                }
            }
            stage.put(0x5D, into: &out)
        }
    }

    /// `,"quotes":[…]`: every quote's keys, numbers and strings staged on the stack
    /// (`StagedBytes`) and appended a kilobyte at a time, not a dozen appends a quote.
    static func quotes(_ list: [Quote], _ doc: Document, _ o: OffsetTable, _ w: inout JSONWriter) {
        doc.text.withUnsafeBufferPointer { text in
            StagedBytes.staging(into: &w.bytes) { stage, out in
                stage.put(",\"quotes\":[", into: &out)
                for k in list.indices {
                    if k > 0 { stage.put(0x2C, into: &out) }
                    // A method on the quote where it lies: passed as an argument, each quote was
                    // copied (its speaker's name retained) and destroyed again.
                    list[k].stageJSON(text, o, &stage, &out)
                }
                stage.put(0x5D, into: &out)
            }
        }
    }

    /// Stages a `String` as a JSON string (a native string's bytes read in place).
    static func stageString(_ s: String, _ stage: inout StagedBytes, _ out: inout [UInt8]) {
        let staged: Void? = s.utf8.withContiguousStorageIfAvailable { stage.putString(utf8: $0, into: &out) }
        if staged == nil {
            var s = s
            s.withUTF8 { stage.putString(utf8: $0, into: &out) }
        }
    }

    static func duplicate(_ d: DuplicateInfo, _ w: inout JSONWriter) {
        w.raw("{\"of\":")
        w.string(d.of)
        w.raw(",\"kind\":")
        w.string(d.kind.rawValue)
        w.raw(",\"similarity\":")
        w.double((d.similarity * 10000).rounded() / 10000)
        w.byte(0x7D)
    }

    /// An error record as one JSON line.
    public static func encode(_ e: ErrorRecord) -> [UInt8] {
        var w = JSONWriter()
        w.raw("{\"id\":")
        w.string(e.id)
        // The same shape as a record's `source` (its hash is unknown when the file failed).
        w.raw(",\"source\":{\"path\":")
        w.string(e.path)
        w.raw(",\"format\":")
        w.string(e.path == "-" ? SourceFormat.jsonl.rawValue : InputFile.classify(e.path).format.rawValue)
        if let r = e.record { w.raw(",\"record\":"); w.int(r) }
        w.raw("},\"stage\":")
        w.string(e.stage)
        if let n = e.stageNumber { w.raw(",\"stage_number\":"); w.int(n) }
        w.raw(",\"reason\":")
        w.string(e.reason)
        if let l = e.line { w.raw(",\"line\":"); w.int(l) }
        if let c = e.column { w.raw(",\"column\":"); w.int(c) }
        if let o = e.offset { w.raw(",\"offset\":"); w.int(o) }
        w.raw("}\n")
        return w.bytes
    }
}

/// Byte offset → scalar offset, for any offset into a document's text (outside it: clamped).
///
/// Keeps the scalar count at every 64th byte and counts the rest of the way on each lookup (at
/// most 63 bytes, sixteen at a time: `tm_utf8_scalars`): a table of an eighth of the text's
/// size (a full-width count a block: a text past 2^31 scalars, reachable with `max_document_mb`
/// over 2047, wrapped 32-bit counts to negative offsets in the record, silently), built at about
/// half an instruction a byte, where a record looks up only a few offsets a sentence. The table
/// lives while `with`'s body runs: on the stack for a text up to 8 KB (most news), so a record
/// costs no allocation for it.
struct OffsetTable {
    /// The document's UTF-8 text.
    private let text: UnsafeBufferPointer<UInt8>
    /// For each block of 64 bytes (and the end when it starts a block): the scalars before it;
    /// empty when the text is ASCII.
    private let blockStarts: UnsafeBufferPointer<Int>

    /// Entries the table keeps on the stack (1 KB: a text of up to 8 KB); a longer text's
    /// table is allocated. Swift puts a temporary allocation of at most 1 KB on the stack; a
    /// larger one only where the run-time library can tell the stack has room, which on Linux
    /// it cannot: the 2 KB table this was (256 entries) was a `malloc` and a `free` for every
    /// record, about 520 instructions.
    static let stackEntries = 128

    /// Calls `body` with the table of `text`.
    static func with<R>(_ text: [UInt8], _ body: (OffsetTable) -> R) -> R {
        text.withUnsafeBufferPointer { b -> R in with(b, body) }
    }

    /// Calls `body` with the table of the UTF-8 text `b` (which outlives the call).
    static func with<R>(_ b: UnsafeBufferPointer<UInt8>, _ body: (OffsetTable) -> R) -> R {
        guard let base = b.baseAddress, !UTF8Bytes.isASCII(b) else {
            return body(OffsetTable(text: b, blockStarts: UnsafeBufferPointer(start: nil, count: 0)))
        }
        let entries = b.count / 64 + 1
        if entries <= stackEntries {
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: stackEntries) { buffer in
                fill(buffer.baseAddress!, from: base, count: b.count)
                return body(OffsetTable(text: b, blockStarts: UnsafeBufferPointer(start: buffer.baseAddress!, count: entries)))
            }
        }
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: entries)
        defer { starts.deallocate() }
        fill(starts, from: base, count: b.count)
        return body(OffsetTable(text: b, blockStarts: UnsafeBufferPointer(start: starts, count: entries)))
    }

    private init(text: UnsafeBufferPointer<UInt8>, blockStarts: UnsafeBufferPointer<Int>) {
        self.text = text
        self.blockStarts = blockStarts
    }

    /// Writes the scalars before each block of 64 bytes of `base[0..<count]` (and before the end
    /// when it starts a block) to `starts`: `count / 64 + 1` entries.
    private static func fill(_ starts: UnsafeMutablePointer<Int>, from base: UnsafePointer<UInt8>, count: Int) {
        let blocks = count / 64
        var scalars = 0
        for block in 0..<blocks {
            starts[block] = scalars
            scalars += 64 - continuationBytes(base + (block << 6), vectors: 4)
        }
        starts[blocks] = scalars
    }

    subscript(_ byte: Int) -> Int {
        let end = min(max(byte, 0), text.count)
        if blockStarts.isEmpty { return end }
        let block = end >> 6
        // The count from the block's start (at most 63 bytes) in one call, sixteen bytes at a time.
        return blockStarts[block] + tm_utf8_scalars(text.baseAddress!, block << 6, end)
    }

    /// The UTF-8 continuation bytes (10xxxxxx) among the `16 * vectors` bytes at `p`, `vectors`
    /// at most 15. As signed bytes the continuation bytes are the ones below -64: one compare of
    /// two vectors a lane, the lanes' -1s summed in a vector (at most 15 a lane), the sixteen
    /// lane sums added as words (at most 240: no carry between bytes).
    @inline(__always)
    static func continuationBytes(_ p: UnsafePointer<UInt8>, vectors: Int) -> Int {
        let limit = SIMD16<Int8>(repeating: -64)
        var sums = SIMD16<Int8>()
        for k in 0..<vectors {
            let v = UnsafeRawPointer(p + 16 * k).loadUnaligned(as: SIMD16<Int8>.self)
            sums &+= unsafeBitCast(v .< limit, to: SIMD16<Int8>.self)
        }
        let words = unsafeBitCast(SIMD16<Int8>() &- sums, to: SIMD2<UInt64>.self)
        return Int(truncatingIfNeeded: ((words[0] &+ words[1]) &* 0x0101_0101_0101_0101) >> 56)
    }
}

extension Span {
    /// About the bytes of a text span in a record (`RecordEncoder.estimatedSize`): its text with
    /// an eighth more for escapes, and its keys and offsets; 0 for none.
    static func estimatedSize(_ s: Span?) -> Int {
        guard let s else { return 0 }
        return (s.end - s.start) * 9 / 8 + 40
    }

    /// Stages `{"text":…,"start":S,"end":E` for this span of `text` (the caller closes the object).
    func stageJSON(_ text: UnsafeBufferPointer<UInt8>, _ o: OffsetTable, _ stage: inout StagedBytes, _ out: inout [UInt8]) {
        stage.put("{\"text\":", into: &out)
        stage.putString(utf8: UnsafeBufferPointer(rebasing: text[start..<end]), into: &out)
        stage.put(",\"start\":", o[start], ",\"end\":", o[end], into: &out)
    }
}

extension Mention {
    /// About the bytes of the mention in a record (`RecordEncoder.estimatedSize`).
    var estimatedSize: Int {
        var size = Span.estimatedSize(span) + Span.estimatedSize(resolvedFrom) + Span.estimatedSize(role)
        // Not `entity == nil`, which compared two `SpeakerEntity?` (copied, then destroyed).
        if case .some(let e) = entity { size += 48 + (e.name?.utf8.count ?? 0) }
        return size
    }

    /// Stages the mention: its span with what it was resolved from, its role and its entity.
    func stageJSON(_ text: UnsafeBufferPointer<UInt8>, _ o: OffsetTable, _ stage: inout StagedBytes, _ out: inout [UInt8]) {
        span.stageJSON(text, o, &stage, &out)
        if let r = resolvedFrom {
            stage.put(",\"resolved_from\":", into: &out)
            r.stageJSON(text, o, &stage, &out)
            stage.put(0x7D, into: &out)
        }
        if let r = role {
            stage.put(",\"role\":", into: &out)
            r.stageJSON(text, o, &stage, &out)
            stage.put(0x7D, into: &out)
        }
        if case .some(let e) = entity {
            stage.put(",\"entity\":", into: &out)
            if let id = e.id { stage.put(decimal: id, into: &out) } else { stage.put("null", into: &out) }
            stage.put(",\"name\":", into: &out)
            if let name = e.name { RecordEncoder.stageString(name, &stage, &out) } else { stage.put("null", into: &out) }
            if e.isUnresolved { stage.put(",\"unresolved\":true", into: &out) }
            if e.isDocument { stage.put(",\"document\":true", into: &out) }
        }
        stage.put(0x7D, into: &out)
    }
}

extension Quote {
    /// Stages the quote as `{"start":S,"end":E,"text":…,"kind":…,"speaker":…,"cue":…[,"content":…]}`
    /// (`RecordEncoder.quotes`).
    func stageJSON(_ text: UnsafeBufferPointer<UInt8>, _ o: OffsetTable, _ stage: inout StagedBytes, _ out: inout [UInt8]) {
        stage.put("{\"start\":", o[span.start], ",\"end\":", o[span.end], ",\"text\":", into: &out)
        stage.putString(utf8: UnsafeBufferPointer(rebasing: text[span.start..<span.end]), into: &out)
        // The kind's raw value, written with the keys around it.
        switch kind {
        case .direct: stage.put(",\"kind\":\"direct\",\"speaker\":", into: &out)
        case .mixed: stage.put(",\"kind\":\"mixed\",\"speaker\":", into: &out)
        case .indirect: stage.put(",\"kind\":\"indirect\",\"speaker\":", into: &out)
        }
        // Each mention written where it lies (`speaker?.stageJSON`), or `null`.
        let speakerWritten: Void? = speaker?.stageJSON(text, o, &stage, &out)
        if speakerWritten == nil { stage.put("null", into: &out) }
        stage.put(",\"cue\":", into: &out)
        let cueWritten: Void? = cue?.stageJSON(text, o, &stage, &out)
        if cueWritten == nil { stage.put("null", into: &out) }
        if let c = content {
            stage.put(",\"content\":", into: &out)
            c.stageJSON(text, o, &stage, &out)
            stage.put(0x7D, into: &out)
        }
        stage.put(0x7D, into: &out)
    }
}
