/// Builds an edited copy of a text and remembers where every byte went, so spans made
/// before the edit can be carried through it.
///
/// Walk the original text front to back: `copy(to:)` keeps bytes, `replace(to:with:)` swaps a
/// stretch for new bytes (an empty replacement deletes, an empty stretch inserts). Then call
/// `finish()` and hand the result to `Document.apply(_:)`.
///
/// The map costs a few dozen bytes an edit (a text of millions of one-line paragraphs makes
/// millions of edits): an editor made with `mapsOffsets: false`, for a text that carries no
/// span to move, keeps none.
///
/// ```swift
/// var editor = TextEditor(doc.text)
/// editor.replace(to: 5, with: Array("Hello".utf8))
/// doc.apply(editor.finish())
/// ```
public struct TextEditor {
    private let original: [UInt8]
    /// The edited text; empty until the first change, as until then it is a prefix of `original`.
    private var output: [UInt8] = []
    /// Bytes of the edited text so far (`output.count` once anything changed, `cursor` before).
    private var produced = 0
    private var segments: [EditSegment] = []
    /// False for an editor that keeps no offset map (`init(_:mapsOffsets:)`).
    private let mapsOffsets: Bool
    /// True while the last segment is a copy that ends at the cursor with nothing inserted
    /// after it: the next copy extends it. (Insertions leave no segment: they cover no old byte.)
    private var lastCopyOpen = false
    /// The next byte of the original text that has not been copied or replaced yet.
    public private(set) var cursor = 0
    /// True once any byte changed.
    public private(set) var changed = false

    /// An editor of `original`. With `mapsOffsets: false` it keeps no offset map: its edit's
    /// `map` must not be used (`Document.apply` uses it only for the spans the document has).
    public init(_ original: [UInt8], mapsOffsets: Bool = true) {
        self.original = original
        self.mapsOffsets = mapsOffsets
    }

    /// Keeps the original bytes from the cursor up to `end`.
    public mutating func copy(to end: Int) {
        precondition(end >= cursor && end <= original.count, "TextEditor.copy out of order")
        guard end > cursor else { return }
        let newStart = produced
        if changed { output.append(contentsOf: original[cursor..<end]) }
        produced += end - cursor
        if mapsOffsets && lastCopyOpen {
            segments[segments.count - 1].oldEnd = end
            segments[segments.count - 1].newEnd = produced
        } else if mapsOffsets {
            segments.append(EditSegment(oldStart: cursor, oldEnd: end, newStart: newStart, newEnd: produced, isCopy: true))
        }
        lastCopyOpen = true
        cursor = end
    }

    /// Replaces the original bytes from the cursor up to `end` with `bytes`.
    public mutating func replace<C: Collection>(to end: Int, with bytes: C) where C.Element == UInt8 {
        precondition(end >= cursor && end <= original.count, "TextEditor.replace out of order")
        if end == cursor && bytes.isEmpty { return }
        if !changed {
            // The first change: the text so far is the original up to the cursor.
            changed = true
            output.reserveCapacity(original.count)
            output.append(contentsOf: original[0..<cursor])
        }
        let newStart = produced
        output.append(contentsOf: bytes)
        produced = output.count
        // An insertion (no old byte) needs no segment: the map only looks up old offsets.
        if mapsOffsets && end > cursor {
            segments.append(EditSegment(oldStart: cursor, oldEnd: end, newStart: newStart, newEnd: produced, isCopy: false))
        }
        lastCopyOpen = false
        cursor = end
    }

    /// Drops the original bytes from the cursor up to `end`.
    public mutating func delete(to end: Int) {
        replace(to: end, with: EmptyCollection<UInt8>())
    }

    /// Appends bytes at the cursor without consuming any original text.
    public mutating func insert<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        replace(to: cursor, with: bytes)
    }

    /// The bytes written so far (useful to look behind while editing).
    public var written: [UInt8] { changed ? output : Array(original[0..<cursor]) }

    /// How many bytes have been written so far.
    public var writtenCount: Int { produced }

    /// Copies what is left and returns the edit.
    public mutating func finish() -> TextEdit {
        copy(to: original.count)
        return TextEdit(text: changed ? output : original,
                        map: mapsOffsets ? OffsetMap(segments: segments, oldCount: original.count, newCount: produced) : .unmapped)
    }
}

/// The result of a `TextEditor`: the new text and the map from old offsets to new ones.
public struct TextEdit: Sendable {
    public let text: [UInt8]
    public let map: OffsetMap
}

struct EditSegment: Sendable {
    var oldStart: Int
    var oldEnd: Int
    var newStart: Int
    var newEnd: Int
    var isCopy: Bool
}

/// Maps byte offsets of a text before an edit to offsets after it.
public struct OffsetMap: Sendable {
    /// Segments with a non-empty old range, in order; they tile the old text.
    private let segments: [EditSegment]
    private let oldCount: Int
    private let newCount: Int
    /// False for the map of an editor made with `mapsOffsets: false`: it has no segments.
    private let isMapped: Bool

    /// `segments` must each cover old bytes (`TextEditor` makes none that do not).
    init(segments: [EditSegment], oldCount: Int, newCount: Int) {
        self.segments = segments
        self.oldCount = oldCount
        self.newCount = newCount
        isMapped = true
    }

    private init(unmappedSegments: [EditSegment]) {
        segments = unmappedSegments
        oldCount = 0
        newCount = 0
        isMapped = false
    }

    /// The map of an edit made without one (`TextEditor(_:mapsOffsets: false)`): looking an
    /// offset up in it is a programming error.
    static let unmapped = OffsetMap(unmappedSegments: [])

    /// Index of the segment whose old range contains `offset` (`start <= offset < end`).
    private func segmentIndex(containing offset: Int) -> Int? {
        var lo = 0, hi = segments.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let s = segments[mid]
            if offset < s.oldStart { hi = mid - 1 } else if offset >= s.oldEnd { lo = mid + 1 } else { return mid }
        }
        return nil
    }

    /// New offset for a span start: inside removed text it moves forward to the next kept byte.
    public func mapStart(_ offset: Int) -> Int {
        precondition(isMapped, "an offset looked up in the map of an edit made with mapsOffsets: false")
        if offset >= oldCount { return newCount }
        guard let i = segmentIndex(containing: offset) else { return newCount }
        let s = segments[i]
        return s.isCopy ? s.newStart + (offset - s.oldStart) : s.newStart
    }

    /// New offset for a span end: inside removed text it moves back to the last kept byte.
    public func mapEnd(_ offset: Int) -> Int {
        precondition(isMapped, "an offset looked up in the map of an edit made with mapsOffsets: false")
        if offset <= 0 { return 0 }
        guard let i = segmentIndex(containing: offset - 1) else { return newCount }
        let s = segments[i]
        return s.isCopy ? s.newStart + (offset - s.oldStart) : s.newEnd
    }

    /// The span after the edit, or nil when nothing of it is left.
    public func remap(_ span: Span) -> Span? {
        let s = mapStart(span.start), e = mapEnd(span.end)
        return e > s ? Span(s, e) : nil
    }

    /// Remaps a list of spans, dropping those that vanished.
    public func remap(_ spans: [Span]) -> [Span] { spans.compactMap { remap($0) } }

    /// Remaps a mention; it vanishes when its own words vanish.
    public func remap(_ mention: Mention) -> Mention? {
        guard let span = remap(mention.span) else { return nil }
        return Mention(span: span, resolvedFrom: mention.resolvedFrom.flatMap { remap($0) },
                       role: mention.role.flatMap { remap($0) }, entity: mention.entity)
    }
}
