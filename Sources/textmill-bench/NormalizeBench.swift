import Foundation
import TextMill

/// Times `normalize` over the text files given, repeated until at least `--seconds` have passed.
enum NormalizeBench {
    static func run(_ args: [String]) throws {
        var seconds = 3.0
        var files: [String] = []
        var i = 0
        while i < args.count {
            if args[i] == "--seconds", i + 1 < args.count { seconds = Double(args[i + 1]) ?? seconds; i += 2 } else { files.append(args[i]); i += 1 }
        }
        let texts = files.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
        let bytes = texts.reduce(0) { $0 + $1.count }
        guard bytes > 0 else { throw DocumentError("no input: pass text files") }
        let stage = try NormalizeStage(options: .defaults(NormalizeStage.options))
        var context = StageContext()
        var total = 0
        let start = Date()
        repeat {
            for (k, t) in texts.enumerated() {
                var doc = Document(id: "\(k)", source: SourceInfo(path: "\(k)", format: .text, sha256: ""), text: t, content: .plain)
                try stage.process(&doc, &context)
            }
            total += bytes
        } while Date().timeIntervalSince(start) < seconds
        let elapsed = Date().timeIntervalSince(start)
        print(String(format: "normalize: %.1f MB in %.2f s = %.1f MB/s", Double(total) / 1e6, elapsed, Double(total) / 1e6 / elapsed))
    }
}
