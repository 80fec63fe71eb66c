/// A line that is only a date, perhaps with its weekday and time ("Friday, October 26, 2012",
/// "26th Oct 2012 12:32 PM", "10/26/2012"): the date a blog writes as a heading over a day's
/// posts. Words are letters or digits; every letter word must be one of
/// `CleanupLexicon.dateWords`, there is a year (four digits, 1900–2099), and a month name or
/// two more numbers (a numeric date). Nothing else: "October 2012 in review" is a headline.
enum DateLine {
    /// The words of `CleanupLexicon.dateWords`, lower-cased, and whether each names a month.
    private static let words: [[UInt8]: Bool] = {
        var words: [[UInt8]: Bool] = [:]
        for entry in LexiconText.entries(CleanupLexicon.dateWords) {
            let parts = entry.text.split(separator: " ")
            guard parts.count == 2 else { continue }
            words[Array(parts[1].utf8)] = parts[0] == "month"
        }
        return words
    }()

    /// Bytes a date line holds at most ("Wednesday, September 26th, 2012 at 12:32 pm" is 44).
    static let maximumLength = 60

    /// Whether `line` is a date and nothing else.
    static func matches<Bytes: Collection<UInt8>>(_ line: Bytes) -> Bool {
        guard line.count <= maximumLength else { return false }
        var numbers = 0, year = false, month = false
        var word: [UInt8] = []
        var digits = false
        func end() -> Bool {
            defer { word.removeAll(keepingCapacity: true) }
            guard !word.isEmpty else { return true }
            if digits {
                guard word.count <= 4 else { return false }
                numbers += 1
                if word.count == 4, let value = Int(String(decoding: word, as: UTF8.self)), (1900...2099).contains(value) { year = true }
                return true
            }
            guard let isMonth = words[word] else { return false }
            if isMonth { month = true }
            return true
        }
        for c in line {
            let lower = c | 0x20
            let isDigit = c >= 0x30 && c <= 0x39
            let isLetter = lower >= 0x61 && lower <= 0x7A
            if c >= 0x80 { return false }
            if isDigit || isLetter {
                // A change between digits and letters ends a word ("26th" is 26 and th).
                if !word.isEmpty && isDigit != digits { guard end() else { return false } }
                digits = isDigit
                word.append(isLetter ? lower : c)
            } else {
                guard end() else { return false }
            }
        }
        guard end() else { return false }
        return year && (month || numbers >= 3)
    }
}
