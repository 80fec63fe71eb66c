import Foundation
import Testing
@testable import TextMill

/// `filter` measures texts up to `FilterStage.maxTextBytes`: its count table (`HashCounts`)
/// keeps a word's or line's position and a count in 32 bits, and a text of at most 2 GiB − 1
/// bytes has fewer words, lines and paragraphs than that. A longer text (possible with
/// `max_document_mb` over 2047) wrapped a position to a negative index, a crash of the whole
/// run, and could trap a count; it fails alone now, with the sizes and what to do. The bound is
/// lowered here, as a test cannot hold 2 GiB: the check is the same at any bound.
@Suite struct FilterTextBoundTests {
    @Test func theBoundIsWhatAPositionCanHold() throws {
        expectEqual(try FilterStage(options: .defaults(FilterStage.options)).maxTextBytes, Int(Int32.max))
    }

    /// A text at the bound is measured (the council report passes every rule); one byte over,
    /// the document fails.
    @Test func aTextOverTheBoundFailsItsDocumentWithAClearReason() throws {
        let text = FilterFixtures.councilReport
        let bytes = text.utf8.count
        var stage = try FilterStage(options: .defaults(FilterStage.options))
        stage.maxTextBytes = bytes
        var doc = Document(id: "report", text: text)
        var context = StageContext()
        try stage.process(&doc, &context)
        expectEqual(context.counters["kept"], 1)

        stage.maxTextBytes = bytes - 1
        do {
            try stage.process(&doc, &context)
            Issue.record("a text over the bound was measured")
        } catch let error as DocumentError {
            expectEqual(error.message, "the text is \(bytes) bytes, above the \(bytes - 1) bytes filter can measure (its word and line positions are 32-bit): split the document into smaller ones to filter it")
        }
    }

    /// The language rule reads `meta` only, and a stage with every measuring rule turned off
    /// measures nothing: neither needs the bound.
    @Test func rulesThatMeasureNothingIgnoreTheBound() throws {
        let measuring = FilterRules.names.filter { $0 != "language" }
        var stage = try FilterStage(options: .defaults(FilterStage.options, ["disable": .array(measuring.map { .string($0) }), "languages": ["en"]]))
        stage.maxTextBytes = 1
        var doc = Document(id: "notice", text: FilterFixtures.shortNotice)
        doc.meta["language"] = .object(JSONObject([("code", "fr"), ("score", 0.99)]))
        var context = StageContext()
        do {
            try stage.process(&doc, &context)
            Issue.record("a French document passed languages: [en]")
        } catch let filtered as DocumentFiltered {
            expectEqual(filtered.reason, "language")
        }
    }

    /// Sizes in messages: whole MB with the bytes.
    @Test func sizesReadAsMegabytesWithTheirBytes() {
        expectEqual(MessageText.size(2_200_000_000), "2098 MB (2200000000 bytes)")
        expectEqual(MessageText.size(Int(Int32.max)), "2047 MB (2147483647 bytes)")
        expectEqual(MessageText.size(1000), "1000 bytes")
    }
}
