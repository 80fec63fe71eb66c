/// The format of every lexicon (built-in lists and the files users add): one entry a line, `#`
/// starts a comment, blank lines are skipped.
public enum LexiconText {
    /// One entry: its 1-based line number and its text, trimmed, comment removed.
    public struct Entry: Sendable {
        public var line: Int
        public var text: Substring
        /// The entry split at spaces and tabs.
        public var fields: [Substring] { LexiconText.split(text, atTab: true) }
    }

    /// The entries of a lexicon text, in order. Lines end at "\n", and a "\r" before it goes with
    /// the blanks trimmed, so a file written with Windows line ends ("\r\n") reads as the same
    /// entries: split by `Character`, "\r\n" is one character and no "\n", and such a file was one
    /// entry. Works on the UTF-8 bytes (newline, `#`, space, tab and carriage return are ASCII, so
    /// every cut falls between scalars), read from one contiguous buffer: the built-in lexicons
    /// are read at every start of a run, and stepping through the text by `String` indices was
    /// most of what reading them cost.
    public static func entries(_ text: String) -> [Entry] {
        var text = text
        text.makeContiguousUTF8()  // so that an offset becomes an index in constant time
        let utf8 = text.utf8
        // Byte offsets of each entry's first and last byte, with its line number.
        var cuts: [(line: Int, first: Int, last: Int)] = []
        Array(utf8).withUnsafeBufferPointer { b in
            func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D }
            var line = 0
            var start = 0
            while start <= b.count {
                line += 1
                var end = start
                var content = -1
                while end < b.count && b[end] != 0x0A {
                    if content < 0 && b[end] == 0x23 { content = end }
                    end += 1
                }
                var last = (content < 0 ? end : content) - 1
                var first = start
                while first <= last && isBlank(b[first]) { first += 1 }
                while last >= first && isBlank(b[last]) { last -= 1 }
                if first <= last { cuts.append((line, first, last)) }
                start = end + 1
            }
        }
        var out: [Entry] = []
        out.reserveCapacity(cuts.count)
        for cut in cuts {
            let from = utf8.index(utf8.startIndex, offsetBy: cut.first)
            let to = utf8.index(utf8.startIndex, offsetBy: cut.last + 1)
            out.append(Entry(line: cut.line, text: Substring(utf8[from..<to])))
        }
        return out
    }

    /// `text` split at spaces (and tabs when `atTab`), empty pieces left out, as
    /// `split(whereSeparator:)` splits it by `Character`. An all-ASCII text (every built-in
    /// entry) is split on its bytes, where a `Character` is a byte; any other text by
    /// `Character`, where a space followed by a combining mark is one character and no space.
    public static func split(_ text: Substring, atTab: Bool) -> [Substring] {
        let utf8 = text.utf8
        // Where each piece starts and ends, as byte offsets, read from the text's buffer.
        let cuts: [(Int, Int)]? = utf8.withContiguousStorageIfAvailable { b in
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            var out: [(Int, Int)] = []
            var start = 0
            for i in 0..<b.count where b[i] == 0x20 || (atTab && b[i] == 0x09) {
                if start < i { out.append((start, i)) }
                start = i + 1
            }
            if start < b.count { out.append((start, b.count)) }
            return out
        } ?? nil
        guard let cuts else {
            return atTab ? text.split(whereSeparator: { $0 == " " || $0 == "\t" }) : text.split(separator: " ")
        }
        return cuts.map { text[utf8.index(utf8.startIndex, offsetBy: $0.0)..<utf8.index(utf8.startIndex, offsetBy: $0.1)] }
    }
}
