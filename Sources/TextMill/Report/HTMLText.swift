/// Escaping for the report page. Everything that comes from a corpus is hostile input: a
/// document's text, an id, a speaker's name or an error reason may hold `<`, `&`, quotes or
/// `</script>`.
public enum HTMLText {
    /// Text safe inside an element or a quoted attribute (HTML or SVG): `& < > " '` as entities.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// JSON made safe to sit inside `<script type="application/json">`: every `<`, `>` and `&`
    /// (which in JSON occur only inside strings) becomes its `\u00XX` escape, so no `</script>`
    /// or `<!--` can end or confuse the element, and `JSON.parse` reads the same strings.
    public static func scriptSafeJSON(_ value: JSONValue) -> [UInt8] {
        var w = JSONWriter()
        w.value(value)
        var out: [UInt8] = []
        out.reserveCapacity(w.bytes.count + w.bytes.count / 16)
        for byte in w.bytes {
            switch byte {
            case UInt8(ascii: "<"): out += Array("\\u003c".utf8)
            case UInt8(ascii: ">"): out += Array("\\u003e".utf8)
            case UInt8(ascii: "&"): out += Array("\\u0026".utf8)
            default: out.append(byte)
            }
        }
        return out
    }

    /// An id as a URL fragment component, as JavaScript's `encodeURIComponent` spells it (so
    /// the page's script reads it back with `decodeURIComponent`).
    public static func fragmentComponent(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// The bytes `encodeURIComponent` leaves as they are.
    private static let unreserved: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()".utf8))

    /// The link that opens a document in the page's browser: by its id (an output record, whose
    /// id the output holds once), or by its id and its key among the embedded documents (a
    /// duplicate, failed or filtered record, whose id an output record or another such record may
    /// hold too: the page's script shows the document with that key).
    public static func documentLink(_ id: String, key: String? = nil) -> String {
        "#doc/" + fragmentComponent(id) + (key.map { "/" + fragmentComponent($0) } ?? "")
    }
}
