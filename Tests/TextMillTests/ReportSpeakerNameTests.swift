import Testing
@testable import TextMill

/// The report's chart of most quoted speakers counts each quotation for the `name` the quotes
/// stage gave its speaker, and a speaker it marked `unresolved` apart, as the record says. Until
/// session 36 it read the speaker's text alone: on the sample corpus "the embassy", "The embassy"
/// and "the embassy's Twitter account" were three bars where the records name one speaker,
/// "Chinese Embassy" (6 quotations, none shown as such), "China's envoy" was not counted for
/// "Zhang Xiao" (8 where the records say 9), and unresolved speakers ("Activists", "A
/// president") were bars of their own.
@Suite struct ReportSpeakerNameTests {
    static let text = "\u{201C}The pier stays shut,\u{201D} said the Chinese Embassy. \u{201C}We regret it,\u{201D} the embassy said. "
        + "Most said the ferry was late. \u{201C}It is late,\u{201D} said China's envoy. Zhang Xiao agreed. \u{201C}Fix it,\u{201D} said Dana Ortiz."

    /// A speaker span of the text with the fields the quotes stage writes.
    static func speaker(_ words: String, name: String?, entity: Int?, unresolved: Bool = false) -> JSONValue {
        guard case .object(var s) = CorpusReportTests.span(text, words) else { fatalError() }
        if unresolved { s["unresolved"] = .bool(true) }
        s["entity"] = entity.map { JSONValue($0) } ?? .null
        s["name"] = name.map { JSONValue.string($0) } ?? .null
        return .object(s)
    }

    @Test func eachQuotationCountsForItsSpeakersName() throws {
        let t = Self.text
        func quote(_ words: String, _ kind: String, _ speaker: JSONValue, _ cue: String) -> JSONValue {
            CorpusReportTests.quote(t, words, kind: kind, speaker: speaker, cue: CorpusReportTests.span(t, cue))
        }
        let record = JSONObject([
            ("id", .string("in/pier.txt")), ("source", .object(JSONObject([("path", .string("in/pier.txt")), ("format", .string("text"))]))),
            ("text", .string(t)),
            ("quotes", .array([
                quote("The pier stays shut,", "direct", Self.speaker("the Chinese Embassy", name: "Chinese Embassy", entity: 1), "said"),
                quote("We regret it,", "direct", Self.speaker("the embassy", name: "Chinese Embassy", entity: 1), "the embassy said"),
                quote("the ferry was late", "indirect", Self.speaker("Most", name: nil, entity: nil, unresolved: true), "Most said"),
                quote("It is late,", "direct", Self.speaker("China's envoy", name: "Zhang Xiao", entity: 2), "said China's"),
                // A speaker without a name (an earlier version's output, a plugin's) is read by its text.
                quote("Fix it,", "direct", .object(JSONObject([("text", "Dana Ortiz"), ("start", 0), ("end", 0)])), "said Dana"),
            ])),
        ])
        let dir = TemporaryDirectory()
        let output = CorpusReportTests.writeCorpus(dir, output: [record])
        let a = try CorpusReport.build(output: output).aggregates
        expectEqual(a.speakers.top(5).map { "\($0.label) \($0.count)" }, ["Chinese Embassy 2", "Dana Ortiz 1", "Zhang Xiao 1"])
        expectEqual(a.unresolvedSpeakers, 1)
    }
}
