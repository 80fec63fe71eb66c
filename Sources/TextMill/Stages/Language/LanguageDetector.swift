internal import CCLD2

/// The language of a text as libcld2 sees it (one call of the C shim in `Sources/CCLD2`).
///
/// libcld2's tables are read-only and the shim keeps no state, so one detector serves every
/// thread. The text handed over is bounded by `maxBytes` (cut back to a character boundary):
/// libcld2 counts in `Int32`, and past a few hundred kilobytes the answer no longer changes.
public struct LanguageDetector: Sendable {
    /// One language libcld2 found in the text.
    public struct Guess: Hashable, Sendable {
        /// ISO 639-1 code where there is one ("en", "de"), else libcld2's code ("zh-Hant", "haw"); "un" for unknown.
        public var code: String
        /// Share of the text's letters in this language, 0…1.
        public var score: Double
    }

    /// libcld2's answer for one text.
    public struct Result: Hashable, Sendable {
        /// Up to three languages, best first; unknown ones left out.
        public var top: [Guess]
        /// True when the best language is clearly ahead of the second.
        public var reliable: Bool
        /// Bytes of letters libcld2 looked at.
        public var textBytes: Int

        /// The best language, or "un" with score 0 when libcld2 found none.
        public var best: Guess { top.first ?? Guess(code: LanguageDetector.unknown, score: 0) }
    }

    /// libcld2's code for "no language found".
    public static let unknown = "un"

    /// The most bytes handed to libcld2 per call.
    public let maxBytes: Int
    /// Asks libcld2 for an answer even for text too short to be sure of.
    public let bestEffort: Bool

    public init(maxBytes: Int = 1 << 20, bestEffort: Bool = false) {
        self.maxBytes = max(16, min(maxBytes, Int(Int32.max)))
        self.bestEffort = bestEffort
    }

    /// Detects the language of UTF-8 `text` (only its first `maxBytes`, cut at a character boundary).
    public func detect(_ text: UnsafeBufferPointer<UInt8>) -> Result {
        var length = min(text.count, maxBytes)
        // Never cut a character in two: libcld2 stops at the first invalid byte.
        while length > 0 && length < text.count && UTF8.isContinuation(text[length]) { length -= 1 }
        guard length > 0, let base = text.baseAddress else {
            return Result(top: [], reliable: false, textBytes: 0)
        }
        var raw = tm_cld2_result()
        let status = base.withMemoryRebound(to: CChar.self, capacity: length) {
            tm_cld2_detect($0, Int32(length), bestEffort ? 1 : 0, &raw)
        }
        guard status == 0 else { return Result(top: [], reliable: false, textBytes: 0) }
        let codes = withUnsafeBytes(of: raw.code) { bytes -> [String] in
            (0..<3).map { i in
                let slot = bytes[(i * 16)..<(i * 16 + 16)]
                return String(decoding: slot.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        let percents = [raw.percent.0, raw.percent.1, raw.percent.2]
        var top: [Guess] = []
        for i in 0..<3 where codes[i] != Self.unknown && !codes[i].isEmpty && percents[i] > 0 {
            top.append(Guess(code: codes[i], score: Double(percents[i]) / 100))
        }
        return Result(top: top, reliable: raw.reliable != 0 && !top.isEmpty, textBytes: Int(raw.text_bytes))
    }

    /// Detects the language of a whole text.
    public func detect(_ text: [UInt8]) -> Result {
        text.withUnsafeBufferPointer { detect($0) }
    }

    /// Every code `detect` can give: libcld2's (283 with Debian 12's: "en", "haw", "zh-Hant", "xx-Runr"; "un").
    public static let codes: Set<String> = {
        var codes: Set<String> = [unknown]
        for index in 0..<tm_cld2_language_count() {
            // A few of libcld2's numbers are unused and have "" as their code; `detect` never gives it.
            if let code = tm_cld2_language_code(index), code.pointee != 0 { codes.insert(String(cString: code)) }
        }
        return codes
    }()

    /// libcld2's code for a language's English name in any case ("English", "german"), or nil.
    public static func code(forName name: String) -> String? {
        guard !name.isEmpty, name.utf8.count < 64, let code = tm_cld2_code_for_name(name.uppercased()) else { return nil }
        let found = String(cString: code)
        return found == unknown ? nil : found
    }
}
