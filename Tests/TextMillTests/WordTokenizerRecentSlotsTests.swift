import Testing
@testable import TextMill

/// Issue 17, session 25: dedup's tokenizer looks a non-ASCII scalar up in a slot of recent ones
/// (by its low bits) before its dictionary. A word gets the same hashes whatever was folded
/// before it, also where scalars of different kinds share a slot.
@Suite struct WordTokenizerRecentSlotsTests {
    /// Scalars that share a slot of the tokenizer's recent ones (U+00D9, U+0419, U+0459, U+2019
    /// and U+3059 all end in 0b011001), of every kind (letters, punctuation, an unspaced script),
    /// interleaved: one tokenizer gives each word the hashes a fresh tokenizer gives it alone.
    @Test func scalarsSharingASlotAreFoldedAsAlone() {
        let words = ["ÙNDER", "Йод", "don’t", "љубав", "す", "’", "Ùber", "す", "Йод", "вљ", "ÙÙ", "a’b’Й", "ﬁnd", "Ǚ", "ٙ"]
        var text = ""
        for k in 0..<90 { text += words[(k * 7) % words.count] + " " }
        for folding in [TextFolding(), TextFolding(foldCase: false, foldPunctuation: false, compatibility: false)] {
            var tokenizer = WordTokenizer(folding: folding)
            var tokens: [UInt64] = []
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { tokenizer.tokenize($0, from: 0, to: $0.count, into: &tokens) }
            var alone: [UInt64] = []
            for word in text.split(separator: " ") {
                var fresh = WordTokenizer(folding: folding)
                let b = Array(word.utf8)
                b.withUnsafeBufferPointer { fresh.tokenize($0, from: 0, to: $0.count, into: &alone) }
            }
            expectEqual(tokens, alone, "\(folding)")
            #expect(tokens.count >= 90)
        }
    }
}
