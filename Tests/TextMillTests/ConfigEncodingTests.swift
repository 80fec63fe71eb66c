import Foundation
import Testing
@testable import TextMill

/// A config saved by an editor that writes a byte-order mark first (Windows' "UTF-8 with BOM"):
/// YAML allows the mark at the start of a stream, but the parser took it for text, and the config
/// failed at its second line, "did not find expected <document start>", which said nothing of the
/// mark. A config in UTF-16 is refused as before, now saying how to convert it.
@Suite struct ConfigEncodingTests {
    static let pipeline = "input: in/\noutput: out/corpus.jsonl\nstages:\n  - normalize: {form: NFKC}\n  - sentences\n"

    @Test func aByteOrderMarkBeforeTheConfigIsNoText() throws {
        let dir = TemporaryDirectory()
        let plain = dir.write("plain.yaml", ConfigEncodingTests.pipeline)
        let marked = dir.write("marked.yaml", [0xEF, 0xBB, 0xBF] + Array(ConfigEncodingTests.pipeline.utf8))
        let a = try ConfigLoader().load(path: plain)
        let b = try ConfigLoader().load(path: marked)
        expectEqual(b.inputs, ["in/"])
        expectEqual(b.output, "out/corpus.jsonl")
        expectEqual(b.stages.map(\.name), a.stages.map(\.name))
        let validate = try CommandLineTests().textmill(["validate", "marked.yaml"], in: dir.path)
        expectEqual(validate.status, 0, "\(validate.stderr)")
        #expect(validate.stdout.hasPrefix("marked.yaml: OK\n"))
        // A mistake on the first line is shown at the column the editor shows.
        dir.write("wrong.yaml", [0xEF, 0xBB, 0xBF] + Array("inptu: in/\noutput: out/corpus.jsonl\nstages: [sentences]\n".utf8))
        do {
            _ = try ConfigLoader().load(path: dir.file("wrong.yaml"))
            Issue.record("an unknown key was taken")
        } catch {
            expectEqual(error.diagnostics.first.map { "\($0.line):\($0.column) \($0.message)" }, "1:1 unknown key 'inptu'")
        }
    }

    @Test func aConfigInUTF16SaysHowToConvertIt() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("wide.yaml", [0xFF, 0xFE] + ConfigEncodingTests.pipeline.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        do {
            _ = try ConfigLoader().load(path: path)
            Issue.record("a UTF-16 config was read")
        } catch {
            expectEqual(error.diagnostics.map(\.description), ["""
                \(path): error: the config file is not UTF-8 text
                  save it as UTF-8 (an editor's "UTF-8" encoding), e.g. iconv -f utf-16 -t utf-8 \(path) > pipeline.yaml
                """])
        }
    }
}
