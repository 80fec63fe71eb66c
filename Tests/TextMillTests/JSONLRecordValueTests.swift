import Foundation
import Testing
@testable import TextMill

/// What a JSONL record's values mean to TextMill, as a downstream reader means them: a number
/// id is its value (`1`, `1.0` and `1e0` are one document), a `meta` that is no object is kept
/// and counted (not a failed record), and invalid UTF-8 in a line says what to do.
@Suite struct JSONLRecordValueTests {
    static let council = "The council voted on the budget today. Members said the plan was fair to every district."
    static let ferry = "The harbor ferry schedule will change next month, officials said at the port office."
    static let oaks = "Gardeners planted two hundred young oaks along the river path in the northern park."

    /// Every spelling of one value, one text; checked against the value Python's `decimal` reads.
    @Test func canonicalSpellings() {
        let cases: [(String, String?)] = [
            ("1", "1"), ("1.0", "1"), ("1e0", "1"), ("10E-1", "1"), ("0.1e1", "1"), ("1.000e+0", "1"),
            ("-0", "0"), ("0.0e5", "0"), ("-0.0", "0"), ("0", "0"), ("-12", "-12"), ("120", "120"), ("1.2e2", "120"),
            ("1.5", "1.5"), ("15e-1", "1.5"), ("0.001", "0.001"), ("1e-6", "0.000001"), ("1e-7", "1e-7"), ("12e-8", "1.2e-7"),
            ("1e20", "100000000000000000000"), ("1e21", "1000000000000000000000"), ("123456789012345678901234", "123456789012345678901234"),
            ("1e63", "1" + String(repeating: "0", count: 63)), ("1e64", "1e+64"), ("1.5e64", "1.5e+64"), ("123456789012345678901234567890.5", "123456789012345678901234567890.5"),
            ("12345678901234567890", "12345678901234567890"), ("1e400", "1e+400"), ("10e399", "1e+400"),
            ("1e0000000000000000001", "10"), ("1e1234567890123456", nil),
            ("", nil), ("-", nil), ("1.", nil), (".5", nil), ("1e", nil), ("1e+", nil), ("0x10", nil), ("1 ", nil),
        ]
        for (text, expected) in cases {
            expectEqual(JSONNumberText.canonical(text), expected, "\(text)")
        }
    }

    /// `1`, `1.0` and `1e0` are one number to jq, Python's json and DuckDB: one id, "1". Until
    /// session 34 they were three ids, "1", "1.0" and "1e0", and three documents passed the
    /// check of reused ids (and dedup's index) as different records. The spelling that differs
    /// is kept in `input` and counted.
    @Test func numberIDsEqualAsNumbersAreOneID() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", """
            {"id": 1, "text": "\(Self.council)"}
            {"id": 1.0, "text": "\(Self.ferry)"}
            {"id": 1e0, "text": "\(Self.council)"}
            {"id": 2.50, "text": "\(Self.oaks)"}

            """)
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [dedup]\n", in: dir)
        expectEqual(summary.exitStatus, 1)
        let out = try dir.records("out/corpus.jsonl")
        expectEqual(out.map { $0["id"]?.stringValue }, ["1", "2.5"])
        expectEqual(out.map { $0["input"] }, [nil, .object(JSONObject([("id", .number("2.50"))]))])
        // The ferry's record under 1.0 is refused for its id, as under "1"; the council's copy
        // under 1e0 is an exact duplicate of "1".
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.map { $0["id"]?.stringValue }, ["1"])
        expectEqual(errors.map { $0["stage"]?.stringValue }, ["write"])
        expectEqual(errors.map { $0["source"]?.objectValue?["record"] }, [2])
        // The reason names the id the record wrote too: "the id '1'" alone named no id of line 2.
        expectEqual(errors.map { $0["reason"]?.stringValue }, ["the id '1' (the record wrote it 1.0) is already used by an earlier record of this run's output; "
            + "ids in an output are unique, so this record is not written: give each record its own id (dedup, when it runs, sends exact copies to the duplicates file instead)"])
        let dupes = try dir.records("out/corpus.duplicates.jsonl")
        expectEqual(dupes.map { $0["id"]?.stringValue }, ["1"])
        expectEqual(dupes.map { $0["input"] }, [.object(JSONObject([("id", .number("1e0"))]))])
        expectEqual(dupes.first?["duplicate"]?.objectValue?["of"], "1")
        expectEqual(summary.inputFieldsMoved, ["id": 3])
    }

    /// `"meta": null` (or a string, a list) failed its record ("\"meta\" must be an object, not
    /// null"), where the README says input fields round-trip: it is kept as it came under
    /// `input.meta` and counted under `meta`. A `"metadata": null` and `"quotes": null` keep
    /// their ways: the first passes through, the second is kept under `input`.
    @Test func aMetaThatIsNoObjectIsKeptUnderInput() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", """
            {"id": "a", "text": "\(Self.council)", "meta": null}
            {"id": "b", "text": "\(Self.ferry)", "meta": "wire copy", "metadata": {"url": "https://coastal.example/ferry"}}
            {"id": "c", "text": "\(Self.oaks)", "meta": [1, 2], "metadata": null, "quotes": null}

            """)
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [sentences]\n", in: dir)
        expectEqual(summary.exitStatus, 0)
        let out = try dir.records("out/corpus.jsonl")
        expectEqual(out.map { $0["id"]?.stringValue }, ["a", "b", "c"])
        expectEqual(out.map { $0["meta"] }, [.object(JSONObject()), .object(JSONObject([("url", "https://coastal.example/ferry")])), .object(JSONObject())])
        expectEqual(out.map { $0["input"] }, [.object(JSONObject([("meta", .null)])), .object(JSONObject([("meta", "wire copy")])),
                                              .object(JSONObject([("quotes", .null), ("meta", .array([1, 2]))]))])
        expectEqual(out.map { $0["metadata"] }, [nil, nil, .null])
        expectEqual(summary.inputFieldsMoved, ["meta": 3, "metadata": 1, "quotes": 1])
    }

    /// Invalid UTF-8 in a JSONL line named its column only ("invalid UTF-8 in a JSON string
    /// (column 22)"); it now says what to do, as a `.txt` file's message and the UTF-16 and
    /// byte-order-mark messages do.
    @Test func invalidUTF8SaysWhatToDo() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", Array("{\"id\": \"a\", \"text\": \"Caf".utf8) + [0xE9] + Array(" opens.\"}\n{\"id\": \"b\", \"text\": \"\(Self.oaks)\"}\n".utf8))
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [sentences]\n", in: dir)
        expectEqual(summary.exitStatus, 1)
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.map { $0["reason"]?.stringValue }, [
            "line 1 is not valid JSON: invalid UTF-8 in a JSON string (column 25): byte 0xE9 is not UTF-8, and JSON text must be: "
            + "if the whole file is in another encoding, convert it first, e.g. iconv -f cp1252 -t utf-8 FILE > FIXED; if only some "
            + "lines are, drop their invalid bytes, e.g. iconv -c -f utf-8 -t utf-8 FILE > FIXED",
        ])
        expectEqual(errors.first?["column"]?.intValue, 25)
        // A lone surrogate's bytes keep their own message, which names the surrogate.
        expectEqual(JSONLReader.invalidUTF8Advice([0x22, 0xED, 0xA0, 0x80, 0x22], at: 1), nil)
        expectEqual(JSONLReader.invalidUTF8Advice(Array("\"ok\"".utf8), at: 1), nil)
    }
}
