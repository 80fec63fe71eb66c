import Foundation
import Testing
@testable import TextMill

@Suite struct DedupPersistenceTests {
    /// A near-duplicate of a fixture: syndication header, a dropped paragraph, a footer.
    func syndicated(_ text: String) -> String {
        var p = F.paragraphs(text)
        p[1] = "(Reuters) - " + p[1]
        p.remove(at: p.count / 2)
        p.append("Reporting by staff; Editing by the desk.")
        return F.join(p)
    }

    @Test func aSecondRunChecksAgainstEverythingTheFirstSaw() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try F.text("rfe-kazakh-activists"), b = try F.text("harbor-warehouse-fire")
        let first = try F.run(try F.stage(index: dir), [("run1/a", a), ("run1/b", b)])
        expectEqual(first.context.counters["index documents"], 2)
        #expect(FileManager.default.fileExists(atPath: dir + "/index.1.bin"))

        let c = try F.text("court-keeps-pension-file-sealed")
        let second = try F.run(try F.stage(index: dir), [
            ("run2/a-syndicated", syndicated(a)), ("run2/b-copy", F.restyled(b)), ("run2/c", c), ("run1/a", a),
        ])
        #expect(second.docs[0].mark?.of == "run1/a" && second.docs[0].mark?.kind == .near)
        expectEqual(second.docs[1].mark, DuplicateInfo(of: "run1/b", kind: .exact, similarity: 1))
        expectEqual(second.docs[2].mark, nil)
        // The same document again (same id, same text) is not its own duplicate.
        #expect(second.docs[3].mark == nil && second.docs[3].duplicate != nil)
        expectEqual(second.context.counters["already indexed"], 1)
        expectEqual(second.context.counters["index documents"], 3)

        // A third run sees the second run's unique document too.
        let third = try F.run(try F.stage(index: dir), [("run3/c", syndicated(c))])
        expectEqual(third.docs[0].mark?.of, "run2/c")
    }

    @Test func aChangedDocumentReplacesItsEarlierVersion() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try F.text("rfe-chinese-envoy-undiplomatic"), b = try F.text("court-keeps-pension-file-sealed")
        _ = try F.run(try F.stage(index: dir), [("doc", a)])
        let second = try F.run(try F.stage(index: dir), [("doc", b), ("copy-of-old", a)])
        expectEqual(second.docs[0].mark, nil)
        expectEqual(second.context.counters["changed since indexed"], 1)
        expectEqual(second.docs[1].mark, nil)  // the old version of "doc" is forgotten
    }

    @Test func theIndexSurvivesAKilledRun() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try F.text("rfe-kazakh-activists"), b = try F.text("rfe-chinese-envoy-undiplomatic")
        let c = try F.text("harbor-warehouse-fire")
        _ = try F.run(try F.stage(index: dir), [("a", a)])
        let saved = try Data(contentsOf: URL(fileURLWithPath: dir + "/index.1.bin"))

        // A run that dies before `finish`: records appended, never committed ...
        do {
            let doomed = try F.stage(index: dir)
            var context = StageContext()
            _ = try F.process(doomed, [("b", b), ("c", c)], context: &context)
        }
        // ... and a crash while writing the new index: a half-written temporary file, a torn record.
        let torn = FileManager.default.createFile(atPath: dir + "/index.2.bin.tmp.99999", contents: saved.prefix(saved.count / 2))
        try #require(torn)
        let records = try #require(FileHandle(forWritingAtPath: dir + "/records.bin"))
        records.seekToEndOfFile()
        records.write(Data([0x40, 0, 0, 0, 0xFF, 0xFF]))
        records.closeFile()

        let next = try F.run(try F.stage(index: dir), [("c2", syndicated(c)), ("a2", syndicated(a)), ("b", b)])
        expectEqual(next.docs[0].mark, nil)  // c was never committed
        expectEqual(next.docs[1].mark?.of, "a")  // a was, and its record reads back right
        expectEqual(next.docs[2].mark, nil)
        expectEqual(next.context.counters["index documents"], 3)
        #expect(!FileManager.default.fileExists(atPath: dir + "/index.2.bin.tmp.99999"))
        // And the index written after the crash loads again.
        let last = try F.run(try F.stage(index: dir), [("b-again", F.restyled(b))])
        expectEqual(last.docs[0].mark?.of, "b")
    }

    @Test func aDamagedIndexIsReportedNotTrusted() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try F.run(try F.stage(index: dir), [("a", try F.text("rfe-kazakh-activists"))])
        var bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/index.1.bin"))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: dir + "/index.1.bin"))
        var doc = Document(id: "x", text: "anything at all")
        var context = StageContext()
        let stage = try F.stage(index: dir)
        #expect { try stage.process(&doc, &context) } throws: { "\($0)".contains("is damaged") }
    }

    /// `records.bin` had no checksum: a damaged stored record gave a wrong decision in silence
    /// (a flipped bit in one shingle hash: its sorted merge went astray and the syndicated copy,
    /// Jaccard .78, was no duplicate; a flipped bit in the id: `duplicate.of` named "`", a
    /// document that never was; the id's length: `of` ran into the hashes). Each record now
    /// ends with its checksum, and its id is checked against the hash the index keeps: the
    /// document that meets a damaged record fails with the record store named and the step that
    /// works. An exact copy reads only the record's id (its exact key is in the index, whose
    /// checksum holds), so damage in the hashes leaves its decision right and unsaid.
    @Test(arguments: [("a shingle hash", 9 + 8 * 200 + 7, false), ("the id", 8, true), ("the value count", 5, true), ("the id length", 0, true)])
    func aDamagedRecordIsFoundWhenItIsReadBack(what: String, at offset: Int, exactReadsIt: Bool) throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try F.text("rfe-kazakh-activists")
        _ = try F.run(try F.stage(["boilerplate": false], index: dir), [("a", a)])
        let expected = "the dedup record store '\(dir)/records.bin' is damaged: its record at byte 0 does not read back as written; run again with --force to rebuild the index from the inputs"
        // Before the damage: the near copy and the exact copy are found.
        var checked = try F.run(try F.stage(["boilerplate": false], index: dir), [("near", syndicated(a)), ("exact", F.restyled(a))])
        expectEqual(checked.docs.map { $0.mark?.of }, ["a", "a"], "\(what)")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/records.bin"))
        bytes[offset] ^= 0x80
        try bytes.write(to: URL(fileURLWithPath: dir + "/records.bin"))
        for (copy, fails) in [(syndicated(a), true), (F.restyled(a), exactReadsIt)] {
            var doc = Document(id: "copy", text: copy)
            var context = StageContext()
            let stage = try F.stage(["boilerplate": false], index: dir)
            if fails {
                #expect("\(what)") { try stage.process(&doc, &context) } throws: { "\($0)" == expected }
            } else {
                try stage.process(&doc, &context)
                expectEqual(doc.mark, DuplicateInfo(of: "a", kind: .exact, similarity: 1), "\(what)")
            }
        }
        checked = try F.run(try F.stage(["boilerplate": false], index: dir), [("other", try F.text("harbor-warehouse-fire"))])
        expectEqual(checked.docs[0].mark, nil, "a document whose candidates do not include the damaged record is decided as before")
    }

    @Test func anIndexBuiltWithOtherSettingsIsRefusedWithTheDifference() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try F.run(try F.stage(index: dir), [("a", try F.text("rfe-kazakh-activists"))])
        let stage = try F.stage(["shingle_size": 7], index: dir)
        var doc = Document(id: "x", text: "anything at all")
        var context = StageContext()
        #expect { try stage.process(&doc, &context) } throws: { "\($0)".contains("shingle_size 5") && "\($0)".contains("shingle_size 7") }
    }

    @Test func aConcurrentRunOnTheSameIndexIsRefused() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try F.stage(index: dir)
        var context = StageContext()
        _ = try F.process(first, [("a", try F.text("rfe-kazakh-activists"))], context: &context)

        let second = try F.stage(index: dir)
        var doc = Document(id: "b", text: try F.text("rfe-chinese-envoy-undiplomatic"))
        var context2 = StageContext()
        #expect { try second.process(&doc, &context2) } throws: { error in
            let message = "\(error)"
            return message.contains("another textmill run (pid \(getpid()))") && message.contains(dir)
        }
        try first.finish(&context)
        // Once the first run is done, a new run may use the index; a lock file alone (left by a
        // killed run, whose lock the kernel dropped) does not stop it.
        #expect(FileManager.default.fileExists(atPath: dir + "/lock"))
        try "424242\n".write(toFile: dir + "/lock", atomically: false, encoding: .utf8)
        let third = try F.run(try F.stage(index: dir), [("a-copy", try F.text("rfe-kazakh-activists"))])
        expectEqual(third.docs[0].mark?.of, "a")
    }
}
