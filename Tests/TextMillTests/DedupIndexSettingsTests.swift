import Foundation
import Testing
@testable import TextMill

/// A dedup index saved with other settings than the config asks for.
@Suite struct DedupIndexSettingsTests {
    let cli = CommandLineTests()

    /// A run to stdout over a dedup index built with other settings failed each document with
    /// the mismatch (exit 1, errors.jsonl in the working folder); it is a config error now, at
    /// the `index` option, before anything is read, in `run`, `--dry-run` and `validate`.
    @Test func aRunToStdoutOverAnIndexOfOtherSettingsIsAConfigError() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "The harbor council approved the ferry budget on Tuesday. \"We kept the night boats,\" the mayor said.\n")
        dir.write("p9.yaml", "input: in\noutput: corpus.jsonl\nstages:\n  - sentences\n  - dedup: {index: idx, bands: 9}\n")
        let config = dir.write("p8.yaml", "input: in\noutput: '-'\nstages:\n  - sentences\n  - dedup:\n      bands: 8\n      index: idx\n")
        expectEqual(try cli.textmill(["run", "p9.yaml", "-q"], in: dir.path).status, 0)
        let before = RunRefusalTests().listing(dir)
        let message = "textmill: the config is wrong:\n\(config):7:14: error: stage 'dedup' cannot start: the dedup index 'idx/index.1.bin' was built with shingle_size 5, permutations 27, bands 9, rows 3, fold_case true, fold_punctuation true, fold_unicode true, verify exact; this config asks for shingle_size 5, permutations 24, bands 8, rows 3, fold_case true, fold_punctuation true, fold_unicode true, verify exact. Use the same settings, or delete the index directory (or set 'index' elsewhere) to start a new one\n  check its option 'index'\n"
        for command in [["run", config, "-q"], ["run", config, "--dry-run"], ["validate", config]] {
            let r = try cli.textmill(command, in: dir.path)
            expectEqual(r.status, 2, "\(command): \(r.stderr)")
            expectEqual(r.stdout, "", "\(command)")
            expectEqual(r.stderr, message, "\(command)")
        }
        expectEqual(RunRefusalTests().listing(dir), before, "no errors file, nothing written")
        // The same settings read the index.
        let same = try cli.textmill(["run", "p9.yaml", "-q", "-o", "-"], in: dir.path)
        expectEqual(same.status, 0, "\(same.stderr)")
    }
}
