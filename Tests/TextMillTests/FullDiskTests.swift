import Foundation
import Testing
@testable import TextMill

/// A full disk (ENOSPC) while a run writes: it exits 3 with a message naming the file, the
/// previous outputs stay intact (every line a whole record, byte for byte what they were), and the
/// next run, with space again, ends with exactly the records of an uninterrupted run.
///
/// Two ways to fill the disk: `TEXTMILL_FAIL_WRITE=NAME:N` (the N-th write to the file NAME
/// writes half its bytes and fails with ENOSPC; runs everywhere), and a real tmpfs that is too
/// small (needs root to mount; the test says so and returns where mounting is refused).
@Suite(.serialized) struct FullDiskTests {
    /// Text files from the sample captures (each a different copy), a JSONL file and an
    /// empty file (which fails: one line in the errors file).
    func corpus(_ dir: TemporaryDirectory, _ texts: Range<Int>, into folder: String = "in", jsonlAndEmpty: Bool = true) {
        // Each capture up to the last line break in its first 12 KB.
        let samples = Repo.sampleTexts.map { path in
            let bytes = Repo.bytes(path)
            return Array(bytes[..<((bytes.prefix(12_000).lastIndex(of: 0x0A) ?? bytes.count - 1) + 1)])
        }
        for i in texts {
            dir.write(String(format: "\(folder)/doc-%03d.txt", i), Array("Copy \(i) of a capture\n\n".utf8) + samples[i % samples.count])
        }
        guard jsonlAndEmpty else { return }
        var jsonl = ""
        for i in 0..<60 { jsonl += "{\"id\": \"wire-\(i)\", \"text\": \"Record \(i): the harbour authority said berths would reopen on Friday.\"}\n" }
        dir.write("\(folder)/a-wire.jsonl", jsonl)
        dir.write("\(folder)/a-empty.txt", "")
    }

    func config(_ dir: TemporaryDirectory, input: String = "in", output: String, main: String = "corpus.jsonl", stages: String = "[normalize]") -> String {
        dir.write("p-\(UUID().uuidString).yaml", "input: \(dir.file(input))\noutput: \(output)/\(main)\nstages: \(stages)\n")
    }

    struct Outcome { var status: Int32; var stderr: String }

    /// Runs the binary, with `TEXTMILL_FAIL_WRITE` when `failWrite` is given.
    func textmill(_ config: String, failWrite: String? = nil) throws -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        p.arguments = ["run", config, "--jobs", "2", "--checkpoint-mb", "0.05", "--quiet"]
        var env = ProcessInfo.processInfo.environment
        env["TEXTMILL_FAIL_WRITE"] = failWrite
        p.environment = env
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Outcome(status: p.terminationStatus, stderr: String(decoding: e, as: UTF8.self))
    }

    /// The three outputs' bytes (nil: the file does not exist).
    func outputs(_ folder: String, main: String) -> [Data?] {
        [main, "corpus.errors.jsonl", "corpus.duplicates.jsonl"].map { FileManager.default.contents(atPath: folder + "/" + $0) }
    }

    /// Every line of every output is a whole JSON record.
    func expectWholeRecords(_ folder: String, main: String, _ comment: Comment) {
        for (k, data) in outputs(folder, main: main).enumerated() {
            guard var bytes = data.map({ [UInt8]($0) }) else { continue }
            if k == 0 && main.hasSuffix(".gz") {
                var gz = GzipMemoryStream(bytes)
                guard let plain = try? gz.readAll(limit: 1 << 30) else {
                    Issue.record("torn gzip in \(main): \(comment)")
                    continue
                }
                bytes = plain
            }
            #expect(bytes.isEmpty || bytes.last == 0x0A, "a torn last line: \(comment)")
            for line in bytes.split(separator: 0x0A) where (try? JSONParser.parse(Array(line)).objectValue) == nil {
                Issue.record("a torn record: \(comment)")
                break
            }
        }
    }

    /// The message a failed write gives.
    func expectMessage(_ r: Outcome, names file: String, _ comment: Comment) {
        expectEqual(r.status, 3, "\(comment): \(r.stderr)")
        #expect(r.stderr.contains("could not write the outputs: cannot "), "\(comment): \(r.stderr)")
        #expect(r.stderr.contains("'\(file)"), "\(comment): the message names \(file): \(r.stderr)")
        #expect(r.stderr.contains("No space left on device"), "\(comment): \(r.stderr)")
        #expect(r.stderr.contains("free space and run again: the next run finishes the work"), "\(comment): \(r.stderr)")
    }

    /// No temporary file is left beside the outputs or in the state folder.
    func expectNoTemporaryFiles(_ folder: String, main: String, _ comment: Comment) throws {
        let state = folder + "/." + OutputFiles(output: main).name + ".textmill"
        var names = try FileManager.default.contentsOfDirectory(atPath: folder)
        names += (try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []
        #expect(!names.contains { $0.contains(".tmp") || $0.hasPrefix("next.") }, "\(comment): \(names)")
    }

    // MARK: An injected ENOSPC (everywhere)

    /// The pid a run writes into a lock file (the state folder's, the dedup index's) on a full
    /// disk: exit 3 naming the lock, the previous outputs untouched. The dedup lock's `ftruncate`
    /// and `pwrite` results were ignored, so the run went on with an empty lock file.
    @Test(arguments: [1, 2]) func aFullDiskUnderALockFileIsExitThree(nth: Int) throws {
        let dir = TemporaryDirectory()
        corpus(dir, 0..<6)
        let out = dir.file("out")
        let withDedup = config(dir, output: out, stages: "[normalize, {dedup: {index: \(dir.file("index"))}}]")
        expectEqual(try textmill(withDedup).status, 1)
        let previous = outputs(out, main: "corpus.jsonl")
        corpus(dir, 6..<9, jsonlAndEmpty: false)
        let failed = try textmill(withDedup, failWrite: "lock:\(nth)")
        expectEqual(failed.status, 3, "\(failed.stderr)")
        #expect(failed.stderr.contains("/lock"), "the message names the lock: \(failed.stderr)")
        #expect(failed.stderr.contains("No space left on device"), "\(failed.stderr)")
        expectEqual(outputs(out, main: "corpus.jsonl"), previous, "the previous outputs changed")
        expectEqual(try textmill(withDedup).status, 1)
    }

    /// The dedup index's record store (`records.bin`) on a full disk, here the folder dedup's
    /// `index` names on a tmpfs too small for it: exit 3 with the file named, as for every other
    /// file the run writes. It was exit 1 ("cannot write the dedup record store …"), the status of
    /// a run that finished with failed documents. The previous outputs stay intact, and once the
    /// disk has room the next run ends with the records (and the record store) of an
    /// uninterrupted run. A flush that fails while documents are added is tried again at the next
    /// checkpoint, so only a disk that stays full fails the run: a real one, not an injected write.
    @Test func aFullDiskUnderTheDedupRecordStoreIsExitThree() throws {
        guard let disk = Tmpfs(kilobytes: 64) else {
            print("FullDiskTests: skipped, mounting a tmpfs was refused (needs root)")
            return
        }
        let dir = TemporaryDirectory()
        corpus(dir, 0..<24)
        let out = dir.file("out"), ref = dir.file("ref")
        let store = disk.path + "/index/records.bin"
        expectEqual(try textmill(config(dir, output: ref, stages: "[normalize, {dedup: {index: \(dir.file("ref-index"))}}]")).status, 1)
        expectEqual(try textmill(config(dir, output: out)).status, 1)
        let previous = outputs(out, main: "corpus.jsonl")
        let withDedup = config(dir, output: out, stages: "[normalize, {dedup: {index: \(disk.path)/index}}]")

        let failed = try textmill(withDedup)
        expectMessage(failed, names: store, "records.bin")
        #expect(failed.stderr.contains("cannot write the dedup record store '\(store)': No space left on device"), "\(failed.stderr)")
        expectEqual(outputs(out, main: "corpus.jsonl"), previous, "the previous outputs changed")
        expectWholeRecords(out, main: "corpus.jsonl", "records.bin")

        #expect(disk.resize(kilobytes: 8192))
        let again = try textmill(withDedup)
        expectEqual(again.status, 1, "\(again.stderr)") // the empty file fails
        expectEqual(outputs(out, main: "corpus.jsonl"), outputs(ref, main: "corpus.jsonl"), "not the records of an uninterrupted run")
        expectEqual(FileManager.default.contents(atPath: store), FileManager.default.contents(atPath: dir.file("ref-index/records.bin")),
                "the record store is not the uninterrupted run's")
        try expectNoTemporaryFiles(out, main: "corpus.jsonl", "records.bin")
    }

    /// A full reprocess (a changed config) over earlier outputs: the failure comes while the
    /// part files, the journal, the commit or the outputs of a stateless run are written.
    @Test(arguments: [("part.output", 3, "corpus.jsonl"), ("part.errors", 1, "corpus.jsonl"), ("journal.jsonl", 2, "corpus.jsonl"),
                      ("manifest.pending.json.tmp", 1, "corpus.jsonl"), ("part.output", 2, "corpus.jsonl.gz")])
    func aFullDiskDuringAFullRunKeepsThePreviousOutputs(file: String, nth: Int, main: String) throws {
        let dir = TemporaryDirectory()
        corpus(dir, 0..<24)
        let out = dir.file("out"), ref = dir.file("ref")
        let before = config(dir, output: out, main: main)
        let after = config(dir, output: out, main: main, stages: "[normalize, sentences]")
        expectEqual(try textmill(config(dir, output: ref, main: main, stages: "[normalize, sentences]")).status, 1)
        expectEqual(try textmill(before).status, 1)
        let previous = outputs(out, main: main)

        let failed = try textmill(after, failWrite: "\(file):\(nth)")
        expectMessage(failed, names: file == "journal.jsonl" || file.hasPrefix("part.") || file.hasPrefix("manifest") ? "\(out)/.\(OutputFiles(output: main).name).textmill/\(file)" : file, "\(file):\(nth)")
        expectEqual(outputs(out, main: main), previous, "the previous outputs changed (\(file):\(nth))")
        expectWholeRecords(out, main: main, "\(file):\(nth)")

        let again = try textmill(after)
        #expect([0, 1].contains(again.status), "\(again.stderr)") // 1 when it redid a failed document
        expectEqual(outputs(out, main: main), outputs(ref, main: main), "not the records of an uninterrupted run (\(file):\(nth))")
        try expectNoTemporaryFiles(out, main: main, "\(file):\(nth)")
    }

    /// An incremental run that only adds files appends its records to the outputs in place: a
    /// write that fails there (half of the new bytes in) is cut back before the run exits, so the
    /// outputs are byte for byte the previous ones; the pending commit is finished by the next
    /// run. A changed file (the outputs rebuilt in `next.*`) fails the same way.
    @Test(arguments: [("corpus.jsonl", false), ("corpus.errors.jsonl", false), ("next.output", true)])
    func aFullDiskDuringAnIncrementalCommitKeepsThePreviousOutputs(file: String, changeOne: Bool) throws {
        let dir = TemporaryDirectory()
        corpus(dir, 0..<12)
        let out = dir.file("out"), ref = dir.file("ref")
        for folder in [out, ref] { expectEqual(try textmill(config(dir, output: folder)).status, 1) }
        corpus(dir, 12..<24, jsonlAndEmpty: false)
        dir.write("in/zz-bad.jsonl", "{\"id\": \"late\", \"text\": \n")
        if changeOne { dir.write("in/doc-003.txt", "A rewritten capture: the harbour reopened on Friday.\n") }
        expectEqual(try textmill(config(dir, output: ref)).status, 1)
        let previous = outputs(out, main: "corpus.jsonl")

        let failed = try textmill(config(dir, output: out), failWrite: file)
        let path = file.hasPrefix("next.") ? "\(out)/.corpus.textmill/\(file)" : "\(out)/\(file)"
        expectMessage(failed, names: path, "\(file)")
        expectEqual(outputs(out, main: "corpus.jsonl"), previous, "the previous outputs changed (\(file))")
        expectWholeRecords(out, main: "corpus.jsonl", "\(file)")

        let again = try textmill(config(dir, output: out))
        #expect([0, 1].contains(again.status), "\(again.stderr)") // 1 when it redid a failed document
        expectEqual(outputs(out, main: "corpus.jsonl"), outputs(ref, main: "corpus.jsonl"), "not the records of an uninterrupted run (\(file))")
        try expectNoTemporaryFiles(out, main: "corpus.jsonl", "\(file)")
        // The commit is complete: a run after it has nothing to do and changes nothing.
        let third = try textmill(config(dir, output: out))
        expectEqual(third.status, 1, "the empty file's failure is kept: \(third.stderr)")
        expectEqual(outputs(out, main: "corpus.jsonl"), outputs(ref, main: "corpus.jsonl"))
    }

    // MARK: A real full disk (tmpfs)

    /// A tmpfs of a given size, unmounted at the end; nil where mounting is refused.
    final class Tmpfs {
        let path: String

        init?(kilobytes: Int) {
            path = NSTemporaryDirectory() + "textmill-tmpfs-" + UUID().uuidString
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            guard Tmpfs.mount(["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path]) else {
                try? FileManager.default.removeItem(atPath: path)
                return nil
            }
        }

        /// Changes the size (it may not go below what is in use).
        func resize(kilobytes: Int) -> Bool { Tmpfs.mount(["-o", "remount,size=\(kilobytes)k", path]) }

        /// Kilobytes in use.
        var usedKilobytes: Int {
            var s = statvfs()
            guard statvfs(path, &s) == 0 else { return 0 }
            return Int(s.f_blocks - s.f_bfree) * Int(s.f_frsize) / 1024
        }

        deinit {
            _ = Tmpfs.mount(["-l", path], command: "/bin/umount")
            try? FileManager.default.removeItem(atPath: path)
        }

        static func mount(_ args: [String], command: String = "/bin/mount") -> Bool {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: command)
            p.arguments = args
            p.standardError = FileHandle.nullDevice
            p.standardOutput = FileHandle.nullDevice
            guard (try? p.run()) != nil else { return false }
            p.waitUntilExit()
            return p.terminationStatus == 0
        }
    }

    func bytes(_ folder: String, main: String) -> Int { outputs(folder, main: main).reduce(0) { $0 + ($1?.count ?? 0) } }

    /// A file size limit (`ulimit -f`) is a write that fails like a full disk: SIGXFSZ killed the
    /// process mid-write (status 153 from the shell, no message). Now exit 3 naming the file,
    /// "File too large", the previous outputs byte for byte, and the next run without the limit
    /// ends with the records of an uninterrupted run.
    @Test func aFileSizeLimitIsAWriteErrorNotAKill() throws {
        let dir = TemporaryDirectory()
        let out = dir.file("out"), ref = dir.file("ref")
        corpus(dir, 0..<4)
        for folder in [out, ref] { expectEqual(try textmill(config(dir, output: folder, main: "corpus.jsonl")).status, 1) }
        corpus(dir, 4..<40, jsonlAndEmpty: false)
        expectEqual(try textmill(config(dir, output: ref, main: "corpus.jsonl")).status, 1, "the empty file's failure is kept")
        let previous = outputs(out, main: "corpus.jsonl")
        let limited = Process()
        limited.executableURL = URL(fileURLWithPath: "/bin/sh")
        // 200 blocks of 512 bytes: above every file of the first run, below the new part file.
        limited.arguments = ["-c", "ulimit -f 200 && exec \"$0\" run \"$1\" --jobs 2 --quiet", CommandLineTests.binary, config(dir, output: out, main: "corpus.jsonl")]
        let err = Pipe()
        limited.standardError = err
        try limited.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        limited.waitUntilExit()
        #expect(limited.terminationReason == .exit && limited.terminationStatus == 3, "\(limited.terminationReason) \(limited.terminationStatus): \(stderr)")
        #expect(stderr.hasPrefix("textmill: could not write the outputs: cannot ") && stderr.contains("'\(out)/"), "\(stderr)")
        #expect(stderr.contains("File too large") && stderr.contains("allow larger files (ulimit -f) and run again: the next run finishes the work"), "\(stderr)")
        expectEqual(outputs(out, main: "corpus.jsonl"), previous, "the previous outputs changed")
        let again = try textmill(config(dir, output: out, main: "corpus.jsonl"))
        #expect([0, 1].contains(again.status), "\(again.stderr)")
        expectEqual(outputs(out, main: "corpus.jsonl"), outputs(ref, main: "corpus.jsonl"), "not the records of an uninterrupted run")
    }

    /// The in-place append on a tmpfs with room for the new part files but not for appending
    /// them too: exit 3 naming the output, the previous outputs byte for byte, and after the
    /// tmpfs grows, the records of an uninterrupted run. With plain and gzip output.
    @Test(arguments: ["corpus.jsonl", "corpus.jsonl.gz"])
    func aRealFullDiskDuringAnAppendKeepsThePreviousOutputs(main: String) throws {
        guard let disk = Tmpfs(kilobytes: 4096) else {
            print("FullDiskTests: skipped, mounting a tmpfs was refused (needs root)")
            return
        }
        let dir = TemporaryDirectory()
        let ref = dir.file("ref"), out = disk.path + "/out"
        corpus(dir, 0..<12)
        for folder in [out, ref] { expectEqual(try textmill(config(dir, output: folder, main: main)).status, 1) }
        let small = bytes(ref, main: main)
        corpus(dir, 12..<36, jsonlAndEmpty: false)
        expectEqual(try textmill(config(dir, output: ref, main: main)).status, 1, "the empty file's failure is kept")
        let added = bytes(ref, main: main) - small
        let previous = outputs(out, main: main)
        // Room for the new records once (the part files) and a half, not twice (part + append).
        #expect(disk.resize(kilobytes: disk.usedKilobytes + added * 3 / 2 / 1024))

        let failed = try textmill(config(dir, output: out, main: main))
        expectMessage(failed, names: "\(out)/", "tmpfs \(main)")
        #expect(failed.stderr.contains("'\(out)/\(main)'"), "the append into the output failed: \(failed.stderr)")
        expectEqual(outputs(out, main: main), previous, "the previous outputs changed")
        expectWholeRecords(out, main: main, "tmpfs \(main)")

        #expect(disk.resize(kilobytes: 8192))
        let again = try textmill(config(dir, output: out, main: main))
        #expect([0, 1].contains(again.status), "\(again.stderr)") // 1 when it redid a failed document
        expectEqual(outputs(out, main: main), outputs(ref, main: main), "not the records of an uninterrupted run")
        try expectNoTemporaryFiles(out, main: main, "tmpfs \(main)")
    }

    /// A full reprocess (a changed config) on a tmpfs too small for its part files: exit 3, the
    /// previous outputs intact, and after the tmpfs grows, the records of an uninterrupted run.
    @Test func aRealFullDiskDuringAFullRunKeepsThePreviousOutputs() throws {
        guard let disk = Tmpfs(kilobytes: 4096) else {
            print("FullDiskTests: skipped, mounting a tmpfs was refused (needs root)")
            return
        }
        let dir = TemporaryDirectory()
        let ref = dir.file("ref"), out = disk.path + "/out"
        corpus(dir, 0..<36)
        let stages = "[normalize, sentences]"
        expectEqual(try textmill(config(dir, output: ref, stages: stages)).status, 1)
        expectEqual(try textmill(config(dir, output: out)).status, 1)
        let previous = outputs(out, main: "corpus.jsonl")
        #expect(disk.resize(kilobytes: disk.usedKilobytes + bytes(ref, main: "corpus.jsonl") / 2 / 1024))

        let failed = try textmill(config(dir, output: out, stages: stages))
        expectMessage(failed, names: "\(out)/.corpus.textmill/", "tmpfs full run")
        expectEqual(outputs(out, main: "corpus.jsonl"), previous, "the previous outputs changed")
        expectWholeRecords(out, main: "corpus.jsonl", "tmpfs full run")

        #expect(disk.resize(kilobytes: 8192))
        let again = try textmill(config(dir, output: out, stages: stages))
        #expect([0, 1].contains(again.status), "\(again.stderr)") // 1 when it redid a failed document
        expectEqual(outputs(out, main: "corpus.jsonl"), outputs(ref, main: "corpus.jsonl"), "not the records of an uninterrupted run")
        try expectNoTemporaryFiles(out, main: "corpus.jsonl", "tmpfs full run")
    }
    /// A run to stdout on a full disk (`/dev/full`) exits 3 and says what is true of it: what
    /// reached stdout is cut short and the next run starts over (it keeps no state). It said "the
    /// previous outputs are intact; … the next run finishes the work", which a run to stdout cannot keep.
    @Test func aRunToAFullStdoutSaysItsOutputIsCutShort() throws {
        let dir = TemporaryDirectory()
        corpus(dir, 0..<3, jsonlAndEmpty: false)
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { return }  // no /dev/full here: nothing to test
        let (status, stderr) = try textmillWithStandardOutput(["run", "-i", dir.file("in"), "-o", "-", "-q"], in: Repo.root, to: full)
        expectEqual(status, 3)
        expectEqual(stderr, "textmill: could not write the outputs: cannot write 'stdout': No space left on device. What reached stdout is cut short (its last line may be part of a record); free space and run again: a run to stdout keeps no state, so it starts over.\n")
    }

    /// A reader that closes the run's stdout early (`textmill run -o - | head -1`): SIGPIPE
    /// killed the run (status 141, no message, unless an exec stage in the config had set it
    /// aside), and the temporary copy of the errors file stayed in the working directory, its
    /// failures lost. Now it is a write error like a full disk: exit 3, what reached stdout is
    /// cut short, and no file left behind (since session 35 a run to stdout keeps no errors
    /// file: its failure was shown on stderr as it came).
    @Test func aRunWhoseStdoutReaderStopsEarlyExitsThreeAndLeavesNoFile() throws {
        let dir = TemporaryDirectory()
        var lines = "{\"text\": 12}\n"
        for n in 1...3000 { lines += "{\"id\": \"wire-\(n)\", \"text\": \"Story \(n): the harbor ferry will run twice a day from June, the port office said on Tuesday.\"}\n" }
        dir.write("in/wire.jsonl", lines)
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize, sentences]\n")
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        // SIGPIPE as a shell leaves it: this test process ignores it, and a child inherits that.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["--default-signal=PIPE", CommandLineTests.binary, "run", "p.yaml", "-o", "-", "-q", "-j", "1"]
        p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        let err = Pipe()
        p.standardOutput = pipe.fileHandleForWriting
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        try pipe.fileHandleForWriting.close()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        expectEqual(p.terminationReason, .exit, "killed by signal \(p.terminationStatus)")
        expectEqual(p.terminationStatus, 3)
        expectEqual(stderr, #"textmill: failed: {"id":"in/wire.jsonl#1","source":{"path":"in/wire.jsonl","format":"jsonl"},"stage":"read","reason":"line 1: \"text\" must be a string, not number","line":1}"# + "\n"
            + "textmill: could not write the outputs: cannot write 'stdout': Broken pipe. What reached stdout is cut short (its last line may be part of a record); fix the cause and run again: a run to stdout keeps no state, so it starts over.\n")
        expectEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["in", "p.yaml"])
    }

    /// An output that is a file named `stdout` is not the standard output: a run that cannot
    /// write there keeps its previous outputs and state, and says so (the message had been
    /// chosen by the name alone, and told such a run it would start over).
    @Test func anOutputNamedStdoutIsAFileNotTheStandardOutput() throws {
        let dir = TemporaryDirectory()
        corpus(dir, 0..<3, jsonlAndEmpty: false)
        _ = dir.write("stdout", "a file where the output's folder must be\n")
        let (status, stderr) = try textmillWithStandardOutput(["run", Repo.path("pipeline/default.yaml"), "-i", dir.file("in"), "-o", "stdout/corpus.jsonl", "-q"],
                                                              in: dir.path, to: FileHandle.nullDevice)
        expectEqual(status, 2)
        expectEqual(stderr, "textmill: 'stdout' is a file, where the run must make the folder of 'stdout/corpus.jsonl': nothing was read or written; move it away, or name another --output\n")
    }

    /// Runs textmill with `arguments` in the folder `cwd`, its standard output going to `stdout`
    /// (a file handle such as `/dev/full`): its exit status and what it wrote to stderr.
    private func textmillWithStandardOutput(_ arguments: [String], in cwd: String, to stdout: FileHandle) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        let err = Pipe()
        p.standardOutput = stdout
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, stderr)
    }
}
