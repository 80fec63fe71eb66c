import Foundation
import Testing
@testable import TextMill

/// A long run of combining marks of mixed classes (hostile "Zalgo" text) normalizes in time
/// linear in its length, with Unicode's normal form of the whole as the result. Foundation's
/// normalizer sorted such a run by swapping neighbours: 8,000 pairs of marks took 1.6 s and
/// 32,000 took 29 s (release build), so one such line in a document hung `normalize`.
@Suite struct CanonicalOrderTests {
    /// A line of a letter under `pairs` pairs of marks whose classes alternate (acute accent,
    /// class 230, and grave accent below, class 220): every pair is out of canonical order.
    static func zalgo(pairs: Int) -> String {
        "He comes: H" + String(repeating: "\u{301}\u{316}", count: pairs) + "e"
    }

    @Test(arguments: [false, true]) func aLongRunOfMarksNormalizesInLinearTime(compatibility: Bool) throws {
        let normalizer = TextNormalizer(compatibility: compatibility)
        var results: [TextEdit?] = []
        let small = Array(Self.zalgo(pairs: 8_000).utf8), large = Array(Self.zalgo(pairs: 32_000).utf8)
        let smallTime = try JSONObjectGrowthTests.leastCPUSeconds { results.append(try normalizer.normalize(small)) }
        let largeTime = try JSONObjectGrowthTests.leastCPUSeconds { results.append(try normalizer.normalize(large)) }
        let ratio = largeTime / max(smallTime, 1e-6)
        #expect(ratio <= 8, "8,000 pairs \(smallTime) s, 32,000 pairs \(largeTime) s: ratio \(ratio)")
        // The marks come out sorted: all the grave accents below, then all the acute accents.
        let text = try #require(results.last??.text)
        let expected = "He comes: H" + String(repeating: "\u{316}", count: 32_000) + String(repeating: "\u{301}", count: 32_000) + "e"
        expectEqual(text, Array(expected.utf8))
    }

    /// A text and its four normal forms, as Python's `unicodedata` (Unicode 14) makes them: an
    /// implementation independent of Foundation, whose own answers on these runs are wrong
    /// (it leaves Tibetan vowel signs and some runs after `U+0344` out of order).
    struct NormalForms: Sendable, CustomTestStringConvertible {
        var text, nfd, nfkd, nfc, nfkc: String
        var testDescription: String { text.unicodeScalars.prefix(3).map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ") }
    }

    /// Texts with runs of more than `longRun` marks, mixed with characters that decompose
    /// (precomposed letters, a mark that is two marks, Tibetan vowel signs of class 0 that
    /// decompose into marks, half-width voiced sound marks under NFKC, Hangul, musical symbols).
    static let cases: [NormalForms] = [
        NormalForms(text: "é" + String(repeating: "\u{316}\u{301}\u{327}", count: 20) + " rest",
                    nfd: "e\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301} rest",
                    nfkd: "e\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301} rest",
                    nfc: "ȩ\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301} rest",
                    nfkc: "ȩ\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{327}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{316}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301} rest"),
        NormalForms(text: "u\u{308}" + String(repeating: "\u{344}\u{323}", count: 30) + "\u{301}x",
                    nfd: "u\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{308}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{301}x",
                    nfkd: "u\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{308}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{301}x",
                    nfc: "\u{1EE5}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{308}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{301}x",
                    nfkc: "\u{1EE5}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{323}\u{308}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}\u{301}\u{301}x"),
        NormalForms(text: "ཀ" + String(repeating: "\u{F73}\u{F71}\u{F75}\u{F81}", count: 12) + "ག",
                    nfd: "\u{F40}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F42}",
                    nfkd: "\u{F40}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F42}",
                    nfc: "\u{F40}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F42}",
                    nfkc: "\u{F40}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F71}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F72}\u{F80}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F74}\u{F42}"),
        NormalForms(text: "ｶ" + String(repeating: "\u{FF9E}\u{3099}\u{301}", count: 15) + "ﬁ",
                    nfd: "\u{FF76}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FB01}",
                    nfkd: "\u{30AB}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}fi",
                    nfc: "\u{FF76}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FF9E}\u{3099}\u{301}\u{FB01}",
                    nfkc: "\u{30AC}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{3099}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}fi"),
        NormalForms(text: "한" + String(repeating: "\u{302}\u{31B}\u{5B0}\u{5B9}", count: 10) + "ǘ",
                    nfd: "\u{1112}\u{1161}\u{11AB}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}u\u{308}\u{301}",
                    nfkd: "\u{1112}\u{1161}\u{11AB}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}u\u{308}\u{301}",
                    nfc: "\u{D55C}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}ǘ",
                    nfkc: "\u{D55C}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B0}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{5B9}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{31B}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}\u{302}ǘ"),
        NormalForms(text: "A" + String(repeating: "\u{301}", count: 40) + "\u{316}" + String(repeating: "\u{1D165}\u{1D16D}", count: 20),
                    nfd: "A\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{316}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}",
                    nfkd: "A\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{316}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}",
                    nfc: "Á\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{316}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}",
                    nfkc: "Á\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{1D165}\u{316}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{1D16D}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}"),
    ]

    @Test(arguments: cases) func theResultIsTheUnicodeNormalForm(_ forms: NormalForms) throws {
        #expect(CanonicalOrder.hasLongMarkRun(forms.text.unicodeScalars.map(\.value)))
        let text = Array(forms.text.utf8)
        expectEqual(CanonicalOrder.decomposedInOrder(text, compatibility: false), Array(forms.nfd.utf8))
        expectEqual(CanonicalOrder.decomposedInOrder(text, compatibility: true), Array(forms.nfkd.utf8))
        for (compatibility, expected) in [(false, forms.nfc), (true, forms.nfkc)] {
            let edit = try TextNormalizer(compatibility: compatibility, repairMojibake: false).normalize(text)
            #expect(edit.map { String(decoding: $0.text, as: UTF8.self) } ?? forms.text == expected)
        }
    }

    /// Ordinary accented text never takes the slow path: a few marks per letter at most.
    @Test func ordinaryAccentsAreNoLongRun() {
        for text in ["Việt Nam đã thông qua", "Ελληνικά ἀρχαῖα", "naïve café", "ﾊﾞｶ", "བོད་སྐད་"] {
            #expect(!CanonicalOrder.hasLongMarkRun(text.decomposedStringWithCompatibilityMapping.unicodeScalars.map(\.value)))
        }
    }
}
