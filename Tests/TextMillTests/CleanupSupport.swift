import Foundation
import Testing
@testable import TextMill

/// Shared helpers of the cleanup tests: fixtures by path (so tests run on a clean clone) and
/// a stage runner.
enum CleanupFixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) throws -> [UInt8] {
        let url = testsDirectory.appendingPathComponent("Fixtures/cleanup/\(name)")
        return [UInt8](try Data(contentsOf: url))
    }

    static func sample(_ name: String) throws -> String {
        let url = packageRoot.appendingPathComponent("input/\(name)")
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    static let sampleNames = ["kazakhstan-after-the-uprising.txt", "npr-kazakhstan-stories.txt", "rfe-chinese-envoy-undiplomatic.txt",
                              "rfe-kazakh-activists.txt", "wikipedia-china-kazakhstan-relations.txt"]

    static func stage(_ options: [String: JSONValue] = [:]) throws -> CleanupStage {
        try CleanupStage(options: .defaults(CleanupStage.options, options))
    }

    /// Runs cleanup on HTML bytes decoded the way the `.html` reader does.
    static func cleanHTML(_ bytes: [UInt8], _ options: [String: JSONValue] = [:]) throws -> Document {
        var doc = Document(id: "t.html", source: SourceInfo(path: "t.html", format: .html, sha256: ""),
                           text: TextDecoding.decodeHTML(bytes), content: .html)
        var context = StageContext()
        try stage(options).process(&doc, &context)
        return doc
    }

    static func cleanHTML(_ html: String, _ options: [String: JSONValue] = [:]) throws -> Document {
        try cleanHTML(Array(html.utf8), options)
    }

    /// Checks the paragraph convention: paragraphs separated by exactly "\n\n", spans on them.
    static func expectParagraphConvention(_ doc: Document, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(doc.firstInvalidSpan() == nil, sourceLocation: sourceLocation)
        #expect(doc.paragraphs == Paragraphs.spans(in: doc.text), sourceLocation: sourceLocation)
        #expect(!doc.string.contains("\n\n\n"), sourceLocation: sourceLocation)
        #expect(doc.string.split(separator: "\n\n", omittingEmptySubsequences: false).count == doc.paragraphs?.count,
                sourceLocation: sourceLocation)
    }
}
