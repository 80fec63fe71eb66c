import Testing
@testable import TextMill

/// Quoted words that are no direct quotation (issue 14, direct precision): titles with their
/// author after them (`byline-title`), the name that signs a quotation over paragraphs
/// (`signature-line`, which gives the quotation its speaker), quoted section headings in single
/// marks (`single-mark-heading`) and a transcript's stage directions (`stage-direction`). Each
/// case is news English written for the test and pins the document's full list of quotes: kind,
/// quoted words, speaker entity name ("-" for none) and cue ("-" for none).
@Suite struct QuotesDirectFalseAlarmsTests {
    /// Every quote of `text` as "kind | words | speaker | cue".
    static func quotes(_ text: String) throws -> [String] { try QuoteListing.lines(text, last: .cue) }

    @Test func aTitleWithItsAuthorAfterItIsNoQuotation() throws {
        expectEqual(try Self.quotes("""
            HARBOR READS:

            —“Harbor ferries will run all night from May,” by the Gazette's Ana Ruiz: “The city will add four boats to the night service.” http://example.com/ferries

            —“Seawall repairs slip to the autumn,” by Times' Tom Ferris: http://example.com/seawall
            """), [
            "direct | The city will add four boats to the night service. | - | -",
        ])
    }

    @Test func byWithAnAccountIsNoByline() throws {
        expectEqual(try Self.quotes("“We were never told the dock would close,” by Dana Ruiz’s own account."), [
            "direct | We were never told the dock would close, | - | -",
        ])
    }

    @Test func aNameClosingAQuotationOverParagraphsSignsIt() throws {
        expectEqual(try Self.quotes("""
            The harbor board sent a statement on Friday.

            “The fund has been insufficient to the task of repairing the seawall.

            “We will ask the council for a new levy in May.

            Ana Ruiz, deputy harbor director.”
            """), [
            "direct | The fund has been insufficient to the task of repairing the seawall. | Ana Ruiz | -",
            "direct | We will ask the council for a new levy in May. | Ana Ruiz | -",
        ])
    }

    @Test func aClosingPieceWithAVerbIsQuotedWords() throws {
        expectEqual(try Self.quotes("""
            “The fund has been insufficient to the task of repairing the seawall.

            Ana Ruiz knows it, and so does the board.”
            """), [
            "direct | The fund has been insufficient to the task of repairing the seawall. | - | -",
            "direct | Ana Ruiz knows it, and so does the board. | - | -",
        ])
    }

    @Test func aShortQuotationInSingleMarksAloneInItsParagraphIsAHeading() throws {
        expectEqual(try Self.quotes("""
            The mayor spoke for an hour.

            'A fight from start to finish.'

            – ‘Who cares?’ –

            “We will win this,” Mayor Ann Lee said.
            """), [
            "direct | We will win this, | Ann Lee | said",
        ])
    }

    @Test func aLongerQuotationInSingleMarksIsStillSpeech() throws {
        expectEqual(try Self.quotes("""
            The mayor spoke for an hour.

            'We will rebuild the seawall, we will reopen the dock and we will pay for both.'
            """), [
            "direct | We will rebuild the seawall, we will reopen the dock and we will pay for both. | - | -",
        ])
    }

    @Test func wordsInBracketsInsideMarksAreAStageDirection() throws {
        expectEqual(try Self.quotes("""
            Partial transcript as follows:

            "HALE: We will reopen the dock in June.

            "(CROSSTALK.)

            "RUIZ: The dock stays shut until the inspectors are done.
            """), [
            // The turns are `transcript-turn`'s: each label speaks the words after its colon.
            "direct | We will reopen the dock in June. | HALE | :",
            "direct | The dock stays shut until the inspectors are done. | RUIZ | :",
        ])
    }
}
