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

    static func measure(_ text: [Unicode.Scalar], lines: [Range<Int>], settings: FilterSettings) -> C4Lines {
        var out = C4Lines()
        for range in lines {
            var lo = range.lowerBound, hi = range.upperBound
            while lo < hi && Characters.isSpace(text[lo]) { lo += 1 }
            while hi > lo && Characters.isSpace(text[hi - 1]) { hi -= 1 }
            // Words split at white space, before citations are removed.
            var words = 0, longest = 0, run = 0
            for i in lo..<hi {
                if Characters.isSpace(text[i]) { if run > 0 { words += 1; longest = max(longest, run) }; run = 0 } else { run += 1 }
            }
            if run > 0 { words += 1; longest = max(longest, run) }
            if settings.maxWordLength >= 0 && longest > settings.maxWordLength { continue }
            var line = Array(text[lo..<hi])
            if settings.removeCitations { line = removeCitations(line) }
            if settings.requireTerminalPunctuation {
                guard let last = line.last, terminalMarks.contains(last) else { continue }
                if line.count >= 3 && line[(line.count - 3)...].allSatisfy({ $0 == "." }) { continue }
            }
            if words < settings.minWordsPerLine { continue }
            let lower = line.map(asciiLower)
            if settings.rejectLoremIpsum && contains(lower, lorem) { out.documentRule = "lorem_ipsum"; return out }
            if settings.dropJavascriptLines && contains(lower, javascript) { continue }
            if settings.rejectCurlyBracket && line.contains("{") { out.documentRule = "curly_bracket"; return out }
            if settings.dropPolicyLines && policyPhrases.contains(where: { contains(lower, $0) }) { continue }
            out.sentences += sentenceCount(line)
            out.keptLines += 1
        }
        return out
    }

    static func asciiLower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 32)! : c
    }

    static func contains(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard hay.count >= needle.count else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// Removes Wikipedia-style citations: "[12]", "[]", "[edit]", "[citation needed]".
    static func removeCitations(_ line: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard line.contains("[") else { return line }
        let words: [[Unicode.Scalar]] = ["edit]", "citation needed]"].map { Array($0.unicodeScalars) }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(line.count)
        var i = 0
        while i < line.count {
            if line[i] == "[" {
                var j = i + 1
                while j < line.count && line[j].properties.numericType == .decimal { j += 1 }
                if j < line.count && line[j] == "]" { i = j + 1; continue }
                if let w = words.first(where: { i + 1 + $0.count <= line.count && line[(i + 1)..<(i + 1 + $0.count)].elementsEqual($0) }) {
                    i += 1 + w.count; continue
                }
            }
            out.append(line[i])
            i += 1
        }
        return out
    }

    /// Sentences in one line, as a punctuation-based sentencizer counts them: a new sentence
    /// starts at the first word that is not punctuation after a sentence-ending mark.
    static func sentenceCount(_ line: [Unicode.Scalar]) -> Int {
        let tokens = EnglishWords.split(line)
        guard !tokens.isEmpty else { return 0 }
        var sentences = 1, seenStop = false
        for t in tokens {
            let isStop = t.count == 1 && ScalarClass.of(line[t.lowerBound]).contains(.sentenceEnd)
            let isPunct = line[t].allSatisfy { ScalarClass.of($0).contains(.punctuationCategory) }
            if seenStop && !isPunct && !isStop { sentences += 1; seenStop = false } else if isStop { seenStop = true }
        }
        return sentences
    }
}
