/// C4's line rules (datatrove's `C4QualityFilter`): which lines survive and how many sentences
/// they hold, or the rule that drops the whole document ("lorem ipsum", a curly brace).
struct C4Lines {
    /// Sentences in the kept lines.
    var sentences = 0
    /// Lines kept.
    var keptLines = 0
    /// "lorem_ipsum" or "curly_bracket" when a kept line drops the document.
    var documentRule: String?

    /// Phrases that remove a line (cookie and policy notices), lower case.
    static let policyPhrases: [[Unicode.Scalar]] = ["terms of use", "privacy policy", "cookie policy", "uses cookies",
                                                    "use of cookies", "use cookies"].map { Array($0.unicodeScalars) }
    static let lorem = Array("lorem ipsum".unicodeScalars)
    static let javascript = Array("javascript".unicodeScalars)
    /// Marks a line must end in to be kept.
    static let terminalMarks: Set<Unicode.Scalar> = [".", "?", "!", "\"", "'"]

    /// Measures the lines of `text` (`lines`: its lines, `words`: its words, in order).
    static func measure(_ text: ClassifiedText, lines: [Range<Int>], words documentWords: [Range<Int>], settings: FilterSettings) -> C4Lines {
        var out = C4Lines()
        var nextWord = 0
        for range in lines {
            var lo = range.lowerBound, hi = range.upperBound
            while lo < hi && text.cls(lo).contains(.space) { lo += 1 }
            while hi > lo && text.cls(hi - 1).contains(.space) { hi -= 1 }
            // Words split at white space, before citations are removed.
            var words = 0, longest = 0, run = 0
            for i in lo..<hi {
                if text.cls(i).contains(.space) { if run > 0 { words += 1; longest = max(longest, run) }; run = 0 } else { run += 1 }
            }
            if run > 0 { words += 1; longest = max(longest, run) }
            if settings.maxWordLength >= 0 && longest > settings.maxWordLength { continue }
            let edited = settings.removeCitations ? removeCitations(text[lo..<hi]).map(ClassifiedText.init) : nil
            let line = edited?.scalars[...] ?? text[lo..<hi]
            if settings.requireTerminalPunctuation {
                guard let last = line.last, terminalMarks.contains(last) else { continue }
                if line.count >= 3 && line.suffix(3).allSatisfy({ $0 == "." }) { continue }
            }
            if words < settings.minWordsPerLine { continue }
            if settings.rejectLoremIpsum && containsIgnoringASCIICase(line, lorem) { out.documentRule = "lorem_ipsum"; return out }
            if settings.dropJavascriptLines && containsIgnoringASCIICase(line, javascript) { continue }
            if settings.rejectCurlyBracket && line.contains("{") { out.documentRule = "curly_bracket"; return out }
            if settings.dropPolicyLines && policyPhrases.contains(where: { containsIgnoringASCIICase(line, $0) }) { continue }
            if let edited {
                out.sentences += sentenceCount(edited, EnglishWords.split(edited))
            } else {
                // The line's words are the document's words inside it: white space ends every chunk.
                while nextWord < documentWords.count && documentWords[nextWord].lowerBound < lo { nextWord += 1 }
                var end = nextWord
                while end < documentWords.count && documentWords[end].lowerBound < hi { end += 1 }
                out.sentences += sentenceCount(text, documentWords[nextWord..<end])
                nextWord = end
            }
            out.keptLines += 1
        }
        return out
    }

    static func asciiLower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 32)! : c
    }

    /// Whether `hay` holds `needle` (lower case) with ASCII capitals read as small letters.
    static func containsIgnoringASCIICase(_ hay: ArraySlice<Unicode.Scalar>, _ needle: [Unicode.Scalar]) -> Bool {
        guard hay.count >= needle.count, let first = needle.first else { return hay.count >= needle.count }
        var i = hay.startIndex
        let last = hay.endIndex - needle.count
        while i <= last {
            if asciiLower(hay[i]) == first {
                var k = 1
                while k < needle.count && asciiLower(hay[i + k]) == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Removes Wikipedia-style citations: "[12]", "[]", "[edit]", "[citation needed]".
    /// Nil when there is none to remove.
    static func removeCitations(_ line: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar]? {
        guard line.contains("[") else { return nil }
        let words: [[Unicode.Scalar]] = ["edit]", "citation needed]"].map { Array($0.unicodeScalars) }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(line.count)
        var i = line.startIndex
        while i < line.endIndex {
            if line[i] == "[" {
                var j = i + 1
                while j < line.endIndex && line[j].properties.numericType == .decimal { j += 1 }
                if j < line.endIndex && line[j] == "]" { i = j + 1; continue }
                if let w = words.first(where: { i + 1 + $0.count <= line.endIndex && line[(i + 1)..<(i + 1 + $0.count)].elementsEqual($0) }) {
                    i += 1 + w.count; continue
                }
            }
            out.append(line[i])
            i += 1
        }
        return out.count < line.count ? out : nil
    }

    /// Sentences in one line, as a punctuation-based sentencizer counts them: a new sentence
    /// starts at the first word that is not punctuation after a sentence-ending mark.
    static func sentenceCount(_ line: ClassifiedText, _ tokens: some Collection<Range<Int>>) -> Int {
        guard !tokens.isEmpty else { return 0 }
        var sentences = 1, seenStop = false
        for t in tokens {
            let isStop = t.count == 1 && line.cls(t.lowerBound).contains(.sentenceEnd)
            let isPunct = line.all(t, .punctuationCategory)
            if seenStop && !isPunct && !isStop { sentences += 1; seenStop = false } else if isStop { seenStop = true }
        }
        return sentences
    }
}
