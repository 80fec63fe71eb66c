/// `language`: the document's language with libcld2, into `meta.language`.
///
/// `meta.language` becomes `{"code": "en", "score": 0.98, "reliable": true}`: `code` is
/// libcld2's ISO 639 code ("un" when it found no language), `score` the share of the text's
/// letters in that language (0…1), `reliable` libcld2's own verdict. With `top: true` it also
/// holds `top`, up to three `{"code", "score"}`; with `paragraphs: true`, `paragraphs` holds one
/// code per paragraph, in the order of the document's `paragraphs` (or of its blank-line
/// paragraphs when no stage set them).
///
/// A language that `cleanup` read from the page (`<html lang>`, a string in `meta.language`)
/// is kept as `meta.declared_language`: what the page says and what the text is are both kept.
/// A value the stage replaces that the record came with (a `meta.language` object, a
/// `meta.declared_language`) is kept under the record's `input.meta` and counted under
/// `run.input_fields_moved` (DESIGN.md: never dropped silently). A value a stage of this run set
/// (`Document.metaSetThisRun`: a first `language` stage's answer when the stage is listed twice,
/// an `exec` plugin's) is no input: it is replaced, neither kept nor counted.
public struct LanguageStage: Stage {
    /// The name in configs: `- language`.
    public static let name = "language"
    /// One line for `textmill stages`.
    public static let summary = "the document's language (and optionally each paragraph's) with libcld2, into meta.language with a score"
    /// Bounds, best-effort mode and the optional parts of the answer.
    public static let options: [OptionSpec] = [
        OptionSpec("min_chars", .int(0...1_000_000), default: 0,
                   "texts with fewer letters than this get code \"un\" without asking libcld2"),
        OptionSpec("max_bytes", .int(1_000...100_000_000), default: 1_000_000,
                   "only the first this many bytes of a text are looked at (cut at a character boundary)"),
        OptionSpec("best_effort", .bool, default: false,
                   "answer even for text too short for libcld2 to be sure of (otherwise such text gets \"un\")"),
        OptionSpec("top", .bool, default: false, "also write meta.language.top: up to three {code, score}, best first"),
        OptionSpec("paragraphs", .bool, default: false, "also write meta.language.paragraphs: each paragraph's code"),
    ]
    /// Writes `meta`; needs plain text; leaves the text alone; one document at a time. With
    /// `paragraphs: true` its codes follow the paragraphs as they stand: no later stage may make
    /// them anew (normalize), and an edit that removes paragraphs removes their codes too.
    public static let traits = StageTraits(produces: [.meta], perParagraphOption: "paragraphs",
                                           languageCodes: .only(LanguageDetector.codes))

    /// The key under which a language declared by the page (a string) is kept.
    public static let declaredKey = "declared_language"

    let detector: LanguageDetector
    let minChars: Int
    let writeTop: Bool
    let writeParagraphs: Bool

    public init(options: StageOptions) throws {
        detector = LanguageDetector(maxBytes: options.int("max_bytes"), bestEffort: options.bool("best_effort"))
        minChars = options.int("min_chars")
        writeTop = options.bool("top")
        writeParagraphs = options.bool("paragraphs")
    }

    /// Sets `meta.language` and counts documents per language code.
    /// - Throws: `DocumentError` when the document is still markup.
    public func process(_ document: inout Document, _ context: inout StageContext) throws {
        guard document.content == .plain else {
            throw DocumentError("language needs plain text, but this document is still \(document.content.rawValue) markup: run cleanup first")
        }
        var value: [(String, JSONValue)] = []
        document.text.withUnsafeBufferPointer { text in
            let result = guess(text)
            let best = result.best
            value = [("code", .string(best.code)), ("score", JSONValue(best.score)), ("reliable", .bool(result.reliable))]
            if writeTop {
                value.append(("top", .array(result.top.map {
                    .object(JSONObject([("code", .string($0.code)), ("score", JSONValue($0.score))]))
                })))
            }
            if writeParagraphs {
                let spans = document.paragraphs ?? Paragraphs.spans(in: text)
                value.append(("paragraphs", .array(spans.map { span in
                    let clipped = Span(max(0, min(span.start, text.count)), max(0, min(span.end, text.count)))
                    let slice = UnsafeBufferPointer(rebasing: text[clipped.start..<max(clipped.start, clipped.end)])
                    return .string(guess(slice).best.code)
                })))
            }
            context.count(best.code)
        }
        let answer = JSONValue.object(JSONObject(value))
        if let given = document.meta["language"] {
            if given.stringValue != nil {
                // The page's declared language moves aside; a declared language already there
                // (from the input record) is kept under `input.meta`.
                if let declared = document.meta[Self.declaredKey], declared != given,
                   !Self.keep(Self.declaredKey, declared, of: &document, &context) { return }
                document.meta[Self.declaredKey] = given
                document.noteMetaSetThisRun(Self.declaredKey)
            } else if given != answer, !Self.keep("language", given, of: &document, &context) {
                return
            }
        }
        document.meta["language"] = answer
        document.noteMetaSetThisRun("language")
    }

    /// Keeps `value`, the `meta` value under `key` the stage replaces, under the record's
    /// `input.meta` and counts it (`Document.keepReplacedMeta`); false when it could not be kept
    /// (a plugin's `input` field that is no object), and the stage then leaves `meta` as it is
    /// and counts `language_not_set`.
    /// A value a stage of this run set (a first `language` stage's answer, when the stage is
    /// listed twice) is no input: it is replaced, neither kept nor counted.
    static func keep(_ key: String, _ value: JSONValue, of document: inout Document, _ context: inout StageContext) -> Bool {
        if document.metaSetThisRun.contains(key) { return true }
        let result = document.keepReplacedMeta(key, value)
        guard result.kept else {
            context.count("language_not_set")
            return false
        }
        if let name = result.counted { context.countInputField(name) }
        return true
    }

    /// libcld2's answer, or unknown for text with fewer than `minChars` letters.
    func guess(_ text: UnsafeBufferPointer<UInt8>) -> LanguageDetector.Result {
        if minChars > 0 && !Self.hasLetters(text, atLeast: minChars) {
            return LanguageDetector.Result(top: [], reliable: false, textBytes: 0)
        }
        return detector.detect(text)
    }

    /// Whether `text` holds at least `count` letters (scalars with the Alphabetic property); stops early.
    static func hasLetters(_ text: UnsafeBufferPointer<UInt8>, atLeast count: Int) -> Bool {
        var seen = 0
        var i = 0
        while i < text.count {
            let c = text[i]
            if c < 0x80 {
                if (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A { seen += 1 }
                i += 1
            } else {
                let (scalar, length) = UTF8Bytes.decode(text, at: i)
                if Unicode.Scalar(scalar)?.properties.isAlphabetic == true { seen += 1 }
                i += length
            }
            if seen >= count { return true }
        }
        return false
    }
}
