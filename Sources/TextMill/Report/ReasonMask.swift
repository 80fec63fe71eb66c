/// Turns an error's free-form reason into the words that say what went wrong, so documents that
/// failed the same way share a group on the report page: what is quoted (file names, ids) and
/// numbers (offsets, lines, sizes) vary from document to document and are masked.
///
/// A scanner over the reason's UTF-8 bytes, one pass a rule: every byte it looks for is ASCII,
/// which never occurs inside a longer UTF-8 sequence, so it masks exactly what the regular
/// expressions it replaces did (`'[^']*'`, then `"[^"]*"`, then `[0-9]+(\.[0-9]+)?`; 48 µs a line
/// with NSRegularExpression).
enum ReasonMask {
    /// One masking rule.
    enum Rule {
        /// From a `quote` byte to the next one, both included (none inside): `'a.txt'` → `'…'`.
        case quoted(quote: UInt8)
        /// Digits, with a fraction after a dot where digits follow it: `12`, `3.5` → `N`.
        case number
    }

    /// The rules in the order they apply: a number inside quotes goes with the quotes, and a
    /// double quote inside single quotes with the single quotes.
    static let rules: [Rule] = [.quoted(quote: UInt8(ascii: "'")), .quoted(quote: UInt8(ascii: "\"")), .number]

    /// What a quoted part becomes after its opening quote ("…" and the closing quote).
    static let ellipsis = Array("…".utf8)
    /// What a number becomes.
    static let numberMark = UInt8(ascii: "N")

    /// `text` with every rule applied.
    static func masked(_ text: String) -> String {
        var bytes = Array(text.utf8)
        for rule in rules {
            switch rule {
            case .quoted(let quote): bytes = maskQuoted(bytes, quote: quote)
            case .number: bytes = maskNumbers(bytes)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func maskQuoted(_ bytes: [UInt8], quote: UInt8) -> [UInt8] {
        guard let first = bytes.firstIndex(of: quote) else { return bytes }
        var out = Array(bytes[..<first])
        out.reserveCapacity(bytes.count)
        var i = first
        while i < bytes.count {
            guard bytes[i] == quote else { out.append(bytes[i]); i += 1; continue }
            // An opening quote with no closing one: the rest stays as written.
            guard let close = bytes[(i + 1)...].firstIndex(of: quote) else {
                out += bytes[i...]
                break
            }
            out.append(quote)
            out += ellipsis
            out.append(quote)
            i = close + 1
        }
        return out
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private static func maskNumbers(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: isDigit) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            guard isDigit(bytes[i]) else { out.append(bytes[i]); i += 1; continue }
            while i < n, isDigit(bytes[i]) { i += 1 }
            if i + 1 < n, bytes[i] == UInt8(ascii: "."), isDigit(bytes[i + 1]) {
                i += 1
                while i < n, isDigit(bytes[i]) { i += 1 }
            }
            out.append(numberMark)
        }
        return out
    }
}
