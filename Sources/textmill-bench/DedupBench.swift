import Foundation
import TextMill

/// `textmill-bench dedup SET.jsonl OUT_DIR [--seconds S] [OPTION VALUE]...`
///
/// Runs the dedup stage over a JSONL set (`{"id", "text"}` a line, in order) and writes:
/// - `OUT_DIR/ours-pairs.tsv`: every verified pair (id_a, id_b, similarity), found by checking each
///   document against ALL earlier ones (an index that keeps duplicates too), for pair precision/recall;
/// - `OUT_DIR/ours-docs.tsv`: what the stage itself (action drop) does with each document
///   (id, dropped 0/1, of, kind, similarity);
/// and prints one JSON line: MB/s of the stage on one thread (repeated for at least `--seconds`,
/// each pass with a fresh index directory, saving included), index bytes in memory and record
/// bytes on disk per indexed document. `textmill-bench dedup --scale N DIR` measures the index
/// at scale instead (see `DedupScaleBench`); `textmill-bench dedup --templated N DIR` measures
/// templated pages (see `DedupTemplatedBench`). Speed is bytes over the thread's CPU time (the machine is
/// shared; wall-clock MB/s is printed too). Other `--NAME VALUE` pairs are dedup options.
enum DedupBench {
    static func run(_ args: [String]) throws {
        if args.first == "--scale" { return try DedupScaleBench.run(Array(args.dropFirst())) }
        if args.first == "--templated" { return try DedupTemplatedBench.run(Array(args.dropFirst())) }
        var seconds = 3.0
        var positional: [String] = []
        var overrides: [String: JSONValue] = ["boilerplate": false]
        var i = 0
        while i < args.count {
            let a = args[i]
            if a.hasPrefix("--"), i + 1 < args.count {
                let name = String(a.dropFirst(2)), value = args[i + 1]
                if name == "seconds" { seconds = Double(value) ?? seconds } else if let n = Double(value) {
                    overrides[name] = JSONValue(n == n.rounded() && !value.contains(".") ? Double(Int(n)) : n)
                } else if value == "true" || value == "false" {
                    overrides[name] = .bool(value == "true")
                } else {
                    overrides[name] = .string(value)
                }
                i += 2
            } else {
                positional.append(a)
                i += 1
            }
        }
        guard positional.count == 2 else { throw DocumentError("usage: textmill-bench dedup SET.jsonl OUT_DIR [--seconds S] [--OPTION VALUE]…") }
        let (setPath, outDir) = (positional[0], positional[1])
        guard let data = FileManager.default.contents(atPath: setPath) else { throw DocumentError("cannot read \(setPath)") }
        var docs: [(id: String, text: [UInt8])] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let value = try JSONParser.parse(Array(line))
            guard let obj = value.objectValue, let id = obj["id"]?.stringValue, let text = obj["text"]?.stringValue else { continue }
            docs.append((id, Array(text.utf8)))
        }
        let bytes = docs.reduce(0) { $0 + $1.text.count }
        try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)

        // 1. Pairs: every document against every earlier one.
        let threshold = overrides["threshold"]?.doubleValue ?? 0.8
        _ = try DedupStage(options: .defaults(DedupStage.options, overrides))  // checks the options
        let settings = try fingerprintSettings(overrides)
        let verification: Verification = overrides["verify"]?.stringValue == "estimate" ? .estimate : .exact
        let all = try DedupIndex(settings: settings, verification: verification, directory: nil)
        var fingerprinter = Fingerprinter(settings: settings)
        var pairs = ""
        for d in docs {
            let fp = fingerprinter.fingerprint(d.text)
            for m in try all.allMatches(fp, threshold: threshold) {
                pairs += "\(m.id)\t\(d.id)\t\(m.similarity)\n"
            }
            all.insert(id: d.id, fp)
        }
        try pairs.write(toFile: outDir + "/ours-pairs.tsv", atomically: true, encoding: .utf8)

        // 2. The stage, timed, with its index in a scratch directory.
        let scratch = outDir + "/index-scratch"
        var passes = 0
        var docLines = ""
        var size: (documents: Int, memoryBytes: Int, recordBytes: UInt64)?
        var elapsed = 0.0, cpu = 0.0
        repeat {
            try? FileManager.default.removeItem(atPath: scratch)
            var opts = overrides
            opts["index"] = .string(scratch)
            let stage = try DedupStage(options: .defaults(DedupStage.options, opts))
            var context = StageContext()
            var results: [Document] = []
            results.reserveCapacity(docs.count)
            let start = Date(), cpuStart = threadCPUSeconds()
            for d in docs {
                var doc = Document(id: d.id, source: SourceInfo(path: d.id, format: .text, sha256: ""), text: d.text, content: .plain)
                try stage.process(&doc, &context)
                if passes == 0 { results.append(doc) }
            }
            if passes == 0 { size = stage.indexSize }
            try stage.finish(&context)
            elapsed += Date().timeIntervalSince(start)
            cpu += threadCPUSeconds() - cpuStart
            if passes == 0 {
                let counters = context.counters.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
                FileHandle.standardError.write(Data(("dedup statistics: " + counters.joined(separator: ", ") + "\n").utf8))
                for doc in results {
                    let dup = doc.duplicate ?? nil
                    docLines += "\(doc.id)\t\(doc.route == .duplicates ? 1 : 0)\t\(dup?.of ?? "")\t\(dup?.kind.rawValue ?? "")\t\(dup?.similarity ?? 0)\n"
                }
            }
            passes += 1
        } while elapsed < seconds
        try? FileManager.default.removeItem(atPath: scratch)
        try docLines.write(toFile: outDir + "/ours-docs.tsv", atomically: true, encoding: .utf8)
        let n = max(size?.documents ?? 1, 1)
        let mbps = Double(bytes) * Double(passes) / 1e6 / cpu
        let wall = Double(bytes) * Double(passes) / 1e6 / elapsed
        print("{\"documents\": \(docs.count), \"mb\": \(Double(bytes) / 1e6), \"passes\": \(passes), \"mb_per_s\": \(mbps), \"wall_mb_per_s\": \(wall), "
              + "\"indexed\": \(n), \"memory_bytes_per_doc\": \(Double(size?.memoryBytes ?? 0) / Double(n)), "
              + "\"record_bytes_per_doc\": \(Double(size?.recordBytes ?? 0) / Double(n)), "
              + "\"settings\": \"bands \(settings.bands) rows \(settings.rows) shingle \(settings.shingleSize) verify \(verification.rawValue)\"}")
    }

    /// CPU time of the calling thread: MB/s "on one core" even when the machine is shared.
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func fingerprintSettings(_ overrides: [String: JSONValue]) throws -> FingerprintSettings {
        let o = StageOptions.defaults(DedupStage.options, overrides)
        let bands = o.int("bands"), rows = o.int("rows")
        let p = o.int("permutations")
        return FingerprintSettings(shingleSize: o.int("shingle_size"), permutations: p == 0 ? bands * rows : p, bands: bands, rows: rows,
                                   folding: TextFolding(foldCase: o.bool("fold_case"), foldPunctuation: o.bool("fold_punctuation"),
                                                        compatibility: o.bool("fold_unicode")))
    }
}

/// `textmill-bench dedup --scale N DIR`: fills an index in DIR with N synthetic documents of 120
/// random words (unique, so each is indexed), saves it, loads it again, and prints index memory
/// per document, save and load time: what the docs' figures for large corpora rest on.
enum DedupScaleBench {
    static func run(_ args: [String]) throws {
        guard args.count == 2, let n = Int(args[0]) else { throw DocumentError("usage: textmill-bench dedup --scale N DIR") }
        let dir = args[1]
        try? FileManager.default.removeItem(atPath: dir)
        let settings = FingerprintSettings()
        let fingerprinter = Fingerprinter(settings: settings)
        var state: UInt64 = 0x2545_f491_4f6c_dd1d
        var start = Date()
        let index = try DedupIndex(settings: settings, directory: dir)
        var words = [UInt64](repeating: 0, count: 120)
        for k in 0..<n {
            for w in 0..<words.count {  // xorshift64: cheap, and random enough for distinct words
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                words[w] = state
            }
            index.insert(id: "synthetic/\(k)", fingerprinter.fingerprint(words: words))
        }
        let fill = Date().timeIntervalSince(start)
        let memory = index.memoryBytes
        start = Date()
        try index.save()
        let save = Date().timeIntervalSince(start)
        index.close()
        start = Date()
        let loaded = try DedupIndex(settings: settings, directory: dir)
        let load = Date().timeIntervalSince(start)
        let indexFile = (try? FileManager.default.attributesOfItem(atPath: dir + "/index.bin")[.size] as? Int) ?? 0
        print(String(format: "%d documents: index memory %.0f B/doc while filling, %.0f B/doc after loading; index.bin %.0f B/doc; "
                     + "fill %.1f s, save %.2f s, load %.2f s", n, Double(memory) / Double(n), Double(loaded.memoryBytes) / Double(n),
                     Double(indexFile) / Double(n), fill, save, load))
        loaded.close()
    }
}

/// `textmill-bench dedup --templated N DIR [--bucket_limit K]`: N catalogue pages that share
/// most of their text (a site's template around five lots of their own; two pages have a
/// Jaccard of about 0.75, so every page is unique but lands in the same LSH buckets as the
/// others). Writes them to `DIR/templated.jsonl` (for datasketch) and prints one JSON line:
/// pages a second on one thread (CPU time), candidate comparisons and LSH candidates a page,
/// and what the stage decided. The work a page costs must not grow with N.
enum DedupTemplatedBench {
    static func run(_ args: [String]) throws {
        guard args.count == 2 || args.count == 4, let n = Int(args[0]), n > 0 else {
            throw DocumentError("usage: textmill-bench dedup --templated N DIR [--bucket_limit K]")
        }
        var options: [String: JSONValue] = ["boilerplate": false, "index": "memory"]
        if args.count == 4 {
            guard args[2] == "--bucket_limit", let k = Int(args[3]) else { throw DocumentError("expected --bucket_limit K, got \(args[2]) \(args[3])") }
            options["bucket_limit"] = JSONValue(k)
        }
        let dir = args[1]
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let pages = (0..<n).map { (id: "page-\($0)", text: Array(TemplatedPages.page($0).utf8)) }
        var jsonl = JSONWriter()
        for p in pages {
            jsonl.value(.object(JSONObject([("id", .string(p.id)), ("text", .string(String(decoding: p.text, as: UTF8.self)))])))
            jsonl.byte(UInt8(ascii: "\n"))
        }
        guard FileManager.default.createFile(atPath: dir + "/templated.jsonl", contents: Data(jsonl.bytes)) else {
            throw DocumentError("cannot write \(dir)/templated.jsonl")
        }
        let stage = try DedupStage(options: .defaults(DedupStage.options, options))
        var context = StageContext()
        let cpuStart = DedupBench.threadCPUSeconds()
        for p in pages {
            var doc = Document(id: p.id, source: SourceInfo(path: p.id, format: .text, sha256: ""), text: p.text, content: .plain)
            try stage.process(&doc, &context)
        }
        try stage.finish(&context)
        let cpu = DedupBench.threadCPUSeconds() - cpuStart
        let c = context.counters
        print("{\"documents\": \(n), \"bucket_limit\": \(options["bucket_limit"]?.intValue ?? 32), "
              + "\"docs_per_s\": \(Double(n) / cpu), \"cpu_s\": \(cpu), "
              + "\"comparisons_per_doc\": \(Double(c["candidate comparisons"] ?? 0) / Double(n)), "
              + "\"candidates_per_doc\": \(Double(c["lsh candidates"] ?? 0) / Double(n)), "
              + "\"unique\": \(c["unique"] ?? 0), \"near\": \(c["near duplicates"] ?? 0), \"exact\": \(c["exact duplicates"] ?? 0)}")
    }
}
