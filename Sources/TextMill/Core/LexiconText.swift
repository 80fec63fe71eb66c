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

    /// The entries of a lexicon text, in order. Lines end at "\n", and a "\r" before it goes with
    /// the blanks trimmed, so a file written with Windows line ends ("\r\n") reads as the same
    /// entries: split by `Character`, "\r\n" is one character and no "\n", and such a file was one
    /// entry. Works on the UTF-8 bytes (newline, `#`, space, tab and carriage return are ASCII, so
    /// every cut falls between scalars).
    public static func entries(_ text: String) -> [Entry] {
        var out: [Entry] = []
        let bytes = text.utf8
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
        for (n, raw) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let content = raw.firstIndex(of: 0x23).map { raw[..<$0] } ?? raw[...]
            guard let first = content.firstIndex(where: { !isBlank($0) }),
                  let last = content.lastIndex(where: { !isBlank($0) }) else { continue }
            out.append(Entry(line: n + 1, text: Substring(bytes[first...last])))
        }
        return out
    }
}
