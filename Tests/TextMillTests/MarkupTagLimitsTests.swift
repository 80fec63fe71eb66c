import Foundation
import Testing
@testable import TextMill

/// libxml2 compares every attribute of a tag with the others, and looks for every element's
/// namespace through all the declarations in scope: one tag of 20,000 attributes took 1.3 s
/// to parse as HTML and 0.7 s as XML, four times fewer a sixteenth of that (release build; a
/// 64 MB page of it would take hours). Such a file is refused unread, alone, with the reason.
@Suite struct MarkupTagLimitsTests {
    static let story = "<p>The harbour council met on Monday night and agreed the budget after a long debate about the ferry.</p>"

    /// A page whose `<div>` holds `count` distinct attributes.
    static func page(attributes count: Int) -> String {
        let attributes = (0..<count).map { "data-a\($0)=\"v\"" }.joined(separator: " ")
        return "<html><head><title>Budget</title></head><body><div \(attributes)>\(story)</div></body></html>"
    }

    @Test func aTagOfManyAttributesIsRefusedInTimeLinearInItsLength() throws {
        let cleaner = HTMLCleaner(settings: ExtractionSettings(), readMetadata: true)
        var reasons: [String] = []
        func clean(_ html: [UInt8]) {
            do { _ = try cleaner.clean(html); reasons.append("cleaned") } catch { reasons.append(error.message) }
        }
        let small = Array(Self.page(attributes: 5_000).utf8), large = Array(Self.page(attributes: 20_000).utf8)
        let smallTime = JSONObjectGrowthTests.leastCPUSeconds { clean(small) }
        let largeTime = JSONObjectGrowthTests.leastCPUSeconds { clean(large) }
        #expect(largeTime <= 8 * max(smallTime, 0.002), "5,000 attributes \(smallTime) s, 20,000 \(largeTime) s")
        let refusal = "a tag with more than 1000 attributes: refused unread (libxml2 compares every attribute of a tag with the others, so such a tag costs time growing with the square of its length)"
        expectEqual(Set(reasons), [refusal + " at line 1, column 47"])
    }

    @Test func aPageOfManyAttributesUnderTheLimitIsCleaned() throws {
        let cleaner = HTMLCleaner(settings: ExtractionSettings(), readMetadata: true)
        let result = try cleaner.clean(Array(Self.page(attributes: 1_000).utf8))
        expectEqual(String(decoding: result.text, as: UTF8.self), "The harbour council met on Monday night and agreed the budget after a long debate about the ferry.")
    }

    /// Script text is no tag: a comparison followed by many words counts no attributes.
    @Test func scriptsAndCommentsCountNoAttributes() {
        let words = String(repeating: " x", count: 3_000)
        let html = "<html><body><script>if (a <b\(words)) {}</script><!-- <c\(words) --><style>p <q\(words) {}</style>\(Self.story)</body></html>"
        expectEqual(MarkupTagLimits.standard.firstExcess(in: Array(html.utf8), xml: false), nil)
        let quoted = "<p title='<x\(words)>'>\(Self.story)</p>"
        expectEqual(MarkupTagLimits.standard.firstExcess(in: Array(quoted.utf8), xml: false), nil)
    }

    @Test func aFeedOfManyNamespacesInScopeFailsAloneAndOneOnEveryItemIsRead() throws {
        let dir = TemporaryDirectory()
        let item = "<item><title>Budget</title><description>The harbour council agreed the budget.</description></item>"
        // 600 declarations on the feed and 600 more on its channel: no tag is over the limit of
        // attributes, the channel's items are under 1,200 declarations.
        func declarations(_ range: ClosedRange<Int>) -> String { range.map { "xmlns:n\($0)=\"urn:harbour:\($0)\"" }.joined(separator: " ") }
        let feedTag = "<rss \(declarations(0...599))>"
        dir.write("in/crowded.rss", "\(feedTag)<channel \(declarations(600...1_199))>\(String(repeating: item, count: 3))</channel></rss>")
        let local = "<item xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><title>Ferry</title><description>The ferry runs again.</description><dc:creator>Ana Ruiz</dc:creator></item>"
        dir.write("in/wire.rss", "<rss><channel>\(String(repeating: local, count: 2_000))</channel></rss>")
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - cleanup
            """, in: dir)
        expectEqual(summary.exitStatus, 1)
        let records = try dir.records("out/corpus.jsonl")
        expectEqual(records.count, 2_000)
        #expect(records.allSatisfy { $0["id"]?.stringValue?.contains("in/wire.rss#") == true })
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.map { $0["reason"]?.stringValue }, [
            "more than 1000 XML namespace declarations in scope at once: refused unread (libxml2 looks through all of them for every element) at line 1, column \(feedTag.count + 1)"])
        expectEqual(errors.first?["stage"]?.stringValue, "read")
    }

    @Test func nestedDeclarationsCountWhileTheirElementsAreOpen() {
        let open = String(repeating: "<a xmlns:p=\"u\">", count: 1_001)
        let closed = String(repeating: "<a xmlns:p=\"u\"></a>", count: 5_000) + String(repeating: "<b xmlns:q=\"u\"/>", count: 5_000)
        #expect(MarkupTagLimits.standard.firstExcess(in: Array("<r>\(open)x".utf8), xml: true)
                == .init(kind: .namespaces, offset: 3 + 1_000 * 15))
        expectEqual(MarkupTagLimits.standard.firstExcess(in: Array("<r>\(closed)</r>".utf8), xml: true), nil)
    }
}
