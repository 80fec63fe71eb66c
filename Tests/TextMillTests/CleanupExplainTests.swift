import Foundation
import Testing
@testable import TextMill

/// `HTMLCleaner.explain` (what `textmill-bench cleanup --explain` prints) on a page where no
/// element scores as an article: the weak choice is no element at all, and the trace says so
/// instead of reading the prose of element -1 (it trapped there on ten pages of the sets).
@Suite struct CleanupExplainTests {
    static let page = """
        <html><head><title>Harbour ferry winter timetable</title></head><body>
        <div class="notice"><h2>Harbour ferry winter timetable</h2>
        <div>Weekdays 07:10 and 17:40</div>
        <div>Saturdays 09:00 only</div></div>
        </body></html>
        """

    @Test func explainsAPageWhereNoElementScores() {
        let cleaner = HTMLCleaner(settings: ExtractionSettings(), readMetadata: true)
        let trace = cleaner.explain(Array(Self.page.utf8)).split(separator: "\n").map(String.init)
        expectEqual(trace, [
            "best containers: ",
            "headline's element #1: 74 bytes outside links, prose 0 (weak choice's 0)",
            "weak choice: element #-1 score 0; named or headline's element #1",
            "container: element #1 score -15",
            "+ [heading #2 hint 0 good -5] Harbour ferry winter timetable",
            "+ [division #3 hint 0 good -5] Weekdays 07:10 and 17:40",
            "+ [division #4 hint 0 good -5] Saturdays 09:00 only",
        ])
    }
}
