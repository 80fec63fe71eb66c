import Foundation
import Testing
@testable import TextMill

/// An input spelled with "./" and doubled slashes names the file the shell would open.
@Suite struct InputPathSpellingTests {
    /// `normalize` stripped "./" before it collapsed "//": ".//a.txt" became "/a.txt" (a file at
    /// the root of the file system), ".//" became "/" (the run walked the whole file system) and
    /// "./" became "" (no file: the run read nothing and exited 1).
    @Test func dotSlashAndDoubledSlashesKeepThePathRelative() {
        let cases: [(String, String)] = [
            (".//a.txt", "a.txt"), ("./", "."), (".//", "."), ("././", "."), (".", "."),
            ("././/in//b/", "in/b"), ("./in/", "in"), ("in//a.txt", "in/a.txt"),
            ("/", "/"), ("//", "/"), ("/tmp//x/", "/tmp/x"), ("", ""),
        ]
        for (path, expected) in cases { expectEqual(InputResolver.normalize(path), expected, "\(path)") }
    }

    /// Through the binary, in a folder of one story: each spelling reads that story under the
    /// id a plain `-i a.txt` or `-i .` gives it, and nothing else.
    @Test func eachSpellingReadsTheFolderItNames() throws {
        let dir = TemporaryDirectory()
        dir.write("story/a.txt", "The ferry crossed the harbour twice on Sunday.\n")
        dir.write("p.yaml", "input: a.txt\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        for (input, id) in [(".//a.txt", "a.txt"), ("./", "a.txt"), (".//", "a.txt"), (".", "a.txt")] {
            let r = try CommandLineTests().textmill(["run", "../p.yaml", "-i", input, "-o", "-", "-q"], in: dir.file("story"))
            expectEqual(r.status, 0, "\(input): \(r.stderr)")
            let ids = r.stdout.split(separator: "\n").compactMap { line -> String? in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
                return object["id"] as? String
            }
            expectEqual(ids, [id], "\(input)")
        }
    }
}
