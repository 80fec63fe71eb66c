import Foundation
import Testing
@testable import TextMill

/// Files named by options are checked when the config is: a device, a FIFO or a directory is a
/// config error at the option's line (exit 2), and `validate` never blocks on a FIFO.
@Suite struct OptionFileTests {
    /// `textmill validate` on a config whose cleanup `residue_file` (line 5, column 21) is `path`.
    func validate(residueFile path: String, in dir: TemporaryDirectory) throws -> CommandLineTests.Result {
        let config = dir.write("p.yaml", "input: in/\noutput: out.jsonl\nstages:\n  - cleanup:\n      residue_file: \(path)\n  - normalize\n")
        return try CommandLineTests().textmill(["validate", config], in: dir.path)
    }

    func expectRefused(_ path: String, _ what: String, in dir: TemporaryDirectory) throws {
        let r = try validate(residueFile: path, in: dir)
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("""
            p.yaml:5:21: error: stage 'cleanup' cannot start: option 'residue_file' names '\(path)', which is \(what), \
            not a regular file; give the path of a text file
            """), "stderr was: \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func deviceIsRefusedAtTheOptionLine() throws {
        try expectRefused("/dev/zero", "a character device", in: TemporaryDirectory())
    }

    @Test func fifoIsRefusedWithoutBlocking() throws {
        let dir = TemporaryDirectory()
        expectEqual(mkfifo(dir.file("rules.fifo"), 0o600), 0)
        try expectRefused("rules.fifo", "a FIFO (named pipe)", in: dir)
    }

    @Test func directoryIsRefused() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.file("rules"), withIntermediateDirectories: true)
        try expectRefused("rules", "a directory", in: dir)
    }

    @Test func everyLexiconOptionGoesThroughTheCheck() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.file("lists"), withIntermediateDirectories: true)
        let config = dir.write("p.yaml", """
            input: in/
            output: out.jsonl
            stages:
              - cleanup: {hints_file: lists}
              - normalize
              - sentences: {abbreviations_file: lists}
              - quotes:
                  lexicon_files:
                    reporting_verbs: /dev/zero
            """)
        let r = try CommandLineTests().textmill(["validate", config], in: dir.path)
        expectEqual(r.status, 2)
        let lines = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
            .map { $0.replacingOccurrences(of: dir.path + "/", with: "") }
        expectEqual(lines, [
            "p.yaml:4:27: error: stage 'cleanup' cannot start: option 'hints_file' names 'lists', which is a directory, not a regular file; give the path of a text file",
            "p.yaml:6:37: error: stage 'sentences' cannot start: option 'abbreviations_file' names 'lists', which is a directory, not a regular file; give the path of a text file",
            "p.yaml:9:26: error: stage 'quotes' cannot start: option 'lexicon_files.reporting_verbs' names '/dev/zero', which is a character device, not a regular file; give the path of a text file",
        ])
    }

    @Test func regularFileIsReadWhole() throws {
        let dir = TemporaryDirectory()
        dir.write("rules.txt", "# residue\nSubscribe to our newsletter\n")
        let bytes = try OptionFile.read("rules.txt", option: "residue_file", environment: PipelineEnvironment(baseDirectory: dir.path))
        expectEqual(String(decoding: bytes, as: UTF8.self), "# residue\nSubscribe to our newsletter\n")
        #expect(throws: StageSetupError.self) {
            try OptionFile.read("rules.txt", option: "residue_file", environment: PipelineEnvironment(baseDirectory: dir.path), maxBytes: 10)
        }
    }

    /// A file named by an option is read as a `.txt` input is: UTF-8 (a byte-order mark before it
    /// dropped), or UTF-16 with a byte-order mark. One saved in cp1252 was read with U+FFFD in
    /// place of its letters (quotes' lexicons and cleanup's residue rules), so its entries matched
    /// nothing and the config was taken without a word; `sentences` refused it without its place.
    @Test func aFileInAnotherEncodingIsRefusedAtItsFirstBadByte() throws {
        let dir = TemporaryDirectory()
        dir.write("verbs.txt", Array("# verbs\nsaid\nerkl".utf8) + [0xE4] + Array("rte\n".utf8))
        dir.write("rules.txt", Array("Abonnez-vous \u{E0} la lettre\nN".utf8) + [0xB0] + Array(" 1\n".utf8))
        dir.write("abbreviations.txt", [0x4E, 0x72, 0x0A, 0xFF])
        let config = dir.write("p.yaml", """
            input: in/
            output: out.jsonl
            stages:
              - cleanup: {residue_file: rules.txt}
              - normalize
              - sentences: {abbreviations_file: abbreviations.txt}
              - quotes:
                  lexicon_files:
                    reporting_verbs: verbs.txt
            """)
        let r = try CommandLineTests().textmill(["validate", config], in: dir.path)
        expectEqual(r.status, 2)
        let lines = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
            .map { $0.replacingOccurrences(of: dir.path + "/", with: "") }
        let convert = "the file is in another encoding; convert it first, e.g. iconv -f cp1252 -t utf-8"
        expectEqual(lines, [
            "p.yaml:4:29: error: stage 'cleanup' cannot start: option 'residue_file' names 'rules.txt', which holds invalid UTF-8 (byte 0xB0 at line 2, column 2): \(convert)",
            "p.yaml:6:37: error: stage 'sentences' cannot start: option 'abbreviations_file' names 'abbreviations.txt', which holds invalid UTF-8 (byte 0xFF at line 2, column 1): \(convert)",
            "p.yaml:9:26: error: stage 'quotes' cannot start: option 'lexicon_files.reporting_verbs' names 'verbs.txt', which holds invalid UTF-8 (byte 0xE4 at line 3, column 5): \(convert)",
        ])
        // The mark an editor writes first is no part of the first entry; UTF-16 with its mark is read.
        let environment = PipelineEnvironment(baseDirectory: dir.path)
        dir.write("marked.txt", [0xEF, 0xBB, 0xBF] + Array("said\nwarned\n".utf8))
        expectEqual(try OptionFile.text("marked.txt", option: "residue_file", environment: environment), "said\nwarned\n")
        dir.write("wide.txt", [0xFF, 0xFE] + "said\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        expectEqual(try OptionFile.text("wide.txt", option: "residue_file", environment: environment), "said\n")
    }
}
