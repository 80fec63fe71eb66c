import Foundation
import TextMill

/// `textmill-bench sentences golden FILE` — golden-rule counts (golden_en.json format);
/// `textmill-bench sentences speed [--seconds S] [--paragraphs] FILE.jsonl…` — MB/s of the
/// `sentences` stage over the `text` fields of JSONL files, on one thread, repeated until S
/// seconds have passed (`--paragraphs`: documents carry paragraphs, as after normalize);
/// `textmill-bench sentences split` — the sentences of standard input, one a line;
/// `textmill-bench sentences spans [--quotations split|whole] FILE.jsonl` — for each document (`id`, `text`), its sentence
/// spans from the `sentences` stage (default options but `--quotations`), in Unicode scalar offsets, one JSON
/// array a line in input order (`[[start, end], …]`): what `bench/sentences/compare.py` scores.
enum SentencesBench {
    static func run(_ args: [String]) throws {
        guard let mode = args.first else { throw DocumentError("usage: sentences golden FILE | speed [--seconds S] FILE… | split") }
        let rest = Array(args.dropFirst())
        switch mode {
        case "golden": try golden(rest)
        case "speed": try speed(rest)
        case "split": split()
        case "spans": try spans(rest)
        default: throw DocumentError("unknown mode '\(mode)' (golden, speed, split, spans)")
        }
    }

    /// White space runs collapsed to one space and the ends stripped: how SOURCE.md's rules
    /// en-ps040/041 (a newline inside a sentence) can be compared at all.
    static func collapsed(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func golden(_ args: [String]) throws {
        guard let path = args.first, let data = FileManager.default.contents(atPath: path) else {
            throw DocumentError("golden: pass the path of golden_en.json")
        }
        let verbose = args.contains("--verbose")
        guard let rules = try JSONParser.parse([UInt8](data)).arrayValue else { throw DocumentError("golden: not a JSON array") }
        let splitter = SentenceSplitter.standard
        var passStrict: [String: Int] = [:], passCollapsed: [String: Int] = [:], total: [String: Int] = [:]
        for rule in rules {
            guard let o = rule.objectValue, let id = o["id"]?.stringValue, let text = o["text"]?.stringValue,
                  let expected = o["sentences"]?.arrayValue?.compactMap(\.stringValue) else { continue }
            let sets = o["sets"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let got = splitter.sentences(text)
            let strict = got == expected.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            let loose = got.map(collapsed) == expected.map(collapsed)
            for set in sets {
                total[set, default: 0] += 1
                if strict { passStrict[set, default: 0] += 1 }
                if loose { passCollapsed[set, default: 0] += 1 }
            }
            if verbose || !loose {
                print("\(loose ? (strict ? "pass" : "pass (collapsed)") : "FAIL") \(id)")
                if !loose {
                    print("   expected: \(expected)")
                    print("   got:      \(got)")
                }
            }
        }
        for set in total.keys.sorted() {
            print("golden \(set): \(passCollapsed[set, default: 0])/\(total[set]!) (white space collapsed), \(passStrict[set, default: 0])/\(total[set]!) (exact)")
        }
    }

    static func speed(_ args: [String]) throws {
        var seconds = 3.0
        var files: [String] = []
        var withParagraphs = false
        var i = 0
        while i < args.count {
            if args[i] == "--seconds", i + 1 < args.count { seconds = Double(args[i + 1]) ?? seconds; i += 2 }
            else if args[i] == "--paragraphs" { withParagraphs = true; i += 1 }
            else { files.append(args[i]); i += 1 }
        }
        var texts: [[UInt8]] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw DocumentError("speed: cannot read \(file)") }
            for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
                if let text = try JSONParser.parse([UInt8](line)).objectValue?["text"]?.stringValue { texts.append(Array(text.utf8)) }
            }
        }
        // With --paragraphs, documents carry their paragraphs as after normalize (found once, untimed).
        let paragraphs = withParagraphs ? texts.map { Paragraphs.spans(in: $0) } : []
        let bytes = texts.reduce(0) { $0 + $1.count }
        guard bytes > 0 else { throw DocumentError("speed: no input: pass JSONL files with a text field") }
        let stage = try SentencesStage(options: .defaults(SentencesStage.options))
        var context = StageContext()
        var total = 0, sentences = 0, passes = 0
        let start = Date()
        repeat {
            for (k, t) in texts.enumerated() {
                var doc = Document(id: "\(k)", source: SourceInfo(path: "\(k)", format: .text, sha256: ""), text: t, content: .plain)
                if withParagraphs { doc.paragraphs = paragraphs[k] }
                try stage.process(&doc, &context)
                sentences += doc.sentences?.count ?? 0
            }
            total += bytes
            passes += 1
        } while Date().timeIntervalSince(start) < seconds
        let elapsed = Date().timeIntervalSince(start)
        print(String(format: "sentences: %d documents, %.1f MB × %d passes in %.2f s = %.1f MB/s (%d sentences a pass)",
                     texts.count, Double(bytes) / 1e6, passes, elapsed, Double(total) / 1e6 / elapsed, sentences / passes))
    }

    static func spans(_ args: [String]) throws {
        var options: [String: JSONValue] = [:]
        var files: [String] = []
        var i = 0
        while i < args.count {
            if args[i] == "--quotations", i + 1 < args.count { options["quotations"] = .string(args[i + 1]); i += 2 }
            else { files.append(args[i]); i += 1 }
        }
        guard let path = files.first, let data = FileManager.default.contents(atPath: path) else {
            throw DocumentError("spans: pass the path of a JSONL file with id and text fields")
        }
        let stage = try SentencesStage(options: .defaults(SentencesStage.options, options))
        var context = StageContext()
        var output = ""
        for (n, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() where !line.isEmpty {
            guard let o = try JSONParser.parse([UInt8](line)).objectValue, let text = o["text"]?.stringValue else {
                throw DocumentError("spans: line \(n + 1) of \(path) has no text field")
            }
            let id = o["id"]?.stringValue ?? "\(n + 1)"
            let bytes = Array(text.utf8)
            var doc = Document(id: id, source: SourceInfo(path: id, format: .text, sha256: ""), text: bytes, content: .plain)
            try stage.process(&doc, &context)
            // Byte offset -> scalar offset: count the bytes that begin a scalar.
            var scalarAt = [Int](repeating: 0, count: bytes.count + 1)
            var scalars = 0
            for (k, b) in bytes.enumerated() {
                scalarAt[k] = scalars
                if b & 0xC0 != 0x80 { scalars += 1 }
            }
            scalarAt[bytes.count] = scalars
            let pairs = (doc.sentences ?? []).map { "[\(scalarAt[$0.start]),\(scalarAt[$0.end])]" }
            output += "[\(pairs.joined(separator: ","))]\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    static func split() {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let bytes = [UInt8](data)
        for span in SentenceSplitter.standard.split(bytes) {
            print(String(decoding: bytes[span.start..<span.end], as: UTF8.self).replacingOccurrences(of: "\n", with: "⏎"))
        }
    }
}
