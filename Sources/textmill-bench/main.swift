import Foundation
import TextMill

/// `textmill-bench NAME [ARGS…]`: stage-level measurements used by the scripts in `bench/`.
/// Each benchmark lives in its own file and adds one line to this table.
let benchmarks: [String: (String, ([String]) throws -> Void)] = [
    "normalize": ("MB/s of the normalize stage over the given files", NormalizeBench.run),
    "sentences": ("golden-rule counts, MB/s and sentence dumps of the sentences stage", SentencesBench.run),
    "hash": ("MB/s of SHA-256 (source hashes)", HashBench.run),
    "cleanup": ("MB/s and extracted text of the cleanup stage over HTML pages (.html or .html.gz)", CleanupBench.run),
    "dedup": ("pairs, dropped documents, MB/s and index size of dedup over a JSONL set", DedupBench.run),
    "quotes": ("quotes on a JSONL set (PolNeAR): predictions and MB/s", QuotesBench.run),
    "warc": ("MB/s of reading WARC files with no stages, on one thread", WARCBench.run),
    "filter": ("decisions, docs/s and MB/s of the filter stage (defaults) over a JSONL set", FilterBench.run),
    "language": ("languages, docs/s and MB/s of the language stage over a JSONL set", FilterBench.runLanguage),
]

let args = Array(CommandLine.arguments.dropFirst())
guard let name = args.first, let (_, run) = benchmarks[name] else {
    var usage = "usage: textmill-bench NAME [ARGS…]\n\nbenchmarks:\n"
    for (name, (help, _)) in benchmarks.sorted(by: { $0.key < $1.key }) { usage += "  \(name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(help)\n" }
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
}
do {
    try run(Array(args.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("textmill-bench \(name): \(error)\n".utf8))
    exit(1)
}
