import Foundation

/// `dedup`: exact and near-duplicate documents across the corpus and across runs, and
/// paragraphs repeated in many documents (boilerplate).
///
/// For each document, in input order:
/// 1. Boilerplate: paragraphs (of at most `boilerplate_max_words` words) that at least
///    `boilerplate_min_docs` earlier unique documents contained are cut out through `TextEditor`,
///    so spans of earlier stages stay right. The first `boilerplate_min_docs` documents with a
///    paragraph keep it: a streaming stage only knows the past.
/// 2. The rest of the text is fingerprinted (`Fingerprinter`): an exact key over the folded
///    words, word shingles, a MinHash signature, LSH band keys.
/// 3. An exact-key hit is an exact duplicate; otherwise every LSH candidate is verified
///    (exact Jaccard by default) and the earliest with similarity ≥ `threshold` is the match.
///    Only unique documents enter the index, so `duplicate.of` always names a document that
///    is kept, and nothing is ever removed through a chain of partial matches.
/// 4. `duplicate` is set on every document (`nil` when unique); with `action: drop`, duplicates
///    are routed to `duplicates.jsonl`.
///
/// The index lives beside the output (`output/corpus.jsonl` → `output/corpus.dedup/`); a later
/// run checks its documents against every earlier one. Under the runner it is a
/// `PersistentStage`: saved at every checkpoint of the run's journal, rolled back to the last
/// checkpoint when a killed run resumes, emptied when everything is reprocessed, and told to
/// forget the documents of changed and deleted files. Tokenizing and fingerprinting happen in
/// `prepare`, on every core; only the index lookups run in input order.
public struct DedupStage: PersistentStage {
    public static let name = "dedup"
    public static let summary = "exact and near-duplicate documents across the corpus and across runs, and boilerplate paragraphs"
    public static let options: [OptionSpec] = [
        OptionSpec("threshold", .number(0...1), default: 0.8, "Jaccard similarity of word shingles from which a document is a near duplicate"),
        OptionSpec("action", .choice(["drop", "mark"]), default: "drop",
                   "drop: duplicates go to NAME.duplicates.jsonl beside the output NAME.jsonl; mark: they stay in the output with 'duplicate' set"),
        OptionSpec("boilerplate", .bool, default: true, "remove paragraphs repeated in many documents"),
        OptionSpec("boilerplate_min_docs", .int(2...Int.max), default: 5,
                   "a paragraph seen in this many earlier unique documents is boilerplate and is removed from later ones"),
        OptionSpec("boilerplate_max_words", .int(1...Int.max), default: 50, "longer paragraphs are never treated as boilerplate"),
        // The index file counts its paragraphs in 32 bits (`DedupIndex.save`): a larger table
        // trapped saving the index once it held 2^32 of them.
        OptionSpec("boilerplate_memory", .int(1000...4_000_000_000), default: 1_000_000,
                   "most paragraphs counted at once (rare ones are forgotten first); about 20 bytes each"),
        OptionSpec("shingle_size", .int(1...64), default: 5, "words per shingle"),
        OptionSpec("bands", .int(1...256), default: 9, "LSH bands (more bands: more candidates, better recall, more memory)"),
        OptionSpec("rows", .int(1...64), default: 3, "MinHash values per LSH band (more rows: fewer candidates)"),
        OptionSpec("permutations", .int(0...4096), default: 0,
                   "MinHash signature length; 0 = bands × rows (a longer signature only helps verify: estimate)"),
        OptionSpec("verify", .choice(["exact", "estimate"]), default: "exact",
                   "check LSH candidates by exact Jaccard of their shingles (records on disk) or by MinHash estimate"),
        OptionSpec("bucket_limit", .int(1...Int.max), default: 32,
                   "most documents one LSH bucket keeps (the first ones): bounds the comparisons per document on templated pages"),
        OptionSpec("fold_case", .bool, default: true, "compare texts ignoring letter case"),
        OptionSpec("fold_punctuation", .bool, default: true, "compare texts ignoring punctuation, symbols, quote and dash styles"),
        OptionSpec("fold_unicode", .bool, default: true, "compare texts after Unicode compatibility folding (NFKC)"),
        OptionSpec("index", .string, default: nil,
                   "index directory; default: in the output's state folder (output/corpus.jsonl → output/.corpus.textmill/dedup); \"memory\" keeps it in memory only"),
    ]
    public static let traits = StageTraits(produces: [.duplicate], text: .edits, scope: .corpus)

    let state: DedupState

    public init(options: StageOptions) throws {
        let bands = options.int("bands"), rows = options.int("rows")
        var permutations = options.int("permutations")
        if permutations == 0 { permutations = bands * rows }
        guard permutations >= bands * rows else {
            throw StageSetupError("permutations (\(permutations)) must be at least bands × rows (\(bands) × \(rows) = \(bands * rows))",
                                  option: "permutations")
        }
        let settings = FingerprintSettings(
            shingleSize: options.int("shingle_size"), permutations: permutations, bands: bands, rows: rows,
            folding: TextFolding(foldCase: options.bool("fold_case"), foldPunctuation: options.bool("fold_punctuation"),
                                 compatibility: options.bool("fold_unicode")))
        let config = DedupConfiguration(
            settings: settings,
            verification: options.string("verify") == "estimate" ? .estimate : .exact,
            threshold: options.double("threshold"),
            drop: options.string("action") != "mark",
            boilerplate: options.bool("boilerplate"),
            boilerplateMinDocs: options.int("boilerplate_min_docs"),
            boilerplateMaxWords: options.int("boilerplate_max_words"),
            boilerplateMemory: options.int("boilerplate_memory"),
            bucketLimit: options.int("bucket_limit"),
            indexDirectory: Self.indexDirectory(options),
            indexOwner: Self.indexOwner(options))
        // Its lock is the state folder's own: the run was refused as "another textmill run (pid
        // N)", N its own pid.
        if let owner = config.indexOwner, let index = config.indexDirectory {
            let stateFolder = OutputFiles(output: owner).stateDirectory
            if SideFolderOwner.identity(of: index) == SideFolderOwner.identity(of: stateFolder) {
                throw StageSetupError("the index \(MessageText.quoted(index)) is the output's state folder, which holds the run's own lock, manifest and journal: "
                                      + "leave 'index' out (the index then lives in \(MessageText.quoted(stateFolder + "/dedup"))), or name a folder of its own", option: "index")
            }
        }
        state = DedupState(DedupEngine(config))
    }

    /// Where the index lives: the `index` option, else beside the output, else nowhere (memory).
    static func indexDirectory(_ options: StageOptions) -> String? {
        if options.environment.preview { return nil }
        if let path = options.string("index"), !path.isEmpty {
            return path == "memory" ? nil : options.environment.resolve(path)
        }
        let output = options.environment.outputPath
        if output.isEmpty || output == "-" { return nil }
        return OutputFiles(output: output).dedupIndex(instance: options.environment.instance)
    }

    /// The output an index folder the `index` option names is kept for (`SideFolderOwner`): the
    /// run's output, unless it is stdout (such runs keep no state of their own to mix up).
    static func indexOwner(_ options: StageOptions) -> String? {
        guard !options.environment.preview, let path = options.string("index"), !path.isEmpty, path != "memory" else { return nil }
        let output = options.environment.outputPath
        return output.isEmpty || output == "-" ? nil : output
    }

    /// The index directory when the `index` option names one: never input (its default place is
    /// inside the run's state folder, which the runner never reads either).
    public var sideFolders: [String] { state.config.indexDirectory.map { [$0] } ?? [] }

    /// Tokenizes and fingerprints the document (parallel; no index needed).
    public func prepare(_ document: inout Document, _ context: inout StageContext) throws {
        var (fingerprinter, prepared) = state.borrow()
        prepared.fill(document, &fingerprinter, boilerplate: state.config.boilerplate)
        document.scratch[DedupPrepared.key] = prepared
        state.returnFingerprinter(fingerprinter)
    }

    public func process(_ document: inout Document, _ context: inout StageContext) throws {
        let used = try state.withEngine { try $0.process(&document, &context) }
        state.recycle(used)
    }

    public func finish(_ context: inout StageContext) throws {
        try state.withEngine { try $0.finish(&context) }
    }

    // MARK: PersistentStage

    public func reset() throws {
        try state.withEngine { try $0.open(generation: 0) }
    }

    public func forget(_ documents: [DocumentKey]) throws {
        _ = try remove(documents)
    }

    public func checkpoint() throws -> JSONValue {
        try state.withEngine { engine in
            let generation = try engine.save()
            return generation.map { .object(JSONObject([("generation", JSONValue($0))])) } ?? .null
        }
    }

    /// The index never removes the generation the last commit names (`DedupIndex.committedGeneration`).
    public func keepSaved(_ committed: JSONValue) {
        state.withEngine { $0.committedGeneration = Self.generation(committed) }
    }

    /// The index generation a token names (0: none, an empty index).
    static func generation(_ token: JSONValue) -> Int { token.objectValue?["generation"]?.intValue ?? 0 }

    public func restore(to token: JSONValue) throws {
        let generation = Self.generation(token)
        try state.withEngine { try $0.open(generation: generation) }
    }

    /// What is wrong with the index generation the token names (gone, damaged, its record store
    /// damaged), or nil when it is on disk and whole (0, an empty index, always is):
    /// `DedupIndex.damage`.
    public func restoreProblem(to token: JSONValue, thorough: Bool) -> String? {
        let generation = Self.generation(token)
        guard generation != 0, let directory = state.config.indexDirectory else { return nil }
        return DedupIndex.damage(directory, generation, thorough: thorough)
    }

    /// An index saved in the folder this stage uses, built with other settings than its options
    /// ask for, or not readable as one (`DedupIndex.settingsProblem`), at the `index` option.
    public func savedStateProblem() -> StageSetupError? {
        guard let directory = state.config.indexDirectory,
              let problem = DedupIndex.settingsProblem(directory, settings: state.config.settings, verification: state.config.verification) else { return nil }
        return StageSetupError(problem, option: "index")
    }

    /// Opens the index folder a run without state of its own reads (`index:`), taking its lock,
    /// before any input is read: another run holding it refuses this one (`StateError`). Any
    /// other failure to open it is remembered and fails each document, as when it is opened at
    /// the first one.
    public func holdSavedState() throws {
        guard state.config.indexDirectory != nil else { return }
        do {
            _ = try state.withEngine { try $0.openIndex() }
        } catch let refused as StateError {
            throw refused
        } catch {
            // Left to the documents (`DedupEngine.openIndex` repeats it).
        }
    }

    /// The open index's size: documents, bytes in memory, bytes of records (nil before the
    /// first document and after `finish`).
    public var indexSize: (documents: Int, memoryBytes: Int, recordBytes: UInt64)? {
        state.withEngine { engine in engine.openedIndex.map { ($0.count, $0.memoryBytes, $0.recordBytes) } }
    }

    /// Forgets documents by id, whatever file they came from. Returns how many were indexed.
    public func remove(ids: [String]) throws -> Int {
        try state.withEngine { engine in
            engine.dirty = true
            return try engine.openIndex().remove(ids: ids)
        }
    }

    /// Forgets the documents of changed and deleted input files, by file and id
    /// (`DedupIndex.remove(_: [DocumentKey])`). Returns how many were indexed.
    public func remove(_ documents: [DocumentKey]) throws -> Int {
        try state.withEngine { engine in
            engine.dirty = true
            return try engine.openIndex().remove(documents)
        }
    }
}

extension DedupStage: KeepsOutputIDs {
    func keep(outputIDs ids: IDSet) {
        state.withEngine { $0.outputIDs = ids }
    }
}

extension DedupStage: ClosesState {
    /// Releases the index's lock without saving (`DedupIndex.close`).
    func closeState() {
        state.withEngine { $0.close() }
    }
}

extension DedupStage: ContinuesRun {
    /// Gives the same stage of the run made again the index folder's lock, still held, for its
    /// index to open with: released between the tries, another run could take it in the gap.
    func handOver(to successor: any Stage) {
        guard let lock = state.withEngine({ $0.closeKeepingLock() }) else { return }
        guard let next = successor as? DedupStage else { return lock.release() }
        next.state.withEngine { $0.take(lock) }
    }
}

/// The mark dedup leaves in a document's `scratch` when its id is one a record the output kept
/// from an earlier run holds (an id of a loaded document of the index): the runner's writer,
/// which knows only this run's ids, refuses it as it refuses an id this run wrote
/// (`OrderedWriter`).
public struct IDHeldByOutput: Sendable {
    public static let key = "write.id-held-by-output"
    public init() {}
}

/// What `prepare` works out for `process`: the document's words per paragraph and the
/// fingerprint of all of them (used as is when no boilerplate is cut).
///
/// A class: the document's `scratch` holds it as one reference, and `process` gets it back by a
/// cast to a class, where a struct of seven arrays was boxed, and copied out of its box (each
/// array retained, then released with the box) for every document. `prepare` fills it
/// (`fill`), `process` reads it, then gives it back to the stage's pool (`DedupState.recycle`)
/// for a later document's `prepare` to fill again in the memory its arrays hold: six arrays and
/// the object were allocated for every document and freed after its `process`.
final class DedupPrepared: @unchecked Sendable {
    static let key = "dedup"
    private(set) var paragraphs: [Span] = []
    private(set) var words: [UInt64] = []
    private(set) var paragraphWordStarts: [Int] = []
    private(set) var fingerprint = DocumentFingerprint.empty
    /// The text length it was made from (a check that nothing changed it since).
    private(set) var textCount = 0

    static func make(_ document: Document, _ fingerprinter: inout Fingerprinter, boilerplate: Bool) -> DedupPrepared {
        let prepared = DedupPrepared()
        prepared.fill(document, &fingerprinter, boilerplate: boilerplate)
        return prepared
    }

    /// Works out the document's paragraphs, words and fingerprint over what it held before.
    func fill(_ document: Document, _ fingerprinter: inout Fingerprinter, boilerplate: Bool) {
        let paragraphs = boilerplate ? document.paragraphs ?? Paragraphs.spans(in: document.text) : [Span(0, document.text.count)]
        // Moved out while they are filled: one reference each, so their memory is reused, and
        // no access check a word on the class's properties.
        var words: [UInt64] = [], starts: [Int] = []
        swap(&words, &self.words)
        swap(&starts, &paragraphWordStarts)
        words.removeAll(keepingCapacity: true)
        words.reserveCapacity(document.text.count / 5)
        starts.removeAll(keepingCapacity: true)
        starts.reserveCapacity(paragraphs.count + 1)
        document.text.withUnsafeBufferPointer { b in
            for p in paragraphs {
                starts.append(words.count)
                fingerprinter.words(b, from: p.start, to: p.end, into: &words)
            }
        }
        starts.append(words.count)
        fingerprinter.fingerprint(words: words, into: &fingerprint)
        self.paragraphs = paragraphs
        self.words = words
        paragraphWordStarts = starts
        textCount = document.text.count
    }

    /// Most words a prepared document's buffers may have room for to be kept for another one
    /// (about 40 KB of text): the pool never holds the memory of a long document.
    static let reusableWords = 8192

    /// True when its buffers are small enough to keep in the pool.
    var isReusable: Bool { words.capacity <= Self.reusableWords && fingerprint.shingleHashes.capacity <= 2 * Self.reusableWords }
}

/// Everything the dedup engine needs from the options.
struct DedupConfiguration: Sendable {
    var settings: FingerprintSettings
    var verification: Verification
    var threshold: Double
    var drop: Bool
    var boilerplate: Bool
    var boilerplateMinDocs: Int
    var boilerplateMaxWords: Int
    var boilerplateMemory: Int
    var bucketLimit: Int
    var indexDirectory: String?
    /// The output the index is kept for when `index` names a folder of its own (nil for the
    /// default index inside the output's state folder, and for a run to stdout).
    var indexOwner: String?
}

/// The stage's mutable state behind a lock (the runner calls a corpus stage from one thread,
/// but the `Stage` protocol asks for `Sendable`).
final class DedupState: @unchecked Sendable {
    private let lock = NSLock()
    private var engine: DedupEngine
    let config: DedupConfiguration
    /// Fingerprinters for `prepare`, one per thread at a time: each keeps the cache of folded
    /// characters it built, so non-ASCII text is classified once, not once per document.
    private let poolLock = NSLock()
    private var pool: [Fingerprinter] = []

    init(_ engine: DedupEngine) {
        self.engine = engine
        config = engine.config
    }

    /// Prepared documents given back after `process`, for `prepare` to fill again (at most
    /// `preparedPoolLimit`, each with room for at most `DedupPrepared.reusableWords` words).
    private var preparedPool: [DedupPrepared] = []
    /// The most prepared documents the pool keeps: with `--jobs 1` one is in use at a time;
    /// with more, the runner's batches (up to 128 documents) are prepared and processed in turn.
    static let preparedPoolLimit = 256

    func borrowFingerprinter() -> Fingerprinter {
        poolLock.lock()
        defer { poolLock.unlock() }
        return pool.popLast() ?? Fingerprinter(settings: config.settings)
    }

    /// A fingerprinter and a prepared document to fill, under one lock.
    func borrow() -> (Fingerprinter, DedupPrepared) {
        poolLock.lock()
        let fingerprinter = pool.popLast()
        let prepared = preparedPool.popLast()
        poolLock.unlock()
        return (fingerprinter ?? Fingerprinter(settings: config.settings), prepared ?? DedupPrepared())
    }

    /// Takes back a prepared document `process` is done with.
    func recycle(_ prepared: DedupPrepared) {
        guard prepared.isReusable else { return }
        poolLock.lock()
        if preparedPool.count < Self.preparedPoolLimit { preparedPool.append(prepared) }
        poolLock.unlock()
    }

    func returnFingerprinter(_ f: Fingerprinter) {
        poolLock.lock()
        pool.append(f)
        poolLock.unlock()
    }

    func withEngine<T>(_ body: (DedupEngine) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(engine)
    }
}

/// Dedup's per-document work.
///
/// Its stored properties skip the run-time exclusivity checks: the engine is only reached through
/// `DedupState.withEngine`, under its lock, so one thread at a time.
final class DedupEngine {
    let config: DedupConfiguration
    @exclusivity(unchecked) private var fingerprinter: Fingerprinter
    @exclusivity(unchecked) private var index: DedupIndex?
    /// The index if it is open.
    var openedIndex: DedupIndex? { index }
    @exclusivity(unchecked) private var openError: Error?
    /// Buffers of the current document, kept from one document to the next (their memory is
    /// allocated once, not once a document): the keys of its paragraphs short enough to be
    /// boilerplate, which paragraphs are boilerplate, and the words of the others.
    @exclusivity(unchecked) private var paragraphKeys: [UInt64] = []
    @exclusivity(unchecked) private var boilerplateFlags: [Bool] = []
    @exclusivity(unchecked) private var keptWords: [UInt64] = []
    /// The fingerprint of a document whose boilerplate was cut (its arrays' memory kept too).
    @exclusivity(unchecked) private var cutFingerprint = DocumentFingerprint.empty
    /// Ids this run passed on to the output without indexing a document under them: duplicates
    /// marked (`action: mark`) and documents without words. The runner keeps ids in the output
    /// unique, so a later document under one of them goes to the errors file: it is never
    /// indexed, or a copy of its text was marked a duplicate of the record that holds the id, a
    /// document of another text. Kept in memory for the run, as the claimed bits of the index.
    @exclusivity(unchecked) private var unindexedIDs = IDSet()
    /// The ids of the records the output keeps from earlier runs (`KeepsOutputIDs`, given by the
    /// runner): a document under one of them is a reused id, never indexed, as one under an id
    /// this run wrote. Without them, a document under the id of a kept duplicate marked in the
    /// output or a kept document without words (neither in the index) was indexed, refused by
    /// the writer, and stayed in the index as a ghost: when its file went, a later document under
    /// that id was refused as held, and a later copy of its text was dropped as a duplicate of a
    /// record the output does not hold. Read only: the runner's writer holds the same table.
    @exclusivity(unchecked) var outputIDs = IDSet()

    init(_ config: DedupConfiguration) {
        self.config = config
        fingerprinter = Fingerprinter(settings: config.settings)
    }

    /// True when documents changed the index since it was last saved.
    @exclusivity(unchecked) var dirty = false
    /// The generation the output's last commit names, kept by every index this engine opens
    /// (`DedupIndex.committedGeneration`).
    @exclusivity(unchecked) var committedGeneration = 0 {
        didSet { index?.committedGeneration = committedGeneration }
    }
    /// True when the runner opened the index (`open(generation:)`: restored to the output's
    /// last commit or to a killed run's checkpoint): every document loaded is then one the
    /// output holds.
    @exclusivity(unchecked) private var restored = false

    /// The index folder's lock the stage of a try given up handed over, held (`take`), for the
    /// next index opened to take over.
    @exclusivity(unchecked) private var heldLock: IndexLock?

    /// Keeps `lock`, held, for the next index opened (`DedupStage.handOver`).
    func take(_ lock: IndexLock) {
        heldLock?.release()
        heldLock = lock
    }

    /// The lock handed over, once: the index opened with it owns it.
    private func takeHeldLock() -> IndexLock? {
        defer { heldLock = nil }
        return heldLock
    }

    /// Opens (locks, loads) the index at first use; a failure is remembered and repeated.
    func openIndex() throws -> DedupIndex {
        if let index { return index }
        if let openError { throw openError }
        do {
            let opened = try DedupIndex(settings: config.settings, verification: config.verification,
                                        directory: config.indexDirectory, boilerplateCapacity: config.boilerplateMemory,
                                        generation: nil, bucketLimit: config.bucketLimit, owner: config.indexOwner,
                                        heldLock: takeHeldLock())
            opened.committedGeneration = committedGeneration
            index = opened
            return opened
        } catch {
            openError = error
            throw error
        }
    }

    /// Opens the index at a saved generation (0: empty), closing what was open.
    func open(generation: Int) throws {
        index?.close()
        index = nil
        openError = nil
        index = try DedupIndex(settings: config.settings, verification: config.verification, directory: config.indexDirectory,
                               boilerplateCapacity: config.boilerplateMemory, generation: generation, bucketLimit: config.bucketLimit,
                               owner: config.indexOwner, heldLock: takeHeldLock())
        index?.committedGeneration = committedGeneration
        dirty = generation == 0
        restored = true
    }

    /// Closes the open index without saving it; the next use opens it again.
    func close() {
        index?.close()
        index = nil
        openError = nil
        takeHeldLock()?.release()
    }

    /// Closes the open index without saving it or releasing its lock, which it returns
    /// (`DedupIndex.closeKeepingLock`).
    func closeKeepingLock() -> IndexLock? {
        let lock = index?.closeKeepingLock() ?? takeHeldLock()
        index = nil
        openError = nil
        return lock
    }

    /// Saves the index; returns its generation (nil for an index in memory only).
    func save() throws -> Int? {
        let index = try openIndex()
        guard index.directory != nil else { return nil }
        if dirty || index.generation == 0 {
            try index.save()
            dirty = false
        }
        return index.generation
    }

    /// Checks the document against the index and indexes it when it is unique. Returns what
    /// `prepare` made for it (or what was made here when the text changed since), done with,
    /// for the stage's pool.
    func process(_ document: inout Document, _ context: inout StageContext) throws -> DedupPrepared {
        let index = try openIndex()
        dirty = true
        context.count("documents")
        // The words and fingerprint `prepare` made, unless the text changed since.
        let prepared = (document.scratch.removeValue(forKey: DedupPrepared.key) as? DedupPrepared)
            .flatMap { $0.textCount == document.text.count ? $0 : nil }
            ?? DedupPrepared.make(document, &fingerprinter, boilerplate: config.boilerplate)
        try decide(&document, &context, prepared, index)
        return prepared
    }

    /// `process` of a prepared document.
    private func decide(_ document: inout Document, _ context: inout StageContext, _ prepared: DedupPrepared, _ index: DedupIndex) throws {
        let paragraphs = prepared.paragraphs
        var fp = prepared.fingerprint
        paragraphKeys.removeAll(keepingCapacity: true)
        if config.boilerplate {
            let words = prepared.words, starts = prepared.paragraphWordStarts
            findBoilerplate(paragraphs, words: words, starts: starts, counts: index.boilerplate)
            if boilerplateFlags.contains(true) {
                cut(boilerplateFlags, paragraphs, from: &document, &context)
                keptWords.removeAll(keepingCapacity: true)
                for i in 0..<paragraphs.count where !boilerplateFlags[i] {
                    keptWords.append(contentsOf: words[starts[i]..<starts[i + 1]])
                }
                fingerprinter.fingerprint(words: keptWords, into: &cutFingerprint)
                fp = cutFingerprint
            }
        }

        // Under the runner (`open(generation:)`), the index holds what the output keeps: the
        // documents of changed and deleted files were forgotten before the run. So an id a
        // loaded document holds is an id the output holds already, which the runner's writer,
        // knowing only this run's ids, cannot see: the document is marked for it
        // (`IDHeldByOutput`), to be refused as a from-scratch run refuses it, and is checked
        // as a reused id. Before, such a document was the indexed one's "new version" or its
        // "already indexed" self: indexed again, written beside it, the id twice under exit 0.
        var reusedInThisRun = unindexedIDs.contains(document.id) || outputIDs.contains(document.id)
        var sameID = reusedInThisRun ? [] : try index.documents(id: document.id)
        var heldByOutput = false
        if restored, sameID.contains(where: { index.isFromEarlierRun($0.document) }) {
            document.scratch[IDHeldByOutput.key] = IDHeldByOutput()
            heldByOutput = true
            sameID = []
        }

        if fp.wordCount == 0 {
            document.duplicate = .some(nil)
            context.count("documents without words")
            _ = unindexedIDs.insert(document.id)
            return
        }

        // An id met before. Documents an earlier run indexed under it: the same text is this
        // document again (a re-run over the same input: unique, claimed for this run); other texts
        // are its old versions, forgotten. An id this run used already is counted ("reused ids")
        // and the document is checked like any other, so a copy under the same id is an exact
        // duplicate; a new text under it is not indexed, since the runner keeps ids in the output
        // unique and sends it to the errors file (nothing may be a duplicate of a record the
        // output does not hold). So is an id this run gave a marked duplicate or a document
        // without words (`unindexedIDs`): the output holds it, under another text.
        if heldByOutput { reusedInThisRun = true }
        if reusedInThisRun { context.count("reused ids") }
        if !sameID.isEmpty {
            let fromEarlierRuns = sameID.filter { !index.isClaimed($0.document) }
            if let again = fromEarlierRuns.first(where: { $0.exactKey == fp.exactKey }) {
                index.claim(again.document)
                document.duplicate = .some(nil)
                context.count("already indexed")
                return
            }
            if !fromEarlierRuns.isEmpty {
                for old in fromEarlierRuns { try index.remove(document: old.document) }
                context.count("changed since indexed")
            }
            if fromEarlierRuns.count < sameID.count {
                context.count("reused ids")
                reusedInThisRun = true
            }
        }

        let match = try index.firstMatch(fp, threshold: config.threshold)
        context.count("lsh candidates", index.lastCandidateCount)
        context.count("candidate comparisons", index.lastComparisonCount)
        if let match {
            let similarity = (match.similarity * 10_000).rounded() / 10_000
            document.duplicate = .some(DuplicateInfo(of: match.id, kind: match.kind, similarity: similarity))
            if config.drop { document.route = .duplicates } else { _ = unindexedIDs.insert(document.id) }
            context.count(match.kind == .exact ? "exact duplicates" : "near duplicates")
            return
        }
        document.duplicate = .some(nil)
        if reusedInThisRun { return }
        // The record keeps the paragraphs counted, which forgetting the document takes out again
        // (its old version's, when it replaces one, were taken out as it was forgotten above).
        try index.checkRoom(id: document.id, fp, paragraphKeys: config.boilerplate ? paragraphKeys : [])
        index.insert(id: document.id, file: document.source.path, fp, paragraphKeys: config.boilerplate ? paragraphKeys : [])
        context.count("unique")
        if index.lastSkippedBandEntries > 0 { context.count("lsh entries over bucket limit", index.lastSkippedBandEntries) }
        if config.boilerplate { index.boilerplate.add(documentParagraphs: paragraphKeys) }
    }

    /// Sets `paragraphKeys` to the keys of the paragraphs short enough to be boilerplate, and
    /// `boilerplateFlags` to which paragraphs are boilerplate already (seen in
    /// `boilerplate_min_docs` earlier unique documents).
    private func findBoilerplate(_ paragraphs: [Span], words: [UInt64], starts: [Int], counts: BoilerplateCounter) {
        paragraphKeys.removeAll(keepingCapacity: true)
        boilerplateFlags.removeAll(keepingCapacity: true)
        boilerplateFlags.append(contentsOf: repeatElement(false, count: paragraphs.count))
        for i in 0..<paragraphs.count {
            let n = starts[i + 1] - starts[i]
            guard n > 0 && n <= config.boilerplateMaxWords else { continue }
            let key = Fingerprinter.exactKey(words[starts[i]..<starts[i + 1]])
            paragraphKeys.append(key)
            boilerplateFlags[i] = counts.count(key) >= config.boilerplateMinDocs
        }
        // A document made only of boilerplate is left whole (it is likely a duplicate anyway).
        if boilerplateFlags.allSatisfy({ $0 }) {
            for i in boilerplateFlags.indices { boilerplateFlags[i] = false }
        }
    }

    /// Cuts the flagged paragraphs out through `TextEditor` (spans of earlier stages follow),
    /// each run of them with the separator after it, or before it at the end of the text.
    private func cut(_ flags: [Bool], _ paragraphs: [Span], from document: inout Document, _ context: inout StageContext) {
        var removed = 0, removedBytes = 0
        var editor = TextEditor(document.text)
        var i = 0
        while i < paragraphs.count {
            guard flags[i] else { i += 1; continue }
            var j = i
            while j + 1 < paragraphs.count && flags[j + 1] { j += 1 }
            // Not every paragraph is flagged, so a run at the end has a paragraph before it.
            let (start, end) = j + 1 < paragraphs.count
                ? (paragraphs[i].start, paragraphs[j + 1].start)
                : (paragraphs[i - 1].end, paragraphs[j].end)
            editor.copy(to: start)
            editor.delete(to: end)
            removed += j - i + 1
            removedBytes += end - start
            i = j + 1
        }
        document.apply(editor.finish())
        context.count("boilerplate paragraphs removed", removed)
        context.count("boilerplate bytes removed", removedBytes)
    }

    func finish(_ context: inout StageContext) throws {
        guard let index else { return }
        if dirty { try index.save() }
        context.count("index documents", index.count)
        // What the index holds in memory (tables, arrays, boilerplate counts): the part of a run's
        // memory that grows with the corpus. Counted from its entries, so that identical runs
        // report the same figure (the allocator's rounding moves from run to run).
        context.count("index memory bytes", index.entryBytes + index.boilerplate.memoryBytes)
        index.close()
        self.index = nil
    }
}
