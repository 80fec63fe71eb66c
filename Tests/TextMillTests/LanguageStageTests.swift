import Foundation
import Testing
@testable import TextMill

/// Short texts written for these tests: one news sentence about a flood in several languages.
enum LanguageFixtures {
    static let flood: [(code: String, text: String)] = [
        ("en", "The river flooded the lower town after three days of heavy rain, and hundreds of families spent the night in the school gym while volunteers brought blankets and soup."),
        ("de", "Nach drei Tagen starken Regens trat der Fluss über die Ufer, und Hunderte Familien verbrachten die Nacht in der Turnhalle der Schule, während Freiwillige Decken und Suppe brachten."),
        ("fr", "Après trois jours de fortes pluies, la rivière a débordé et des centaines de familles ont passé la nuit dans le gymnase de l'école, pendant que des bénévoles apportaient des couvertures et de la soupe."),
        ("es", "Después de tres días de lluvias intensas, el río se desbordó y cientos de familias pasaron la noche en el gimnasio de la escuela mientras los voluntarios traían mantas y sopa."),
        ("ru", "После трёх дней сильных дождей река вышла из берегов, и сотни семей провели ночь в спортивном зале школы, пока волонтёры приносили одеяла и суп."),
        ("ja", "三日間の大雨で川が氾濫し、数百の家族が学校の体育館で一夜を過ごした。ボランティアが毛布とスープを運んだ。"),
    ]
}

@Suite struct LanguageStageTests {
    static func run(_ text: String, _ overrides: [String: JSONValue] = [:], meta: JSONObject = JSONObject(),
                    paragraphs: [Span]? = nil) throws -> (meta: JSONObject, counters: [String: Int]) {
        let stage = try LanguageStage(options: .defaults(LanguageStage.options, overrides))
        var doc = Document(id: "t", source: SourceInfo(path: "t", format: .text, sha256: ""), text: Array(text.utf8), content: .plain, meta: meta)
        doc.paragraphs = paragraphs
        var context = StageContext()
        try stage.process(&doc, &context)
        return (doc.meta, context.counters)
    }

    static func language(_ code: String, _ score: Double, _ reliable: Bool) -> JSONValue {
        .object(JSONObject([("code", .string(code)), ("score", JSONValue(score)), ("reliable", .bool(reliable))]))
    }

    /// Each language's sentence alone: the whole `meta.language` value, and a counter per code.
    @Test func eachLanguageIsNamedWithItsScore() throws {
        for (code, text) in LanguageFixtures.flood {
            let r = try Self.run(text)
            expectEqual(r.meta["language"], Self.language(code, 0.99, true), "\(code)")
            expectEqual(r.counters, [code: 1])
        }
    }

    /// All six paragraphs in one text: no language is reliable; `top` holds the three largest
    /// shares and `paragraphs` each paragraph's language in order.
    @Test func mixedTextGivesTopAndParagraphLanguages() throws {
        let joined = LanguageFixtures.flood.map(\.text).joined(separator: "\n\n")
        let r = try Self.run(joined, ["top": true, "paragraphs": true])
        func guess(_ code: String, _ score: Double) -> JSONValue {
            .object(JSONObject([("code", .string(code)), ("score", JSONValue(score))]))
        }
        expectEqual(r.meta["language"], .object(JSONObject([
            ("code", "ru"), ("score", 0.22), ("reliable", false),
            ("top", [guess("ru", 0.22), guess("fr", 0.21), guess("es", 0.18)]),
            ("paragraphs", ["en", "de", "fr", "es", "ru", "ja"]),
        ])))
    }

    /// Two words are too few for libcld2 to be sure: "un" unless `best_effort` asks for a guess.
    @Test func shortTextIsUnknownUnlessBestEffort() throws {
        expectEqual(try Self.run("Hello there").meta["language"], Self.language("un", 0, false))
        expectEqual(try Self.run("Hello there", ["best_effort": true]).meta["language"], Self.language("en", 0.92, true))
        expectEqual(try Self.run(LanguageFixtures.flood[0].text, ["min_chars": 500]).meta["language"], Self.language("un", 0, false))
    }

    /// A language the page declared (`<html lang>`, a string) is kept beside the detected one.
    @Test func declaredLanguageMovesAside() throws {
        let meta = JSONObject([("title", "Flood"), ("language", "en-GB")])
        let r = try Self.run(LanguageFixtures.flood[1].text, meta: meta)
        expectEqual(r.meta, JSONObject([("title", "Flood"), ("language", Self.language("de", 0.99, true)), ("declared_language", "en-GB")]))
    }

    /// Empty text, control bytes, and a text far over `max_bytes` (cut at a character boundary
    /// inside a multi-byte character): answers, never a crash.
    @Test func hostileTextGetsAnAnswer() throws {
        expectEqual(try Self.run("").meta["language"], Self.language("un", 0, false))
        expectEqual(try Self.run("\u{0}\u{1}\u{2}\u{7F}\u{FFFD}\u{FFFD}").meta["language"], Self.language("un", 0, false))
        let russian = String(repeating: LanguageFixtures.flood[4].text + " ", count: 30)
        let r = try Self.run(russian, ["max_bytes": 1001])
        expectEqual(r.meta["language"], Self.language("ru", 0.99, true))
    }

    @Test func markupIsRefused() throws {
        let stage = try LanguageStage(options: .defaults(LanguageStage.options))
        var doc = Document(id: "t", source: SourceInfo(path: "t.html", format: .html, sha256: ""), text: Array("<p>Hi</p>".utf8), content: .html)
        var context = StageContext()
        #expect(throws: DocumentError.self) { try stage.process(&doc, &context) }
    }
}
