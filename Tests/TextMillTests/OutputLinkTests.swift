import Foundation
import Testing
@testable import TextMill

/// An output (or a side file, or `report`'s page) that is a symbolic link is refused before
/// anything is read (exit 2), naming the link's target and what to give instead: the commit
/// renames a new file into place, which replaced the link by a plain file and left the target
/// with its old records under exit 0.
struct OutputLinkTests {
    /// A folder with one input file, an earlier corpus at runs/real.jsonl, and `out.jsonl`
    /// linking to it.
    func setUp() throws -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "Harbor City opened its new ferry terminal on Monday.\n")
        dir.write("p.yaml", "input: in\noutput: unused.jsonl\nstages: [normalize]\n")
        dir.write("runs/real.jsonl", "{\"id\":\"earlier\",\"text\":\"the records of an earlier run\"}\n")
        try FileManager.default.createSymbolicLink(atPath: dir.file("out.jsonl"), withDestinationPath: "runs/real.jsonl")
        return dir
    }

    func isLink(_ path: String) -> Bool {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType) == .typeSymbolicLink
    }

    @Test func anOutputThatIsALinkIsRefusedNamingItsTarget() throws {
        let dir = try setUp()
        let r = try CommandLineTests().textmill(["run", "p.yaml", "-o", "out.jsonl", "-q"], in: dir.path)
        expectEqual(r.status, 2)
        let target = dir.file("runs/real.jsonl")
        #expect(r.stderr.contains("the output 'out.jsonl' is a symbolic link to '\(target)': a run replaces its files whole"), "\(r.stderr)")
        #expect(r.stderr.contains("give the target itself (--output '\(target)'), or remove the link"), "\(r.stderr)")
        #expect(isLink(dir.file("out.jsonl")), "the link stays a link")
        expectEqual(dir.read("runs/real.jsonl"), "{\"id\":\"earlier\",\"text\":\"the records of an earlier run\"}\n")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out.errors.jsonl")), "nothing is written")
        #expect(!FileManager.default.fileExists(atPath: dir.file(".out.textmill")))
        // The target named as the message says is written as any output.
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-o", target, "-q"], in: dir.path).status, 0)
        #expect(dir.read("runs/real.jsonl").contains("ferry terminal"))
    }

    /// `--dry-run` printed the plan of a run ("new: in/a.txt", exit 0) that the run itself then
    /// refused: it refuses the same outputs with the same words, before reading anything.
    @Test func aDryRunRefusesWhatTheRunRefuses() throws {
        let dir = try setUp()
        let target = dir.file("runs/real.jsonl")
        let dry = try CommandLineTests().textmill(["run", "p.yaml", "-o", "out.jsonl", "--dry-run"], in: dir.path)
        expectEqual(dry.status, 2)
        #expect(dry.stderr.contains("the output 'out.jsonl' is a symbolic link to '\(target)': a run replaces its files whole"), "\(dry.stderr)")
        expectEqual(dry.stdout, "")
        #expect(isLink(dir.file("out.jsonl")))
        // An output that is a folder, and an input that is the output: refused as by the run.
        let folder = try CommandLineTests().textmill(["run", "p.yaml", "-o", "runs", "--dry-run"], in: dir.path)
        expectEqual(folder.status, 2)
        #expect(folder.stderr.contains("the output 'runs' is a folder"), "\(folder.stderr)")
        let same = try CommandLineTests().textmill(["run", "p.yaml", "-i", target, "-o", target, "--dry-run"], in: dir.path)
        let run = try CommandLineTests().textmill(["run", "p.yaml", "-i", target, "-o", target, "-q"], in: dir.path)
        expectEqual(same.status, run.status)
        expectEqual(same.stderr, run.stderr)
        // The target itself is previewed as before.
        let fine = try CommandLineTests().textmill(["run", "p.yaml", "-o", target, "--dry-run"], in: dir.path)
        expectEqual(fine.status, 0, "\(fine.stderr)")
        #expect(fine.stdout.contains("in/a.txt"), "\(fine.stdout)")
        expectEqual(dir.read("runs/real.jsonl"), "{\"id\":\"earlier\",\"text\":\"the records of an earlier run\"}\n")
    }

    @Test func aLinkToNothingIsRefusedAndNothingIsCreated() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "Harbor City opened its new ferry terminal on Monday.\n")
        dir.write("p.yaml", "input: in\noutput: unused.jsonl\nstages: [normalize]\n")
        try FileManager.default.createSymbolicLink(atPath: dir.file("out.jsonl"), withDestinationPath: "gone/real.jsonl")
        let r = try CommandLineTests().textmill(["run", "p.yaml", "-o", "out.jsonl", "-q"], in: dir.path)
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("the output 'out.jsonl' is a symbolic link to 'gone/real.jsonl'"), "\(r.stderr)")
        #expect(isLink(dir.file("out.jsonl")))
        #expect(!FileManager.default.fileExists(atPath: dir.file("gone")))
    }

    @Test func aSideFileThatIsALinkIsRefused() throws {
        let dir = try setUp()
        try FileManager.default.removeItem(atPath: dir.file("out.jsonl"))
        try FileManager.default.createSymbolicLink(atPath: dir.file("out.errors.jsonl"), withDestinationPath: "runs/real.jsonl")
        let r = try CommandLineTests().textmill(["run", "p.yaml", "-o", "out.jsonl", "-q"], in: dir.path)
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("the output's side file 'out.errors.jsonl' is a symbolic link to '\(dir.file("runs/real.jsonl"))'"), "\(r.stderr)")
        #expect(r.stderr.contains("remove the link (the side files are written beside the output, named after it)"))
        #expect(isLink(dir.file("out.errors.jsonl")))
        #expect(!FileManager.default.fileExists(atPath: dir.file("out.jsonl")))
    }

    @Test func aReportPageThatIsALinkIsRefused() throws {
        let dir = try setUp()
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-o", "corpus.jsonl", "-q"], in: dir.path).status, 0)
        dir.write("pages/page.html", "")
        try FileManager.default.createSymbolicLink(atPath: dir.file("page.html"), withDestinationPath: "pages/page.html")
        let r = try CommandLineTests().textmill(["report", "corpus.jsonl", "--out", "page.html"], in: dir.path)
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("the page's path 'page.html' is a symbolic link to '\(dir.file("pages/page.html"))'"), "\(r.stderr)")
        #expect(isLink(dir.file("page.html")))
        expectEqual(dir.read("pages/page.html"), "")
    }
}
