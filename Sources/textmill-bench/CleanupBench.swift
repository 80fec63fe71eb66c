import Foundation
import TextMill

/// `textmill-bench cleanup [--seconds S] [--dump OUT.json] [--option KEY=VALUE]… FILE_OR_DIR…`
///
/// Runs the `cleanup` stage (decoding included, as the `.html` reader does it) over HTML pages
/// on one thread, repeated until at least S seconds have passed, and prints MB/s of HTML.
/// `--dump` writes `{page id: {"articleBody": text}}` (the page id is the file name without
/// `.html`), the format the scrapinghub benchmark scorer reads. `--explain PAGE` prints, for one
/// page, every text block with its class and score and why it was dropped. `--site-template`
/// first learns the run's site template from all pages (`SiteTemplate`, timed with the rest, as
/// a run would do it), then cleans every page with it; with `--explain`, the directories given
/// are the pages it learns from.
enum CleanupBench {
    static func run(_ args: [String]) throws {
        var seconds = 5.0
        var dump: String?
        var explain: String?
        var overrides: [String: JSONValue] = [:]
        var paths: [String] = []
        var learnTemplate = false
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--seconds" where i + 1 < args.count: seconds = Double(args[i + 1]) ?? seconds; i += 2
            case "--dump" where i + 1 < args.count: dump = args[i + 1]; i += 2
            case "--explain" where i + 1 < args.count: explain = args[i + 1]; i += 2
            case "--site-template": learnTemplate = true; i += 1
            case "--option" where i + 1 < args.count:
                let parts = args[i + 1].split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 {
                    if let b = Bool(parts[1]) { overrides[parts[0]] = .bool(b) }
                    else if Double(parts[1]) != nil { overrides[parts[0]] = .number(parts[1]) }
                    else { overrides[parts[0]] = .string(parts[1]) }
                }
                i += 2
            default: paths.append(args[i]); i += 1
            }
        }
        var files: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".html") || $0.hasSuffix(".htm") }
                files += names.sorted().map { path + "/" + $0 }
            } else {
                files.append(path)
            }
        }
        let pages = files.compactMap { f in FileManager.default.contents(atPath: f).map { (f, [UInt8]($0)) } }
        if let explain {
            let stage = try CleanupStage(options: .defaults(CleanupStage.options, overrides))
            var template: SiteTemplate?
            if learnTemplate {
                var learnt = SiteTemplate()
                for (_, raw) in pages { learnt.learn(TextDecoding.decodeHTML(raw), cleaner: stage.html) }
                template = learnt
            }
            // One page: print every block with its class, value and why it was dropped.
            let raw = [UInt8](FileManager.default.contents(atPath: explain) ?? Data())
            print(stage.html.explain(TextDecoding.decodeHTML(raw), template: template))
            return
        }
        let bytes = pages.reduce(0) { $0 + $1.1.count }
        guard bytes > 0 else { throw DocumentError("no input: pass HTML files or a directory of them") }
        let plainStage = try CleanupStage(options: .defaults(CleanupStage.options, overrides))

        var context = StageContext()
        var outputs: [(String, String)] = []
        var failures = 0
        var total = 0
        var rounds = 0
        let start = Date()
        repeat {
            // The pass a run makes before cleanup: every page once, to learn the site template.
            var stage = plainStage
            if learnTemplate {
                var template = SiteTemplate()
                for (_, raw) in pages { template.learn(TextDecoding.decodeHTML(raw), cleaner: stage.html) }
                stage.siteTemplate = template
            }
            for (path, raw) in pages {
                var doc = Document(id: path, source: SourceInfo(path: path, format: .html, sha256: ""),
                                   text: TextDecoding.decodeHTML(raw), content: .html)
                do {
                    try stage.process(&doc, &context)
                } catch {
                    if rounds == 0 { failures += 1; FileHandle.standardError.write(Data("\(path): \(error)\n".utf8)) }
                    doc.text = []
                }
                if rounds == 0 && dump != nil {
                    let name = (path as NSString).lastPathComponent.replacingOccurrences(of: ".html", with: "")
                    outputs.append((name, doc.string))
                }
            }
            total += bytes
            rounds += 1
        } while Date().timeIntervalSince(start) < seconds
        let elapsed = Date().timeIntervalSince(start)
        print(String(format: "cleanup: %d pages, %.1f MB of HTML in %.2f s (%d rounds) = %.1f MB/s on one thread, %d failed",
                     pages.count, Double(total) / 1e6, elapsed, rounds, Double(total) / 1e6 / elapsed, failures))
        if let dump {
            var object = JSONObject()
            for (name, text) in outputs { object[name] = .object(JSONObject([("articleBody", .string(text))])) }
            var writer = JSONWriter()
            writer.value(.object(object))
            try Data(writer.bytes).write(to: URL(fileURLWithPath: dump))
        }
    }
}
