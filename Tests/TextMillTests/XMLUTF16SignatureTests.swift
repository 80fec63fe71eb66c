import Testing
@testable import TextMill

/// An XML file in UTF-16 without a byte-order mark is told by its first bytes, "<?" in UTF-16
/// (XML 1.0, appendix F; libxml2 and expat read it so). Until session 33 such a feed failed
/// whole as "this is a binary file (a NUL byte at byte 1), not text".
@Suite struct XMLUTF16SignatureTests {
    static let feed = """
        <?xml version="1.0" encoding="UTF-16"?>
        <rss version="2.0"><channel><title>Harbour news</title>
        <item><title>Ferry budget approved</title><description>Caf\u{E9} owners on the quay welcomed the ferry budget on Monday.</description></item>
        </channel></rss>

        """

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { unit -> [UInt8] in
            let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
            return bigEndian ? [high, low] : [low, high]
        }
    }

    @Test(arguments: [false, true])
    func theSignatureSaysUTF16AndItsByteOrder(bigEndian: Bool) {
        let (text, source) = TextDecoding.decode(Self.utf16(Self.feed, bigEndian: bigEndian), xml: true)
        expectEqual(String(decoding: text, as: UTF8.self), Self.feed)
        expectEqual(source, .xmlUTF16Signature(bigEndian ? "UTF-16BE" : "UTF-16LE"))
        // Only an XML file: HTML has no such signature in a browser, and is read as before.
        expectEqual(TextDecoding.decode(Self.utf16(Self.feed, bigEndian: bigEndian)).source, .utf8WithCP1252Fallback)
    }

    @Test func feedsInUTF16WithoutAMarkAreRead() throws {
        let dir = TemporaryDirectory()
        dir.write("in/le.rss", Self.utf16(Self.feed, bigEndian: false))
        dir.write("in/be.rss", Self.utf16(Self.feed, bigEndian: true))
        // A text file needs its mark still: "<?" is no sign of anything in plain text.
        dir.write("in/le.txt", Self.utf16("<?not a feed?>", bigEndian: false))
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages: [cleanup]
            """, in: dir)
        expectEqual(summary.exitStatus, 1)
        let records = try dir.records("out/corpus.jsonl")
        expectEqual(records.map { $0["id"]?.stringValue?.split(separator: "/").last.map(String.init) }, ["be.rss#1", "le.rss#1"])
        for record in records {
            expectEqual(record["text"]?.stringValue, "Caf\u{E9} owners on the quay welcomed the ferry budget on Monday.")
            expectEqual(record["meta"]?.objectValue?["title"]?.stringValue, "Ferry budget approved")
        }
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.map { $0["id"]?.stringValue?.split(separator: "/").last.map(String.init) }, ["le.txt"])
        expectEqual(errors.first?["reason"]?.stringValue, "this looks like UTF-16LE text without a byte-order mark (a NUL byte at byte 1 and at every second byte, as ASCII letters in UTF-16 have), which is read only with its mark: convert it to UTF-8, e.g. iconv -f utf-16le -t utf-8 FILE > FIXED")
    }
}
