import Foundation
import Testing
@testable import TextMill

/// Numbers an input controls that pass 32 bits: a page libxml2 is given (its length a C `int`),
/// the scalar offsets a record writes for a text past 2^31 scalars, and the counts a dedup
/// record and the dedup index keep in 32 bits. Each either holds a full-width number or is
/// refused where it enters, with the reason; the refusals are tested at limits tests lower.
@Suite struct WideCountBoundsTests {
    // MARK: libxml2's length

    static let page = "<html><head><title>Ferry budget</title></head><body><p>The harbour council agreed the ferry budget on Monday night.</p></body></html>"

    /// libxml2's parse calls take the length as an `int`: past 2 GiB − 1 the length was clamped
    /// and the rest of the page dropped without a word. Such a file is refused unread.
    @Test func markupOverTheLengthLibxml2TakesIsRefusedUnread() throws {
        expectEqual(MarkupTagLimits.standard.maxBytes, Int(Int32.max))
        let bytes = Array(Self.page.utf8)
        var limits = MarkupTagLimits()
        limits.maxBytes = bytes.count
        try limits.check(bytes, xml: false)
        limits.maxBytes = bytes.count - 1
        var messages: [String] = []
        for xml in [false, true] {
            do { try limits.check(bytes, xml: xml); messages.append("passed") } catch { messages.append(error.message) }
        }
        expectEqual(messages, [
            "the HTML is 133 bytes, above the 132 bytes libxml2 can parse (it takes a 32-bit length): refused unread; split the file into smaller ones",
            "the XML is 133 bytes, above the 132 bytes libxml2 can parse (it takes a 32-bit length): refused unread; split the file into smaller ones",
        ])
    }

    // MARK: Scalar offsets in the record

    /// A text of 2^31 + 4 KiB bytes, one "é" first and NUL bytes after it (untouched pages of
    /// an anonymous mapping: the kernel's zero page, no memory), so its scalars pass 2^31. The
    /// offset table kept 32-bit counts: every offset past 2^31 scalars came out negative.
    @Test func scalarOffsetsPast2To31AreExact() throws {
        let count = (1 << 31) + 4_096
        guard let map = mmap(nil, count, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0), map != MAP_FAILED else {
            Issue.record("mmap of \(count) bytes failed: errno \(errno)")
            return
        }
        defer { munmap(map, count) }
        let base = map.assumingMemoryBound(to: UInt8.self)
        base[0] = 0xC3; base[1] = 0xA9  // "é"
        let text = UnsafeBufferPointer(start: UnsafePointer(base), count: count)
        let probes = [0, 1, 2, 64, Int(Int32.max), Int(Int32.max) + 1, (1 << 31) + 1, count - 1, count]
        let got = OffsetTable.with(text) { table in probes.map { table[$0] } }
        // Before byte i: i bytes, less the one continuation byte of "é" once i passes it.
        expectEqual(got, probes.map { $0 >= 2 ? $0 - 1 : $0 })
    }

    // MARK: The quotes word table

    /// The quotes word table packs a word's id in 26 bits: lists of more distinct words (36
    /// lexicon files of up to 64 MB can hold them) wrapped an id into another word's, silently.
    /// Such lists are a config error naming `lexicon_files`; lists at the limit load.
    @Test func lexiconListsOverTheWordTableAreAConfigError() throws {
        let builtIn = QuotesLexicon.standard.table.count
        let extra = ["first_names": ["Zebulonia", "Quillamora"]]
        var message = "loaded"
        do { _ = try QuotesLexicon(extra: extra, maxWords: builtIn + 1) } catch let error as StageSetupError {
            message = error.message + " (option \(error.option ?? "none"))"
        }
        expectEqual(message, "the lexicon lists hold more than \(builtIn + 1) distinct words (or 2 GiB of them), the most the quotes word table can number "
                    + "(a word's id is 26 bits): shorten the lists in lexicon_files (option lexicon_files)")
        expectEqual(try QuotesLexicon(extra: extra, maxWords: builtIn + 2).table.count, builtIn + 2)
        expectEqual(QuoteWordTable.maxKeys, (1 << 26) - 2)
    }

    // MARK: zlib's 32-bit counts

    static let story = "The harbour council agreed the ferry budget on Monday night after a long debate about fares, timetables and the new crane at the north quay.\n"

    /// zlib counts its input in 32 bits: a record line of 4 GiB or more (716 MB of control
    /// characters, each written `\u0001`), handed to it whole, trapped. The writer hands it
    /// pieces of at most `maxFeed` bytes, the flush after the last: the same text comes back.
    @Test func theGzipWriterFeedsZlibInPieces() throws {
        expectEqual(GzipWriter().maxFeed, Int(UInt32.max))
        let text = Array(String(repeating: Self.story, count: 40).utf8)
        var read: [[UInt8]] = []
        for feed in [Int(UInt32.max), 7, 1] {
            let writer = GzipWriter(level: 4)
            writer.maxFeed = feed
            let gz = writer.compress(text) + writer.compress(text) + writer.sync() + writer.compress(text) + writer.finish()
            read.append(try HTTPBody.inflate(gz, windowBits: 31, limit: 1 << 20).get())
        }
        expectEqual(read, Array(repeating: text + text + text, count: 3))
    }

    /// zlib reads a compressed HTTP body in pieces of at most `maxFeed` bytes (a body of 4 GiB
    /// or more, handed whole, trapped): two gzip members, the second starting inside a piece or
    /// across two, and a body cut short, read as they are read whole.
    @Test func zlibReadsACompressedBodyInPieces() throws {
        let first = GzipWriter(), second = GzipWriter()
        let twoMembers = first.compress(Array(Self.story.utf8)) + first.finish() + second.compress(Array("Second member.".utf8)) + second.finish()
        expectEqual(try HTTPBody.inflateStreaming(twoMembers, windowBits: 31, limit: 1 << 20).get(), Array((Self.story + "Second member.").utf8))
        for body in [twoMembers, Array(twoMembers.prefix(twoMembers.count - 20))] {
            let whole = HTTPBody.inflateStreaming(body, windowBits: 31, limit: 1 << 20)
            for feed in [1, 2, 3, 5, 7, 64] {
                expectEqual(HTTPBody.inflateStreaming(body, windowBits: 31, limit: 1 << 20, maxFeed: feed), whole, "pieces of \(feed) bytes")
            }
        }
    }

    /// A read into a buffer of 4 GiB or more (the WARC reader's buffer grown for one huge
    /// record) gave zlib its size as a 32-bit count: a trap. The buffer is an anonymous mapping
    /// (untouched pages cost no memory); the read fills it with the whole text.
    @Test func aGzipReadIntoA4GiBBufferGetsItsText() throws {
        let count = (1 << 32) + 4_096
        guard let map = mmap(nil, count, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0), map != MAP_FAILED else {
            Issue.record("mmap of \(count) bytes failed: errno \(errno)")
            return
        }
        defer { munmap(map, count) }
        let writer = GzipWriter()
        let text = Array(String(repeating: Self.story, count: 3).utf8)
        let stream = try GzipStream(MemoryStream(writer.compress(text) + writer.finish()))
        let n = try stream.read(into: UnsafeMutableRawBufferPointer(start: map, count: count))
        expectEqual(Array(UnsafeRawBufferPointer(start: map, count: n)), text)
    }

    // MARK: Dedup's 32-bit counts

    /// A document whose dedup record would hold more values than its 29-bit count can say fails
    /// alone, with the reason; one at the limit is indexed.
    @Test func aDedupRecordOverItsCountFailsItsDocumentAlone() throws {
        let stage = try F.stage()
        let index = try stage.state.withEngine { try $0.openIndex() }
        let short = "The harbour council agreed the ferry budget on Monday night after a long debate."
        let long = short + " The ferry will run twice a day from April, and the council will review the fares in the autumn."
        var fingerprinter = Fingerprinter(settings: FingerprintSettings())
        // Its shingles, and the key of its one paragraph (short enough to be boilerplate) and their number.
        let shortValues = fingerprinter.fingerprint(Array(short.utf8)).shingleHashes.count + 2
        index.maxRecordValues = shortValues
        var context = StageContext()
        expectEqual(try F.process(stage, [("short", short)], context: &context).map(\.mark), [nil])
        var message = "passed"
        do { _ = try F.process(stage, [("long", long)], context: &context) } catch let error as DocumentError { message = error.message }
        expectEqual(shortValues, 12)
        expectEqual(message, "the document's dedup record would hold 31 values (29 distinct shingles and 1 short paragraphs' keys), above the 12 a record can hold "
                    + "(its count is 29 bits of a 32-bit word): split the document into smaller ones to deduplicate it")
        expectEqual(index.count, 1)
        expectEqual(try DedupIndex(settings: FingerprintSettings(), directory: nil).maxRecordValues, (1 << 29) - 1)
    }

    /// The index numbers its documents in 32 bits (`UInt32.max` marks an empty slot): past its
    /// last number a document fails with the reason, and those indexed stay.
    @Test func aFullDedupIndexFailsFurtherDocumentsAlone() throws {
        let stage = try F.stage()
        let index = try stage.state.withEngine { try $0.openIndex() }
        index.maxDocuments = 2
        let texts = ["The harbour council agreed the ferry budget on Monday night after a long debate.",
                     "Fishermen at the north quay said the new crane has cut their unloading time by half.",
                     "The school board will publish the inspection report for the primary school on Friday."]
        var context = StageContext()
        expectEqual(try F.process(stage, [("a", texts[0]), ("b", texts[1])], context: &context).map(\.mark), [nil, nil])
        var message = "passed"
        do { _ = try F.process(stage, [("c", texts[2])], context: &context) } catch let error as DocumentError { message = error.message }
        expectEqual(message, "the dedup index holds 2 documents, the most its 32-bit document numbers can count: deduplicate further documents into another index (another output)")
        expectEqual(index.count, 2)
        expectEqual(try DedupIndex(settings: FingerprintSettings(), directory: nil).maxDocuments, Int(UInt32.max) - 1)
    }
}
