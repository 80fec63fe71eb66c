import Foundation
import TextMill

/// Times SHA-256 over 64 MB of the sample corpus.
enum HashBench {
    static func run(_ args: [String]) throws {
        var data: [UInt8] = []
        let files = try FileManager.default.contentsOfDirectory(atPath: "input").filter { $0.hasSuffix(".txt") }
        while data.count < 64 << 20 { for f in files { data += [UInt8](FileManager.default.contents(atPath: "input/" + f)!) } }
        let start = Date()
        var digest = ""
        for _ in 0..<3 { digest = SHA256.hex(data) }
        let s = Date().timeIntervalSince(start)
        print(String(format: "sha256: %.0f MB/s (%@)", Double(data.count * 3) / 1e6 / s, String(digest.prefix(12))))
    }
}
