import Foundation
import TextMill

/// `textmill-bench warc FILE…`: reads WARC files as `textmill run` does with no stages (every
/// record framed, every text response's body de-chunked, decompressed and decoded to UTF-8), on
/// one thread, and prints one JSON line: stored megabytes, seconds, MB/s, documents, skips, failures.
enum WARCBench {
    static func run(_ args: [String]) throws {
        guard !args.isEmpty else { throw ReadError("usage: textmill-bench warc FILE…") }
        let reader = SourceReader()
        var documents = 0, failures = 0, skipped = 0, textBytes = 0, stored = 0
        let start = Date()
        for path in args {
            var st = stat()
            if stat(path, &st) == 0 { stored += Int(st.st_size) }
            try reader.read(InputFile.classify(path)) { item in
                switch item {
                case .document(let d): documents += 1; textBytes += d.text.count
                case .failure: failures += 1
                }
            }
        }
        let seconds = Date().timeIntervalSince(start)
        // `read` does not report skips; count them with a second, scan-only pass when asked.
        if ProcessInfo.processInfo.environment["WARC_BENCH_SKIPS"] != nil {
            for path in args {
                try reader.scan(InputFile.classify(path)) { if case .skipped = $0 { skipped += 1 } }
            }
        }
        let mb = Double(stored) / 1e6
        print("{\"reader\": \"textmill\", \"megabytes\": \(String(format: "%.1f", mb)), \"seconds\": \(String(format: "%.3f", seconds)), "
              + "\"mb_per_s\": \(String(format: "%.1f", mb / seconds)), \"documents\": \(documents), \"text_megabytes\": \(String(format: "%.1f", Double(textBytes) / 1e6)), "
              + "\"failures\": \(failures), \"skipped\": \(skipped)}")
    }
}
