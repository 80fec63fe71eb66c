import Foundation
import Testing
@testable import TextMill

/// A page whose title is too long to find the headline by is counted ("titles too long to match
/// a headline") whatever source gives its text. Until session 37 a page whose article came out
/// empty, its text taken from a fallback (visible prose), went uncounted.
@Suite struct TitleTooLongCountTests {
    static let longTitle = "<html><head><title>" + String(repeating: "a", count: 2_000) + "</title></head><body>"
    static let shortLines = "<div>Ferry times</div><div>Monday 9:00</div><div>Tuesday 10:00</div></body></html>"

    /// Cleanup of each page in its own file; the stage's counts in the stats file and the texts.
    func clean(_ pages: [String: String]) throws -> (counts: String?, texts: [String?]) {
        let dir = TemporaryDirectory()
        for (name, html) in pages { dir.write("in/\(name)", html) }
        dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nstages: [cleanup]\n")
        let r = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(r.status, 0, "\(r.stderr)")
        let stats = try JSONParser.parse(dir.read("out/corpus.stats.json")).objectValue
        let counts = stats?["stages"]?.arrayValue?.first?.objectValue?["counts"]?.jsonText
        return (counts, try dir.records("out/corpus.jsonl").map { $0["text"]?.stringValue })
    }

    /// A page of short lines (its text from the visible-prose fallback) and an article, each
    /// under a long title, are both counted; the same page under a short title is not.
    @Test func aLongTitleIsCountedWhateverSourceGivesTheText() throws {
        let story = "<article><p>The harbour board voted on Monday to dredge the inner harbour in May, before the summer boats arrive.</p></article></body></html>"
        let long = try clean(["a-lines.html": Self.longTitle + Self.shortLines, "b-article.html": Self.longTitle + story])
        expectEqual(long.counts, #"{"html_documents":2,"paragraphs":4,"titles_too_long_to_match_a_headline":2}"#)
        expectEqual(long.texts, ["Ferry times\n\nMonday 9:00\n\nTuesday 10:00",
                                 "The harbour board voted on Monday to dredge the inner harbour in May, before the summer boats arrive."])
        let short = try clean(["a-lines.html": "<html><head><title>Timetable</title></head><body>" + Self.shortLines])
        expectEqual(short.counts, #"{"html_documents":1,"paragraphs":3}"#)
    }

    /// A page whose body holds no text (its text is the title, from the whole tree) is counted.
    @Test func aPageWithNoTextInItsBodyIsCounted() throws {
        let empty = try clean(["a-empty.html": Self.longTitle + "<script>show()</script></body></html>"])
        expectEqual(empty.counts, #"{"html_documents":1,"paragraphs":1,"titles_too_long_to_match_a_headline":1}"#)
        expectEqual(empty.texts, [String(repeating: "a", count: 2_000)])
    }
}
