import Foundation
import Testing
@testable import TextMill

/// The speaker grouping keys a word with non-ASCII bytes by its canonical (NFC) form, and takes
/// the word's own bytes, without Foundation's normalization, when
/// `SpeakerGrouping.isInNFCAsWritten` says the word is in NFC already. That must never be wrong:
/// every scalar it accepts is compared here with Foundation's normalization, alone and next to
/// letters, accents and punctuation it also accepts.
@Suite struct QuoteGroupingNFCTests {
    /// The scalars the check accepts: below U+0300, and U+2002…U+206F.
    static let accepted: [Unicode.Scalar] = (Array(0..<0x300) + Array(0x2002...0x206F)).compactMap { Unicode.Scalar(UInt32($0)) }

    /// Neighbours written for this test: plain letters, precomposed accented letters (Latin-1 and
    /// Latin Extended), an apostrophe, a dash and a space.
    static let neighbours: [String] = ["e", "E", "a", "o", "n", "c", "i", "s", "é", "ñ", "ç", "ø", "ł", "ș", "’", "–", " "]

    static func nfc(_ s: String) -> [UInt8] { Array(s.precomposedStringWithCanonicalMapping.utf8) }

    @Test func everyAcceptedScalarIsItsOwnNFCAloneAndBesideOthers() {
        var wrong: [String] = []
        for scalar in Self.accepted {
            let alone = String(Character(scalar))
            #expect(SpeakerGrouping.isInNFCAsWritten(alone))
            for s in [alone] + Self.neighbours.flatMap({ [$0 + alone, alone + $0] }) where Self.nfc(s) != Array(s.utf8) {
                wrong.append(s.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            }
        }
        #expect(wrong.isEmpty, "changed by NFC: \(wrong.prefix(20))")
    }

    /// Words the check sends to Foundation: a decomposed accent (U+0301), the two spaces of
    /// U+2000 and U+2001 that NFC replaces, a Greek letter, a Hangul syllable written as its
    /// letters (which NFC composes).
    @Test func wordsThatMayChangeAreNormalized() {
        for word in ["Rami\u{301}rez", "a\u{2000}b", "\u{2001}", "Ω", "\u{1100}\u{1161}"] {
            #expect(!SpeakerGrouping.isInNFCAsWritten(word), "\(word)")
        }
        #expect(Self.nfc("Rami\u{301}rez") == Array("Ramírez".utf8))
        #expect(SpeakerGrouping.isInNFCAsWritten("Ramírez") && SpeakerGrouping.isInNFCAsWritten("O’Brien"))
    }
}
