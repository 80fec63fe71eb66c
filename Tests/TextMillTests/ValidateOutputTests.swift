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
}
