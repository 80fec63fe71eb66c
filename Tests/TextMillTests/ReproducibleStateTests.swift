import Foundation
import Testing
@testable import TextMill

/// Two runs of the same input write the same bytes: the output, its side files and its state
/// folder (manifest, config, dedup index and records), and `NAME.stats.json` but for its times
/// and speeds (`seconds`, `megabytes_per_second`), the fields the README names as run-specific.
/// Each run is its own process, as a user's are: Swift seeds its hashing per process, so a file
/// written in a dictionary's order differs from run to run.
@Suite struct ReproducibleStateTests {
    /// A story with a footer shared by every story of the corpus, so dedup keeps paragraph counts.
    static func story(_ k: Int, _ body: String) -> String {
        "Story \(k)\n\n\(body)\n\nSubscribe to our newsletter for the harbour news every morning, straight to your inbox.\n\n"
            + "Copyright 2024 Harbour Gazette. All rights reserved. Reporting by the city desk.\n"
    }

    /// Every regular file under `folder` (hidden ones too), by path relative to it.
    static func files(_ folder: String) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let e = FileManager.default.enumerator(atPath: folder)
        while let name = e?.nextObject() as? String {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            out[name] = [UInt8](FileManager.default.contents(atPath: folder + "/" + name) ?? Data())
        }
        return out
    }

    /// The stats file without the fields that measure time.
    static func withoutTimes(_ bytes: [UInt8]) throws -> JSONValue {
        func strip(_ v: JSONValue) -> JSONValue {
            switch v {
            case .object(let o):
                return .object(JSONObject(o.compactMap { k, v in ["seconds", "megabytes_per_second"].contains(k) ? nil : (k, strip(v)) }))
            case .array(let a): return .array(a.map(strip))
            default: return v
            }
        }
        return strip(try JSONParser.parse(String(decoding: bytes, as: UTF8.self)))
    }

    @Test func twoRunsOfTheSameInputWriteTheSameStateAndSideFiles() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts(into: "in")
        let sample = Repo.text("input/rfe-kazakh-activists.txt")
        for k in 0..<12 {
            let paragraphs = sample.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            dir.write("in/story-\(k).txt", Self.story(k, paragraphs[(k * 2) % paragraphs.count] + "\n\n" + paragraphs[(k * 2 + 1) % paragraphs.count]))
        }
        dir.write("in/copy.txt", Self.story(3, "The council met on Monday night."))
        dir.write("in/empty.txt", "")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [cleanup, normalize, sentences, quotes, dedup]\n")
        let cli = CommandLineTests()
        var runs: [[String: [UInt8]]] = []
        for k in 0..<2 {
            let r = try cli.textmill(["run", "p.yaml", "-q", "-j", "2"], in: dir.path)
            expectEqual(r.status, 1, "the empty file fails: \(r.stderr)")
            runs.append(Self.files(dir.file("out")))
            try FileManager.default.moveItem(atPath: dir.file("out"), toPath: dir.file("out-\(k)"))
        }
        let (first, second) = (runs[0], runs[1])
        expectEqual(first.keys.sorted(), second.keys.sorted())
        #expect(first.keys.contains { $0.hasPrefix(".corpus.textmill/dedup/index.") }, "\(first.keys.sorted())")
        let boilerplate = try Self.withoutTimes(try #require(first["corpus.stats.json"]))
        #expect(boilerplate.objectValue?["stages"]?.arrayValue?.last?.objectValue?["counts"]?.objectValue?["boilerplate_paragraphs_removed"]?.intValue ?? 0 > 0,
                "the footer is cut as boilerplate: the index holds paragraph counts")
        for name in first.keys.sorted() where name != "corpus.stats.json" && !name.hasSuffix("/lock") {
            expectEqual(first[name], second[name], "\(name) differs between two runs of the same input")
        }
        #expect(try Self.withoutTimes(first["corpus.stats.json"] ?? []) == Self.withoutTimes(second["corpus.stats.json"] ?? []),
                "the stats differ in more than their times")
    }
}
