/// A half-open range of UTF-8 byte offsets into a document's text.
///
/// Inside TextMill every span is in bytes; the record writer converts to Unicode scalar
/// offsets once, when the record is written (see `ScalarOffsets`).
public struct Span: Hashable, Sendable, Comparable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }
    public var isEmpty: Bool { end <= start }

    public static func < (a: Span, b: Span) -> Bool {
        a.start != b.start ? a.start < b.start : a.end < b.end
    }
}

/// How a quotation is reported (DESIGN.md, "The output record").
public enum QuoteKind: String, Sendable, CaseIterable {
    /// A whole utterance inside quotation marks.
    case direct
    /// A quoted fragment inside the reporter's own sentence.
    case mixed
    /// Reported speech without quotation marks.
    case indirect
}

/// A mention of a speaker or a cue: its span, and where it was resolved from.
public struct Mention: Hashable, Sendable {
    /// The words of the mention (for a resolved pronoun: the antecedent's words).
    public var span: Span
    /// The pronoun or short name this mention was resolved from, if any.
    public var resolvedFrom: Span?
    /// An apposition or title describing the speaker ("deputy Asia director at Human Rights Watch").
    public var role: Span?
    /// For a speaker: who it is across the document (nil for a cue, or when no stage said).
    public var entity: SpeakerEntity?

    public init(span: Span, resolvedFrom: Span? = nil, role: Span? = nil, entity: SpeakerEntity? = nil) {
        self.span = span
        self.resolvedFrom = resolvedFrom
        self.role = role
        self.entity = entity
    }
}

/// The person or organisation a speaker mention stands for, shared by all its mentions in a
/// document ("Zhang", "Zhang Xiao" and "he" after them are one entity named "Zhang Xiao").
public struct SpeakerEntity: Hashable, Sendable {
    /// 1, 2, … in order of first appearance in the document; nil when the mention is
    /// unresolved or a document.
    public var id: Int?
    /// The fullest name of the entity (no leading article); nil when the mention is
    /// unresolved or a document.
    public var name: String?
    /// True for a document or other text that speaks ("the indictment", "a UN report"): it
    /// keeps its words as the speaker but is no person or organisation, so it names no one.
    public private(set) var isDocument: Bool

    /// A mention of entity `id` named `name`.
    public init(id: Int, name: String) {
        self.id = id
        self.name = name
        self.isDocument = false
    }

    /// A pronoun ("we", "they", "who") that stands for no one named in the document.
    public static let unresolved = SpeakerEntity(id: nil, name: nil, isDocument: false)

    /// A document or other text ("the indictment says", "a UN report found"): no entity, no name.
    public static let document = SpeakerEntity(id: nil, name: nil, isDocument: true)

    private init(id: Int?, name: String?, isDocument: Bool) {
        self.id = id
        self.name = name
        self.isDocument = isDocument
    }

    /// True for a pronoun that stands for no one named: it has neither id nor name.
    public var isUnresolved: Bool { id == nil && !isDocument }
}

/// One quotation with its speaker and cue.
public struct Quote: Hashable, Sendable {
    /// For `direct` and `mixed`: the quoted words without the marks; for `indirect`: the reported content.
    public var span: Span
    public var kind: QuoteKind
    public var speaker: Mention?
    public var cue: Mention?
    /// For a `mixed` quote inside reported speech: the whole reported content the quoted words
    /// belong to (marks included), as in "She says [Trump is “temperamentally unfit”]". Nil otherwise.
    public var content: Span?

    public init(span: Span, kind: QuoteKind, speaker: Mention? = nil, cue: Mention? = nil, content: Span? = nil) {
        self.span = span
        self.kind = kind
        self.speaker = speaker
        self.cue = cue
        self.content = content
    }
}

/// Marks a record as a duplicate of an earlier one.
public struct DuplicateInfo: Hashable, Sendable {
    public enum Kind: String, Sendable { case exact, near }
    /// The id of the earliest document this one duplicates.
    public var of: String
    public var kind: Kind
    /// Estimated or exact Jaccard similarity of the two documents (1 for exact duplicates).
    public var similarity: Double

    public init(of: String, kind: Kind, similarity: Double) {
        self.of = of
        self.kind = kind
        self.similarity = similarity
    }
}

/// Where a source document came from.
public struct SourceInfo: Hashable, Sendable {
    /// Path as the user named it (relative to the working directory), or "-" for stdin.
    public var path: String
    public var format: SourceFormat
    /// SHA-256 of the whole source file, hex.
    public var sha256: String
    /// 1-based line (JSONL) or record number (XML, WARC) inside a multi-record file.
    public var record: Int?

    public init(path: String, format: SourceFormat, sha256: String, record: Int? = nil) {
        self.path = path
        self.format = format
        self.sha256 = sha256
        self.record = record
    }
}

/// The format of a source file, chosen by its extension.
public enum SourceFormat: String, Sendable, CaseIterable {
    case text, html, xml, jsonl, warc
}

/// What the text of a document currently is.
public enum ContentKind: String, Sendable {
    /// Plain text: the stages after `cleanup` see this.
    case plain
    /// HTML markup that `cleanup` has not turned into text yet.
    case html
}

/// Where the runner sends a document when the pipeline is done with it.
public enum Route: Sendable {
    /// The main output.
    case output
    /// `duplicates.jsonl` beside the output (dedup with `action: drop`).
    case duplicates
    /// `filtered.jsonl` beside the output (a stage threw `DocumentFiltered` with `.drop`).
    case filtered
}

/// Why a stage removed (or marked) a document: the record's `filtered` field.
public struct FilterMark: Sendable, Equatable {
    /// The name of the stage that filtered it, as the config writes it (`filter`, `exec`).
    public var stage: String
    /// The rule, short and stable (`too_few_words`), as the stats group it.
    public var reason: String
    /// What was measured, for people.
    public var detail: String?
    /// The stage's place in the config's list (from 1) when another stage shares its name (two
    /// `filter` stages), as the errors file's `stage_number`; written as `stage_number`.
    public var stageNumber: Int?

    public init(stage: String, reason: String, detail: String? = nil, stageNumber: Int? = nil) {
        self.stage = stage
        self.reason = reason
        self.detail = detail
        self.stageNumber = stageNumber
    }
}

/// A JSON value with the text it was written in.
public struct WrittenValue: Sendable, Equatable {
    public var value: JSONValue
    public var text: String
    public init(value: JSONValue, text: String) {
        self.value = value
        self.text = text
    }
}

/// One document flowing through the pipeline.
///
/// `text` is UTF-8 bytes and always valid UTF-8. Spans are byte offsets into it. A field is
/// `nil` until the stage that fills it has run, so the writer leaves it out of the record
/// (DESIGN.md: "A field a stage did not run for is absent").
public struct Document: Sendable {
    public var id: String
    public var source: SourceInfo
    public var text: [UInt8]
    public var content: ContentKind
    /// Metadata in insertion order (`title`, `byline`, `date`, `url`, `language`, …).
    public var meta: JSONObject
    public var paragraphs: [Span]?
    /// Paragraphs that were block quotations in the markup (`cleanup` marks them; `quotes` reads
    /// them as quotations). Working data: not written to the record.
    public var blockquotes: [Span]?
    public var sentences: [Span]?
    public var quotes: [Quote]?
    /// `.some(nil)` once dedup has run and found no duplicate; `nil` if dedup did not run.
    public var duplicate: DuplicateInfo??
    /// Set when a stage filtered the document (`DocumentFiltered`); written as `filtered`.
    public var filtered: FilterMark?
    /// Fields the pipeline does not know: JSONL passthrough and fields added by plugins, in order.
    public var extra: JSONObject
    /// The text a passthrough field of `extra` came in, by key, where the writer would write its
    /// value otherwise (escapes, white space): written as it came while the field still holds
    /// that value (`RecordEncoder`), so unknown input fields pass through untouched.
    public var extraText: [String: WrittenValue] = [:]
    public var route: Route = .output
    /// The keys of `meta` a stage of this run set (the `language` stage's `language` and
    /// `declared_language`, and what an `exec` plugin's answer changed): working data, never
    /// written. A stage that replaces such a value replaces it; only a value the record came
    /// with is kept under `input.meta` (`keepReplacedMeta`).
    public var metaSetThisRun: [String] = []
    /// Working data a corpus stage's `prepare` leaves for its `process` (never written out).
    public var scratch: [String: any Sendable] = [:]

    public init(id: String, source: SourceInfo, text: [UInt8], content: ContentKind,
                meta: JSONObject = JSONObject(), extra: JSONObject = JSONObject(),
                extraText: [String: WrittenValue] = [:], scratch: [String: any Sendable] = [:]) {
        self.id = id
        self.source = source
        self.text = text
        self.content = content
        self.meta = meta
        self.extra = extra
        self.extraText = extraText
        self.scratch = scratch
    }

    /// The text as a Swift string (for tests and messages; stages work on `text`).
    public var string: String { String(decoding: text, as: UTF8.self) }

    /// The text of a span as a Swift string.
    public func string(_ span: Span) -> String {
        String(decoding: text[span.start..<span.end], as: UTF8.self)
    }

    /// Replaces the text with an edited version and carries every span through the edit.
    ///
    /// Spans that fall entirely inside removed text disappear; spans that lose part of their
    /// text shrink to what is left; a list of `meta` that holds an entry a paragraph loses the
    /// entries of the paragraphs that disappear (`ParagraphKeyedMeta`). This is how text-editing stages keep DESIGN.md's promise
    /// that no record carries an offset that does not match its own text.
    public mutating func apply(_ edit: TextEdit) {
        let map = edit.map
        let before = text
        ParagraphKeyedMeta.carry(&meta, paragraphs: { [paragraphs] in paragraphs ?? Paragraphs.spans(in: before) }, through: map)
        text = edit.text
        if let p = paragraphs { paragraphs = map.remap(p) }
        if let b = blockquotes { blockquotes = map.remap(b) }
        if let s = sentences { sentences = map.remap(s) }
        if let q = quotes {
            quotes = q.compactMap { quote in
                guard let span = map.remap(quote.span) else { return nil }
                var out = quote
                out.span = span
                out.speaker = quote.speaker.flatMap { map.remap($0) }
                out.cue = quote.cue.flatMap { map.remap($0) }
                out.content = quote.content.flatMap { map.remap($0) }
                return out
            }
        }
    }

    /// Every span the document carries, for checks and offset conversion.
    public var allSpans: [Span] {
        var spans: [Span] = []
        forEachSpan { spans.append($0); return true }
        return spans
    }

    /// Calls `body` with every span the document carries (paragraphs, sentences, then each
    /// quote's spans) until it returns false, without gathering them in an array: a document of
    /// millions of paragraphs and sentences is checked after every stage.
    public func forEachSpan(_ body: (Span) -> Bool) {
        for s in paragraphs ?? [] where !body(s) { return }
        for s in sentences ?? [] where !body(s) { return }
        for q in quotes ?? [] {
            guard body(q.span) else { return }
            if let c = q.content, !body(c) { return }
            for m in [q.speaker, q.cue] {
                guard let m else { continue }
                guard body(m.span) else { return }
                if let r = m.resolvedFrom, !body(r) { return }
                if let r = m.role, !body(r) { return }
            }
        }
    }

    /// Notes that a stage of this run set `meta[key]` (`metaSetThisRun`).
    public mutating func noteMetaSetThisRun(_ key: String) {
        if !metaSetThisRun.contains(key) { metaSetThisRun.append(key) }
    }

    /// Fields the record writer writes from the document's own properties (`RecordEncoder`).
    public static let writtenFields = ["id", "source", "text", "meta", "paragraphs", "sentences", "quotes", "duplicate", "filtered"]

    /// The first field of `extra` that the writer writes itself, or nil: a stage that put
    /// `extra["id"]` would give the record two `id` keys, and readers take either.
    public func extraFieldTheWriterOwns() -> String? {
        guard !extra.isEmpty else { return nil }
        return Document.writtenFields.first { extra[$0] != nil }
    }

    /// What keeps a value a stage left in `meta` or `extra` from being written as JSON that
    /// reads back (`WritableJSON`): "extra field 'v': the number 'NaN' is not a JSON number …";
    /// nil when every value can be. A field of the record is at its second level of nesting, a
    /// value inside `meta` at its third.
    public func firstUnwritableValue() -> String? {
        for (key, value) in meta {
            if let problem = WritableJSON.problem(in: value, depth: 3) { return "meta field \(MessageText.quoted(key)): \(problem)" }
        }
        for (key, value) in extra {
            if let problem = WritableJSON.problem(in: value, depth: 2) { return "extra field \(MessageText.quoted(key)): \(problem)" }
        }
        return nil
    }

    /// Where the text stops being valid UTF-8 ("byte 0xFF at offset 0"), or nil when it is:
    /// `text` is public and a stage may set any bytes, which the record writer would copy into
    /// the output as they are.
    public func firstInvalidTextByte() -> String? {
        guard let at = text.withUnsafeBufferPointer({ UTF8Bytes.firstInvalidOffset($0) }) else { return nil }
        return "byte 0x\(String(text[at], radix: 16, uppercase: true)) at offset \(at)"
    }

    /// Checks that every span lies inside the text on UTF-8 scalar boundaries.
    /// Returns a description of the first bad span, or nil when all are good.
    public func firstInvalidSpan() -> String? {
        let n = text.count
        var bad: String?
        text.withUnsafeBufferPointer { text in
            forEachSpan { s in
                if s.start < 0 || s.end > n || s.start > s.end {
                    bad = "span \(s.start)..<\(s.end) lies outside the text (\(n) bytes)"
                } else if s.start < n && UTF8.isContinuation(text[s.start]) {
                    bad = "span \(s.start)..<\(s.end) cuts a character in two at byte \(s.start)"
                } else if s.end < n && UTF8.isContinuation(text[s.end]) {
                    bad = "span \(s.start)..<\(s.end) cuts a character in two at byte \(s.end)"
                }
                return bad == nil
            }
        }
        return bad
    }
}
