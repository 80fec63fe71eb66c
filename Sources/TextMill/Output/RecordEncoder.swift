/// Writes a document as one JSON line in the record format of DESIGN.md, converting every span
/// from UTF-8 byte offsets to Unicode scalar offsets in one forward pass.
public enum RecordEncoder {
    /// The record as JSON bytes, with a trailing newline.
    public static func encode(_ doc: Document) -> [UInt8] {
        var w = JSONWriter(capacity: doc.text.count + doc.text.count / 8 + 256)
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
        let offsets = OffsetTable(doc)
        w.raw("{\"id\":")
        w.string(doc.id)
        w.raw(",\"source\":")
        source(doc.source, &w)
        w.raw(",\"text\":")
        doc.text.withUnsafeBufferPointer { w.string(utf8: $0) }
        w.raw(",\"meta\":")
        w.object(doc.meta)
        if let paragraphs = doc.paragraphs {
            w.raw(",\"paragraphs\":")
            spans(paragraphs, offsets, &w)
        }
        if let sentences = doc.sentences {
            w.raw(",\"sentences\":")
            spans(sentences, offsets, &w)
        }
        if let quotes = doc.quotes {
            w.raw(",\"quotes\":[")
            for (k, q) in quotes.enumerated() {
                if k > 0 { w.byte(0x2C) }
                quote(q, doc, offsets, &w)
            }
            w.byte(0x5D)
        }
        if let duplicate = doc.duplicate {
            w.raw(",\"duplicate\":")
            duplicateValueAt = w.bytes.count
            if let d = duplicate { self.duplicate(d, &w) } else { w.raw("null") }
        }
        for (k, v) in doc.extra {
            w.byte(0x2C)
            w.key(k)
            w.value(v)
        }
        w.byte(0x7D)
    }

    static func source(_ s: SourceInfo, _ w: inout JSONWriter) {
        w.raw("{\"path\":")
        w.string(s.path)
        w.raw(",\"format\":")
        w.string(s.format.rawValue)
        w.raw(",\"sha256\":")
        w.string(s.sha256)
        if let r = s.record {
            w.raw(",\"record\":")
            w.int(r)
        }
        w.byte(0x7D)
    }

    static func spans(_ list: [Span], _ o: OffsetTable, _ w: inout JSONWriter) {
        w.byte(0x5B)
        for (k, s) in list.enumerated() {
            if k > 0 { w.byte(0x2C) }
            w.raw("{\"start\":")
            w.int(o[s.start])
            w.raw(",\"end\":")
            w.int(o[s.end])
            w.byte(0x7D)
        }
        w.byte(0x5D)
    }

    /// `{"text": …, "start": …, "end": …}` for a span of the document.
    static func textSpan(_ s: Span, _ doc: Document, _ o: OffsetTable, _ w: inout JSONWriter) {
        w.raw("{\"text\":")
        doc.text.withUnsafeBufferPointer { w.string(utf8: UnsafeBufferPointer(rebasing: $0[s.start..<s.end])) }
        w.raw(",\"start\":")
        w.int(o[s.start])
        w.raw(",\"end\":")
        w.int(o[s.end])
    }

    static func mention(_ m: Mention?, _ doc: Document, _ o: OffsetTable, _ w: inout JSONWriter) {
        guard let m else { w.raw("null"); return }
        textSpan(m.span, doc, o, &w)
        if let r = m.resolvedFrom {
            w.raw(",\"resolved_from\":")
            textSpan(r, doc, o, &w)
            w.byte(0x7D)
        }
        if let r = m.role {
            w.raw(",\"role\":")
            textSpan(r, doc, o, &w)
            w.byte(0x7D)
        }
        w.byte(0x7D)
    }

    static func quote(_ q: Quote, _ doc: Document, _ o: OffsetTable, _ w: inout JSONWriter) {
        w.raw("{\"start\":")
        w.int(o[q.span.start])
        w.raw(",\"end\":")
        w.int(o[q.span.end])
        w.raw(",\"text\":")
        doc.text.withUnsafeBufferPointer { w.string(utf8: UnsafeBufferPointer(rebasing: $0[q.span.start..<q.span.end])) }
        w.raw(",\"kind\":")
        w.string(q.kind.rawValue)
        w.raw(",\"speaker\":")
        mention(q.speaker, doc, o, &w)
        w.raw(",\"cue\":")
        mention(q.cue, doc, o, &w)
        if let c = q.content {
            w.raw(",\"content\":")
            textSpan(c, doc, o, &w)
            w.byte(0x7D)
        }
        w.byte(0x7D)
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
        w.raw(",\"source\":")
        w.string(e.path)
        w.raw(",\"stage\":")
        w.string(e.stage)
        w.raw(",\"reason\":")
        w.string(e.reason)
        if let l = e.line { w.raw(",\"line\":"); w.int(l) }
        if let c = e.column { w.raw(",\"column\":"); w.int(c) }
        w.raw("}\n")
        return w.bytes
    }
}

/// Byte offset → scalar offset for every offset a document's spans use.
struct OffsetTable {
    private var bytes: [Int] = []
    private var scalars: [Int] = []
    private let identity: Bool

    init(_ doc: Document) {
        identity = doc.text.withUnsafeBufferPointer { UTF8Bytes.isASCII($0) }
        if identity { return }
        var all: [Int] = []
        for s in doc.allSpans { all.append(s.start); all.append(s.end) }
        all.sort()
        var unique: [Int] = []
        unique.reserveCapacity(all.count)
        for o in all where unique.last != o { unique.append(o) }
        bytes = unique
        scalars.reserveCapacity(unique.count)
        doc.text.withUnsafeBufferPointer { b in
            var byte = 0, count = 0
            for target in unique {
                let t = min(target, b.count)
                while byte < t {
                    if !UTF8.isContinuation(b[byte]) { count += 1 }
                    byte += 1
                }
                scalars.append(count)
            }
        }
    }

    subscript(_ byte: Int) -> Int {
        if identity { return byte }
        var lo = 0, hi = bytes.count - 1
        while lo <= hi {
            let mid = (lo + hi) >> 1
            if bytes[mid] == byte { return scalars[mid] }
            if bytes[mid] < byte { lo = mid + 1 } else { hi = mid - 1 }
        }
        return byte
    }
}
