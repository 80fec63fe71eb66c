import Testing
@testable import TextMill

/// The group keys of failed documents' reasons on the report page (`ErrorGroups.key`): the
/// byte scanner (`ReasonMask`) gives the keys the three regular expressions it replaced gave
/// (each expected key below was computed with main dda6e4e's NSRegularExpression masks).
@Suite struct ErrorReasonKeyTests {
    static let pinned: [(reason: String?, key: String)] = [
        (nil,
         "s: (no reason)"),
        ("",
         "s: "),
        ("no numbers here",
         "s: no numbers here"),
        ("invalid UTF-8 at byte 1234 of 'in/a b.txt'",
         "s: invalid UTF-N at byte N of '…'"),
        ("line 3, column 17: expected ':' after a key",
         "s: line N, column N: expected '…' after a key"),
        ("XML is not well formed at line 12, column 4 in \"feeds/wire.xml\"",
         "s: XML is not well formed at line N, column N in \"…\""),
        ("the file 'in/2026/12/06/story-17.html' vanished mid-run (errno 2)",
         "s: the file '…' vanished mid-run (errno N)"),
        ("a JSONL line of 268435457 bytes is over the 268435456-byte bound",
         "s: a JSONL line of N bytes is over the N-byte bound"),
        ("id 'doc-00042' repeats the id of line 9",
         "s: id '…' repeats the id of line N"),
        ("the exec stage took 3.25 s, over its 2.5 s bound",
         "s: the exec stage took N s, over its N s bound"),
        ("version 1.2.3 of 'plugin' at offset 0x1F",
         "s: version N.N of '…' at offset NxNF"),
        ("an unclosed 'quote at offset 7",
         "s: an unclosed 'quote at offset N"),
        ("it's a \"mixed 'case\" here'",
         "s: it'…'case\" here'"),
        ("path /data/2026/12/06/story-17.html (4.0 KB)",
         "s: path /data/N/N/N/story-N.html (N KB)"),
        ("id 123e4567-e89b-12d3-a456-426614174000 is taken",
         "s: id NeN-eNb-NdN-aN-N is taken"),
        ("a trailing dot 5. and .5 and 1.x and 10.25.3",
         "s: a trailing dot N. and .N and N.x and N.N"),
        ("unicode: café “12” ‘x’ 'é' ５ 1\u{FE0F}\u{20E3}",
         "s: unicode: café “N” ‘x’ '…' ５ N️⃣"),
        ("quoted over lines: 'a\nb' and \"c\r\nd\" end",
         "s: quoted over lines: '…' and \"…\" end"),
        ("'\u{301}x' combining and 1\u{301}2",
         "s: '…' combining and ŃN"),
        ("negative -3 and +4 and 1e9 and 3,000,000",
         "s: negative -N and +N and NeN and N,N,N"),
        ("'" + String(repeating: "x", count: 650) + "' end",
         "s: '" + String(repeating: "x", count: 159) + "…"),
        (String(repeating: "word 12 ", count: 40),
         "s: " + String(repeating: "word N ", count: 22) + "word N…"),
        (String(repeating: "é", count: 100),
         "s: " + String(repeating: "é", count: 100)),
        (String(repeating: "é", count: 700),
         "s: " + String(repeating: "é", count: 160) + "…"),
        ("exit status 137 from 'bin/tag.sh' (signal 9) after 12.5 s; stderr: \"out of memory at 0x7ff3\"",
         "s: exit status N from '…' (signal N) after N s; stderr: \"…\""),
    ]

    @Test func keysAreTheRegularExpressionsKeys() {
        for (reason, key) in ErrorReasonKeyTests.pinned {
            expectEqual(ErrorGroups.key(stage: "s", reason: reason), key, "reason \(String(describing: reason))")
        }
    }

    @Test func aFilterRuleNameIsNotMasked() {
        expectEqual(ErrorGroups.key(stage: "filter", reason: "too_few_words_50 'x'", mask: false), "filter: too_few_words_50 'x'")
    }

    /// Every quoted part and number of a reason is masked, however many it holds.
    @Test func everyQuoteAndNumberIsMasked() {
        let piece = "'a' \"b\" 12.5 "
        expectEqual(ReasonMask.masked(String(repeating: piece, count: 10)), String(repeating: "'…' \"…\" N ", count: 10))
        expectEqual(ReasonMask.masked(String(repeating: piece, count: 40)), String(repeating: "'…' \"…\" N ", count: 40))
    }
}
