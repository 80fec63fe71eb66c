import Foundation
import Testing
@testable import TextMill

/// `filter`'s `languages` are matched against `meta.language.code`. After the `language` stage
/// a code it never writes can match no document: before session 27 `languages: [eng]` (the
/// ISO 639-2 code a user reaches for) was accepted, and the run sent every document of an
/// English corpus to the filtered file as "en, not one of eng". Such a code is refused at its
/// option's line, with the code to write when the mistake is a case or a language's name.
@Suite struct FilterLanguageCodeTests {
    let cli = CommandLineTests()

    func diagnostics(_ stages: String) -> [ConfigDiagnostic] { ConfigOrderTests().diagnostics(stages) }

    @Test func aCodeTheLanguageStageNeverWritesIsRefusedAtTheOption() {
        let d = diagnostics("  - language\n  - filter: {action: mark,\n      languages: [en, eng, EN, German, zh-Hant, un]}\n")
        let general = "'language' writes libcld2's codes: ISO 639-1's two letters where a language has them (en, de, fr, zh), else three (haw, ceb), zh-Hant for traditional Chinese, un for none"
        expectEqual(d.map(\.line), [6])
        expectEqual(d.map(\.column), [18])
        expectEqual(d.map(\.message), [
            "3 codes in languages are not ones 'language' (line 4) writes, so no document would match them: 'eng', 'EN', 'German'",
        ])
        expectEqual(d.map(\.notes), [["write 'en' for 'EN'", "write 'de', the code of 'German'", general]])
    }

    /// A list of thousands of codes gets one report naming ten: a report a code echoed the
    /// config's line each time (4,000 codes: 8.6 s and 395 MB; 100,000 were stopped at 19 GB).
    @Test func aLongListOfUnknownCodesIsOneReport() {
        for count in [1_000, 4_000] {
            let codes = (0..<count).map { "q\($0)" }.joined(separator: ", ")
            let d = diagnostics("  - language\n  - filter: {languages: [\(codes)]}\n")
            expectEqual(d.count, 1)
            expectEqual(d.first?.message, "\(count) codes in languages are not ones 'language' (line 4) writes, so no document would match them: 'q0', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9' and \(count - 10) more")
        }
    }

    /// Every report of a long config line shows a window of it around the column, not the whole
    /// line: 4,000 unknown options on one line took 17 s and 947 MB, the line echoed 4,000 times.
    @Test func aReportOfALongLineShowsAWindowOfIt() {
        let keys = (0..<2_000).map { "k\($0): 1" }.joined(separator: ", ")
        let d = diagnostics("  - filter: {\(keys)}\n")
        expectEqual(d.count, 2_000)
        let widths = Set(d.compactMap { $0.snippet?.split(separator: "\n").first?.unicodeScalars.count })
        #expect(widths.allSatisfy { $0 <= 160 + 4 }, "\(widths)")
        let last = d.last?.snippet ?? ""
        #expect(last.hasPrefix("  …") && last.contains("k1999: 1}"), "\(last)")
        let lines = last.split(separator: "\n", omittingEmptySubsequences: false)
        let caret = lines.last.map { $0.unicodeScalars.count - 1 } ?? -1
        #expect(lines.count == 2 && Array(lines[0].unicodeScalars)[caret] == "k", "\(last)")
    }

    /// With the rule turned off (`disable: [language]`) the codes are still checked, as a config
    /// must not carry a wrong one to be found when the rule is turned on, but the refusal says
    /// the rule is off: it said "so no document would match it" of a rule that matches none at
    /// all (session 35). The default list (empty) and good codes pass.
    @Test func aDisabledRulesCodesAreCheckedAndTheRefusalSaysTheRuleIsOff() {
        let one = diagnostics("  - language\n  - filter: {disable: [language], languages: [eng]}\n")
        expectEqual(one.map(\.line), [5])
        expectEqual(one.map(\.message), [
            "'eng' in languages is not a code 'language' (line 4) writes (the rule that reads languages is disabled, so nothing is matched against it now, "
                + "but it would match no document once the rule is on; fix it or remove languages)",
        ])
        let two = diagnostics("  - language\n  - filter: {disable: [language], languages: [eng, deu]}\n")
        expectEqual(two.map(\.message), [
            "2 codes in languages are not ones 'language' (line 4) writes (the rule that reads languages is disabled, so nothing is matched against them now, "
                + "but they would match no document once the rule is on; fix them or remove languages): 'eng', 'deu'",
        ])
        #expect(diagnostics("  - language\n  - filter: {disable: [language], languages: [en]}\n").isEmpty)
        #expect(diagnostics("  - language\n  - filter: {disable: [language]}\n").isEmpty)
    }

    /// Where no stage writes the codes (the input's own `meta.language`), or a plugin may write
    /// any code after `language`, the codes are the user's to choose.
    @Test func codesNoStageWritesOrAPluginMayWriteAreNotChecked() {
        #expect(diagnostics("  - filter: {languages: [eng]}\n").isEmpty)
        #expect(diagnostics("  - language\n  - exec: {command: [python3, tag.py]}\n  - filter: {languages: [eng]}\n").isEmpty)
        #expect(diagnostics("  - language\n  - filter: {languages: [en, de, haw, zh-Hant, xx-Runr, un]}\n").isEmpty)
    }

    /// The codes the check knows are libcld2's own: what the stage writes for real text.
    @Test func theKnownCodesAreTheOnesTheStageWrites() {
        let texts = [
            "The harbour council met again on Tuesday and argued for hours about the budget for the new ferry terminal.",
            "Der Stadtrat hat am Dienstag wieder stundenlang über den Haushalt für das neue Fährterminal gestritten.",
            "Le conseil municipal s'est réuni mardi et a débattu pendant des heures du budget du nouveau terminal.",
        ]
        let detector = LanguageDetector(bestEffort: true)
        let found = texts.map { detector.detect(Array($0.utf8)).best.code }
        expectEqual(found, ["en", "de", "fr"])
        for code in found { #expect(LanguageDetector.codes.contains(code)) }
        for code in ["un", "haw", "zh-Hant", "xx-Runr"] { #expect(LanguageDetector.codes.contains(code), "\(code)") }
        for code in ["eng", "EN", "English", ""] { #expect(!LanguageDetector.codes.contains(code), "\(code)") }
        expectEqual(LanguageDetector.code(forName: "english"), "en")
        expectEqual(LanguageDetector.code(forName: "Klingon"), nil)
        expectEqual(LanguageDetector.code(forName: ""), nil)
    }

    /// `validate` and `run` both stop before reading, exit 2, naming the place.
    @Test func validateAndRunRefuseTheConfig() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "The harbour council met again on Tuesday and argued for hours about the budget.\n")
        let config = dir.write("p.yaml", """
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - language
              - filter: {languages: [eng]}
            """)
        for command in ["validate", "run"] {
            let r = try cli.textmill([command, config])
            expectEqual(r.status, 2, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("p.yaml:5:25: error: 'eng' in languages is not a code 'language' (line 4) writes, so no document would match it"), "\(command): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/corpus.jsonl")))
    }
}
