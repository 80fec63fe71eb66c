import Testing
@testable import TextMill

/// Newswire's quotation marks written as apostrophes (`''…''`, `'…'` inside), where a nested
/// quotation ends or starts with its outer one: three apostrophes in a row. Each case is news
/// English written for the test and pins the document's full list of quotes: kind, quoted words,
/// speaker entity name ("-" for none) and cue ("-" for none).
@Suite struct QuotesNewswireMarksTests {
    /// Every quote of `text` as "kind | words | speaker | cue".
    static func quotes(_ text: String) throws -> [String] { try QuoteListing.lines(text, last: .cue) }

    @Test func threeApostrophesAfterAWordCloseTheInnerQuotationThenTheOuterOne() throws {
        // Read from the left as '' and ', the quotation closed one mark early, the stray mark
        // hid "said Gregory W. Slayton", and the quote took the speaker of the paragraph before.
        expectEqual(try Self.quotes("Tom Emanuel, a harbor commissioner, spoke first.\n\n''I would use the word 'old-school,''' said Gregory W. Slayton, a former envoy."), [
            "direct | I would use the word 'old-school,' | Gregory W. Slayton | said",
        ])
    }

    @Test func threeApostrophesBeforeAWordOpenTheOuterQuotationThenTheInnerOne() throws {
        expectEqual(try Self.quotes("Mr. Hale recalled the call.\n\n'''Sir, we have decided to stay in Ohio,' they told me,'' Mr. Hale said."), [
            "direct | 'Sir, we have decided to stay in Ohio,' they told me, | Mr. Hale | said",
        ])
    }
}
