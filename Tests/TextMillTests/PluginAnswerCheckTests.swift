import Foundation
import Testing
@testable import TextMill

/// What an `exec` plugin's answer may say about quotations: a value TextMill cannot keep fails
/// the document with the reason, rather than being changed or dropped in silence.
@Suite struct PluginAnswerCheckTests {
    static let text = "\"We will reopen the pier in June,\" the mayor said."

    /// The answer a plugin gives for `text` with one quotation, its `kind` and speaker as given.
    func answer(kind: String?, speaker: String) throws -> JSONObject {
        let kindField = kind.map { "\"kind\": \($0), " } ?? ""
        let json = """
        {"id": "pier.txt", "text": "\\"We will reopen the pier in June,\\" the mayor said.",
         "quotes": [{"start": 1, "end": 32, \(kindField)"speaker": \(speaker), "cue": {"start": 45, "end": 49}}]}
        """
        return try #require(try JSONParser.parse(json).objectValue)
    }

    /// The record's quotes applied to a document of `text` by `RecordDecoder`, or its error.
    func applied(_ record: JSONObject, text: String = Self.text) -> (quotes: [Quote]?, error: String?) {
        var doc = Document(id: "pier.txt", text: text)
        do {
            try RecordDecoder.apply(record, to: &doc)
            return (doc.quotes, nil)
        } catch {
            return (nil, error.message)
        }
    }

    /// `"kind": "bogus"` became `direct`, and an `entity` without its `name` was dropped: the
    /// record written said something the plugin had not.
    @Test func aKindOrAnEntityTextMillCannotKeepFailsTheDocument() throws {
        let mayor = "{\"start\": 35, \"end\": 44, \"entity\": 1, \"name\": \"the mayor\"}"
        #expect(applied(try answer(kind: "\"bogus\"", speaker: mayor)).error
            == "a quote's \"kind\" must be one of direct, mixed, indirect, not \"bogus\"")
        #expect(applied(try answer(kind: "3", speaker: mayor)).error
            == "a quote's \"kind\" must be one of direct, mixed, indirect, not 3")
        #expect(applied(try answer(kind: "\"direct\"", speaker: "{\"start\": 35, \"end\": 44, \"entity\": 1}")).error
            == "the speaker's \"entity\" must be an integer from 1 given with a string \"name\" (or null), not 1 with no name")
        #expect(applied(try answer(kind: "\"direct\"", speaker: "{\"start\": 35, \"end\": 44, \"entity\": \"one\", \"name\": \"the mayor\"}")).error
            == "the speaker's \"entity\" must be an integer from 1 given with a string \"name\" (or null), not \"one\" with \"the mayor\"")
        // The schema's entities start at 1: -1 and 0 were written as they came, breaking it.
        for id in ["-1", "0"] {
            #expect(applied(try answer(kind: "\"direct\"", speaker: "{\"start\": 35, \"end\": 44, \"entity\": \(id), \"name\": \"the mayor\"}")).error
                == "the speaker's \"entity\" must be an integer from 1 given with a string \"name\" (or null), not \(id) with \"the mayor\"")
        }
    }

    /// What a plugin may leave out stays as before: no `kind` is a direct quotation, a null
    /// `entity` is no entity.
    @Test func aMissingKindOrANullEntityIsKept() throws {
        let cases: [(kind: String?, speaker: String, expected: Quote)] = [
            (nil, "{\"start\": 35, \"end\": 44}",
             Quote(span: Span(1, 32), kind: .direct, speaker: Mention(span: Span(35, 44)), cue: Mention(span: Span(45, 49)))),
            ("null", "{\"start\": 35, \"end\": 44, \"entity\": null, \"name\": null}",
             Quote(span: Span(1, 32), kind: .direct, speaker: Mention(span: Span(35, 44)), cue: Mention(span: Span(45, 49)))),
            ("\"indirect\"", "{\"start\": 35, \"end\": 44, \"entity\": 2, \"name\": \"Mayor Ana Ruiz\"}",
             Quote(span: Span(1, 32), kind: .indirect, speaker: Mention(span: Span(35, 44), entity: SpeakerEntity(id: 2, name: "Mayor Ana Ruiz")),
                   cue: Mention(span: Span(45, 49)))),
        ]
        for c in cases {
            let result = applied(try answer(kind: c.kind, speaker: c.speaker))
            expectEqual(result.error, nil, "\(c.kind ?? "no kind")")
            expectEqual(result.quotes, [c.expected], "\(c.kind ?? "no kind")")
        }
    }
}
