import Foundation
import Testing
@testable import TextMill

/// A JSONL file compressed by another program than gzip (`.zst`, `.bz2`, `.xz`: what a corpus
/// download often is) is named for what it is, with the command that makes gzip of it. Until
/// session 36 each was "this is a binary file (a NUL byte at byte 8), not text", which said
/// neither what the file was nor what to do.
@Suite struct CompressedInputTests {
    /// The one line `{"id":"w1","text":"The ferry crossed the harbour twice on Sunday."}`, as
    /// zstd 1.5, bzip2 1.0 and xz 5.4 compress it.
    static let compressed: [(name: String, hex: String, program: String, decompress: String)] = [
        ("wire.jsonl.zst",
            "28b52ffd24442102007b226964223a227731222c2274657874223a225468652066657272792063726f73736564207468" +
            "6520686172626f7572207477696365206f6e2053756e6461792e227d0ac54a1743",
         "zstd", "zstd -dc"),
        ("wire.jsonl.bz2",
            "425a6839314159265359b8405afa0000215b800010500520100c003f619eea2000488a6d134319103d26f5218c069a00" +
            "00d33d0b696f6777a650d5640caae6e297d54eb126c7dcee4c68981150f149aa00423f1251000125785dc914e14242e1" +
            "016be8",
         "bzip2", "bzip2 -dc"),
        ("wire.jsonl.xz",
            "fd377a585a000004e6d6b4460200210116000000742fe5a30100437b226964223a227731222c2274657874223a225468" +
            "652066657272792063726f737365642074686520686172626f7572207477696365206f6e2053756e6461792e227d0a00" +
            "fc8880623ac7bb1b00015c44fa2239471fb6f37d010000000004595a",
         "xz", "xz -dc"),
    ]

    /// The bytes a string of hexadecimal digits stands for.
    static func bytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }

    @Test func dataCompressedByAnotherProgramSaysHowToMakeGzipOfIt() throws {
        let dir = TemporaryDirectory()
        for file in Self.compressed { dir.write("in/" + file.name, Self.bytes(file.hex)) }
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [sentences]\n", in: dir)
        expectEqual(summary.failed, 3)
        let reasons = try dir.records("out/corpus.errors.jsonl").map { ($0["id"]?.stringValue ?? "") + ": " + ($0["reason"]?.stringValue ?? "") }
        expectEqual(reasons, Self.compressed.sorted { $0.name < $1.name }.map { file in
            dir.file("in/" + file.name) + ": this is a binary file (\(file.program)-compressed data, which TextMill does not decompress: recompress it with gzip, "
                + "e.g. \(file.decompress) FILE | gzip > FILE.gz, whose .gz name is read transparently), not text; remove it from the input or name it for what it is"
        })
    }

    /// A text that starts with the letters of bzip2's mark ("BZh") is text.
    @Test func aTextThatStartsLikeBzip2IsText() {
        #expect(RawBytes.problem(Array("BZh9 is the name of the file format.\n".utf8), format: .text) == nil)
    }
}
