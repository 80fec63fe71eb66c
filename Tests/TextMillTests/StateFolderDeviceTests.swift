import Foundation
import Testing
@testable import TextMill

/// A state folder on another file system than the output (`out/.corpus.textmill` a link to a
/// tmpfs): the commit renames the part files from it into place, so the run read everything and
/// then failed ("cannot rename to 'out/corpus.jsonl' 'out/.corpus.textmill/next.output': Invalid
/// cross-device link", exit 3, "the next run finishes the work"), and left a pending commit that
/// failed every run after it the same way (main 971bb81). Refused now before anything is read,
/// with what to do; the outputs stay as they were.
@Suite(.serialized) struct StateFolderDeviceTests {
    let cli = CommandLineTests()

    @Test func aStateFolderOnAnotherFileSystemIsRefusedBeforeAnythingIsRead() throws {
        guard let disk = FullDiskTests.Tmpfs(kilobytes: 1024) else {
            print("StateFolderDeviceTests: skipped, mounting a tmpfs was refused (needs root)")
            return
        }
        try stateElsewhereIsRefused(TemporaryDirectory(), under: disk.path)
    }

    /// A bind mount of the output's own file system (`mount --bind`): the same `st_dev`, so a
    /// check of the device alone let the run read everything and fail at the commit's rename
    /// (EXDEV: rename(2) stays within one mount), as on another file system.
    @Test func aStateFolderOnABindMountOfTheSameFileSystemIsRefused() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.file("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir.file("bound"), withIntermediateDirectories: true)
        guard FullDiskTests.Tmpfs.mount(["--bind", dir.file("elsewhere"), dir.file("bound")]) else {
            print("StateFolderDeviceTests: skipped, a bind mount was refused (needs root)")
            return
        }
        defer { _ = FullDiskTests.Tmpfs.mount(["-l", dir.file("bound")], command: "/bin/umount") }
        var inside = stat(), outside = stat()
        expectEqual(stat(dir.file("bound"), &inside), 0)
        expectEqual(stat(dir.path, &outside), 0)
        expectEqual(inside.st_dev, outside.st_dev, "a bind mount keeps the file system's device number")
        try stateElsewhereIsRefused(dir, under: dir.file("bound"))
    }

    /// Runs twice into `dir`, moves the state folder under `elsewhere` with a link in its place,
    /// and checks that `run --force` and `--dry-run` refuse it before anything is read, and that
    /// a run builds on the state once it is back.
    func stateElsewhereIsRefused(_ dir: TemporaryDirectory, under elsewhere: String) throws {
        dir.writeSampleTexts(count: 2)
        let config = dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nstages: [normalize, dedup]\n")
        expectEqual(try cli.textmill(["run", config, "--quiet"], in: dir.path).status, 0)
        let records = dir.read("out/corpus.jsonl")
        // The state moved to the other file system, a link left in its place.
        let moved = elsewhere + "/state"
        expectEqual(rename(dir.file("out/.corpus.textmill"), dir.file("state")), 0)
        try FileManager.default.copyItem(atPath: dir.file("state"), toPath: moved)
        try FileManager.default.createSymbolicLink(atPath: dir.file("out/.corpus.textmill"), withDestinationPath: moved)
        let manifest = FileManager.default.contents(atPath: moved + "/manifest.json")
        dir.writeSampleTexts(count: 3)
        let cause = "cannot rename files into 'out' from 'out/.corpus.textmill': it is on another file system or mount (a link or a mount puts it there), and a commit renames the state folder's files into place"
        let fix = "keep the state folder on the output's file system (remove the link or mount that puts it elsewhere)"
        // The run is refused before it reads anything: it says so, as --dry-run does (it said
        // "the previous outputs are intact; … the next run finishes the work" of a run that did none).
        let message = "a run could not write its outputs: \(cause); \(fix), then run again (nothing was read or written)"
        for command in [["run", config, "--force"], ["run", config, "--dry-run"]] {
            let r = try cli.textmill(command, in: dir.path)
            expectEqual(r.status, 3, "\(command): \(r.stderr)")
            expectEqual(r.stderr, "textmill: \(message)\n", "\(command)")
        }
        expectEqual(dir.read("out/corpus.jsonl"), records, "the outputs are as they were")
        expectEqual(FileManager.default.contents(atPath: moved + "/manifest.json"), manifest)
        expectEqual(try FileManager.default.contentsOfDirectory(atPath: moved).sorted(), try FileManager.default.contentsOfDirectory(atPath: dir.file("state")).sorted(),
                    "nothing was written in the state folder")

        // With the state back on the output's file system, the run builds on it.
        try FileManager.default.removeItem(atPath: dir.file("out/.corpus.textmill"))
        expectEqual(rename(dir.file("state"), dir.file("out/.corpus.textmill")), 0)
        let next = try cli.textmill(["run", config], in: dir.path)
        expectEqual(next.status, 0, "\(next.stderr)")
        #expect(next.stderr.contains("[incremental: 1 new, 0 changed, 0 deleted, 2 unchanged files]"), "\(next.stderr)")
    }
}
