/// A uniform random sample of at most `capacity` items from a stream of unknown length
/// (reservoir sampling, Algorithm R), with a fixed seed so the same output gives the same page.
struct ReservoirSample<Element> {
    let capacity: Int
    /// The kept items with their position in the stream.
    private(set) var items: [(index: Int, element: Element)] = []
    /// Items offered so far.
    private(set) var seen = 0
    private var random: SplitMix64

    init(capacity: Int, seed: UInt64 = 0x7E47_A111) {
        self.capacity = max(capacity, 0)
        self.random = SplitMix64(seed: seed)
    }

    /// Offers the next item of the stream; `make` runs only when it is kept.
    mutating func offer(_ make: () -> Element) {
        defer { seen += 1 }
        if items.count < capacity {
            items.append((seen, make()))
            return
        }
        guard capacity > 0 else { return }
        let slot = Int(random.next() % UInt64(seen + 1))
        if slot < capacity { items[slot] = (seen, make()) }
    }

    /// True when some items were left out.
    var isSampled: Bool { seen > items.count }

    /// The kept items in stream order.
    var inOrder: [Element] { items.sorted { $0.index < $1.index }.map(\.element) }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A record cut down to what the page's document browser shows: the known fields only, the
/// text at most `maxScalars` long, the spans that fall past the cut dropped (or clipped, for
/// paragraphs and sentences), the id and `duplicate.of` cut to `PageBounds.maxNameScalars`, and
/// a `source`, `meta`, `duplicate` or `filtered` over `PageBounds.maxFieldBytes` left out.
enum EmbeddedDocument {
    /// Fields of a record the browser shows, in this order.
    static let keptFields = ["id", "source", "meta", "duplicate", "filtered", "paragraphs", "sentences", "quotes"]
    /// Parts of a quotation that are spans of their own.
    static let quoteParts = ["speaker", "cue"]
    /// Parts of a speaker that are spans of their own.
    static let speakerParts = ["role", "resolved_from"]

    /// The record as the browser gets it, plus `set` (which file it came from) and, when the
    /// text was cut, `full_length` (its length in Unicode scalars). `CorpusReport` adds `key` to
    /// a record that is not the output's (`d0`, `f0`, `g0`: a duplicate, failed or filtered one):
    /// its id may be an output record's or another such record's (an exact copy under the same
    /// id, a reused id refused), so the page finds it by its key, and an output record by its id.
    static func make(_ record: JSONObject, set: String, maxScalars: Int) -> JSONObject {
        var out = JSONObject()
        let text = record["text"]?.stringValue ?? ""
        let scalars = text.unicodeScalars
        let length = scalars.count
        let limit = min(length, maxScalars)
        // The browser looks documents up by the id in a link, which is always a string.
        out["id"] = .string(PageBounds.name(record["id"].map { $0.stringValue ?? $0.jsonText } ?? "(no id)"))
        out["set"] = .string(set)
        out["text"] = .string(limit < length ? String(String.UnicodeScalarView(scalars.prefix(limit))) : text)
        if limit < length { out["full_length"] = JSONValue(length) }
        for field in keptFields.dropFirst() {
            guard let value = record[field] else { continue }
            switch field {
            case "paragraphs", "sentences": out[field] = .array(clipped(value.arrayValue ?? [], to: limit))
            case "quotes": out[field] = .array((value.arrayValue ?? []).compactMap { quote(within: $0, limit: limit) })
            case "duplicate":
                // `of` is an id: cut as the ids are, so the link finds the embedded document.
                var kept = value
                if case .object(var d) = value, let of = d["of"]?.stringValue {
                    d["of"] = .string(PageBounds.name(of))
                    kept = .object(d)
                }
                out[field] = PageBounds.field(field, kept)
            default: out[field] = PageBounds.field(field, value)
            }
        }
        return out
    }

    private static func bounds(_ v: JSONValue?) -> (Int, Int)? {
        guard let o = v?.objectValue, let s = o["start"]?.intValue, let e = o["end"]?.intValue, s >= 0, s <= e else { return nil }
        return (s, e)
    }

    private static func clipped(_ spans: [JSONValue], to limit: Int) -> [JSONValue] {
        spans.compactMap { span in
            guard let (s, e) = bounds(span), s < limit || (s == limit && e == limit) else { return nil }
            return .object(JSONObject([("start", JSONValue(s)), ("end", JSONValue(min(e, limit)))]))
        }
    }

    private static func quote(within value: JSONValue, limit: Int) -> JSONValue? {
        guard var q = value.objectValue, let (_, e) = bounds(value), e <= limit else { return nil }
        for part in quoteParts {
            guard var p = q[part]?.objectValue else { continue }
            if let (_, pe) = bounds(q[part]), pe > limit { q[part] = .null; continue }
            if part == "speaker" {
                for sub in speakerParts where p[sub] != nil {
                    if let (_, se) = bounds(p[sub]), se <= limit { continue }
                    p[sub] = nil
                }
                q[part] = .object(p)
            }
        }
        if let c = q["content"], bounds(c).map({ $0.1 > limit }) ?? true { q["content"] = nil }
        return .object(q)
    }
}
