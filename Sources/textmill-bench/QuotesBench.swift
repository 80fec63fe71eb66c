import Foundation
import TextMill

/// `textmill-bench quotes --data FILE.jsonl [--out PRED.jsonl] [--seconds S] [--quotations split|whole] [--cold [--sweep KB]]
/// [--lexicon-file LIST=PATH ...]`
///
/// Reads JSONL records with `id` and `text` (the PolNeAR set in /work/shared/benchmarks/quotes),
/// makes paragraphs from the text's own line breaks, runs `sentences` then `quotes`, writes the
/// predictions (Unicode scalar offsets, as in TextMill's output record) to `--out`, and prints
/// MB/s of the quotes stage alone and of sentences + quotes, on one core, repeated for at
/// least `--seconds`. `--quotations` sets the `sentences` stage's option of that name (default:
/// the stage's default), to compare how `quotes` does on either segmentation.
///
/// `--cold` also times the stage one document at a time as the pipeline runs it, between other
/// work that takes the caches (`coldTiming`): what the stage costs inside `textmill run` beyond
/// its instructions. `--sweep KB` sets how much memory is walked between two documents there
/// (default 1024: this machine's L2 cache a core).
///
/// `--explain FILE|ID` prints the explanation trace (`QuoteExtractor.explain`): which named rules
/// made, rejected or attributed each candidate quotation, and what came out, for a plain-text
/// FILE (each line a paragraph) or for the records of `--data` whose id contains ID.
///
/// `--lexicon-file LIST=PATH` adds the entries of PATH to the word list LIST, as the stage's
/// `lexicon_files` option does in a config: to measure a word list's entries before building them in.
enum QuotesBench {
    static func run(_ args: [String]) throws {
        var data = "/work/shared/benchmarks/quotes/polnear_dev.jsonl"
        var out: String?
        var seconds = 3.0
        var show: String?
        var text: String?
        var explain: String?
        var sentenceOptions: [String: JSONValue] = [:]
        var cold = false
        var sweepKB = 1024
        var lexiconFiles = JSONObject()
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--data" where i + 1 < args.count: data = args[i + 1]; i += 2
            case "--out" where i + 1 < args.count: out = args[i + 1]; i += 2
            case "--seconds" where i + 1 < args.count: seconds = Double(args[i + 1]) ?? seconds; i += 2
            case "--show" where i + 1 < args.count: show = args[i + 1]; i += 2
            case "--text" where i + 1 < args.count: text = args[i + 1]; i += 2
            case "--explain" where i + 1 < args.count: explain = args[i + 1]; i += 2
            case "--cold": cold = true; i += 1
            case "--sweep" where i + 1 < args.count:
                guard let kb = Int(args[i + 1]), kb > 0, kb <= 1 << 20 else {
                    throw DocumentError("--sweep takes a size in KB from 1 to 1048576, not \(args[i + 1])")
                }
                sweepKB = kb; i += 2
            case "--quotations" where i + 1 < args.count: sentenceOptions["quotations"] = .string(args[i + 1]); i += 2
            case "--lexicon-file" where i + 1 < args.count:
                let spec = args[i + 1].split(separator: "=", maxSplits: 1).map(String.init)
                guard spec.count == 2, QuotesLexicon.listNames.contains(spec[0]) else {
                    throw DocumentError("--lexicon-file takes LIST=PATH with LIST one of \(QuotesLexicon.listNames.joined(separator: ", ")), not \(args[i + 1])")
                }
                lexiconFiles[spec[0]] = .string(spec[1]); i += 2
            default: throw DocumentError("unknown argument \(args[i])")
            }
        }
        let quotesOptions = StageOptions.defaults(QuotesStage.options, lexiconFiles.isEmpty ? [:] : ["lexicon_files": .object(lexiconFiles)])
        if let explain, FileManager.default.fileExists(atPath: explain) {
            guard let raw = FileManager.default.contents(atPath: explain) else {
                throw DocumentError("cannot read \(explain): check that it is a readable file")
            }
            var doc = Document(id: explain, text: String(decoding: raw, as: UTF8.self))
            doc.paragraphs = lineParagraphs(doc.text)
            var context = StageContext()
            try SentenceStageRunner(sentenceOptions).process(&doc, &context)
            print(QuoteExtractor().explain(in: doc.text, paragraphs: doc.paragraphs ?? [], sentences: doc.sentences ?? []))
            return
        }
        if let text {
            // One text given on the command line: show what the stages make of it.
            var doc = Document(id: "text", text: text)
            doc.paragraphs = lineParagraphs(doc.text)
            var context = StageContext()
            try SentenceStageRunner(sentenceOptions).process(&doc, &context)
            try QuotesStage(options: quotesOptions).process(&doc, &context)
            display(doc)
            return
        }
        guard let raw = FileManager.default.contents(atPath: data) else { throw DocumentError("cannot read \(data)") }
        var docs: [Document] = []
        for line in raw.split(separator: 0x0A) where !line.isEmpty {
            let value = try JSONParser.parse(Array(line))
            guard let obj = value.objectValue, let text = obj["text"]?.stringValue else { continue }
            var doc = Document(id: obj["id"]?.stringValue ?? "\(docs.count)", text: text)
            doc.paragraphs = lineParagraphs(doc.text)
            docs.append(doc)
        }
        let bytes = docs.reduce(0) { $0 + $1.text.count }
        let splitter = try SentenceStageRunner(sentenceOptions)
        let quotes = try QuotesStage(options: quotesOptions)
        var context = StageContext()
        // One pass for the predictions.
        var done: [Document] = []
        for var doc in docs {
            try splitter.process(&doc, &context)
            try quotes.process(&doc, &context)
            done.append(doc)
        }
        if let explain {
            let chosen = done.filter { $0.id.contains(explain) }
            guard !chosen.isEmpty else { throw DocumentError("no file \(explain) and no record of \(data) whose id contains it") }
            for doc in chosen {
                print("== \(doc.id)")
                print(QuoteExtractor().explain(in: doc.text, paragraphs: doc.paragraphs ?? [], sentences: doc.sentences ?? []))
            }
            return
        }
        if let show {
            for doc in done where doc.id.contains(show) { display(doc) }
            return
        }
        if let out {
            var w = JSONWriter(capacity: 1 << 20)
            for doc in done { write(doc, to: &w) }
            try Data(w.bytes).write(to: URL(fileURLWithPath: out))
        }
        // Timing: quotes alone on documents that already have sentences, then both stages.
        let prepared = done.map { d -> Document in var d = d; d.quotes = nil; return d }
        let quotesRate = try time(seconds: seconds, bytes: bytes) {
            for var d in prepared { try quotes.process(&d, &context) }
        }
        let bothRate = try time(seconds: seconds, bytes: bytes) {
            for var d in docs { try splitter.process(&d, &context); try quotes.process(&d, &context) }
        }
        if cold { try coldTiming(prepared, raw: docs, seconds: seconds, sweepKB: sweepKB, quotes: quotes) }
        let counts = done.reduce(into: [String: Int]()) { acc, d in for q in d.quotes ?? [] { acc[q.kind.rawValue, default: 0] += 1 } }
        print(String(format: "quotes: %d documents, %.2f MB; direct %d, mixed %d, indirect %d", docs.count, Double(bytes) / 1e6,
                     counts["direct"] ?? 0, counts["mixed"] ?? 0, counts["indirect"] ?? 0))
        print(String(format: "quotes stage alone: %.1f MB/s; sentences + quotes: %.1f MB/s (one core, CPU time)", quotesRate, bothRate))
    }

    /// MB/s of `body` over `bytes`, repeated until `seconds` of CPU time have passed. The
    /// machine is shared, so the clock is this thread's CPU time, not the wall clock: the
    /// figure is what one core does when it is ours.
    static func time(seconds: Double, bytes: Int, _ body: () throws -> Void) rethrows -> Double {
        var total = 0
        let start = cpuSeconds()
        repeat {
            try body()
            total += bytes
        } while cpuSeconds() - start < seconds
        return Double(total) / 1e6 / (cpuSeconds() - start)
    }

    /// Times `quotes` one document at a time (this thread's CPU time, read around each call),
    /// three ways, each repeated for at least `seconds`: back to back, as the lines above time it
    /// (the stage's code and tables stay in the caches); with `cleanup`, `normalize` and
    /// `sentences` run on the story's raw copy before each document, as the default pipeline runs
    /// them; and with, besides those, `sweepKB` KB of memory read and written between two
    /// documents, standing for what else a run does between them (dedup's tables, reading and
    /// writing JSON) and for other processes' time slices on a shared core. Prints MB/s for each:
    /// the difference is what the stage pays for its footprint in the caches, which instruction
    /// counts do not show.
    static func coldTiming(_ prepared: [Document], raw: [Document], seconds: Double, sweepKB: Int, quotes: QuotesStage) throws {
        var context = StageContext()
        var before: [any Stage] = []
        for name in ["cleanup", "normalize", "sentences"] {
            guard let type = StageRegistry.builtin.stage(named: name) else { continue }
            before.append(try type.init(options: .defaults(type.options)))
        }
        var sweep = [UInt64](repeating: 1, count: sweepKB * 128)
        var sum: UInt64 = 0
        var refused = 0
        let ways = ["back to back", "after cleanup, normalize and sentences", "after those and a \(sweepKB) KB sweep"]
        for (way, label) in ways.enumerated() {
            var spent = 0.0, bytes = 0
            repeat {
                for k in prepared.indices {
                    if way >= 1 {
                        var other = raw[k]
                        for stage in before {
                            do { try stage.process(&other, &context) } catch { refused += 1; break }
                        }
                    }
                    if way == 2 {
                        // One read and write a cache line (8 words of 8 bytes).
                        sweep.withUnsafeMutableBufferPointer { words in
                            for i in stride(from: 0, to: words.count, by: 8) { words[i] &+= 1; sum &+= words[i] }
                        }
                    }
                    var doc = prepared[k]
                    let start = cpuSeconds()
                    try quotes.process(&doc, &context)
                    spent += cpuSeconds() - start
                    bytes += doc.text.count
                }
            } while spent < seconds
            print(String(format: "quotes one document at a time, %@: %.1f MB/s (CPU time)", label, Double(bytes) / 1e6 / max(spent, 1e-9)))
        }
        if refused > 0 { print("(\(refused) runs of the stages before quotes failed a story: those skipped the rest of them)") }
        // Keeps the sweep from being optimized away.
        if sum == 1 { print("") }
    }

    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Paragraphs as the raw text has them: every non-blank line.
    static func lineParagraphs(_ text: [UInt8]) -> [Span] {
        var spans: [Span] = []
        var start = 0
        for i in 0...text.count where i == text.count || text[i] == 0x0A {
            var a = start, b = i
            while a < b && (text[a] == 0x20 || text[a] == 0x09 || text[a] == 0x0D) { a += 1 }
            while b > a && (text[b - 1] == 0x20 || text[b - 1] == 0x09 || text[b - 1] == 0x0D) { b -= 1 }
            // Keep whole characters: trailing no-break spaces stay inside.
            if b > a { spans.append(Span(a, b)) }
            start = i + 1
        }
        return spans
    }

    /// Prints each quote of a document on one line, for reading errors.
    static func display(_ doc: Document) {
        func clip(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n)) + "…" : s }
        print("== \(doc.id)")
        for q in doc.quotes ?? [] {
            var line = "\(q.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) [\(clip(doc.string(q.span), 70))]"
            if let s = q.speaker {
                line += "  SPEAKER=\(doc.string(s.span))"
                if let r = s.resolvedFrom { line += " (from \(doc.string(r)))" }
                if let r = s.role { line += " ROLE=\(clip(doc.string(r), 40))" }
            }
            if let c = q.cue { line += "  CUE=\(doc.string(c.span))" }
            if let c = q.content { line += "  CONTENT=[\(clip(doc.string(c), 50))]" }
            print(line)
        }
    }

    static func write(_ doc: Document, to w: inout JSONWriter) {
        let offsets = ScalarOffsets(doc.text)
        let map = offsets.scalarOffsets(for: doc.allSpans.flatMap { [$0.start, $0.end] })
        func span(_ s: Span, _ w: inout JSONWriter) {
            w.key("start"); w.int(map[s.start] ?? s.start)
            w.byte(0x2C); w.key("end"); w.int(map[s.end] ?? s.end)
            w.byte(0x2C); w.key("text"); w.string(utf8: doc.text[s.start..<s.end])
        }
        w.byte(0x7B)
        w.key("id"); w.string(doc.id)
        w.byte(0x2C); w.key("quotes"); w.byte(0x5B)
        for (n, q) in (doc.quotes ?? []).enumerated() {
            if n > 0 { w.byte(0x2C) }
            w.byte(0x7B)
            span(q.span, &w)
            w.byte(0x2C); w.key("kind"); w.string(q.kind.rawValue)
            w.byte(0x2C); w.key("speaker")
            if let s = q.speaker {
                w.byte(0x7B); span(s.span, &w)
                if let r = s.resolvedFrom { w.byte(0x2C); w.key("resolved_from"); w.byte(0x7B); span(r, &w); w.byte(0x7D) }
                if let r = s.role { w.byte(0x2C); w.key("role"); w.byte(0x7B); span(r, &w); w.byte(0x7D) }
                // Who the speaker is, as the record says it (`bench/quotes/speaker_audit.py` reads it).
                if let e = s.entity {
                    if let id = e.id, let name = e.name {
                        w.byte(0x2C); w.key("entity"); w.int(id)
                        w.byte(0x2C); w.key("name"); w.string(name)
                    } else {
                        w.byte(0x2C); w.key(e.isDocument ? "document" : "unresolved"); w.raw("true")
                    }
                }
                w.byte(0x7D)
            } else { w.raw("null") }
            w.byte(0x2C); w.key("cue")
            if let c = q.cue { w.byte(0x7B); span(c.span, &w); w.byte(0x7D) } else { w.raw("null") }
            if let c = q.content { w.byte(0x2C); w.key("content"); w.byte(0x7B); span(c, &w); w.byte(0x7D) }
            w.byte(0x7D)
        }
        w.byte(0x5D); w.byte(0x7D); w.byte(0x0A)
    }
}

/// The sentence stage the benchmark runs before `quotes` (the `sentences` stage when it is
/// registered; until then each paragraph counts as one sentence).
struct SentenceStageRunner {
    let stage: (any Stage)?

    init(_ options: [String: JSONValue] = [:]) throws {
        if let type = StageRegistry.builtin.stage(named: "sentences") {
            stage = try type.init(options: .defaults(type.options, options))
        } else {
            stage = nil
        }
    }

    func process(_ doc: inout Document, _ context: inout StageContext) throws {
        if let stage { try stage.process(&doc, &context) } else { doc.sentences = doc.paragraphs }
    }
}
