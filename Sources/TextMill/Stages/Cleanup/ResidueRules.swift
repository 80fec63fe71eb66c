#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One plain-text residue rule (see `ResidueLexicon` for the format).
struct ResidueRule: Sendable, Equatable {
    enum Kind: String, Sendable, CaseIterable {
        case line, prefix, suffix, contains, block, markup, timestamps, caption
        case wikiHeading = "wiki-heading"
        case repeated
        case authorCard = "author-card"

        var needsPattern: Bool {
            switch self {
            case .line, .prefix, .suffix, .contains, .block, .caption: return true
            default: return false
            }
        }
    }

    var kind: Kind
    /// Lower-cased pattern bytes (empty for kinds without a pattern).
    var pattern: [UInt8]
    /// How many following non-blank lines go with a matching line.
    var following: Int
}

enum ResidueRules {
    /// Parses rule text; throws a `StageSetupError` naming the line of a bad rule.
    static func parse(_ text: String, origin: String) throws -> [ResidueRule] {
        var rules: [ResidueRule] = []
        // Split by bytes: split by `Character`, "\r\n" is one character and a file with Windows
        // line ends was one line.
        for (n, raw) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if line.first == "#" { continue }
            while let c = line.first, c == " " || c == "\t" { line = line.dropFirst() }
            while let c = line.last, c == " " || c == "\t" || c == "\r" { line = line.dropLast() }
            if line.isEmpty { continue }
            let head = line.prefix(while: { $0 != " " && $0 != "\t" })
            var pattern = line.dropFirst(head.count)
            while let c = pattern.first, c == " " || c == "\t" { pattern = pattern.dropFirst() }
            var kindName = head
            var following = 0
            if let plus = head.firstIndex(of: "+") {
                kindName = head[..<plus]
                guard let k = Int(head[head.index(after: plus)...]), k >= 0 && k <= 20 else {
                    throw StageSetupError("\(origin), line \(n + 1): \(MessageText.quoted(head)): the count after '+' must be 0…20")
                }
                following = k
            }
            guard let kind = ResidueRule.Kind(rawValue: String(kindName)) else {
                let valid = ResidueRule.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw StageSetupError("\(origin), line \(n + 1): unknown residue rule kind \(MessageText.quoted(kindName)); valid kinds: \(valid)")
            }
            if kind.needsPattern && pattern.isEmpty {
                throw StageSetupError("\(origin), line \(n + 1): \(MessageText.quoted(kind.rawValue)) needs a pattern after it")
            }
            rules.append(ResidueRule(kind: kind, pattern: Array(pattern.lowercased().utf8), following: following))
        }
        return rules
    }
}

/// Removes residue lines from plain text through `TextEditor`, so spans made before survive.
struct ResidueCleaner: Sendable {
    let rules: [ResidueRule]
    /// One gate a rule, in the same order: what a line must have for the rule to be tried.
    let gates: [ResidueGate]
    /// The rules a line may match by its content's first byte (ASCII capitals lowered), in
    /// order: those of byte `c` are `candidates[candidateStarts[c]..<candidateStarts[c + 1]]`.
    let candidateStarts: [Int]
    let candidates: [Int]

    init(rules: [ResidueRule]) {
        self.rules = rules
        let gates = rules.map(ResidueGate.init)
        self.gates = gates
        var starts: [Int] = []
        var list: [Int] = []
        for c in 0...255 {
            starts.append(list.count)
            list += gates.indices.filter { gates[$0].mayAdmit(first: UInt8(c)) }
        }
        starts.append(list.count)
        candidateStarts = starts
        candidates = list
    }

    struct Line {
        var start: Int
        /// End of the line's text (before "\n").
        var end: Int
        /// The content range: trimmed and without a leading bullet.
        var contentStart: Int
        var contentEnd: Int
        var isBlank: Bool { contentEnd <= contentStart }
    }

    /// The edit and the number of lines removed, or nil when nothing matched.
    func clean(_ text: [UInt8]) -> (edit: TextEdit, removed: Int)? {
        text.withUnsafeBufferPointer { b -> (TextEdit, Int)? in
            let lines = Self.lines(b)
            // What to do with each line: drop it, or keep a range of it (its kept text). Made at
            // the first line a rule matches: most texts have none.
            var drop: [Bool] = []
            var keepRange: [Range<Int>?] = []
            var previousContent: Range<Int>? = nil
            // The lines before this one a `block` rule has dropped already: a block's next line
            // that names it again ("Infobox" on every line) goes on from there, where each such
            // line dropped the rest of the block again, time growing with the square of it.
            var blockDroppedTo = 0
            var i = 0
            while i < lines.count {
                let line = lines[i]
                if line.isBlank { i += 1; continue }
                var matched: ResidueRule?
                let shape = ResidueGate.Shape(line, b, previous: previousContent)
                let first = Int(shape.first)
                for j in candidateStarts[first]..<candidateStarts[first + 1] {
                    let k = candidates[j]
                    if gates[k].admits(shape) && matches(rules[k], line, lines, i, b, previous: previousContent) {
                        matched = rules[k]
                        break
                    }
                }
                let content = line.contentStart..<line.contentEnd
                if let rule = matched {
                    if drop.isEmpty {
                        drop = [Bool](repeating: false, count: lines.count)
                        keepRange = [Range<Int>?](repeating: nil, count: lines.count)
                    }
                    switch rule.kind {
                    case .wikiHeading:
                        keepRange[i] = Self.wikiHeadingText(b, line)
                    case .caption:
                        if let kept = Self.captionText(b, lines, i, marker: rule.pattern) { keepRange[i] = kept } else { drop[i] = true }
                    case .block:
                        var k = max(i, blockDroppedTo)
                        while k < lines.count && !lines[k].isBlank { drop[k] = true; k += 1 }
                        blockDroppedTo = k
                    case .authorCard:
                        drop[i] = true
                        if let next = Self.nextNonBlank(lines, after: i) { drop[next] = true }
                    default:
                        drop[i] = true
                    }
                    var k = i
                    for _ in 0..<rule.following {
                        guard let next = Self.nextNonBlank(lines, after: k) else { break }
                        drop[next] = true
                        k = next
                    }
                }
                if drop.isEmpty || !drop[i] { previousContent = content }
                i += 1
            }
            guard !drop.isEmpty else { return nil }
            let removed = drop.filter { $0 }.count
            guard removed > 0 || keepRange.contains(where: { $0 != nil }) else { return nil }
            var editor = TextEditor(Array(b))
            // True while the kept text ends at a paragraph boundary (or is empty): a dropped
            // line there takes the blank lines after it along, so no paragraph break doubles.
            var atBoundary = true
            var k = 0
            while k < lines.count {
                let line = lines[k]
                if drop[k] {
                    var end = min(line.end + 1, b.count)
                    var j = k + 1
                    if atBoundary {
                        while j < lines.count && lines[j].isBlank { end = min(lines[j].end + 1, b.count); j += 1 }
                    }
                    editor.copy(to: line.start)
                    editor.delete(to: end)
                    k = j
                    continue
                }
                if let range = keepRange[k] {
                    editor.copy(to: line.start)
                    editor.delete(to: range.lowerBound)
                    editor.copy(to: range.upperBound)
                    editor.delete(to: line.end)
                }
                atBoundary = line.isBlank
                k += 1
            }
            return (editor.finish(), removed)
        }.map { (edit: $0.0, removed: $0.1) }
    }

    private static func nextNonBlank(_ lines: [Line], after i: Int) -> Int? {
        var k = i + 1
        while k < lines.count {
            if !lines[k].isBlank { return k }
            k += 1
        }
        return nil
    }

    func matches(_ rule: ResidueRule, _ line: Line, _ lines: [Line], _ index: Int,
                         _ b: UnsafeBufferPointer<UInt8>, previous: Range<Int>?) -> Bool {
        let content = UnsafeBufferPointer(rebasing: b[line.contentStart..<line.contentEnd])
        switch rule.kind {
        case .line, .block: return Self.equalCaseless(content, rule.pattern)
        case .prefix: return content.count >= rule.pattern.count && Self.equalCaseless(UnsafeBufferPointer(rebasing: content[0..<rule.pattern.count]), rule.pattern)
        case .suffix, .caption:
            return content.count >= rule.pattern.count
                && Self.equalCaseless(UnsafeBufferPointer(rebasing: content[(content.count - rule.pattern.count)...]), rule.pattern)
        case .contains: return Self.find(rule.pattern, in: content)
        case .markup: return Self.isMarkupLine(content)
        case .timestamps: return Self.isTimestampLine(content)
        case .wikiHeading: return Self.wikiHeadingText(b, line) != nil
        case .repeated:
            guard let previous, content.count >= 20, previous.count == content.count else { return false }
            return (0..<content.count).allSatisfy { b[previous.lowerBound + $0] == content[$0] }
        case .authorCard:
            return Self.isAuthorCard(content, lines, index, b)
        }
    }

    // MARK: Line shapes

    static func lines(_ b: UnsafeBufferPointer<UInt8>) -> [Line] {
        var out: [Line] = []
        var start = 0
        let n = b.count
        guard let base = b.baseAddress else { return [Line(start: 0, end: 0, contentStart: 0, contentEnd: 0)] }
        // Room for every line at once (the line feeds counted at memchr's speed): a text of
        // millions of short lines fills one array of their size rather than growing one by
        // copies that briefly hold twice as much.
        var lineCount = 1
        var k = 0
        while k < n, let found = memchr(base + k, 0x0A, n - k) {
            lineCount += 1
            k = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        out.reserveCapacity(lineCount)
        while start <= n {
            var end = n
            if start < n, let found = memchr(base + start, 0x0A, n - start) {
                end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            var cs = start, ce = end
            while ce > cs && (b[ce - 1] == 0x20 || b[ce - 1] == 0x09 || b[ce - 1] == 0x0D) { ce -= 1 }
            while cs < ce && (b[cs] == 0x20 || b[cs] == 0x09) { cs += 1 }
            // A leading bullet: • (E2 80 A2), · (C2 B7), or "- " / "* ".
            if ce - cs >= 3 && b[cs] == 0xE2 && b[cs + 1] == 0x80 && b[cs + 2] == 0xA2 { cs += 3 }
            else if ce - cs >= 2 && b[cs] == 0xC2 && b[cs + 1] == 0xB7 { cs += 2 }
            else if ce - cs >= 2 && (b[cs] == 0x2D || b[cs] == 0x2A) && b[cs + 1] == 0x20 { cs += 2 }
            while cs < ce && (b[cs] == 0x20 || b[cs] == 0x09) { cs += 1 }
            out.append(Line(start: start, end: end, contentStart: cs, contentEnd: ce))
            if end >= n { break }
            start = end + 1
        }
        return out
    }

    static func equalCaseless(_ a: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8]) -> Bool {
        guard a.count == pattern.count else { return false }
        for i in 0..<a.count {
            let c = a[i]
            let l = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
            if l != pattern[i] { return false }
        }
        return true
    }

    static func find(_ pattern: [UInt8], in a: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count >= pattern.count, !pattern.isEmpty else { return false }
        for i in 0...(a.count - pattern.count) where equalCaseless(UnsafeBufferPointer(rebasing: a[i..<(i + pattern.count)]), pattern) {
            return true
        }
        return false
    }

    /// `<tag …>`, `</tag>`, `<!-- … -->` alone on a line, with nothing but white space between
    /// them (a tag name must follow `<`).
    static func isMarkupLine(_ c: UnsafeBufferPointer<UInt8>) -> Bool {
        guard c.count >= 3, c[0] == 0x3C, c[c.count - 1] == 0x3E else { return false }
        let second = c[1]
        let isLetter = (second | 0x20) >= 0x61 && (second | 0x20) <= 0x7A
        guard isLetter || second == 0x2F || second == 0x21 else { return false }
        // Tags and white space only: a line with words between its tags is text that holds
        // markup, not residue (`<p>The council met on Monday.</p>` lost its words, and an Atom
        // entry of type "text" holding such a line came out empty). A quoted attribute value
        // may hold a ">".
        var inTag = false
        var quote: UInt8 = 0
        for b in c {
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if inTag {
                if b == 0x3E { inTag = false } else if b == 0x22 || b == 0x27 { quote = b }
            } else if b == 0x3C {
                inTag = true
            } else if b != 0x20 && b != 0x09 {
                return false
            }
        }
        return true
    }

    /// Only time stamps like `0:00`, `1:02:33`, separated by spaces or slashes.
    static func isTimestampLine(_ c: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        var stamps = 0
        while i < c.count {
            while i < c.count && (c[i] == 0x20 || c[i] == 0x2F) { i += 1 }
            if i >= c.count { break }
            var digits = 0, colons = 0
            while i < c.count && ((c[i] >= 0x30 && c[i] <= 0x39) || c[i] == 0x3A) {
                if c[i] == 0x3A { colons += 1 } else { digits += 1 }
                i += 1
            }
            if colons == 0 || digits < 2 { return false }
            if i < c.count && c[i] != 0x20 && c[i] != 0x2F { return false }
            stamps += 1
        }
        return stamps > 0
    }

    /// The caption of a "<caption> <credit> hide caption" line without the credit and the
    /// marker; the credit is the line after the next "toggle caption" line. Nil when nothing is left.
    static func captionText(_ b: UnsafeBufferPointer<UInt8>, _ lines: [Line], _ index: Int, marker: [UInt8]) -> Range<Int>? {
        let line = lines[index]
        var end = line.contentEnd - marker.count
        while end > line.contentStart && (b[end - 1] == 0x20 || b[end - 1] == 0x09) { end -= 1 }
        // Look a few lines ahead for "toggle caption" and the credit under it.
        var k = index
        for _ in 0..<3 {
            guard let next = nextNonBlank(lines, after: k) else { break }
            let c = UnsafeBufferPointer(rebasing: b[lines[next].contentStart..<lines[next].contentEnd])
            if equalCaseless(c, Array("toggle caption".utf8)), let creditLine = nextNonBlank(lines, after: next) {
                let credit = UnsafeBufferPointer(rebasing: b[lines[creditLine].contentStart..<lines[creditLine].contentEnd])
                if credit.count > 0 && end - line.contentStart >= credit.count
                    && (0..<credit.count).allSatisfy({ b[end - credit.count + $0] == credit[$0] }) {
                    end -= credit.count
                    while end > line.contentStart && (b[end - 1] == 0x20 || b[end - 1] == 0x09) { end -= 1 }
                }
                break
            }
            k = next
        }
        return end > line.contentStart ? line.contentStart..<end : nil
    }

    /// For `== Heading ==` (2 to 6 marks on both sides), the range of the heading text.
    static func wikiHeadingText(_ b: UnsafeBufferPointer<UInt8>, _ line: Line) -> Range<Int>? {
        var s = line.start, e = line.end
        while e > s && (b[e - 1] == 0x20 || b[e - 1] == 0x0D) { e -= 1 }
        var lead = 0
        while s < e && b[s] == 0x3D { s += 1; lead += 1 }
        var trail = 0
        while e > s && b[e - 1] == 0x3D { e -= 1; trail += 1 }
        guard lead >= 1, lead <= 6, lead == trail else { return nil }
        while s < e && b[s] == 0x20 { s += 1 }
        while e > s && b[e - 1] == 0x20 { e -= 1 }
        return e > s ? s..<e : nil
    }

    /// A short line of two to five capitalised words, then a paragraph that starts with the
    /// same words followed by " is ".
    static func isAuthorCard(_ name: UnsafeBufferPointer<UInt8>, _ lines: [Line], _ index: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.count >= 5, name.count <= 60, name[0] >= 0x41 && name[0] <= 0x5A else { return false }
        var words = 1
        for i in 0..<name.count where name[i] == 0x20 {
            words += 1
            if i + 1 < name.count, !(name[i + 1] >= 0x41 && name[i + 1] <= 0x5A) && name[i + 1] < 0x80 { return false }
        }
        guard words >= 2 && words <= 5, !name.contains(0x2E), !name.contains(0x3A) else { return false }
        guard let next = nextNonBlank(lines, after: index) else { return false }
        let bio = UnsafeBufferPointer(rebasing: b[lines[next].contentStart..<lines[next].contentEnd])
        guard bio.count > name.count + 4 else { return false }
        for i in 0..<name.count where bio[i] != name[i] { return false }
        let after = UnsafeBufferPointer(rebasing: bio[name.count..<(name.count + 4)])
        return equalCaseless(after, Array(" is ".utf8))
    }
}

/// A test a line must pass before a residue rule is tried on it, from the line's length and
/// its first and last bytes: what the rule's own test checks first, so a line the gate turns
/// away is one the rule would not match. Most lines of a story pass no gate but `contains`.
struct ResidueGate: Sendable {
    /// What the gates look at in a line.
    struct Shape {
        /// Bytes of the content (trimmed, without a leading bullet).
        var count: Int
        /// The content's first and last bytes, ASCII capitals lowered (0 when empty).
        var first: UInt8
        var last: UInt8
        /// The first byte of the line as written (0 when empty).
        var lineFirst: UInt8
        /// Bytes of the previous kept line's content (-1: none).
        var previousCount: Int

        init(_ line: ResidueCleaner.Line, _ b: UnsafeBufferPointer<UInt8>, previous: Range<Int>?) {
            count = line.contentEnd - line.contentStart
            first = count > 0 ? ResidueGate.fold(b[line.contentStart]) : 0
            last = count > 0 ? ResidueGate.fold(b[line.contentEnd - 1]) : 0
            lineFirst = line.end > line.start ? b[line.start] : 0
            previousCount = previous?.count ?? -1
        }
    }

    /// The byte `ResidueCleaner.equalCaseless` compares: ASCII capitals lowered.
    @inline(__always)
    static func fold(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    private enum Test {
        /// Exactly `count` bytes, the first `first`.
        case exactly(count: Int, first: UInt8)
        /// At least `count` bytes, the first `first`.
        case startsWith(count: Int, first: UInt8)
        /// At least `count` bytes, the last `last`.
        case endsWith(count: Int, last: UInt8)
        /// At least `count` bytes.
        case atLeast(Int)
        /// The content starts with a byte of the range, or one of the two bytes.
        case firstIn(ClosedRange<UInt8>, or: UInt8, UInt8)
        /// The line as written starts with this byte.
        case lineStartsWith(UInt8)
        /// At least 20 bytes, as many as the previous line's content.
        case sameLengthAsPrevious
        /// Between 5 and 60 bytes, the first an ASCII capital (lowered here: a–z).
        case nameLine
    }

    private let test: Test

    init(_ rule: ResidueRule) {
        let p = rule.pattern
        switch rule.kind {
        case .line, .block: test = p.isEmpty ? .atLeast(0) : .exactly(count: p.count, first: p[0])
        case .prefix: test = p.isEmpty ? .atLeast(0) : .startsWith(count: p.count, first: p[0])
        case .suffix, .caption: test = p.isEmpty ? .atLeast(0) : .endsWith(count: p.count, last: p[p.count - 1])
        case .contains: test = .atLeast(max(p.count, 1))
        case .markup: test = .firstIn(0x3C...0x3C, or: 0x3C, 0x3C)
        case .timestamps: test = .firstIn(0x30...0x3A, or: 0x20, 0x2F)   // digits, ':', ' ', '/'
        case .wikiHeading: test = .lineStartsWith(0x3D)
        case .repeated: test = .sameLengthAsPrevious
        case .authorCard: test = .nameLine
        }
    }

    /// False when the rule cannot match a line whose content starts with `first` (ASCII
    /// capitals lowered), whatever else the line holds.
    func mayAdmit(first: UInt8) -> Bool {
        switch test {
        case let .exactly(_, c), let .startsWith(_, c): return first == c
        case let .firstIn(range, a, b): return range.contains(first) || first == a || first == b
        // A line that starts with "=" has a content that starts with it (nothing to trim).
        case let .lineStartsWith(c): return first == c
        case .nameLine: return first >= 0x61 && first <= 0x7A
        case .endsWith, .atLeast, .sameLengthAsPrevious: return true
        }
    }

    /// False when the rule cannot match a line of this shape.
    @inline(__always)
    func admits(_ s: Shape) -> Bool {
        switch test {
        case let .exactly(count, first): return s.count == count && s.first == first
        case let .startsWith(count, first): return s.count >= count && s.first == first
        case let .endsWith(count, last): return s.count >= count && s.last == last
        case let .atLeast(count): return s.count >= count
        case let .firstIn(range, a, b): return range.contains(s.first) || s.first == a || s.first == b
        case let .lineStartsWith(c): return s.lineFirst == c
        case .sameLengthAsPrevious: return s.count >= 20 && s.count == s.previousCount
        case .nameLine: return s.count >= 5 && s.count <= 60 && s.first >= 0x61 && s.first <= 0x7A
        }
    }
}
