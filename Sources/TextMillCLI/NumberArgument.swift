import ArgumentParser
import TextMill

/// The text of a numeric option, read as a number by the command's `validate()`, so that every
/// wrong value gets the option's own message ("--limit is a number of documents: …"): a word, a
/// fraction, or a whole number past the largest `Int` (`--limit 99999999999999999999`) would
/// otherwise get ArgumentParser's "The value '…' is invalid for '--limit <n>'".
struct NumberArgument: ExpressibleByArgument, Sendable {
    /// The value as it was written.
    let text: String

    init?(argument: String) { text = argument }

    init(_ value: Int) { text = String(value) }

    var defaultValueDescription: String { text }

    /// The whole number written, or nil for anything else (a word, a fraction, a number past
    /// `Int`'s range). A leading `+` or `-` is read as `Int(_:)` reads it; white space is no number.
    var wholeNumber: Int? { Int(text) }

    /// True when the text is a whole number in decimal digits (with an optional `-` or `+`, as
    /// `wholeNumber` takes them), however large: it then fails only by being out of range.
    var isDigits: Bool {
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.utf8.dropFirst() : text.utf8[...]
        return !digits.isEmpty && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The number written, whole or not (`0.5`, `1e3`), or nil for a word; `inf` and `nan` are
    /// read as Swift reads them, for the caller's range check to refuse.
    var number: Double? { Double(text) }

    /// The text as a message shows it: a number as it stands, anything else quoted.
    var shown: String { isDigits || number != nil ? text : "\(MessageText.quoted(text))" }

    /// The whole number written when it lies in `range`; else a `ValidationError` with the
    /// message for what it is: a whole number below the range (however far), one above it (past
    /// `Int.max` too), or no whole number at all.
    func count(in range: ClosedRange<Int>, below: (String) -> String, above: (String) -> String, notWhole: (String) -> String) throws -> Int {
        if let n = wholeNumber {
            if range.contains(n) { return n }
            throw ValidationError(n < range.lowerBound ? below(text) : above(text))
        }
        if isDigits { throw ValidationError(text.hasPrefix("-") ? below(text) : above(text)) }
        throw ValidationError(notWhole(shown))
    }
}
