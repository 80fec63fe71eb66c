import Foundation
import Testing
@testable import TextMill

/// A file a run replaces keeps the mode of the file it replaces (and its group where the run may
/// set it), as `sed -i` and editors do. An output made group-readable (`chmod 640`) for another
/// user's downstream job became 0600 after a run under `umask 077` that rewrote it (`--force`, a
/// changed config, any rewrite through a temporary file and a rename), and the job could no
/// longer read it; so did its side files, `NAME.stats.json`, the state files and exec's log.
@Suite(.serialized) struct ReplacedFileModeTests {
    static let nobody: uid_t = 65534

    /// Runs the built textmill in `dir` under `umask 077` (a cron job's or a systemd unit's),
    /// as `user` (with no extra groups) when given and the tests run as root.
    func textmill(_ args: [String], in dir: TemporaryDirectory, as user: uid_t? = nil) throws -> CommandLineTests.Result {
        try UnwritableOutputTests.run(args, in: dir, as: user, umask: "077")
    }

    /// Two short news texts, one of them not UTF-8 (an error record: each run exits 1), and a config that reads
    /// them into `out/NAME` through an exec plugin that writes to its log.
    func corpus(_ dir: TemporaryDirectory, output: String) {
        dir.write("in/a.txt", "Harbor City opened its new ferry terminal on Monday.\n\nThe mayor said the berths would reopen on Friday.\n")
        dir.write("in/b.txt", "The council approved the budget after a long night of debate.\n")
        dir.write("in/c.txt", [0x66, 0xff, 0xfe, 0x00, 0x41, 0x0a])
        dir.write("p.yaml", """
            input: in/
            output: out/\(output)
            stages:
              - normalize
              - exec: {command: [sh, -c, 'echo started >&2; exec cat']}
            """)
    }

    /// Every regular file in `out/` and the state folder, by path, with its mode and group.
    func modes(_ dir: TemporaryDirectory, state: String) -> [String: (mode: mode_t, group: gid_t)] {
        var found: [String: (mode: mode_t, group: gid_t)] = [:]
        for folder in ["out", "out/" + state] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.file(folder))) ?? [] {
                var st = stat()
                guard stat(dir.file(folder + "/" + name), &st) == 0, st.st_mode & S_IFMT == S_IFREG else { continue }
                found[folder + "/" + name] = (st.st_mode & 0o777, st.st_gid)
            }
        }
        return found
    }

    /// Every file a rewrite replaces keeps 0640: the output (plain and `.gz`), the errors side
    /// file, `NAME.stats.json`, the manifest and `config.json`, exec's log (whose 0640 `.1`
    /// stays 0640 too). A file the run makes anew follows the umask (0600).
    @Test(arguments: [("corpus.jsonl", ".corpus.textmill"), ("corpus.jsonl.gz", ".corpus.textmill")])
    func aRewriteKeepsTheModeOfEveryFileItReplaces(output: String, state: String) throws {
        let dir = TemporaryDirectory()
        corpus(dir, output: output)
        let first = try textmill(["run", "p.yaml"], in: dir)
        #expect(first.status == 1, "\(first.stderr)")
        // The plugin's log must exist before the second run for the second to replace it.
        _ = try textmill(["run", "p.yaml", "--force"], in: dir)
        for path in modes(dir, state: state).keys { chmod(dir.file(path), 0o640) }
        let before = modes(dir, state: state)
        for name in [output, "corpus.errors.jsonl", "corpus.stats.json", state + "/manifest.json", state + "/config.json", state + "/exec-sh.log", state + "/exec-sh.log.1"] {
            #expect(before["out/" + name] != nil, "out/\(name) is missing after two runs")
        }

        let forced = try textmill(["run", "p.yaml", "--force"], in: dir)
        #expect(forced.status == 1, "\(forced.stderr)")
        let after = modes(dir, state: state)
        for (path, old) in before where after[path] != nil {
            #expect(String(after[path]!.mode, radix: 8) == "640", "\(path) was \(String(old.mode, radix: 8)) before the run")
        }
        // A changed config rewrites by copying the kept records into next files.
        dir.write("in/d.txt", "The library will stay open late on Thursdays this winter.\n")
        try FileManager.default.removeItem(atPath: dir.file("in/a.txt"))
        let changed = try textmill(["run", "p.yaml"], in: dir)
        #expect(changed.status == 1, "\(changed.stderr)")
        let third = modes(dir, state: state)
        for path in ["out/" + output, "out/corpus.stats.json", "out/\(state)/manifest.json"] {
            #expect(third[path].map { String($0.mode, radix: 8) } == "640", "\(path)")
        }
    }

    /// A file new to the run follows the umask, as before.
    @Test func aNewOutputFollowsTheUmask() throws {
        let dir = TemporaryDirectory()
        corpus(dir, output: "corpus.jsonl")
        let run = try textmill(["run", "p.yaml"], in: dir)
        #expect(run.status == 1, "\(run.stderr)")
        let found = modes(dir, state: ".corpus.textmill")
        #expect(found["out/corpus.jsonl"].map { String($0.mode, radix: 8) } == "600")
        #expect(found["out/corpus.stats.json"].map { String($0.mode, radix: 8) } == "600")
    }

    /// The group is kept where the run may set it (root, here); a run by a user who is not in
    /// the file's group gets a file in its own group, without the group's access: the bits meant
    /// for one group are not handed to another.
    @Test func theGroupIsKeptOrItsAccessIsNotHandedToAnother() throws {
        guard getuid() == 0 else { return }
        let users: gid_t = 100
        let dir = TemporaryDirectory()
        corpus(dir, output: "corpus.jsonl")
        #expect(try textmill(["run", "p.yaml"], in: dir).status == 1)
        let output = dir.file("out/corpus.jsonl")
        chown(output, 0, users)
        chmod(output, 0o640)
        #expect(try textmill(["run", "p.yaml", "--force"], in: dir).status == 1)
        var st = stat()
        stat(output, &st)
        #expect(st.st_gid == users)
        #expect(String(st.st_mode & 0o777, radix: 8) == "640")

        // As nobody, not in group 0: the file it writes is in nobody's group, 0600.
        chmod(dir.path, 0o755)
        for name in FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String] ?? [] {
            lchown(dir.file(name), Self.nobody, 0)
        }
        chmod(output, 0o640)
        let asNobody = try textmill(["run", "p.yaml", "--force"], in: dir, as: Self.nobody)
        #expect(asNobody.status == 1, "\(asNobody.stderr)")
        stat(output, &st)
        #expect(st.st_gid == gid_t(Self.nobody))
        #expect(String(st.st_mode & 0o777, radix: 8) == "600")
    }
}
