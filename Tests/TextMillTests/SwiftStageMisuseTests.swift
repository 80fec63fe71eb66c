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
}
