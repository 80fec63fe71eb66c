import Testing
@testable import TextMill

/// The report page's figures from `NAME.stats.json` when the file is not one this version wrote:
/// another version's file (a `version`, no `run`) is said to be one, and a figure that is not a
/// number, or a negative one (no run writes one: the file was edited), is shown as "–" and named,
/// never shown as a count.
@Suite struct ReportStatsFiguresTests {
    /// The page of the test corpus with `stats` as its stats file.
    static func page(stats: String) throws -> String {
        let dir = TemporaryDirectory()
        let output = CorpusReportTests.writeCorpus(dir)
        dir.write("out/corpus.stats.json", stats)
        return try CorpusReport.build(output: output).html
    }

    static func note(_ text: String) -> String { "<p class=\"note\">" + HTMLText.escape(text) + ".</p>" }

    @Test func anOldVersionsFileIsSaidToBeOne() throws {
        let html = try ReportStatsFiguresTests.page(stats: #"{"version":1}"#)
        #expect(html.contains(ReportStatsFiguresTests.note("the stats file is of another version of TextMill (its \"version\" is 1; this version writes none), so its figures may not mean what this page's rows do; the next 'textmill run' replaces it")))
        #expect(html.contains(#"<td id="glance-run-failed">–</td>"#))
    }

    @Test func aNewerVersionsFiguresAreShownWithTheNote() throws {
        let html = try ReportStatsFiguresTests.page(stats: #"{"version":3,"run":{"documents":10,"failed":3}}"#)
        #expect(html.contains(ReportStatsFiguresTests.note("the stats file is of another version of TextMill (its \"version\" is 3; this version writes none), so its figures may not mean what this page's rows do; the next 'textmill run' replaces it")))
        #expect(html.contains(#"<td id="glance-run-failed">3</td>"#))
    }

    @Test func aFileWithNoRunIsOfAnotherVersion() throws {
        let html = try ReportStatsFiguresTests.page(stats: #"{"figures":{"failed":3}}"#)
        #expect(html.contains(ReportStatsFiguresTests.note("the stats file is of another version of TextMill (it has no \"run\" object, which this version writes), so it gives no figures here; the next 'textmill run' replaces it")))
    }

    @Test func aFigureThatIsNotANumberIsNotShownAsACount() throws {
        let stats = #"""
        {"run":{"files":7,"documents":"10","written":1,"filtered":1,"marked":"two","failed":"ten","megabytes":"big","seconds":0.25},
         "stages":[{"stage":"cleanup","line":4,"documents":true,"failed":1,"seconds":0.01,"megabytes_per_second":1.5,"counts":{"pages":"2","links":3}}]}
        """#
        let html = try ReportStatsFiguresTests.page(stats: stats)
        for cell in [#"<td id="glance-run-failed">–</td>"#, #"<td id="glance-run-documents">–</td>"#,
                     #"<td id="glance-run-filtered">–</td>"#, #"<td id="glance-run-files">7</td>"#,
                     "<tr><td>cleanup</td><td>4</td><td>–</td><td>1</td><td>0.01</td><td>1.5</td><td>pages –, links 3</td></tr>"] {
            #expect(html.contains(cell), "\(cell)")
        }
        #expect(!html.contains(">ten<") && !html.contains("MB in"))
        #expect(html.contains(ReportStatsFiguresTests.note("6 figures of the stats file are not numbers and are shown as –: run.documents (\"10\"), run.marked (\"two\"), run.failed (\"ten\"), run.megabytes (\"big\"), stages[0].documents (true) and 1 more")))
    }

    /// A stats file edited by hand to negative counts: the page showed "documents in -5",
    /// "-1.5 s", "the output holds -9 (-10 kept from earlier runs)" and the previous run's
    /// "documents 4 → -5, change -9" as figures of the run.
    @Test func aNegativeFigureIsNotShownAsACount() throws {
        let stats = #"""
        {"output":{"path":"out/corpus.jsonl","records":-9},"run":{"files":7,"documents":-5,"written":1,"duplicates":3,"failed":-3,"megabytes":0.01,"seconds":-1.5},
         "stages":[{"stage":"cleanup","line":4,"documents":-2,"failed":1,"seconds":0.01,"megabytes_per_second":1.5,"counts":{"pages":-7,"links":3}}],
         "previous":{"run":{"files":6,"documents":4,"failed":-1}}}
        """#
        let html = try ReportStatsFiguresTests.page(stats: stats)
        for cell in [#"<td id="glance-run-documents">–</td>"#, #"<td id="glance-run-failed">–</td>"#,
                     #"<td id="glance-run-files">7</td>"#, #"<td id="glance-run-duplicates">3</td>"#,
                     "<tr><td>cleanup</td><td>4</td><td>–</td><td>1</td><td>0.01</td><td>1.5</td><td>pages –, links 3</td></tr>",
                     "<tr><th>files</th><td>6</td><td>7</td><td>+1</td></tr>"] {
            #expect(html.contains(cell), "\(cell)")
        }
        #expect(!html.contains("MB in") && !html.contains("kept from earlier runs") && !html.contains("<th>documents</th><td>4</td>"))
        #expect(html.contains(ReportStatsFiguresTests.note("7 figures of the stats file are negative, which no run writes (the file was edited or damaged since), and are shown as –: run.documents (-5), run.failed (-3), run.seconds (-1.5), output.records (-9), stages[0].documents (-2) and 2 more; the next 'textmill run' replaces it")))
    }

    /// The change column is worked out from the figures as written: a run of 0.05 s after one of
    /// 0.011 s changed by "+0.03900000000000001" on the page (binary floating point), 1.1 MB to
    /// 1.3 MB by "+0.19999999999999996".
    @Test func aChangeHasNoMorePlacesThanItsFigures() throws {
        let stats = #"""
        {"run":{"files":1,"documents":1,"megabytes":1.3,"seconds":0.05,"megabytes_per_second":26},
         "previous":{"run":{"files":3,"documents":3,"megabytes":1.1,"seconds":0.011,"megabytes_per_second":100.25}}}
        """#
        let html = try ReportStatsFiguresTests.page(stats: stats)
        let start = try #require(html.range(of: "<table class=\"changes\">"))
        let end = try #require(html.range(of: "</table>", range: start.upperBound..<html.endIndex))
        expectEqual(String(html[start.upperBound..<end.lowerBound]),
                    "<thead><tr><th></th><th>previous run</th><th>this run</th><th>change</th></tr></thead><tbody>"
                    + "<tr><th>files</th><td>3</td><td>1</td><td>-2</td></tr><tr><th>documents</th><td>3</td><td>1</td><td>-2</td></tr>"
                    + "<tr><th>megabytes</th><td>1.1</td><td>1.3</td><td>+0.2</td></tr><tr><th>seconds</th><td>0.011</td><td>0.05</td><td>+0.039</td></tr>"
                    + "<tr><th>megabytes_per_second</th><td>100.25</td><td>26</td><td>-74.25</td></tr></tbody>")
    }

    /// A run never writes more records than the output holds after it: such figures give no
    /// count of records kept from earlier runs (it said "-4 kept").
    @Test func moreWrittenThanTheOutputHoldsGivesNoKeptCount() throws {
        let html = try ReportStatsFiguresTests.page(stats: #"{"output":{"records":1},"run":{"written":5}}"#)
        #expect(!html.contains("kept from earlier runs") && !html.contains("holds 1 ("))
    }

    @Test func aFileThisVersionWroteHasNoNote() throws {
        let html = try ReportStatsFiguresTests.page(stats: CorpusReportTests.stats)
        #expect(!html.contains("another version") && !html.contains("not a number"))
        #expect(html.contains(#"<td id="glance-run-failed">3</td>"#))
    }
}
