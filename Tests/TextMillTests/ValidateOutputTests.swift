import Foundation
import Testing
@testable import TextMill

/// `validate` said OK to an `output:` that `run` and `run --dry-run` refuse before reading
/// anything (a folder, here reached through a YAML anchor, which the loader's own checks of the
/// `output:` text do not see): it now applies the run's output checks (`Runner.checkOutputs`,
/// the function the run calls), with the same message and exit status 2.
@Suite struct ValidateOutputTests {
    @Test func validateRefusesTheOutputsARunRefuses() throws {
        let dir = TemporaryDirectory()
        dir.write("data/a.txt", "Tram lines on the east bank close for repairs until the end of May, the city said.\n")
        dir.write("results/keep.txt", "kept\n")
        dir.write("p.yaml", "input: &where results\noutput: *where\nstages: [normalize]\n")
        let cli = CommandLineTests()
        let message = "textmill: the output 'results' is a folder; name a file, e.g. 'results/corpus.jsonl'\n"
        for args in [["validate", "p.yaml"], ["run", "p.yaml", "--dry-run"], ["run", "p.yaml"]] {
            let r = try cli.textmill(args, in: dir.path)
            expectEqual(r.status, 2, "\(args)")
            expectEqual(r.stdout, "", "\(args)")
            expectEqual(r.stderr, message, "\(args)")
        }
        // A file of another output's state folder, as `run` refuses it.
        dir.write("q.yaml", "input: data\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        expectEqual(try cli.textmill(["run", "q.yaml", "-q"], in: dir.path).status, 0)
        dir.write("r.yaml", "input: data\noutput: out/.corpus.textmill/config.json\nstages: [normalize]\n")
        let resolved = OutputFiles.stateFolder(enclosing: dir.file("out/.corpus.textmill")) ?? "?"
        let refused = try cli.textmill(["validate", "r.yaml"], in: dir.path)
        expectEqual(refused.status, 2)
        expectEqual(refused.stderr, "textmill: 'out/.corpus.textmill/config.json' lies in the state folder '\(resolved)' of another output: the run would replace that output's state; name an --output outside it\n")
        // An output a run accepts is still OK.
        let ok = try cli.textmill(["validate", "q.yaml"], in: dir.path)
        expectEqual(ok.status, 0, "\(ok.stderr)")
        expectEqual(ok.stdout, "q.yaml: OK\n  input:  data: a folder, 1 file\n  output: out/corpus.jsonl\n  stages: normalize\n")
    }

    /// An output that is one of the input files, which `run` and `--dry-run` refuse (the run would
    /// replace that input with its records): `validate` said OK, "data: a folder, 0 files" (the walk
    /// left the output out as the run's own).
    @Test func validateRefusesAnOutputThatIsAnInputFile() throws {
        let dir = TemporaryDirectory()
        dir.write("data/a.txt", "Tram lines on the east bank close for repairs until the end of May, the city said.\n")
        dir.write("p.yaml", "input: data\noutput: data/a.txt\nstages: [normalize]\n")
        // An input that does not exist yet is validate's to report, and does not hide the others.
        dir.write("q.yaml", "input: [missing/, data]\noutput: data/a.txt\nstages: [normalize]\n")
        let cli = CommandLineTests()
        let message = "textmill: the output 'data/a.txt' is one of the input files, and no textmill run wrote it (it has no state folder 'data/.a.txt.textmill' and no 'data/a.txt.stats.json'): the run would replace that input with its records. Name an --output outside the inputs, or move the file out of them\n"
        for args in [["validate", "p.yaml"], ["validate", "q.yaml"], ["run", "p.yaml", "--dry-run"]] {
            let r = try cli.textmill(args, in: dir.path)
            expectEqual(r.status, 2, "\(args)")
            expectEqual(r.stderr, message, "\(args)")
        }
        expectEqual(dir.read("data/a.txt"), "Tram lines on the east bank close for repairs until the end of May, the city said.\n")
    }
}
