/// Names (paths, ids, stage and option names) as messages show them. A name may hold any
/// character a file name or a record may: printed raw, a newline in it would start a line of its
/// own in the log, and a terminal escape would run. Every message shows a name through here, with
/// its control characters written as Swift and JSON write them in a string.
public enum MessageText {
    /// A count and its noun, singular for one: `counted(1, "file")` is "1 file", `counted(2,
    /// "file")` "2 files"; `plural` for a noun that does not take an "s" ("copies").
    public static func counted(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
    }

    /// Bytes for people: whole MB with the bytes, "2098 MB (2200000000 bytes)", or bytes alone
    /// below one MB (tests lower the bounds these sizes are measured against).
    public static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB (\(bytes) bytes)" : "\(bytes) bytes"
    }

    /// Megabytes (2^20 bytes) with at most one decimal: "64", "0.5", "1.9". With `up`, rounded
    /// up to the tenth, for a size measured against a limit: a size above the limit never reads
    /// as the limit itself ("line 1 is 1 MB, above the 1 MB limit" was 2,000,020 bytes against
    /// 1 MB, shifted down to whole megabytes); without, to the nearest tenth (a limit of
    /// `max_document_mb: 0.5` read "0 MB").
    public static func megabytes(_ bytes: Int, up: Bool = false) -> String {
        let unit = 1 << 20
        let whole = bytes / unit, rest = bytes % unit
        var tenths = up ? (rest * 10 + unit - 1) / unit : (rest * 10 + unit / 2) / unit
        var mb = whole
        if tenths == 10 { mb += 1; tenths = 0 }
        return tenths == 0 ? "\(mb)" : "\(mb).\(tenths)"
    }

    /// The name in single quotes, escaped: `'a\nb.txt'`.
    public static func quoted<T>(_ name: T) -> String { "'" + escaped(name) + "'" }

    /// The name escaped, without quotes: `\n`, `\r`, `\t` and `\\` for those, `\u{1B}` for the
    /// other C0 and C1 controls, DEL, and the line and paragraph separators; everything else as is.
    public static func escaped<T>(_ name: T) -> String {
        let text = name as? String ?? String(describing: name)
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\\": out += "\\\\"
            case _ where needsEscape(scalar): out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` when it has at most `limit` Unicode scalars, else its first `limit` and "…" (so
    /// cutting again gives the same text): a name from a record may be megabytes long.
    public static func cut(_ text: String, to limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex),
              end != scalars.endIndex else { return text }
        return String(String.UnicodeScalarView(scalars[..<end])) + "…"
    }

    private static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || s == "\\" || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }
}
