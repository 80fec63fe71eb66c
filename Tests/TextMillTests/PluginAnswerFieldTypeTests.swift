import Foundation
import Testing
@testable import TextMill

/// A quotation field of an `exec` plugin's answer that the record cannot hold as given fails the
/// document, naming the field and what it must be. Before, the record was written valid but not
/// as the plugin answered: a `text` of another type became the text at the offsets, a `speaker`
/// of 5 null, a `content` of [] nothing, an `unresolved` of "x" was dropped (helper trust31's
/// mutation run: 86 such answers, no message).
@Suite struct PluginAnswerFieldTypeTests {
    static let text = "\"We will reopen the pier in June,\" the mayor said, Ana Ruiz, a harbor engineer."

    /// The answer with one quotation whose fields are `quote` (JSON members, after start and end).
    func applied(_ quote: String) throws -> (quotes: [Quote]?, error: String?) {
        let json = """
        {"id": "pier.txt", "text": "\\"We will reopen the pier in June,\\" the mayor said, Ana Ruiz, a harbor engineer.",
         "quotes": [{"start": 1, "end": 32, \(quote)}]}
        """
        let record = try #require(try JSONParser.parse(json).objectValue)
        return PluginAnswerCheckTests().applied(record, text: Self.text)
    }

    @Test func aFieldOfAnotherTypeFailsTheDocumentNamingTheField() throws {
        let speaker = "\"start\": 35, \"end\": 44"
        let cases: [(quote: String, error: String)] = [
            ("\"text\": 5", "a quote's \"text\" must be a string, the text its offsets point at (or null), not 5"),
            ("\"speaker\": 5", "a quote's \"speaker\" must be an object with integer \"start\" and \"end\" (or null), not 5"),
            ("\"cue\": \"said\"", "a quote's \"cue\" must be an object with integer \"start\" and \"end\" (or null), not \"said\""),
            ("\"content\": []", "a quote's \"content\" must be an object with integer \"start\" and \"end\" (or null), not []"),
            ("\"content\": {\"start\": 1, \"end\": 32, \"text\": true}",
             "a quote's content's \"text\" must be a string, the text its offsets point at (or null), not true"),
            ("\"speaker\": {\(speaker), \"text\": [\"the mayor\"]}",
             "the speaker's \"text\" must be a string, the text its offsets point at (or null), not [\"the mayor\"]"),
            ("\"speaker\": {\(speaker), \"role\": \"engineer\"}",
             "the speaker's \"role\" must be an object with integer \"start\" and \"end\" (or null), not \"engineer\""),
            ("\"speaker\": {\(speaker), \"resolved_from\": 1.5}",
             "the speaker's \"resolved_from\" must be an object with integer \"start\" and \"end\" (or null), not 1.5"),
            ("\"speaker\": {\(speaker), \"role\": {\"start\": 63, \"end\": 79, \"text\": \"a harbor\"}}",
             "the speaker.role text \"a harbor\" is not what its offsets point at"),
            ("\"speaker\": {\(speaker), \"unresolved\": {}}", "the speaker's \"unresolved\" must be true or false (or null), not {}"),
            ("\"speaker\": {\(speaker), \"document\": \"yes\"}", "the speaker's \"document\" must be true or false (or null), not \"yes\""),
            ("\"cue\": {\"start\": 45, \"end\": 49, \"unresolved\": 1}", "the cue's \"unresolved\" must be true or false (or null), not 1"),
        ]
        for c in cases {
            expectEqual(try applied(c.quote).error, c.error, "\(c.quote)")
        }
    }

    /// What the record can hold is kept as answered: texts that are what the offsets point at,
    /// a role, an unresolved speaker; a null field is one left out (as a null `kind` or
    /// `paragraphs`), and a false `unresolved` or `document` is not set.
    @Test func fieldsOfTheirTypesAreKept() throws {
        let result = try applied("""
        "text": "We will reopen the pier in June", "kind": "direct",
        "speaker": {"start": 35, "end": 44, "text": "the mayor", "unresolved": true, "document": false,
                    "role": {"start": 61, "end": 78, "text": "a harbor engineer"}, "resolved_from": null},
        "cue": null, "content": {"start": 1, "end": 32, "text": "We will reopen the pier in June"}
        """)
        expectEqual(result.error, nil)
        var quote = Quote(span: Span(1, 32), kind: .direct, speaker: Mention(span: Span(35, 44), entity: .unresolved), cue: nil)
        quote.speaker?.role = Span(61, 78)
        quote.content = Span(1, 32)
        expectEqual(result.quotes, [quote])
    }
}
