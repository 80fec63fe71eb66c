import Foundation

/// The byte-level work of `normalize`, separate from the stage so it can be tested and reused.
///
/// One pass finds lines and decides which breaks are paragraph breaks; a second pass cleans the
/// characters of each line. ASCII runs are skipped eight bytes at a time; only stretches with
/// characters that may change under NFC/NFKC go through Foundation's normalizer.
public struct TextNormalizer: Sendable {
    public var compatibility = false
    public var joinLines = true
    public var foldQuotes = false
    public var foldDashes = false
    public var repairMojibake = true
    /// The output stops here: past it `normalize` throws `TextNormalizer.OutputTooLarge` instead
    /// of building the rest (NFKC turns one U+FDFA into 18 letters; the config's `max_document_mb`).
    public var maxOutputBytes = Int.max

    /// Thrown when the output passes `maxOutputBytes`; `produced` is how many bytes were built.
    public struct OutputTooLarge: Error, Sendable {
        public var produced: Int
    }

    /// Hard-wrapped text is at most this wide; longer lines are paragraphs of their own.
    static let maxWrapWidth = 100
    /// Blocks narrower than this are lists of short lines (captions, menus), never wrapped prose.
    static let minWrapWidth = 50

    public init(compatibility: Bool = false, joinLines: Bool = true, foldQuotes: Bool = false,
                foldDashes: Bool = false, repairMojibake: Bool = true, maxOutputBytes: Int = Int.max) {
        self.compatibility = compatibility
        self.joinLines = joinLines
        self.foldQuotes = foldQuotes
        self.foldDashes = foldDashes
        self.repairMojibake = repairMojibake
        self.maxOutputBytes = maxOutputBytes
    }

    /// Normalizes a text; nil when nothing changed.
    /// - Throws: `OutputTooLarge` as soon as the output passes `maxOutputBytes`.
    public func normalize(_ text: [UInt8]) throws -> TextEdit? {
        switch try normalized(text) {
        case .unchanged: return nil
        case .truncated(let end): return Self.truncation(of: text, at: end)
        case .edited(let edit): return edit
        }
    }

    /// What normalizing did to a text.
    enum Outcome {
        /// Nothing changed.
        case unchanged
        /// Only the bytes from this offset to the end went (a trailing line break, trailing
        /// white space): the text can be cut in place, no edit needs building.
        case truncated(at: Int)
        /// Anything else.
        case edited(TextEdit)
    }

    /// The edit that drops `text[end...]`.
    static func truncation(of text: [UInt8], at end: Int) -> TextEdit {
        var editor = TextEditor(text)
        editor.copy(to: end)
        editor.delete(to: text.count)
        return editor.finish()
    }

    /// Normalizes a text, telling a cut at the end apart from other edits. With
    /// `mapsOffsets: false` an edit keeps no offset map (for a text that carries no span).
    /// - Throws: `OutputTooLarge` as soon as the output passes `maxOutputBytes`.
    func normalized(_ text: [UInt8], mapsOffsets: Bool = true) throws -> Outcome {
        var editor = TextEditor(text, mapsOffsets: mapsOffsets)
        var truncatedAt: Int?
        try text.withUnsafeBufferPointer { b in
            // Lines are read as they come, never gathered: a text of millions of lines is read
            // in the memory of its longest block's two scans, not 40 bytes a line.
            var lines = LineScanner(b)
            var previous: Line?
            // A block is a run of non-blank lines; `next` is its first.
            while var line = lines.next() {
                if line.isBlank { continue }
                // Widths only matter where lines may be joined: a block of several lines. Its
                // width is that of its widest line but its last (which may be short), read by a
                // scan ahead of the one that edits.
                var width = 0
                var isMultiline = false
                if joinLines {
                    var ahead = lines
                    var last = line
                    while let following = ahead.next(), !following.isBlank {
                        isMultiline = true
                        width = max(width, Self.widths(b, last.contentStart, last.contentEnd).length)
                        last = following
                    }
                }
                var isFirst = true
                while true {
                    if isMultiline { line.measure(b) }
                    // The stretch between the previous line's content and this one's.
                    let gapStart = previous?.contentEnd ?? 0
                    let separator: StaticString
                    if previous == nil {
                        separator = ""
                    } else if !isFirst && joinLines && Self.isWrapped(previous!, line, width: width) {
                        separator = " "
                    } else {
                        separator = "\n\n"
                    }
                    Self.replace(&editor, gapStart, line.contentStart, with: separator, in: b)
                    try clean(b, line.contentStart, line.contentEnd, &editor)
                    try checkSize(editor)
                    previous = line
                    isFirst = false
                    guard let following = lines.next(), !following.isBlank else { break }
                    line = following
                }
            }
            let tail = previous?.contentEnd ?? 0
            if tail < b.count {
                if !editor.changed { truncatedAt = tail; return }
                editor.copy(to: tail)
                editor.delete(to: b.count)
            }
        }
        if let truncatedAt { return .truncated(at: truncatedAt) }
        guard editor.changed else { return .unchanged }
        return .edited(editor.finish())
    }

    /// Replaces `b[start..<end]` by `bytes` unless it already is exactly that.
    static func replace(_ editor: inout TextEditor, _ start: Int, _ end: Int, with s: StaticString, in b: UnsafeBufferPointer<UInt8>) {
        let bytes = UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)
        if end - start == bytes.count && (0..<bytes.count).allSatisfy({ b[start + $0] == bytes[$0] }) { return }
        editor.copy(to: start)
        editor.replace(to: end, with: bytes)
    }

    // MARK: Lines

    struct Line {
        var contentStart: Int
        var contentEnd: Int
        /// Unicode scalars of the content (0 until `measure`).
        var length = 0
        /// Scalars of the first word (0 until `measure`).
        var firstWord = 0
        /// Whether the content opens with a list marker (false until `measure`).
        var startsWithListMarker = false
        var isBlank: Bool { contentEnd <= contentStart }

        /// Fills `length`, `firstWord` and `startsWithListMarker` from the content in `b`.
        mutating func measure(_ b: UnsafeBufferPointer<UInt8>) {
            (length, firstWord) = TextNormalizer.widths(b, contentStart, contentEnd)
            startsWithListMarker = contentEnd > contentStart && TextNormalizer.isListMarker(b, contentStart, contentEnd)
        }
    }

    /// The lines of a text, one at a time: split at each of `LineTerminators` (\n, \r\n, \r,
    /// vertical tab, form feed, NEL, U+2028, and U+2029, which is followed by a blank line), each
    /// trimmed. The lines are not measured (`Line.measure`). A copy reads on from where the
    /// original stands.
    struct LineScanner {
        let b: UnsafeBufferPointer<UInt8>
        /// The next byte to look at, and where the current line started.
        private var i = 0
        private var lineStart = 0
        /// The blank line a paragraph separator (U+2029) stands for, given out next.
        private var blankAfterSeparator: Line?
        /// True once the last line (up to the end of the text) has been given out.
        private var finished = false

        init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

        /// The line from `lineStart` to `end`, trimmed of white space and invisible characters.
        private func line(to end: Int) -> Line {
            var s = lineStart, e = end
            while s < e, let w = TextNormalizer.whiteSpaceLength(b, at: s, limit: e) { s += w }
            while e > s, let w = TextNormalizer.whiteSpaceLength(b, before: e, limit: s) { e -= w }
            return Line(contentStart: s, contentEnd: e)
        }

        /// The next line, or nil after the last (the text's end closes a last line, blank or not).
        mutating func next() -> Line? {
            if let blank = blankAfterSeparator {
                blankAfterSeparator = nil
                return blank
            }
            if finished { return nil }
            let n = b.count
            guard let base = b.baseAddress else {
                finished = true
                return line(to: n)
            }
            i = LineTerminators.next(base, from: i, n)
            if i < n {
                let breakLength = LineTerminators.length(base, i, n)
                let out = line(to: i)
                let endsParagraph = LineTerminators.endsParagraph(base, i, length: breakLength)
                i += breakLength
                lineStart = i
                if endsParagraph { blankAfterSeparator = Line(contentStart: i, contentEnd: i) }
                return out
            }
            finished = true
            return line(to: n)
        }
    }

    /// Lengths only matter up to the widest wrap width: a line's scalars counted up to one past it.
    static let lengthCap = maxWrapWidth + 1

    /// The scalars of `b[s..<e]` and of its first word (up to its first space), each counted up
    /// to `lengthCap`: the lead bytes of the first `4 * lengthCap` bytes (which hold at least
    /// `lengthCap` scalars), counted eight bytes at a time.
    static func widths(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (length: Int, firstWord: Int) {
        let w = min(e, s + 4 * lengthCap)
        var space = s
        while space < w && b[space] != 0x20 { space += 1 }
        let length = min(scalars(b, s, w), lengthCap)
        return (length, space < w ? min(scalars(b, s, space), lengthCap) : length)
    }

    /// Unicode scalars (bytes that are not UTF-8 continuation bytes) in `b[s..<e]`.
    static func scalars(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        guard let base = b.baseAddress else { return 0 }
        var continuations = 0
        var i = s
        while i + 8 <= e {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // A continuation byte is 10xxxxxx: its top bit set and the bit below it clear.
            let marks = w & ~(w << 1) & 0x8080_8080_8080_8080
            if marks != 0 { continuations += marks.nonzeroBitCount }
            i += 8
        }
        while i < e {
            if UTF8.isContinuation(b[i]) { continuations += 1 }
            i += 1
        }
        return e - s - continuations
    }

    /// A break is a soft wrap when the next line's first word would not have fitted on this line.
    static func isWrapped(_ line: Line, _ next: Line, width: Int) -> Bool {
        guard width >= minWrapWidth && width <= maxWrapWidth else { return false }
        if next.startsWithListMarker { return false }
        return line.length + 1 + next.firstWord > width
    }

    /// "•", "-", "*", "1.", "2)", "a)" at the start of a line.
    static func isListMarker(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        let c = b[s]
        if (c == 0x2D || c == 0x2A || c == 0x2B) && s + 1 < e && b[s + 1] == 0x20 { return true }
        if c == 0xE2 && s + 2 < e && b[s + 1] == 0x80 && (b[s + 2] == 0xA2 || b[s + 2] == 0x93 || b[s + 2] == 0x94) { return true }
        var k = s
        while k < e && k - s < 3 && b[k] >= 0x30 && b[k] <= 0x39 { k += 1 }
        if k > s && k + 1 < e && (b[k] == 0x2E || b[k] == 0x29) && b[k + 1] == 0x20 { return true }
        return false
    }

    // MARK: Characters

    /// Byte length of the white-space or invisible character at `i`, or nil.
    static func whiteSpaceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int, limit: Int) -> Int? {
        let c = b[i]
        if c == 0x20 || c == 0x09 { return 1 }
        if c < 0x20 || c == 0x7F { return 1 }
        if c < 0x80 { return nil }
        let (scalar, len) = UTF8Bytes.decode(b, at: i)
        return isSpace(scalar) || isInvisible(scalar) || (scalar >= 0x80 && scalar < 0xA0) ? len : nil
    }

    static func whiteSpaceLength(_ b: UnsafeBufferPointer<UInt8>, before e: Int, limit: Int) -> Int? {
        let c = b[e - 1]
        if c < 0x80 { return whiteSpaceLength(b, at: e - 1, limit: e) }
        let (scalar, len) = UTF8Bytes.decode(b, before: e)
        return isSpace(scalar) || isInvisible(scalar) || (scalar >= 0x80 && scalar < 0xA0) ? len : nil
    }

    /// Unicode space separators other than U+0020.
    @inline(__always) static func isSpace(_ s: UInt32) -> Bool {
        s == 0xA0 || s == 0x1680 || (s >= 0x2000 && s <= 0x200A) || s == 0x202F || s == 0x205F || s == 0x3000
    }

    /// Characters that carry nothing visible: zero-width space, word joiner, BOM, soft hyphen,
    /// Mongolian vowel separator. ZWJ and ZWNJ are kept: emoji and Persian need them.
    @inline(__always) static func isInvisible(_ s: UInt32) -> Bool {
        s == 0x200B || s == 0x2060 || s == 0xFEFF || s == 0xAD || s == 0x180E
    }

    /// Throws once the editor's output has passed `maxOutputBytes`.
    @inline(__always) func checkSize(_ editor: TextEditor) throws {
        let produced = editor.writtenCount
        if produced > maxOutputBytes { throw OutputTooLarge(produced: produced) }
    }

    /// Cleans the characters of one line's content, `b[start..<end]`.
    func clean(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ editor: inout TextEditor) throws {
        var i = start
        guard let base = b.baseAddress else { return }
        let space = SIMD16<UInt8>(repeating: 0x20), tab = SIMD16<UInt8>(repeating: 0x09), tilde = SIMD16<UInt8>(repeating: 0x7E)
        while i < end {
            if i + 17 <= end {
                // Sixteen bytes at once up to the first that needs a look: not printable ASCII,
                // or a space before a space, a tab or a non-ASCII byte (the rule of the byte loop
                // below, with the byte after each read from a second load one byte on).
                let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
                let next = UnsafeRawPointer(base + i + 1).loadUnaligned(as: SIMD16<UInt8>.self)
                let outside = Bytes16.words((v .> tilde) .| (space .> v))
                let spaces = Bytes16.words(v .== space)
                let crowded = Bytes16.words((next .== space) .| (next .== tab) .| (next .> tilde))
                guard let lane = Bytes16.firstLane(outside | (spaces & crowded)) else {
                    i += 16
                    continue
                }
                i += lane
            } else if i + 8 <= end {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                // No high bit, no control byte, no two spaces in a row: skip eight at once.
                let highs: UInt64 = 0x8080_8080_8080_8080
                let controls = (w &- 0x2020_2020_2020_2020) & ~w & highs
                let x = w ^ 0x2020_2020_2020_2020
                let spaces = (x &- 0x0101_0101_0101_0101) & ~x & highs
                let d = w ^ 0x7F7F_7F7F_7F7F_7F7F
                let deletes = (d &- 0x0101_0101_0101_0101) & ~d & highs
                if w & highs == 0 && controls | deletes == 0 && spaces & (spaces << 8) == 0 && w >> 56 != 0x20 {
                    i += 8
                    continue
                }
            }
            let c = b[i]
            if c >= 0x21 && c < 0x7F { i += 1; continue }
            if c == 0x20 && (i + 1 >= end || (b[i + 1] != 0x20 && b[i + 1] != 0x09 && b[i + 1] < 0x80)) { i += 1; continue }
            if c == 0x20 || c == 0x09 { i = collapseSpace(b, i, end, &editor); continue }
            if c < 0x80 {
                // ASCII control character: drop it.
                editor.copy(to: i); editor.delete(to: i + 1); i += 1; continue
            }
            if TextNormalizer.isSpace(UTF8Bytes.decode(b, at: i).scalar) { i = collapseSpace(b, i, end, &editor); continue }
            i = try cleanRun(b, i, end, &editor)
        }
    }

    /// A run of white space becomes one ASCII space.
    func collapseSpace(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ editor: inout TextEditor) -> Int {
        var i = start
        var simple = true
        while i < end {
            let c = b[i]
            if c == 0x20 { i += 1; continue }
            if c == 0x09 { simple = false; i += 1; continue }
            if c >= 0x80 {
                // Other spaces, and invisible characters between spaces, belong to the run.
                let (s, len) = UTF8Bytes.decode(b, at: i)
                if TextNormalizer.isSpace(s) || TextNormalizer.isInvisible(s) { simple = false; i += len; continue }
            }
            break
        }
        if !simple || i - start > 1 {
            editor.copy(to: start)
            editor.replace(to: i, with: CollectionOfOne(UInt8(0x20)))
        }
        return i
    }

    /// Scalars of a run cleaned at once: a longer run is cut into chunks of about this many, at
    /// scalars where cutting changes nothing, so memory stays bounded and growth is seen early.
    static let chunkScalars = 1024

    /// Cleans a run of non-ASCII, non-space characters starting at `start`, chunk by chunk.
    func cleanRun(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ editor: inout TextEditor) throws -> Int {
        if let runEnd = unchangedRunEnd(b, start, end) {
            try checkSize(editor)
            return runEnd
        }
        var scalars: [UInt32] = []
        var chunkStart = start
        var i = start
        while i < end && b[i] >= 0x80 {
            let (s, len) = UTF8Bytes.decode(b, at: i)
            if TextNormalizer.isSpace(s) { break }
            if scalars.count >= Self.chunkScalars && ChunkBoundary.isSafe(before: s, compatibility: compatibility) {
                cleanChunk(b, chunkStart, i, scalars, &editor)
                try checkSize(editor)
                scalars.removeAll(keepingCapacity: true)
                chunkStart = i
            }
            scalars.append(s)
            i += len
        }
        cleanChunk(b, chunkStart, i, scalars, &editor)
        try checkSize(editor)
        return i
    }

    /// The end of the run at `start` (as `cleanRun` reads it) when cleaning leaves it as it is,
    /// as most runs (a curly quote, an accented word) are: every scalar stable under the form,
    /// visible, not folded, and none the lead byte of mojibake. Nil when the run needs cleaning.
    func unchangedRunEnd(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var i = start
        while i < end && b[i] >= 0x80 {
            let (s, len) = UTF8Bytes.decode(b, at: i)
            if TextNormalizer.isSpace(s) { break }
            guard keepsAsIs(s) else { return nil }
            i += len
        }
        return i
    }

    /// True when `cleanChunk` leaves a scalar as it is, whatever stands around it.
    @inline(__always)
    func keepsAsIs(_ s: UInt32) -> Bool {
        if TextNormalizer.isInvisible(s) || (s >= 0x80 && s < 0xA0) { return false }
        // A Latin-1 letter that may lead cp1252 mojibake ("Ã" of "Ã©").
        if repairMojibake && s >= 0xC2 && s <= 0xF4 { return false }
        if foldQuotes && ((s >= 0x2018 && s <= 0x201F)) { return false }
        if foldDashes && ((s >= 0x2010 && s <= 0x2015) || s == 0x2212 || s == 0xFE58 || s == 0xFE63 || s == 0xFF0D) { return false }
        return compatibility ? UnicodeStability.isNFKCStable(s) : UnicodeStability.isNFCStable(s)
    }

    /// Cleans `b[start..<runEnd]`, whose scalars are `scalars`: mojibake, invisibles, folding, NFC/NFKC.
    func cleanChunk(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ runEnd: Int, _ scalars: [UInt32], _ editor: inout TextEditor) {
        var scalars = scalars
        if repairMojibake { scalars = Mojibake.repair(scalars) }
        var kept: [UInt32] = []
        kept.reserveCapacity(scalars.count)
        var stable = true
        for s in scalars {
            if TextNormalizer.isInvisible(s) || (s >= 0x80 && s < 0xA0) { continue }
            var t = s
            if foldQuotes {
                if s == 0x201C || s == 0x201D || s == 0x201E || s == 0x201F { t = 0x22 }
                if s == 0x2018 || s == 0x2019 || s == 0x201A || s == 0x201B { t = 0x27 }
            }
            if foldDashes && ((s >= 0x2010 && s <= 0x2015) || s == 0x2212 || s == 0xFE58 || s == 0xFE63 || s == 0xFF0D) { t = 0x2D }
            if stable && !(compatibility ? UnicodeStability.isNFKCStable(t) : UnicodeStability.isNFCStable(t)) { stable = false }
            kept.append(t)
        }
        // A combining mark may compose with the ASCII letter before the run: include it.
        var chunkStart = start
        var prefix: [UInt8] = []
        if !stable, start > editor.cursor, start > 0, b[start - 1] > 0x20, b[start - 1] < 0x7F {
            chunkStart = start - 1
            prefix = [b[start - 1]]
        }
        var out = prefix
        for s in kept { UTF8Bytes.append(s, to: &out) }
        if !stable {
            if CanonicalOrder.hasLongMarkRun(kept) {
                out = CanonicalOrder.decomposedInOrder(out, compatibility: compatibility)
            }
            let string = String(decoding: out, as: UTF8.self)
            let normal = compatibility ? string.precomposedStringWithCompatibilityMapping : string.precomposedStringWithCanonicalMapping
            out = Array(normal.utf8)
        }
        let original = UnsafeBufferPointer(rebasing: b[chunkStart..<runEnd])
        if !out.elementsEqual(original) {
            editor.copy(to: chunkStart)
            editor.replace(to: runEnd, with: out)
        }
    }
}

/// Canonical ordering (Unicode's stable sort of combining marks by combining class) done before
/// Foundation's normalizer sees a text, for texts with long runs of combining marks. Foundation
/// (and Swift's own String hashing) reorders a run by swapping neighbours, quadratic in the
/// run's length: 64,000 marks of alternating classes took 29 s, so a line of them would hang
/// `normalize`. A run is never cut (that would change the result); its marks come in order
/// instead, which Foundation then passes over in one step (and which is Unicode's order: on such
/// runs Foundation's own sort leaves some marks out of order, Tibetan vowel signs among them).
/// Real text has at most a few marks on a letter (even "Zalgo" text some tens), so this path is
/// taken for hostile text only.
enum CanonicalOrder {
    /// Runs of more combining marks than this are put in order here (Unicode's stream-safe
    /// format allows 30 in a row).
    static let longRun = 32

    /// Characters of combining class 0 whose decomposition starts with a combining mark (Tibetan
    /// vowel signs under NFD; half-width voiced sound marks under NFKD too).
    static let markLeadingStarters: Set<UInt32> = [0x0F73, 0x0F75, 0x0F81, 0xFF9E, 0xFF9F]

    /// True when `scalars` hold more than `longRun` characters in a row whose decomposition
    /// starts with a combining mark.
    static func hasLongMarkRun(_ scalars: [UInt32]) -> Bool {
        var run = 0
        for s in scalars {
            if combiningClass(s) != 0 || markLeadingStarters.contains(s) {
                run += 1
                if run > longRun { return true }
            } else {
                run = 0
            }
        }
        return false
    }

    /// The UTF-8 text decomposed (NFD, or NFKD with `compatibility`) one character at a time,
    /// with each run of combining marks sorted by combining class, stably: the decomposed form
    /// a normalizer would make, without its quadratic sort.
    static func decomposedInOrder(_ text: [UInt8], compatibility: Bool) -> [UInt8] {
        var decomposed: [UInt32] = []
        decomposed.reserveCapacity(text.count)
        // A character's decomposition, asked of Foundation once per distinct character.
        var known: [UInt32: [UInt32]] = [:]
        for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
            if scalar.value < 0xC0 {
                decomposed.append(scalar.value)
                continue
            }
            if let parts = known[scalar.value] {
                decomposed.append(contentsOf: parts)
                continue
            }
            let one = String(Character(scalar))
            let parts = (compatibility ? one.decomposedStringWithCompatibilityMapping : one.decomposedStringWithCanonicalMapping)
                .unicodeScalars.map(\.value)
            known[scalar.value] = parts
            decomposed.append(contentsOf: parts)
        }
        var ordered: [UInt8] = []
        ordered.reserveCapacity(text.count)
        var i = 0
        while i < decomposed.count {
            guard combiningClass(decomposed[i]) != 0 else {
                UTF8Bytes.append(decomposed[i], to: &ordered)
                i += 1
                continue
            }
            var end = i
            while end < decomposed.count && combiningClass(decomposed[end]) != 0 { end += 1 }
            let run = decomposed[i..<end].enumerated().sorted {
                (combiningClass($0.element), $0.offset) < (combiningClass($1.element), $1.offset)
            }
            for mark in run { UTF8Bytes.append(mark.element, to: &ordered) }
            i = end
        }
        return ordered
    }

    /// The canonical combining class of a scalar (0 for a starter).
    @inline(__always) static func combiningClass(_ s: UInt32) -> UInt8 {
        guard s >= 0x300, let scalar = Unicode.Scalar(s) else { return 0 }
        return UInt8(scalar.properties.canonicalCombiningClass.rawValue)
    }
}

/// Where a run of characters may be cut and each piece normalized alone with the same result as
/// the whole: before a character whose decomposition starts with a starter (combining class 0)
/// that never composes with what comes before it, and that is no byte of cp1252 mojibake.
enum ChunkBoundary {
    /// Starters that compose with the character before them (Unicode's NFC_QC=Maybe with
    /// combining class 0: Indic vowel signs and length marks, Hangul medial and final jamo).
    static let composingStarters: [ClosedRange<UInt32>] = [
        0x09BE...0x09BE, 0x09D7...0x09D7, 0x0B3E...0x0B3E, 0x0B56...0x0B57, 0x0BBE...0x0BBE, 0x0BD7...0x0BD7,
        0x0CC2...0x0CC2, 0x0CD5...0x0CD6, 0x0D3E...0x0D3E, 0x0D57...0x0D57, 0x0DCF...0x0DCF, 0x0DDF...0x0DDF,
        0x102E...0x102E, 0x1161...0x1175, 0x11A8...0x11C2, 0x1B35...0x1B35, 0x11127...0x11127, 0x1133E...0x1133E,
        0x11357...0x11357, 0x114B0...0x114B0, 0x114BA...0x114BA, 0x114BD...0x114BD, 0x115AF...0x115AF, 0x11930...0x11930,
    ]

    static func isSafe(before s: UInt32, compatibility: Bool) -> Bool {
        if Mojibake.byte(s) != nil { return false }
        if compatibility ? UnicodeStability.isNFKCStable(s) : UnicodeStability.isNFCStable(s) { return true }
        guard let scalar = Unicode.Scalar(s) else { return false }
        let string = String(Character(scalar))
        let decomposed = compatibility ? string.decomposedStringWithCompatibilityMapping : string.decomposedStringWithCanonicalMapping
        guard let first = decomposed.unicodeScalars.first else { return false }
        return first.properties.canonicalCombiningClass == .notReordered
            && !composingStarters.contains { $0.contains(first.value) }
    }
}

/// Repairs UTF-8 that was decoded as cp1252 (or Latin-1): "â€™" → "’", "Ã©" → "é".
enum Mojibake {
    /// cp1252 bytes 0x80–0x9F as Unicode (0 = undefined in cp1252; Latin-1 readers keep them as C1 controls).
    static let cp1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The cp1252 byte a scalar was decoded from, if any.
    static func byte(_ s: UInt32) -> UInt8? {
        if s >= 0x80 && s <= 0xFF { return UInt8(s) }
        if let k = cp1252High.firstIndex(of: s), s != 0 { return UInt8(0x80 + k) }
        return nil
    }

    static func repair(_ scalars: [UInt32]) -> [UInt32] {
        guard scalars.count >= 2 else { return scalars }
        var out: [UInt32] = []
        out.reserveCapacity(scalars.count)
        var j = 0
        while j < scalars.count {
            if let lead = byte(scalars[j]), lead >= 0xC2 && lead <= 0xF4 {
                let need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1
                if j + need < scalars.count {
                    var bytes: [UInt8] = [lead]
                    for k in 1...need {
                        guard let c = byte(scalars[j + k]), c >= 0x80 && c <= 0xBF else { break }
                        bytes.append(c)
                    }
                    if bytes.count == need + 1, bytes.withUnsafeBufferPointer({ UTF8Bytes.firstInvalidOffset($0) == nil }) {
                        out.append(bytes.withUnsafeBufferPointer { UTF8Bytes.decode($0, at: 0).scalar })
                        j += need + 1
                        continue
                    }
                }
            }
            out.append(scalars[j])
            j += 1
        }
        return out
    }
}

/// Ranges of characters that NFC or NFKC never change (a fast path; anything else goes to
/// Foundation). Each range holds only characters with combining class 0 and no decomposition
/// of the kind the form applies.
enum UnicodeStability {
    @inline(__always) static func isNFCStable(_ s: UInt32) -> Bool {
        if s < 0x300 { return true }
        switch s {
        case 0x0400...0x0482, 0x048A...0x052F, 0x05D0...0x05EA, 0x0620...0x064A,
             0x2002...0x20CF, 0x2190...0x2199, 0x2500...0x25FF,
             0x3001...0x3029, 0x3030...0x3096, 0x309B...0x30FF, 0x4E00...0x9FFF, 0xAC00...0xD7A3,
             0x1F300...0x1FAFF:
            return true
        default:
            return false
        }
    }

    @inline(__always) static func isNFKCStable(_ s: UInt32) -> Bool {
        if s < 0xA0 { return true }
        switch s {
        case 0xA1...0xA7, 0xA9, 0xAB, 0xAC, 0xAE, 0xB0, 0xB1, 0xB6, 0xB7, 0xBB, 0xBF,
             0xC0...0x131, 0x134...0x13E, 0x141...0x148, 0x14A...0x17E, 0x180...0x1C3, 0x1CD...0x1F0, 0x1F4...0x24F,
             0x0400...0x0482, 0x048A...0x052F, 0x05D0...0x05EA, 0x0621...0x064A,
             0x2010, 0x2012...0x2016, 0x2018...0x2023, 0x2027, 0x2030...0x2032, 0x2035, 0x2038...0x203B, 0x203D,
             0x2041...0x2046, 0x204A...0x2056, 0x2058...0x205E, 0x20A0...0x20A7, 0x20A9...0x20BF,
             0x2190...0x2199, 0x2500...0x25FF, 0x4E00...0x9FFF, 0xAC00...0xD7A3:
            return true
        default:
            return false
        }
    }
}

/// Sixteen-byte masks for `TextNormalizer`'s skips. The skips use only compares of two vectors
/// and `.|` of their masks, which compile to SSE2/NEON compares; the forms with a scalar operand
/// and `.&` or `.!` of masks did not (a lane at a time: ten times the instructions), so masks
/// are combined further as words.
enum Bytes16 {
    /// A mask as two words, 0xFF in each byte whose lane is set.
    @inline(__always)
    static func words(_ mask: SIMDMask<SIMD16<Int8>>) -> SIMD2<UInt64> {
        unsafeBitCast(mask, to: SIMD2<UInt64>.self)
    }

    /// The first lane set in `words(mask)`, or nil.
    @inline(__always)
    static func firstLane(_ words: SIMD2<UInt64>) -> Int? {
        if words[0] != 0 { return words[0].trailingZeroBitCount / 8 }
        if words[1] != 0 { return 8 + words[1].trailingZeroBitCount / 8 }
        return nil
    }
}
