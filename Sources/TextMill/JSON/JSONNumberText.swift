/// One spelling for each JSON number, so that numbers equal as values are equal as text.
///
/// JSON writes one number many ways (`1`, `1.0`, `1e0`, `10E-1`, `-0` and `0`); jq, Python's
/// `json` and DuckDB read them as one value. `canonical` gives every spelling of a value the
/// same text, exactly (no rounding through a `Double`): the digits without leading or trailing
/// zeros, a decimal point only before a fraction, and an exponent only where the plain digits
/// would run long: 65 or more integer digits, or six or more zeros after the point (`1e+64`,
/// `1.5e-7`). A long integer id (a 30-digit key) keeps its digits, where JavaScript's rule
/// (an exponent from 21 digits) made it `1.2345…e+29`; the bound keeps `1e400` short.
public enum JSONNumberText {
    /// The most integer digits written plain; a value of more is written with an exponent.
    static let plainIntegerDigits = 64

    /// The canonical text of the JSON number `text`, or nil when `text` is no JSON number or its
    /// exponent has more than 15 digits (kept as it came: no reader tells such values apart).
    public static func canonical(_ text: String) -> String? {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if bytes.first == 0x2D { negative = true; bytes = bytes.dropFirst() }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var sawDigit = false
        while let c = bytes.first, c >= 0x30 && c <= 0x39 { digits.append(c); sawDigit = true; bytes = bytes.dropFirst() }
        guard sawDigit else { return nil }
        if bytes.first == 0x2E {
            bytes = bytes.dropFirst()
            var fraction = false
            while let c = bytes.first, c >= 0x30 && c <= 0x39 { digits.append(c); fractionDigits += 1; fraction = true; bytes = bytes.dropFirst() }
            guard fraction else { return nil }
        }
        var exponent = 0
        if let e = bytes.first, e == 0x65 || e == 0x45 {
            bytes = bytes.dropFirst()
            var sign = 1
            if let s = bytes.first, s == 0x2B || s == 0x2D { sign = s == 0x2D ? -1 : 1; bytes = bytes.dropFirst() }
            var sawExponentDigit = false, count = 0
            while let c = bytes.first, c >= 0x30 && c <= 0x39 {
                if count > 0 || c != 0x30 { count += 1 }
                guard count <= 15 else { return nil }
                exponent = exponent * 10 + Int(c - 0x30)
                sawExponentDigit = true
                bytes = bytes.dropFirst()
            }
            guard sawExponentDigit else { return nil }
            exponent *= sign
        }
        guard bytes.isEmpty else { return nil }
        // The value is `digits` × 10^(exponent − fractionDigits): drop the zeros that change nothing.
        var first = 0
        while first < digits.count && digits[first] == 0x30 { first += 1 }
        guard first < digits.count else { return "0" }
        var last = digits.count
        var scale = exponent - fractionDigits
        while digits[last - 1] == 0x30 { last -= 1; scale += 1 }
        let significant = Array(digits[first..<last])
        // The position of the decimal point after the first digit, as in scientific notation.
        let point = scale + significant.count - 1
        var out: [UInt8] = negative ? [0x2D] : []
        if point >= JSONNumberText.plainIntegerDigits || point < -6 {
            out.append(significant[0])
            if significant.count > 1 { out.append(0x2E); out += significant[1...] }
            out += Array("e\(point >= 0 ? "+" : "-")\(abs(point))".utf8)
        } else if scale >= 0 {
            out += significant
            out += [UInt8](repeating: 0x30, count: scale)
        } else if point >= 0 {
            out += significant[0...point]
            out.append(0x2E)
            out += significant[(point + 1)...]
        } else {
            out += [0x30, 0x2E]
            out += [UInt8](repeating: 0x30, count: -point - 1)
            out += significant
        }
        return String(decoding: out, as: UTF8.self)
    }
}
