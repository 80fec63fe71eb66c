/// One step of a pipeline. Add a stage by writing a type that conforms to this protocol
/// (copy a sibling in `Sources/TextMill/Stages/`) and listing it in `StageRegistry.builtin`,
/// or, from your own package, in the registry you hand to `TextMillCommand`.
///
/// A stage declares its name, options and traits statically, so a config can be checked
/// completely before any input is read and `textmill stages` can print every option.
public protocol Stage: Sendable {
    /// The name used in the config (`- sentences`): lower-case ASCII letters, digits, `_` and `-`,
    /// starting with a letter, and no other stage's (`StageRegistry.register` refuses it otherwise).
    static var name: String { get }
    /// One line of help for `textmill stages`.
    static var summary: String { get }
    /// Every option with its type, default and help.
    static var options: [OptionSpec] { get }
    /// What the stage needs and makes; used to refuse orders that cannot work.
    static var traits: StageTraits { get }

    /// Builds the stage from checked options. Throw `StageSetupError` when the options are
    /// well-typed but cannot work (a lexicon file that does not exist, a command not found).
    init(options: StageOptions) throws

    /// Processes one document. Throwing fails this document only: it goes to `errors.jsonl`
    /// with this stage's name and the error's description, and the run goes on. Throwing
    /// `DocumentFiltered` removes it on purpose instead (not a failure).
    ///
    /// Stages with `scope: .document` may be called from several threads at once and must not
    /// keep mutable state; `scope: .corpus` stages are called on one thread, in input order.
    func process(_ document: inout Document, _ context: inout StageContext) throws

    /// For `scope: .corpus` stages: the part of the work that needs only the document itself
    /// (fingerprints, hashes). It runs in parallel, before `process`, and may leave its results
    /// in `document.scratch` for `process` to pick up.
    func prepare(_ document: inout Document, _ context: inout StageContext) throws

    /// Called once after the last document (corpus stages persist their state here).
    func finish(_ context: inout StageContext) throws

    /// Files this stage writes beside the output (a plugin's log): the runner never reads them
    /// as input. The stage's state folder entries need not be listed (nothing in it is input).
    var sideFiles: [String] { get }

    /// Folders this stage writes its state into outside the run's state folder (dedup's `index`
    /// option): the runner never reads a file inside them as input, however they are reached.
    var sideFolders: [String] { get }
}

extension Stage {
    public func prepare(_ document: inout Document, _ context: inout StageContext) throws {}
    public func finish(_ context: inout StageContext) throws {}
    public var sideFiles: [String] { [] }
    public var sideFolders: [String] { [] }
}

/// A corpus stage whose state outlives a run (dedup's index). The runner uses these calls to
/// keep that state in step with the output across incremental runs and crashes.
/// A document as a run's records name it: the input file it came from (`source.path`, the
/// manifest's path of the file) and its id. Ids are unique in an output, not across the side
/// files, so a persistent stage forgets a changed file's documents by both.
public struct DocumentKey: Hashable, Sendable {
    public var file: String
    public var id: String

    public init(file: String, id: String) {
        self.file = file
        self.id = id
    }
}

public protocol PersistentStage: Stage {
    /// Forgets everything saved (the config changed, or `--force`).
    func reset() throws
    /// Forgets the documents of source files that changed or were deleted, each by its file and
    /// its id: a document of another file under the same id is not one of them.
    func forget(_ documents: [DocumentKey]) throws
    /// Makes the state durable up to the last document processed and returns a token the
    /// runner records in its journal.
    func checkpoint() throws -> JSONValue
    /// Rolls the state back to a token from the journal (resuming a killed run).
    func restore(to token: JSONValue) throws
    /// Keeps the state `committed` names (the token of the last commit's manifest) saved while
    /// the run works, whatever its checkpoints save: a killed run whose journal cannot be
    /// resumed goes back to it. Called before `restore(to:)`.
    func keepSaved(_ committed: JSONValue)
    /// What is wrong when the state a token names is no longer saved (dedup keeps the last two
    /// generations of its index and the last commit's, `keepSaved`) or is damaged, naming the file; nil when it can be restored.
    /// The runner then does not resume that far back, and reprocesses every file when the last
    /// commit's state is the one lost, saying why. `thorough` (`run --check-outputs`) reads all
    /// of the state; otherwise the check reads a bounded part of it.
    func restoreProblem(to token: JSONValue, thorough: Bool) -> String?
    /// What makes the state earlier runs saved unusable with this stage's options (dedup: an
    /// index built with other settings), found before any input is read by a run that keeps no
    /// state of its own (to stdout, from stdin) and so uses the saved state as it is; nil when
    /// it can be used or nothing is saved. The `option` names where the config points the
    /// stage at that state. A run with state starts over when the options change.
    func savedStateProblem() -> StageSetupError?
    /// Takes now what a run without state of its own (to stdout, from stdin, a `--limit`
    /// preview) uses of the state earlier runs saved, before any input is read (dedup: its index
    /// folder's lock): another run holding it refuses this one (`StateError`, exit 2).
    func holdSavedState() throws
}

extension PersistentStage {
    public func restoreProblem(to token: JSONValue, thorough: Bool) -> String? { nil }
    public func savedStateProblem() -> StageSetupError? { nil }
    public func holdSavedState() throws {}
    public func keepSaved(_ committed: JSONValue) {}
    /// Whether the state a token names can be restored (`restoreProblem` finds nothing).
    public func canRestore(to token: JSONValue) -> Bool { restoreProblem(to: token, thorough: false) == nil }
}

/// The state a persistent stage restored turned out damaged while the run used it: a part the
/// check before the run (`PersistentStage.restoreProblem`, a sample of the state) did not read,
/// met when a document needed it (dedup: a record of its store compared with a new document).
/// Thrown from the stage's work on that document. Under the runner with state, the run is
/// given up, its outputs untouched, and made again from an empty state over every file, saying
/// why (`Runner.run`), as when the check before the run finds the damage; elsewhere the
/// document fails with the message.
public struct StateFoundDamaged: Error, Sendable, CustomStringConvertible {
    /// What is damaged, and where (the file, the byte).
    public var problem: String
    /// The step that works when nothing makes the run again (`run again with --force …`).
    public var remedy: String
    public init(problem: String, remedy: String) {
        self.problem = problem
        self.remedy = remedy
    }
    public var description: String { "\(problem); \(remedy)" }
}

/// Annotation fields a stage can make or need.
public enum DocumentField: String, Sendable, CaseIterable {
    case meta, paragraphs, sentences, quotes, duplicate
}

/// What a stage does to the text.
public enum TextEffect: Sendable {
    /// Leaves the text alone.
    case none
    /// Edits the text through `TextEditor`, carrying existing spans (normalize, boilerplate removal).
    case edits
    /// Replaces markup with new text and cannot carry spans: it must come before every stage that makes spans.
    case replacesMarkup
}

/// Whether a stage sees documents one at a time or the corpus in order.
public enum StageScope: Sendable {
    /// Each document on its own; may run in parallel.
    case document
    /// Sees every document in input order on one thread (dedup).
    case corpus
}

/// What a stage writes into `meta.language.code`, so the config checker can refuse a later
/// stage's language codes that no document could carry (`filter: {languages: [eng]}` after
/// `language`, which writes "en": every document would be filtered).
public enum LanguageCodeWriting: Sendable {
    /// Leaves `meta.language` alone.
    case none
    /// Writes only these codes (`language`: libcld2's).
    case only(Set<String>)
    /// May write any code: a plugin whose answer the checker cannot foresee. A Swift plugin
    /// stage that writes `meta.language` declares this.
    case unforeseen
}

/// The static facts the config checker uses.
public struct StageTraits: Sendable {
    public var requires: Set<DocumentField>
    public var produces: Set<DocumentField>
    public var text: TextEffect
    public var scope: StageScope
    /// True when the stage works on markup and must see it before `cleanup` has turned it into text.
    public var needsPlainText: Bool
    /// A bool option that, when on, makes the stage write one entry a paragraph, in the order of
    /// the paragraphs as they stand (`language`'s `paragraphs`; see `ParagraphKeyedMeta`). A later
    /// stage that makes the paragraphs anew would leave those entries out of step with them, so
    /// the config checker refuses that order.
    public var perParagraphOption: String?
    /// True when the stage may make the paragraphs anew in a way the config checker cannot see
    /// (an exec plugin answers with paragraphs of its own). The runner checks such a stage's
    /// documents instead: a list of `meta` that held one entry a paragraph before it (see
    /// `perParagraphOption`) must still hold one after it, or the document fails.
    public var mayRemakeParagraphs: Bool
    /// What the stage writes into `meta.language.code`.
    public var languageCodes: LanguageCodeWriting
    /// A string-list option whose entries are matched against `meta.language.code` (`filter`'s
    /// `languages`): each must be a code the nearest earlier stage that writes one can write.
    public var languageCodeOption: String?
    /// True when the options turn off the rule that matches `languageCodeOption` (filter's
    /// `disable: [language]`): its codes are still checked, as a config must not carry a wrong
    /// one, but the refusal says the rule is off rather than that no document would match.
    public var languageCodeRuleOff: (@Sendable (StageOptions) -> Bool)?

    public init(requires: Set<DocumentField> = [], produces: Set<DocumentField> = [], text: TextEffect = .none,
                scope: StageScope = .document, needsPlainText: Bool = true, perParagraphOption: String? = nil,
                mayRemakeParagraphs: Bool = false, languageCodes: LanguageCodeWriting = .none,
                languageCodeOption: String? = nil, languageCodeRuleOff: (@Sendable (StageOptions) -> Bool)? = nil) {
        self.requires = requires
        self.produces = produces
        self.text = text
        self.scope = scope
        self.needsPlainText = needsPlainText
        self.perParagraphOption = perParagraphOption
        self.mayRemakeParagraphs = mayRemakeParagraphs
        self.languageCodes = languageCodes
        self.languageCodeOption = languageCodeOption
        self.languageCodeRuleOff = languageCodeRuleOff
    }
}

/// Counters a stage reports for the run's statistics ("sentences": 1234).
///
/// A stage counts a few names a document, so they are kept as a short list searched in order
/// (no hashing, no dictionary to build per document); `counters` gives them as a dictionary.
public struct StageContext: Sendable {
    /// The counters so far, by name.
    public var counters: [String: Int] { list.dictionary }
    /// The counters as kept: a short list, cheap to add to once a document.
    private(set) var list = CounterList()

    /// Names of the record's `input` objects that first came to hold a value the stage
    /// replaced (`Document.keepReplacedMeta`), counted with the reader's under
    /// `run.input_fields_moved`.
    public private(set) var inputFieldsMoved: [String] = []

    public init() {}

    /// Adds to a named counter.
    public mutating func count(_ name: String, _ amount: Int = 1) {
        list.add(name, amount)
    }

    /// Counts the record's `input` object `name` under `run.input_fields_moved`.
    mutating func countInputField(_ name: String) {
        inputFieldsMoved.append(name)
    }

    mutating func merge(_ other: StageContext) {
        list.add(other.list)
        inputFieldsMoved += other.inputFieldsMoved
    }
}

/// A document-level failure with an optional position inside the document's text or source.
public struct DocumentError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public var column: Int?

    public init(_ message: String, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { message }
}

/// Thrown by a stage to remove a document on purpose: it is filtered, not failed. The runner
/// records `filtered: {"stage", "reason", "detail"}` on it, counts it in the stats per stage and
/// reason, and, for `.drop`, writes it to `NAME.filtered.jsonl` instead of the output (later
/// stages, dedup's index included, never see it). For `.mark` the document stays in the output
/// with the same field and the remaining stages run on it. The run's exit status is unaffected.
public struct DocumentFiltered: Error, Sendable, CustomStringConvertible {
    /// A short rule name that groups documents in the stats ("too_few_words", "language").
    public var reason: String
    /// The measured value behind it, for people ("12 words, fewer than 50").
    public var detail: String?
    public var action: FilterAction

    public init(_ reason: String, detail: String? = nil, action: FilterAction = .drop) {
        self.reason = reason
        self.detail = detail
        self.action = action
    }

    public var description: String { detail.map { "\(reason): \($0)" } ?? reason }
}

/// What happens to a document a stage filtered (the `action` option of filtering stages).
public enum FilterAction: String, Sendable, CaseIterable {
    /// To `NAME.filtered.jsonl`, out of the output.
    case drop
    /// Kept in the output with `filtered` set.
    case mark
}

/// Options were well-typed but the stage cannot work with them.
public struct StageSetupError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The option at fault, so the config checker can point at its line.
    public var option: String?

    public init(_ message: String, option: String? = nil) {
        self.message = message
        self.option = option
    }

    public var description: String { message }
}

/// The bound on a document's text while stages work on it: `max_document_mb`, the same limit
/// the reader applies. A stage that grows the text past it (NFKC of U+FDFA is 18 scalars, 33
/// bytes from 3) fails that document alone.
public enum TextGrowth {
    /// The failure of a document whose text grew past `limit` bytes in `stage`, after `bytes`.
    /// `stopped` says the stage stopped building its output there, so the full size is unknown
    /// and only the limit is named. Sizes go through `MessageText.megabytes` (rounded up against
    /// the limit): with one decimal always, a text a few bytes past a 1 MB limit read "grew past
    /// 1.0 MB …, above max_document_mb 1.0".
    public static func error(bytes: Int, stage: String, limit: Int, stopped: Bool = false) -> DocumentError {
        let limitText = MessageText.megabytes(limit)
        let grew = stopped ? "past max_document_mb \(limitText) inside \(MessageText.quoted(stage)) (it stopped there)"
                           : "to \(MessageText.megabytes(bytes, up: true)) MB after \(MessageText.quoted(stage)), above max_document_mb \(limitText)"
        return DocumentError("text grew \(grew); "
            + "raise max_document_mb in the config, or drop the option that makes the text grow")
    }
}
