import Foundation
import Testing
@testable import TextMill
@testable import TextMillCLI

/// A path that starts with a dash is never taken for a help request, and a run never does
/// nothing under exit 0 when a path was given (round 4 of the README's promises).
@Suite struct DashPathArgumentTests {
    let cli = CommandLineTests()

    /// `-o -x.html`: ArgumentParser took the value for the flags -x -. -h …, printed the help
    /// and exited 0; nothing ran.
    @Test func aDashPathIsNeverAHelpRequest() throws {
        let dir = TemporaryDirectory()
        let config = SideFileBoundTests().corpus(dir)
        for (k, args) in [["-o", "-x.html"], ["--output", "-x.html"], ["--output=-x.html"]].enumerated() {
            try FileManager.default.createDirectory(atPath: dir.file("cwd\(k)"), withIntermediateDirectories: true)
            let r = try cli.textmill(["run", config, "--quiet"] + args, in: dir.file("cwd\(k)"))
            expectEqual(r.status, 0, "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(args): no help")
            #expect(FileManager.default.fileExists(atPath: dir.file("cwd\(k)/-x.html")), "\(args)")
        }
        let positional = try cli.textmill(["report", "-x.html"], in: dir.path)
        expectEqual(positional.status, 2)
        #expect(positional.stdout.isEmpty)
        expectEqual(positional.stderr, "textmill: '-x.html' was read as a request for help (after one dash, each letter is a flag, and it holds an 'h'), so nothing would have run: for a path that starts with a dash, write './-x.html', or --output=-x.html for an option's value\n")
        for meant in [["run", "-h"], ["run", "-qh"], ["report", "--help"]] {
            let help = try cli.textmill(meant, in: dir.path)
            #expect(help.status == 0 && help.stdout.contains("USAGE"), "\(meant)")
        }
        let dashConfig = try cli.textmill(["run", "-x.html"], in: dir.path)
        #expect(dashConfig.status == 2 && dashConfig.stdout.isEmpty && dashConfig.stderr.hasPrefix("textmill: '-x.html' was read as a request for help"))
        expectEqual(DashValues.joined(["run", "-i", "-a.txt", "-o", "-", "--", "-o", "-b"]), ["run", "--input=-a.txt", "-o", "-", "--", "-o", "-b"])
    }
}
