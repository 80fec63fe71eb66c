import Foundation
import Testing
@testable import TextMill

/// A stage written in Swift outside TextMill (README, "In Swift") that misuses the document
/// without trapping: the document at hand fails with the stage's name and what it did, the run
/// goes on, and the output holds only well-formed records.
@Suite struct SwiftStageMisuseTests {
    /// What the stage does to every document, by the file it came from.
    enum Misuse: String, CaseIterable {
        case extraId = "extra-id", extraText = "extra-text", spanPastTheEnd = "span", renamed, throwing
    }

    struct MisusingStage: Stage {
        static let name = "misuse"
        static let summary = "misuses the document as its file's name says"
        static let options: [OptionSpec] = []
        static let traits = StageTraits()
        struct Refused: Error, CustomStringConvertible { var description: String { "the tagger refused this story" } }
        init(options: StageOptions) throws {}
        func process(_ document: inout Document, _ context: inout StageContext) throws {
            let name = (document.source.path as NSString).deletingPathExtension.components(separatedBy: "/").last ?? ""
            switch Misuse(rawValue: name) {
            case .extraId?: document.extra["id"] = .string("forged")
            case .extraText?: document.extra["text"] = .string("Another story altogether.")
            case .spanPastTheEnd?: document.paragraphs = [Span(0, document.text.count + 5)]
            case .renamed?: document.id = document.id.replacingOccurrences(of: "renamed", with: "plain")
            case .throwing?: throw Refused()
            case nil: document.extra["tagged"] = .bool(true)
            }
        }
    }

    @Test func aMisusedDocumentFailsAloneAndTheOutputStaysWellFormed() throws {
        let dir = TemporaryDirectory()
        for misuse in Misuse.allCases { dir.write("in/\(misuse.rawValue).txt", "The harbor council met on Tuesday.\n") }
        dir.write("in/plain.txt", "The ferry runs all winter.\n")
        var registry = StageRegistry.builtin
        registry.register(MisusingStage.self)
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages: [normalize, misuse]
            """, in: dir, jobs: 1, registry: registry)
        expectEqual(summary.exitStatus, 1)
        // The output holds the untouched document alone, each key of its record once.
        let plain = dir.file("in/plain.txt")
        let lines = dir.read("out/corpus.jsonl").split(separator: "\n")
        #expect(lines.count == 1 && lines[0].components(separatedBy: "\"id\":").count == 2 && lines[0].components(separatedBy: "\"text\":").count == 2)
        expectEqual(try dir.records("out/corpus.jsonl").map { "\($0["id"]?.stringValue ?? "") \($0["tagged"]?.boolValue == true)" }, ["\(plain) true"])
        let owned = "among the document's extra fields, a field TextMill writes itself (the record would hold it twice): set the document's own property, or give the field another name"
        let n = "The harbor council met on Tuesday.".utf8.count
        let errors = try dir.records("out/corpus.errors.jsonl").map { "\($0["stage"]?.stringValue ?? "") \($0["reason"]?.stringValue ?? "")" }
        expectEqual(errors.count, 5)
        expectEqual(errors.filter { !$0.hasPrefix("write ") }, [
            "misuse 'misuse' put 'id' \(owned)",
            "misuse 'misuse' put 'text' \(owned)",
            "misuse 'misuse' left a span that does not fit the text: span 0..<\(n + 5) lies outside the text (\(n) bytes)",
            "misuse the tagger refused this story",
        ])
        #expect(errors.contains { $0.hasPrefix("write the id '\(plain)' is already used by an earlier record of this run's output") }, "\(errors)")
    }

    /// Runs `[normalize, STAGE]` with `type` registered beside the built-ins over one file a
    /// name (`in/NAME.txt`, "The NAME tide came in over the mudflats."), into `out/corpus.jsonl`.
    static func run(_ type: any Stage.Type, as stage: String, over names: [String], in dir: TemporaryDirectory) throws -> RunSummary {
        for name in names { dir.write("in/\(name).txt", "The \(name) tide came in over the mudflats.\n") }
        var registry = StageRegistry.builtin
        registry.register(type)
        return try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages: [normalize, \(stage)]
            """, in: dir, jobs: 1, registry: registry)
    }

    /// Values a Swift stage can build that the record writer cannot write as JSON that reads
    /// back: `JSONValue.number` is written as its text stands, so `.number("NaN")` made a record
    /// no JSON reader reads, and a number's text holding `,"id":"…"` a record whose id was the
    /// stage's (each of three documents came out as "forged", exit 0); a value nested past the
    /// 512 levels TextMill reads back, and text that is not UTF-8, were written as they were.
    struct UnwritableStage: Stage {
        static let name = "unwritable"
        static let summary = "leaves a value the record cannot hold, as its file's name says"
        static let options: [OptionSpec] = []
        static let traits = StageTraits()
        init(options: StageOptions) throws {}
        static func nested(_ levels: Int) -> JSONValue {
            var value: JSONValue = .array([])
            for _ in 1..<levels { value = .array([value]) }
            return value
        }
        func process(_ document: inout Document, _ context: inout StageContext) throws {
            switch (document.source.path as NSString).lastPathComponent {
            case "nan.txt": document.extra["score"] = .number("NaN")
            case "forged.txt": document.extra["score"] = .number("1,\"id\":\"forged\"")
            case "empty.txt": document.meta["pages"] = .number("")
            case "deep.txt": document.extra["tree"] = UnwritableStage.nested(600)
            case "bytes.txt": document.text += [0xFF, 0x0A]
            // Deepest the record reads back: the record, the field, then 510 more levels.
            case "deepest.txt": document.extra["tree"] = UnwritableStage.nested(511)
            default: document.extra["score"] = .number("-0.5e+3")
            }
        }
    }

    @Test func aValueTheRecordCannotHoldFailsItsDocumentWithTheStageName() throws {
        let dir = TemporaryDirectory()
        let summary = try Self.run(UnwritableStage.self, as: "unwritable", over: ["nan", "forged", "empty", "deep", "bytes", "deepest", "fine"], in: dir)
        expectEqual(summary.exitStatus, 1)
        // Every line of the output is JSON TextMill reads back, under the id of its own file.
        expectEqual(try dir.records("out/corpus.jsonl").map { ($0["id"]?.stringValue ?? "") as NSString }.map { $0.lastPathComponent },
                    ["deepest.txt", "fine.txt"])
        #expect(dir.read("out/corpus.jsonl").contains("\"score\":-0.5e+3}"))
        let value = "'unwritable' left a value the record cannot hold, in its"
        let remedy = ": build numbers with JSONValue(Int) or JSONValue(Double), and nest values less deeply"
        let notJSON = "is not a JSON number (JSON has no NaN or infinity, and a number's text is written as it stands)"
        let errors = try dir.records("out/corpus.errors.jsonl").map {
            "\((($0["id"]?.stringValue ?? "") as NSString).lastPathComponent) \($0["stage"]?.stringValue ?? ""): \($0["reason"]?.stringValue ?? "")"
        }
        expectEqual(errors, [
            "bytes.txt unwritable: 'unwritable' left text that is not valid UTF-8 (byte 0xFF at offset 41): a document's text must stay valid UTF-8; decode what the stage adds, e.g. Array(String(decoding: bytes, as: UTF8.self).utf8)",
            "deep.txt unwritable: \(value) extra field 'tree': it is nested deeper than 512 levels (the record itself the first), more than TextMill reads back (JSON nested deeper than 512 levels)\(remedy)",
            "empty.txt unwritable: \(value) meta field 'pages': the number '' \(notJSON)\(remedy)",
            "forged.txt unwritable: \(value) extra field 'score': the number '1,\"id\":\"forged\"' \(notJSON)\(remedy)",
            "nan.txt unwritable: \(value) extra field 'score': the number 'NaN' \(notJSON)\(remedy)",
        ])
    }

    /// A stage that removes a document on purpose (`DocumentFiltered`) after misusing it: the
    /// checks of what a stage left were made only when it returned, so such a document went to
    /// the filtered file (`drop`) or stayed in the output (`mark`) as the stage left it: a
    /// record with its id twice, a span past its text's end, a number no JSON reader reads or
    /// text that is not UTF-8, under exit 0. It fails as the same misuse without the filter does.
    struct MisusingFilterStage: Stage {
        static let name = "misfilter"
        static let summary = "misuses the document as its file's name says, then filters it"
        static let options: [OptionSpec] = [OptionSpec("action", .choice(["drop", "mark"]), default: "drop", "drop or mark")]
        static let traits = StageTraits()
        let action: FilterAction
        init(options: StageOptions) throws { action = options.string("action") == "mark" ? .mark : .drop }
        func process(_ document: inout Document, _ context: inout StageContext) throws {
            switch (document.source.path as NSString).lastPathComponent {
            case "id.txt": document.extra["id"] = .string("forged")
            case "span.txt": document.sentences = [Span(0, document.text.count + 5)]
            case "nan.txt": document.extra["score"] = .number("NaN")
            case "bytes.txt": document.text += [0xFF, 0x0A]
            default: document.extra["checked"] = .bool(true)
            }
            throw DocumentFiltered("too_tidal", detail: "a tide table, not a story", action: action)
        }
    }

    @Test(arguments: ["drop", "mark"]) func aDocumentMisusedAndThenFilteredFailsAsTheMisuseAlone(action: String) throws {
        let dir = TemporaryDirectory()
        let summary = try Self.run(MisusingFilterStage.self, as: "misfilter: {action: \(action)}", over: ["id", "span", "nan", "bytes", "fine"], in: dir)
        expectEqual(summary.exitStatus, 1)
        func names(_ file: String) throws -> [String] {
            try dir.records(file).map { "\((($0["id"]?.stringValue ?? "") as NSString).lastPathComponent) \($0["checked"]?.boolValue == true) \($0["filtered"]?.objectValue?["reason"]?.stringValue ?? "-")" }
        }
        // Only the document the stage left whole is filtered (or marked), each key of its record once.
        expectEqual(try names("out/corpus.jsonl"), action == "mark" ? ["fine.txt true too_tidal"] : [])
        expectEqual(try names("out/corpus.filtered.jsonl"), action == "drop" ? ["fine.txt true too_tidal"] : [])
        let kept = dir.read(action == "mark" ? "out/corpus.jsonl" : "out/corpus.filtered.jsonl")
        #expect(kept.components(separatedBy: "\"id\":").count == 2, "\(kept)")
        let errors = try dir.records("out/corpus.errors.jsonl").map {
            "\((($0["id"]?.stringValue ?? "") as NSString).lastPathComponent) \($0["stage"]?.stringValue ?? ""): \($0["reason"]?.stringValue ?? "")"
        }
        let n = "The span tide came in over the mudflats.".utf8.count
        expectEqual(errors, [
            "bytes.txt misfilter: 'misfilter' left text that is not valid UTF-8 (byte 0xFF at offset 41): a document's text must stay valid UTF-8; decode what the stage adds, e.g. Array(String(decoding: bytes, as: UTF8.self).utf8)",
            "id.txt misfilter: 'misfilter' put 'id' among the document's extra fields, a field TextMill writes itself (the record would hold it twice): set the document's own property, or give the field another name",
            "nan.txt misfilter: 'misfilter' left a value the record cannot hold, in its extra field 'score': the number 'NaN' is not a JSON number (JSON has no NaN or infinity, and a number's text is written as it stands): build numbers with JSONValue(Int) or JSONValue(Double), and nest values less deeply",
            "span.txt misfilter: 'misfilter' left a span that does not fit the text: span 0..<\(n + 5) lies outside the text (\(n) bytes)",
        ])
        // Counted as failures of the stage, not as documents it filtered.
        let stage = summary.stages.first { $0.name == "misfilter" }
        expectEqual(stage?.failed, 4)
        expectEqual(stage?.filtered["too_tidal"], 1)
    }

    /// JSON's number grammar, case by case (RFC 8259, section 6).
    @Test func numbersByJSONsGrammar() {
        let numbers = ["0", "-0", "7", "-12", "3.25", "1e9", "1E+9", "2.5e-3", "123456789012345678901234567890", "1e999999"]
        let notNumbers = ["", "-", "NaN", "nan", "Infinity", "-inf", "01", "+1", "1.", ".5", "1e", "1e+", "0x10", " 1", "1 ", "1,2", "١"]
        expectEqual(numbers.filter { !WritableJSON.isNumber($0) }, [])
        expectEqual(notNumbers.filter { WritableJSON.isNumber($0) }, [])
    }

    /// A corpus stage whose `finish` throws: the run's warning names it and its config line (it
    /// said "a stage could not finish cleanly: …", naming none, in a config of several).
    struct FailingFinishStage: Stage {
        static let name = "tally"
        static let summary = "a corpus stage whose finish fails"
        static let options: [OptionSpec] = []
        static let traits = StageTraits(scope: .corpus)
        struct Unsaved: Error, CustomStringConvertible { var description: String { "the tally could not be saved" } }
        init(options: StageOptions) throws {}
        func process(_ document: inout Document, _ context: inout StageContext) throws {}
        func finish(_ context: inout StageContext) throws { throw Unsaved() }
    }

    @Test func aFinishThatThrowsIsAWarningThatNamesTheStage() throws {
        let dir = TemporaryDirectory()
        dir.write("in/tide.txt", "The spring tide reached the sea wall.\n")
        var registry = StageRegistry.builtin
        registry.register(FailingFinishStage.self)
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - normalize
              - tally
            """, in: dir, jobs: 1, registry: registry)
        expectEqual(summary.exitStatus, 0)
        expectEqual(summary.warnings, ["stage 'tally' (config line 5) could not finish cleanly: the tally could not be saved"])
    }
}
