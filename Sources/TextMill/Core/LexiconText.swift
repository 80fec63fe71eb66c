/// The format of every lexicon (built-in lists and the files users add): one entry a line, `#`
/// starts a comment, blank lines are skipped.
public enum LexiconText {
    /// One entry: its 1-based line number and its text, trimmed, comment removed.
    public struct Entry: Sendable {
        public var line: Int
        public var text: Substring
        /// The entry split at spaces and tabs.
        public var fields: [Substring] { text.split(whereSeparator: { $0 == " " || $0 == "\t" }) }
    }

    /// The entries of a lexicon text, in order.
    public static func entries(_ text: String) -> [Entry] {
        var out: [Entry] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" })
            let end = trimmed.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" })
            guard let end else { continue }
            out.append(Entry(line: n + 1, text: trimmed[...end]))
        }
        return out
    }
}
