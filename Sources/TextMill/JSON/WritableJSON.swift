/// Whether the record writer can write a value a stage built so that a JSON reader reads it back.
///
/// `JSONValue.number` holds the text of a number, written as it stands (so an input's `1.0`,
/// `1e3` or 30-digit integer passes through untouched). A value read by `JSONParser` always holds
/// a JSON number there; a value a Swift stage builds may hold any text: `.number("NaN")`,
/// `.number("")` or `.number("1,\"id\":\"x\"")` made a record no JSON reader reads, or one with
/// a field the stage never named. And the parser reads no value nested deeper than 512 levels,
/// the record itself the first: a deeper value made a record TextMill's own readers (`report`,
/// a JSONL input, a resumed run reading its output back) refuse.
public enum WritableJSON {
    /// The deepest nesting a record may have, the record itself the first level (`JSONParser`'s).
    public static let maxDepth = 512

    /// True when `text` is a number by JSON's grammar (RFC 8259, section 6):
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    public static func isNumber(_ text: String) -> Bool {
        var i = text.utf8.startIndex
        let bytes = text.utf8
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        /// Moves past a run of digits and returns its length.
        func run(_ i: inout String.UTF8View.Index) -> Int {
            var n = 0
            while i < bytes.endIndex, isDigit(bytes[i]) { bytes.formIndex(after: &i); n += 1 }
            return n
        }
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: "-") { bytes.formIndex(after: &i) }
        guard i < bytes.endIndex, isDigit(bytes[i]) else { return false }
        if bytes[i] == UInt8(ascii: "0") { bytes.formIndex(after: &i) } else { _ = run(&i) }
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: ".") {
            bytes.formIndex(after: &i)
            guard run(&i) > 0 else { return false }
        }
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            bytes.formIndex(after: &i)
            if i < bytes.endIndex, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { bytes.formIndex(after: &i) }
            guard run(&i) > 0 else { return false }
        }
        return i == bytes.endIndex
    }

    /// What keeps `value` from being written as JSON that reads back, standing at nesting level
    /// `depth` of its record (a field of the record is at level 2); nil when nothing does. Walks
    /// no deeper than `maxDepth`, whatever the value's own depth.
    public static func problem(in value: JSONValue, depth: Int) -> String? {
        switch value {
        case .null, .bool, .string:
            return nil
        case .number(let text):
            guard isNumber(text) else {
                return "the number \(MessageText.quoted(String(text.prefix(40)))) is not a JSON number "
                    + "(JSON has no NaN or infinity, and a number's text is written as it stands)"
            }
            return nil
        case .array(let items):
            if depth > maxDepth { return nestingProblem }
            for item in items { if let p = problem(in: item, depth: depth + 1) { return p } }
            return nil
        case .object(let object):
            if depth > maxDepth { return nestingProblem }
            for (_, item) in object { if let p = problem(in: item, depth: depth + 1) { return p } }
            return nil
        }
    }

    static let nestingProblem = "it is nested deeper than \(maxDepth) levels (the record itself the first), "
        + "more than TextMill reads back (JSON nested deeper than \(maxDepth) levels)"
}
