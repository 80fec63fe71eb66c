import Foundation

/// `normalize`: Unicode NFC or NFKC, line endings, white space, control and zero-width
/// characters, hard-wrapped lines joined into paragraphs, optional folding of quote marks and
/// dashes, and repair of UTF-8 read as cp1252 ("â€™" → "’").
///
/// The result follows TextMill's paragraph convention: paragraphs separated by one blank line
/// ("\n\n"), no other line breaks, no white space at either end of a paragraph. `paragraphs`
/// is set to exactly those stretches. Spans made by earlier stages are carried through.
public struct NormalizeStage: Stage {
    public static let name = "normalize"
    public static let summary = "Unicode NFC/NFKC, white space, control characters, hard-wrapped lines joined, mojibake repaired"
    public static let options: [OptionSpec] = [
        OptionSpec("form", .choice(["NFC", "NFKC"]), default: "NFC", "Unicode normalization form"),
        OptionSpec("join_lines", .bool, default: true,
                   "join hard-wrapped lines (a line break where the next word would have fit is kept as a paragraph break)"),
        OptionSpec("fold_quotes", .bool, default: false, "turn curly double and single quotes into \" and '"),
        OptionSpec("fold_dashes", .bool, default: false, "turn hyphen, dash and minus variants into -"),
        OptionSpec("repair_mojibake", .bool, default: true, "repair UTF-8 that was decoded as cp1252 or Latin-1 (â€™ → ’)"),
    ]
    public static let traits = StageTraits(produces: [.paragraphs], text: .edits)

    let normalizer: TextNormalizer

    public init(options: StageOptions) throws {
        normalizer = TextNormalizer(
            compatibility: options.string("form") == "NFKC",
            joinLines: options.bool("join_lines"),
            foldQuotes: options.bool("fold_quotes"),
            foldDashes: options.bool("fold_dashes"),
            repairMojibake: options.bool("repair_mojibake"),
            maxOutputBytes: options.environment.maxDocumentBytes)
    }

    /// - Throws: `DocumentError` when the text grows past `max_document_mb` (checked as it is built).
    public func process(_ document: inout Document, _ context: inout StageContext) throws {
        let outcome: TextNormalizer.Outcome
        // The paragraphs are found again below; only other spans need carrying through the edit,
        // and without any the edit keeps no offset map (millions of edits on a text of millions
        // of short lines).
        let carriesSpans = !(document.blockquotes?.isEmpty ?? true) || !(document.sentences?.isEmpty ?? true)
            || !(document.quotes?.isEmpty ?? true)
        do {
            outcome = try normalizer.normalized(document.text, mapsOffsets: carriesSpans)
        } catch let stop as TextNormalizer.OutputTooLarge {
            throw TextGrowth.error(bytes: stop.produced, stage: Self.name, limit: normalizer.maxOutputBytes, stopped: true)
        }
        // The paragraphs are found again below: no need to carry the old ones through the edit.
        switch outcome {
        case .unchanged:
            break
        case .truncated(let end) where document.blockquotes == nil && document.sentences == nil && document.quotes == nil:
            // No span to carry (the usual trailing line break of a text file): cut in place.
            context.count("documents changed")
            document.paragraphs = nil
            document.text.removeSubrange(end...)
        case .truncated(let end):
            context.count("documents changed")
            document.paragraphs = nil
            document.apply(TextNormalizer.truncation(of: document.text, at: end))
        case .edited(let edit):
            context.count("documents changed")
            document.paragraphs = nil
            document.apply(edit)
        }
        document.paragraphs = Paragraphs.spans(in: document.text)
        context.count("paragraphs", document.paragraphs?.count ?? 0)
    }
}

/// Finds the paragraph spans of a text that follows the "\n\n" convention.
///
/// A line ends at any of `LineTerminators`: a line feed, a carriage return and line feed, a
/// carriage return alone (old Mac text, kept as it came by a pipeline without `normalize`), a
/// vertical tab, a form feed, NEL, U+2028 or U+2029. A blank line of any of them, or of white
/// space, separates two paragraphs, and a U+2029 (paragraph separator) ends its paragraph by
/// itself. Until session 33 only a line feed ended a line, and a text with CR-only line ends was
/// one paragraph, however many blank lines it held; until session 34 so was a text whose lines
/// end in U+2028, U+2029, NEL, a vertical tab or a form feed.
public enum Paragraphs {
    /// Non-empty stretches between blank lines, trimmed of spaces and line terminators.
    public static func spans(in text: [UInt8]) -> [Span] {
        text.withUnsafeBufferPointer { spans(in: $0) }
    }

    public static func spans(in b: UnsafeBufferPointer<UInt8>) -> [Span] {
        var out: [Span] = []
        guard let base = b.baseAddress else { return out }
        // Room for a paragraph every 128 bytes: one allocation for most texts, not one a doubling.
        out.reserveCapacity(min(b.count / 128 + 4, 4096))
        let n = b.count
        /// The length of the space, tab or line terminator at `i`, or 0.
        @inline(__always) func spaceLength(_ i: Int) -> Int {
            b[i] == 0x20 || b[i] == 0x09 ? 1 : LineTerminators.length(base, i, n)
        }
        var i = 0
        while i < n {
            while i < n {
                let s = spaceLength(i)
                if s == 0 { break }
                i += s
            }
            if i >= n { break }
            let start = i
            // Jump from line end to line end until one is followed by a blank line (or the end),
            // or is a paragraph separator.
            var end = n
            var cursor = i
            while cursor < n {
                let lineEnd = LineTerminators.next(base, from: cursor, n)
                if lineEnd == n { break }
                let length = LineTerminators.length(base, lineEnd, n)
                if LineTerminators.endsParagraph(base, lineEnd, length: length) { end = lineEnd; break }
                var j = lineEnd + length
                while j < n && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
                if j >= n || LineTerminators.length(base, j, n) > 0 { end = lineEnd; break }
                cursor = j
            }
            var e = end
            while e > start {
                if b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1; continue }
                let t = LineTerminators.length(base, before: e, start)
                if t == 0 { break }
                e -= t
            }
            out.append(Span(start, e))
            i = end
        }
        return out
    }
}
