/// How much of one corpus value the report page holds. Every value on the page comes from a
/// record someone else wrote: an id, a `meta.language` or an error's reason may be tens of
/// megabytes, so such values are cut before they are counted, embedded or drawn, and the page's
/// size and the report's memory depend on the number of values shown, not on their length.
public enum PageBounds {
    /// Longest name kept, in Unicode scalars: a document's id (in the browser, its links and the
    /// failed and filtered lists), `duplicate.of`, and every chart label (a key of
    /// `BoundedCounter`). A longer one is cut and ends in "…".
    public static let maxNameScalars = 1_000
    /// Longest error reason or filter detail listed, in Unicode scalars.
    public static let maxReasonScalars = 2_000
    /// A `meta`, `source`, `duplicate` or `filtered` of an embedded document larger than this
    /// (as JSON) is left out with a note saying how large it was.
    public static let maxFieldBytes = 20_000

    /// `text` cut to `limit` Unicode scalars (`MessageText.cut`).
    public static func cut(_ text: String, to limit: Int) -> String { MessageText.cut(text, to: limit) }

    /// A name as the page holds it (`maxNameScalars`).
    public static func name(_ text: String) -> String { cut(text, to: maxNameScalars) }

    /// `value` when its JSON is at most `maxFieldBytes`, else an object saying what was left out.
    static func field(_ name: String, _ value: JSONValue) -> JSONValue {
        var w = JSONWriter()
        w.value(value)
        guard w.bytes.count > maxFieldBytes else { return value }
        return .object(JSONObject([("(left out)", .string("\(name) is \(w.bytes.count / 1000) kB of JSON"))]))
    }
}
