import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a near-duplicate candidate found through LSH is checked.
public enum Verification: String, Sendable, CaseIterable {
    /// Exact Jaccard similarity of the two shingle sets (read back from the record store).
    case exact
    /// The share of equal MinHash values (smaller store, less precise near the threshold).
    case estimate
}

/// A verified match of a document against the index.
public struct DedupMatch: Sendable, Equatable {
    /// The matched document's number in the index (smaller = seen earlier).
    public var document: UInt32
    /// The matched document's id (what `duplicate.of` names).
    public var id: String
    /// `exact` when the folded word sequences are equal, else `near`.
    public var kind: DuplicateInfo.Kind
    /// Verified similarity (exact Jaccard, or the MinHash estimate with `verify: estimate`).
    public var similarity: Double
}

/// The index of unique documents that dedup checks new documents against, in memory and, when
/// given a directory, persisted there across runs.
///
/// In memory, per document: its record offset, id hash, exact key and file key (32 bytes), one entry in
/// the exact-key map and one in the id map, at most `bands` entries of the LSH table (8 bytes
/// each, 50–75% full), and one bit (claimed in this run). Ids and verification values live in
/// the record store on disk.
///
/// Work per lookup is bounded: an LSH bucket keeps at most `bucketLimit` documents (the first
/// ones; later documents with the same band key are not added to it), so a document is
/// compared with at most `bands × bucketLimit` candidates however many similar documents
/// (templated pages) the index holds.
///
/// Several documents may share an id (a reused id within one run): the id map holds the first,
/// `sameID` the others, and `documents(id:)` returns all of them.
///
/// Each document keeps a hash of the input file it came from (`fileKey`, index version 4), so
/// the documents of a changed or deleted file are forgotten by file and id
/// (`remove(_: [DocumentKey])`): by id alone, the id of a document of that file that was never
/// indexed (no words, a reused id) removed another file's document under the same id, and a
/// later copy of that document was kept as unique.
///
/// Directory layout: `index.G.bin` (this structure; each `save()` writes generation G+1
/// atomically and keeps the one before it, so a run can roll back one checkpoint, and the one
/// the output's last commit names, `committedGeneration`, so a run killed after two checkpoints
/// can still go back to that commit),
/// `records.bin` (append-only records, cut back on load to the length the loaded generation
/// recorded), `lock` (an exclusive lock held from `init` until `close()`).
///
/// Not thread-safe: the dedup stage calls it from one thread.
///
/// Its stored properties skip the run-time exclusivity checks (`@exclusivity(unchecked)`): an
/// index is used by one thread at a time (the dedup stage behind its lock), so no two accesses
/// can overlap, and the checks cost a call on every access to its tables.
public final class DedupIndex {
    /// The fingerprint settings every document of the index was made with.
    public let settings: FingerprintSettings
    /// How candidates are checked (decides what the record store holds).
    public let verification: Verification
    /// The index directory, or nil for an index in memory only.
    public let directory: String?
    /// Most live documents one LSH bucket (band key) holds.
    public let bucketLimit: Int

    /// Record offset of each document; `removed` once forgotten.
    @exclusivity(unchecked) private var offsets: [UInt64] = []
    @exclusivity(unchecked) private var idHashes: [UInt64] = []
    @exclusivity(unchecked) private var exactKeys: [UInt64] = []
    /// Hash of the input file each document came from (`fileKey(_:)`); `unknownFile` for a
    /// document indexed without one, or loaded from an index before version 4.
    @exclusivity(unchecked) private var fileKeys: [UInt64] = []
    @exclusivity(unchecked) private var exactMap = KeyTable()
    @exclusivity(unchecked) private var idMap = KeyTable()
    /// Further documents under an id hash whose first document is in `idMap`, oldest first.
    @exclusivity(unchecked) private var sameID: [UInt64: [UInt32]] = [:]
    /// One bit a document: indexed or confirmed (`claim`) since this index was opened.
    @exclusivity(unchecked) private var claimed: [UInt64] = []
    @exclusivity(unchecked) private var bandTable = BandTable()
    private let store: RecordStore
    @exclusivity(unchecked) private var lock: IndexLock?
    /// Paragraph counts for boilerplate removal, persisted with the index.
    @exclusivity(unchecked) public var boilerplate: BoilerplateCounter
    /// Documents alive in the index.
    @exclusivity(unchecked) public private(set) var count = 0
    /// The generation loaded or last saved (0: nothing saved yet).
    @exclusivity(unchecked) public private(set) var generation = 0
    /// The generation the output's last commit names (its manifest's token), which `save()`
    /// never removes: a run killed after its second checkpoint, whose journal cannot be resumed
    /// (a file it had done changed since), goes back to it. Removed with the generations before
    /// the one before the newest, it was gone, and that run reprocessed every file. 0: none.
    public var committedGeneration = 0
    /// True when a run that keeps no state (to stdout: no `owner`) opened an index folder an
    /// output keeps (its owner file names an output whose state folder exists): its documents
    /// are checked against the index, which `save()` leaves as it was. Two such runs saved a
    /// generation each, and the second deleted the one the output's manifest names: the
    /// output's next run reprocessed every file.
    public private(set) var readOnly = false
    /// Documents loaded from the saved generation: numbers below it were indexed by an earlier
    /// run (or by a killed run before its last checkpoint), the others since this index opened.
    @exclusivity(unchecked) public private(set) var loadedCount = 0

    /// Distinct LSH candidates of the last `firstMatch` or `allMatches` (for the statistics).
    @exclusivity(unchecked) public private(set) var lastCandidateCount = 0
    /// Candidates the last `firstMatch` or `allMatches` compared (read back and measured).
    @exclusivity(unchecked) public private(set) var lastComparisonCount = 0
    /// Band entries the last `insert` left out because their bucket was full.
    @exclusivity(unchecked) public private(set) var lastSkippedBandEntries = 0
    @exclusivity(unchecked) private var narrowScratch: [UInt32] = []
    @exclusivity(unchecked) private var wideScratch: [UInt64] = []
    @exclusivity(unchecked) private var candidates: [UInt32] = []

    static let removed = UInt64.max
    /// The file key of a document whose file is not known: one indexed without a file, or loaded
    /// from an index before version 4. Forgetting a file's documents removes it by id alone.
    static let unknownFile: UInt64 = 0
    static let magic: [UInt8] = Array("TMDEDUP1".utf8)
    /// Version 2: shingle records hold 64-bit hashes. Version 3: every record appended ends with
    /// its checksum (`RecordStore.checkedFlag`), so a damaged record store is found when a record
    /// is read back, not used; version 3 writes nothing else differently. Version 4: the
    /// document table holds each document's file key (32 bytes a document, not 24). Version 1
    /// indexes (32-bit shingle records), 2 and 3 are read as they are: their documents are
    /// verified on the hashes they hold, their records without a checksum are checked by their
    /// id's hash only (`storedID`), and their file is unknown (`unknownFile`). Version 5: a
    /// document's record may end with the keys of the paragraphs boilerplate removal counted for
    /// it (`RecordStore.paragraphsFlag`), so forgetting it takes them out of the counts; the
    /// documents of an earlier version forget no counts.
    static let version: UInt32 = 5
    static let readableVersions: Set<UInt32> = [1, 2, 3, 4, 5]

    /// Opens an index: in memory when `directory` is nil, otherwise locks the directory
    /// (refusing a concurrent run) and loads what earlier runs saved there.
    ///
    /// `generation` picks a saved generation to load (rolling back newer ones, which a killed run
    /// may have left); nil loads the newest; 0 starts empty and deletes what was saved.
    /// `owner`, the output a run keeps this index for (when `index` names a folder of its own),
    /// is checked against the folder's owner file and recorded there (`SideFolderOwner`): an
    /// index another output keeps is refused (`StateError`, exit 2).
    public convenience init(settings: FingerprintSettings, verification: Verification = .exact, directory: String?,
                            boilerplateCapacity: Int = 1_000_000, generation wanted: Int? = nil, bucketLimit: Int = 32,
                            owner: String? = nil) throws {
        try self.init(settings: settings, verification: verification, directory: directory, boilerplateCapacity: boilerplateCapacity,
                      generation: wanted, bucketLimit: bucketLimit, owner: owner, heldLock: nil)
    }

    /// Opens an index as above; `heldLock`, when it is the directory's, is the lock a closed
    /// index of this process gave up still held (`closeKeepingLock`), taken over without a
    /// moment when another run could take it.
    init(settings: FingerprintSettings, verification: Verification, directory: String?,
         boilerplateCapacity: Int, generation wanted: Int?, bucketLimit: Int,
         owner: String?, heldLock: IndexLock?) throws {
        self.settings = settings
        self.verification = verification
        self.directory = directory
        self.bucketLimit = max(1, bucketLimit)
        boilerplate = BoilerplateCounter(capacity: boilerplateCapacity)
        guard let directory else {
            store = RecordStore()
            return
        }
        try CheckedIO.createDirectory(directory)
        try StateFolderEntries.check(directory, names: ["lock", "records.bin"] + (try Self.generations(in: directory)).map { "index.\($0).bin" },
                                     what: "the dedup index")
        let lock: IndexLock
        if let heldLock, heldLock.path == IndexLock.path(in: directory) {
            lock = heldLock
        } else {
            heldLock?.release()
            lock = try IndexLock(directory: directory)
        }
        self.lock = lock
        if let owner {
            if let problem = SideFolderOwner.problem(folder: directory, output: owner, what: "the dedup index") {
                lock.release()
                throw StateError(message: problem)
            }
            try SideFolderOwner.claim(folder: directory, output: owner)
        } else if let kept = SideFolderOwner.owner(of: directory),
                  FileManager.default.fileExists(atPath: OutputFiles(output: kept).stateDirectory) {
            readOnly = true
        }
        Self.removeLeftoverTemporaryFiles(in: directory)
        let saved = try Self.generations(in: directory)
        let chosen = wanted ?? saved.last ?? 0
        if chosen != 0 && !saved.contains(chosen) {
            throw DedupIndexError("the dedup index \(MessageText.quoted(directory)) has no saved generation \(chosen) (it has \(saved.map(String.init).joined(separator: ", "))); delete the directory and run with --force to rebuild it")
        }
        // Generations after the chosen one belong to a run that did not finish: roll them back.
        for g in saved where g > chosen { unlink(Self.indexPath(directory, g)) }
        var storeLength: UInt64 = 0
        if chosen > 0, let data = FileManager.default.contents(atPath: Self.indexPath(directory, chosen)) {
            storeLength = try Self.load(Array(data), path: Self.indexPath(directory, chosen), settings: settings, verification: verification,
                                        into: &offsets, &idHashes, &exactKeys, &fileKeys, &bandTable, &boilerplate, bucketLimit: max(1, bucketLimit))
        }
        generation = chosen
        store = try RecordStore(path: directory + "/records.bin", validLength: storeLength)
        exactMap = KeyTable(capacity: offsets.count)
        idMap = KeyTable(capacity: offsets.count)
        for (doc, offset) in offsets.enumerated() where offset != Self.removed {
            exactMap.set(exactKeys[doc], UInt32(doc))
            addToIDMap(idHashes[doc], UInt32(doc))
            count += 1
        }
        claimed = [UInt64](repeating: 0, count: (offsets.count + 63) / 64)
        loadedCount = offsets.count
    }

    /// True when the document was loaded from a saved generation, not indexed since this index
    /// was opened.
    public func isFromEarlierRun(_ doc: UInt32) -> Bool { Int(doc) < loadedCount }

    /// Releases the lock without saving.
    public func close() {
        lock?.release()
        lock = nil
    }

    /// Closes the index without saving and without releasing its lock, which it returns (nil
    /// for an index in memory) for the next index opened on the directory to take over.
    func closeKeepingLock() -> IndexLock? {
        defer { lock = nil }
        return lock
    }

    deinit { lock?.release() }

    /// Hash of a document id (FNV-1a over its UTF-8 bytes, then `WordTokenizer.finish`; kept in
    /// the index files, so it never changes). The bytes are read in place (`withUTF8`): walking
    /// `String.utf8` cost about 50 instructions a byte, and a file's id is its path, ~55 bytes.
    static func idHash(_ id: String) -> UInt64 {
        var id = id
        return id.withUTF8 { idHash(utf8: $0) }
    }

    /// The same hash of an id's UTF-8 bytes.
    static func idHash(utf8 bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return WordTokenizer.finish(h)
    }

    /// The key of an input file's path as the index keeps it (the id hash of the path, never
    /// `unknownFile`).
    static func fileKey(_ path: String) -> UInt64 {
        let h = idHash(path)
        return h == unknownFile ? 1 : h
    }

    /// The id a document's record holds, checked against the hash the index keeps for it: a
    /// record store damaged there would name another document, or none, in `duplicate.of` and
    /// in the forgetting of a changed file's ids (the checksum of a record is read only with its
    /// values).
    private func storedID(_ doc: UInt32) throws -> [UInt8] {
        let id = try store.readID(at: offsets[Int(doc)])
        try checkID(id, of: doc)
        return id
    }

    private func checkID(_ id: [UInt8], of doc: UInt32) throws {
        guard id.withUnsafeBufferPointer({ Self.idHash(utf8: $0) }) == idHashes[Int(doc)] else {
            throw store.damaged(at: offsets[Int(doc)])
        }
    }

    // MARK: Lookup

    /// The first document indexed under `id`, and its exact key, if any.
    public func document(id: String) throws -> (document: UInt32, exactKey: UInt64)? {
        try documents(id: id).first
    }

    /// Every live document indexed under `id` (more than one when a run reused the id), oldest
    /// first, with its exact key.
    public func documents(id: String) throws -> [(document: UInt32, exactKey: UInt64)] {
        let hash = Self.idHash(id)
        guard let first = idMap[hash] else { return [] }
        var out: [(document: UInt32, exactKey: UInt64)] = []
        for doc in [first] + (sameID[hash] ?? []) where offsets[Int(doc)] != Self.removed {
            guard try storedID(doc).elementsEqual(id.utf8) else { continue }
            out.append((doc, exactKeys[Int(doc)]))
        }
        return out
    }

    /// True when the document was indexed, or claimed, since this index was opened (in this run).
    public func isClaimed(_ doc: UInt32) -> Bool {
        let i = Int(doc)
        return i / 64 < claimed.count && claimed[i / 64] & (1 << UInt64(i % 64)) != 0
    }

    /// Marks an indexed document as seen in this run (a re-run met it again, unchanged).
    public func claim(_ doc: UInt32) {
        let i = Int(doc)
        while claimed.count <= i / 64 { claimed.append(0) }
        claimed[i / 64] |= 1 << UInt64(i % 64)
    }

    /// The earliest indexed document this fingerprint truly duplicates: an exact duplicate
    /// (same exact key), else the earliest LSH candidate whose verified similarity reaches
    /// `threshold`. Nil when there is none.
    public func firstMatch(_ fp: DocumentFingerprint, threshold: Double) throws -> DedupMatch? {
        lastComparisonCount = 0
        if let doc = exactMap[fp.exactKey], offsets[Int(doc)] != Self.removed {
            let id = try storedID(doc)
            return DedupMatch(document: doc, id: String(decoding: id, as: UTF8.self), kind: .exact, similarity: 1)
        }
        collectCandidates(fp)
        for doc in candidates {
            if let m = try verify(fp, against: doc, threshold: threshold) { return m }
        }
        return nil
    }

    /// Every indexed document whose verified similarity reaches `threshold` (benchmarks, tools).
    public func allMatches(_ fp: DocumentFingerprint, threshold: Double) throws -> [DedupMatch] {
        lastComparisonCount = 0
        collectCandidates(fp)
        var out: [DedupMatch] = []
        for doc in candidates {
            if let m = try verify(fp, against: doc, threshold: threshold) { out.append(m) }
        }
        if let doc = exactMap[fp.exactKey], offsets[Int(doc)] != Self.removed, !out.contains(where: { $0.document == doc }) {
            let id = try storedID(doc)
            out.append(DedupMatch(document: doc, id: String(decoding: id, as: UTF8.self), kind: .exact, similarity: 1))
        }
        return out.sorted { $0.document < $1.document }
    }

    /// Alive documents sharing a band key with `fp`, ascending, in `candidates`.
    private func collectCandidates(_ fp: DocumentFingerprint) {
        candidates.removeAll(keepingCapacity: true)
        lastCandidateCount = 0
        guard !fp.shingles.isEmpty else { return }
        for key in fp.bandKeys {
            bandTable.forEach(key: key) { doc in
                if offsets[Int(doc)] != Self.removed { candidates.append(doc) }
            }
        }
        lastCandidateCount = candidates.count
        guard candidates.count > 1 else { return }
        candidates.sort()
        var w = 1
        for r in 1..<candidates.count where candidates[r] != candidates[w - 1] {
            candidates[w] = candidates[r]
            w += 1
        }
        candidates.removeLast(candidates.count - w)
        lastCandidateCount = w
    }

    private func verify(_ fp: DocumentFingerprint, against doc: UInt32, threshold: Double) throws -> DedupMatch? {
        lastComparisonCount += 1
        let (id, isWide) = try store.read(at: offsets[Int(doc)], narrow: &narrowScratch, wide: &wideScratch)
        try checkID(id, of: doc)
        let similarity: Double
        if isWide {
            // 64-bit shingle hashes (exact verification since index version 2).
            similarity = fp.shingleHashes.withUnsafeBufferPointer { a in wideScratch.withUnsafeBufferPointer { b in jaccard(a, b) } }
        } else {
            // A MinHash signature, or the 32-bit shingle hashes of a version-1 record.
            let mine = verification == .exact ? fp.shingles : fp.signature
            similarity = mine.withUnsafeBufferPointer { a in
                narrowScratch.withUnsafeBufferPointer { b in
                    verification == .exact ? jaccard(a, b) : MinHasher.estimatedSimilarity(a, b)
                }
            }
        }
        guard similarity >= threshold else { return nil }
        let kind: DuplicateInfo.Kind = exactKeys[Int(doc)] == fp.exactKey ? .exact : .near
        return DedupMatch(document: doc, id: String(decoding: id, as: UTF8.self), kind: kind, similarity: similarity)
    }

    // MARK: Changes

    /// Most values one document's record may hold: its count shares a 32-bit word with three
    /// flag bits (`RecordStore.flagBits`), so a count of 2^29 or more set a flag and read back
    /// as another count (the record "damaged", the whole index dropped on the next run), and
    /// one of 2^32 trapped. Only reachable with `max_document_mb` over 1023 or so (2^28 short
    /// paragraphs, or 2^29 distinct shingles under exact verification). Tests lower it.
    var maxRecordValues = Int(~RecordStore.flagBits)
    /// Most documents the index numbers: document numbers are 32-bit, `UInt32.max` marking an
    /// empty slot of its tables. Tests lower it.
    var maxDocuments = Int(UInt32.max) - 1

    /// Throws the document's error when `insert` could not store it: its record over
    /// `maxRecordValues` values, its id over 4 GiB, or the index full (`maxDocuments`).
    public func checkRoom(id: String, _ fp: DocumentFingerprint, paragraphKeys: [UInt64]) throws(DocumentError) {
        let values = verification == .exact ? fp.shingleHashes.count : fp.signature.count
        let keyValues = paragraphKeys.isEmpty ? 0 : (verification == .exact ? 1 : 2) * paragraphKeys.count + 1
        if values + keyValues > maxRecordValues {
            let what = verification == .exact ? "\(values) distinct shingles" : "a signature of \(values) values"
            throw DocumentError("the document's dedup record would hold \(values + keyValues) values (\(what) and \(paragraphKeys.count) short paragraphs' keys), "
                                + "above the \(maxRecordValues) a record can hold (its count is 29 bits of a 32-bit word): split the document into smaller ones to deduplicate it")
        }
        if id.utf8.count > Int(UInt32.max) {
            throw DocumentError("the document's id is \(MessageText.size(id.utf8.count)), above the 4 GiB a dedup record can hold (its length is 32-bit): give it a shorter id")
        }
        if offsets.count >= maxDocuments {
            throw DocumentError("the dedup index holds \(offsets.count) documents, the most its 32-bit document numbers can count: deduplicate further documents into another index (another output)")
        }
    }

    /// Adds a document (claimed: indexed in this run); returns its number. `file` is the input
    /// file it came from (its `source.path`), by which `remove(_: [DocumentKey])` forgets it;
    /// nil leaves it unknown (forgotten by id alone). Band keys whose bucket is full
    /// (`bucketLimit`) are left out (`lastSkippedBandEntries`).
    @discardableResult
    public func insert(id: String, file: String? = nil, _ fp: DocumentFingerprint, paragraphKeys: [UInt64] = []) -> UInt32 {
        let doc = UInt32(offsets.count)
        var idBytes = id
        offsets.append(idBytes.withUTF8 { bytes in
            verification == .exact
                ? store.append(id: bytes, wideValues: fp.shingleHashes, paragraphKeys: paragraphKeys)
                : store.append(id: bytes, values: fp.signature, paragraphKeys: paragraphKeys)
        })
        let idHash = Self.idHash(id)
        idHashes.append(idHash)
        exactKeys.append(fp.exactKey)
        fileKeys.append(file.map(Self.fileKey) ?? Self.unknownFile)
        exactMap.set(fp.exactKey, doc)
        addToIDMap(idHash, doc)
        lastSkippedBandEntries = 0
        if !fp.shingles.isEmpty {
            for key in fp.bandKeys {
                let added = bandTable.insert(key: key, doc: doc, limit: bucketLimit) { offsets[Int($0)] != Self.removed }
                if !added { lastSkippedBandEntries += 1 }
            }
        }
        claim(doc)
        count += 1
        return doc
    }

    /// Records `doc` under its id hash: in the id map if the hash is new, else after the others.
    private func addToIDMap(_ hash: UInt64, _ doc: UInt32) {
        if idMap[hash] == nil { idMap.set(hash, doc) } else { sameID[hash, default: []].append(doc) }
    }

    /// Forgets documents by id, whatever file they came from. Returns how many were indexed.
    @discardableResult
    public func remove(ids: [String]) throws -> Int {
        var removedCount = 0
        for id in ids {
            for (doc, _) in try documents(id: id) {
                try remove(document: doc)
                removedCount += 1
            }
        }
        return removedCount
    }

    /// Forgets the documents of input files (the runner calls this for changed and deleted
    /// files): each document under the key's id that came from the key's file, or whose file is
    /// unknown (`unknownFile`). A document of another file under the same id stays: its record
    /// stays in the output. Returns how many were indexed.
    @discardableResult
    public func remove(_ keys: [DocumentKey]) throws -> Int {
        var removedCount = 0
        for key in keys {
            let file = Self.fileKey(key.file)
            for (doc, _) in try documents(id: key.id) where fileKeys[Int(doc)] == file || fileKeys[Int(doc)] == Self.unknownFile {
                try remove(document: doc)
                removedCount += 1
            }
        }
        return removedCount
    }

    /// Forgets one document by number, and takes the paragraphs boilerplate removal counted
    /// for it out of the counts (`paragraphKeys` of `insert`), so the counts are those of the
    /// documents the index holds, as a run from scratch on them makes. Throws when its record
    /// does not read back (a damaged store).
    public func remove(document doc: UInt32) throws {
        let d = Int(doc)
        guard d < offsets.count, offsets[d] != Self.removed else { return }
        let paragraphs = try store.readParagraphKeys(at: offsets[d])
        if !paragraphs.isEmpty { boilerplate.remove(documentParagraphs: paragraphs) }
        offsets[d] = Self.removed
        if exactMap[exactKeys[d]] == doc { exactMap.remove(exactKeys[d]) }
        let hash = idHashes[d]
        if idMap[hash] == doc {
            // The next document under the same id hash, if any, takes its place.
            if var rest = sameID[hash], !rest.isEmpty {
                idMap.set(hash, rest.removeFirst())
                sameID[hash] = rest.isEmpty ? nil : rest
            } else {
                idMap.remove(hash)
            }
        } else if var rest = sameID[hash] {
            rest.removeAll { $0 == doc }
            sameID[hash] = rest.isEmpty ? nil : rest
        }
        count -= 1
    }

    // MARK: Persistence

    /// Writes the index crash-safely (records fsynced first, then `index.bin` replaced
    /// atomically). Removed documents are left out. No-op for an in-memory index.
    public func save() throws {
        guard let directory, !readOnly else { return }
        let storeLength = try store.sync()
        var w = ByteWriter()
        w.bytes.append(contentsOf: Self.magic)
        w.u32(Self.version)
        Self.writeSettings(settings, verification, &w)
        w.u64(storeLength)
        // Alive documents, renumbered in order.
        var renumber = [UInt32](repeating: .max, count: offsets.count)
        var alive: UInt32 = 0
        for d in 0..<offsets.count where offsets[d] != Self.removed { renumber[d] = alive; alive += 1 }
        var entries = 0
        bandTable.forEachEntry { _, doc in if renumber[Int(doc)] != .max { entries += 1 } }
        // Paragraph counts in the order of their keys (`inKeyOrder`: the file must not change
        // with the dictionary's seeded order).
        let paragraphs = boilerplate.inKeyOrder()
        // The whole file in one allocation: 4 + 32 a document + 8 + 8 an entry + 4 + 12 a paragraph + 8.
        w.bytes.reserveCapacity(w.bytes.count + 4 + 32 * Int(alive) + 8 + 8 * entries + 4 + 12 * paragraphs.keys.count + 8)
        w.u32(alive)
        w.table(bytes: 32 * Int(alive)) { t in
            for d in 0..<offsets.count where offsets[d] != Self.removed {
                t.u64(offsets[d]); t.u64(idHashes[d]); t.u64(exactKeys[d]); t.u64(fileKeys[d])
            }
        }
        w.u64(UInt64(entries))
        w.table(bytes: 8 * entries) { t in
            bandTable.forEachEntry { key, doc in
                if renumber[Int(doc)] != .max { t.u32(key); t.u32(renumber[Int(doc)]) }
            }
        }
        w.u32(UInt32(paragraphs.keys.count))
        w.table(bytes: 12 * paragraphs.keys.count) { t in
            for i in paragraphs.keys.indices { t.u64(paragraphs.keys[i]); t.u32(paragraphs.counts[i]) }
        }
        w.u64(ByteWriter.checksum(w.bytes[...]))
        let next = generation + 1
        try writeFileAtomically(w.bytes, to: Self.indexPath(directory, next))
        // Keep the generation before (a run may roll back one checkpoint) and the last commit's;
        // older ones go.
        for g in try Self.generations(in: directory) where g < generation && g != committedGeneration { unlink(Self.indexPath(directory, g)) }
        generation = next
        KillPoint.reach("index-saved")
    }

    static func indexPath(_ directory: String, _ generation: Int) -> String { "\(directory)/index.\(generation).bin" }

    /// Whether a saved generation can be loaded: `damage` finds nothing wrong with it.
    static func isIntact(_ directory: String, _ generation: Int, thorough: Bool = false) -> Bool { damage(directory, generation, thorough: thorough) == nil }

    /// What is wrong with a saved generation, or nil when it can be loaded: its file is there,
    /// whole (`readHeader`: magic, a version this dedup reads, the checksum), and the record store
    /// holds the bytes it names, its records reading back as written and each document's record
    /// holding its id (`RecordStoreCheck`: a sample of the records, or every one when
    /// `thorough`; a store zero-filled, overwritten or with a byte flipped, its size kept, was
    /// found only when a document was compared with a damaged record, and that document failed
    /// until the user ran with `--force`). A run checks this
    /// before it builds on the generation, so damaged state makes it reprocess every file, with
    /// a notice naming the file, instead of failing documents.
    static func damage(_ directory: String, _ generation: Int, thorough: Bool = false) -> String? {
        let path = indexPath(directory, generation)
        guard let data = FileManager.default.contents(atPath: path) else { return "\(MessageText.quoted(path)) cannot be read" }
        let bytes = Array(data)
        let header: Header
        do { header = try readHeader(bytes, path: path) } catch { return "\(error)" }
        var r = header.tables
        var documents: [RecordStoreCheck.Document] = []
        do {
            let docs = Int(try r.u32())
            let entry = header.version >= 4 ? 32 : 24
            guard docs <= bytes.count / entry else { return damagedMessage(path) }
            documents.reserveCapacity(docs)
            for _ in 0..<docs {
                let offset = try r.u64(), idHash = try r.u64()
                _ = try r.u64()
                if entry == 32 { _ = try r.u64() }
                if offset != removed { documents.append(RecordStoreCheck.Document(offset: offset, idHash: idHash)) }
            }
        } catch {
            return damagedMessage(path)
        }
        documents.sort { $0.offset < $1.offset }
        return RecordStoreCheck.problem(path: directory + "/records.bin", length: header.storeLength, documents: documents, thorough: thorough)
    }

    /// The generations saved in a directory, ascending.
    /// The generations saved in `directory` (`index.N.bin`), in order; none when it does not
    /// exist. A folder that cannot be listed (out of descriptors, `ulimit -n 5`) is a write
    /// error (exit 3, nothing written): read as empty, an incremental run said the index "has no
    /// saved generation 1 (it has ); delete the directory and run with --force to rebuild it"
    /// under exit 1, and an index opened without a generation to load was taken for an empty one.
    static func generations(in directory: String) throws -> [Int] {
        guard let folder = opendir(directory) else {
            if errno == ENOENT { return [] }
            throw WriteError(path: directory, action: "list", code: errno)
        }
        defer { closedir(folder) }
        var found: [Int] = []
        while true {
            errno = 0
            guard let entry = readdir(folder) else {
                if errno != 0 { throw WriteError(path: directory, action: "list", code: errno) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix("index."), name.hasSuffix(".bin"),
                  let number = Int(name.dropFirst("index.".count).dropLast(".bin".count)) else { continue }
            found.append(number)
        }
        return found.sorted()
    }

    static func writeSettings(_ s: FingerprintSettings, _ v: Verification, _ w: inout ByteWriter) {
        w.u32(UInt32(s.shingleSize)); w.u32(UInt32(s.permutations)); w.u32(UInt32(s.bands)); w.u32(UInt32(s.rows))
        w.u8(s.folding.foldCase ? 1 : 0); w.u8(s.folding.foldPunctuation ? 1 : 0); w.u8(s.folding.compatibility ? 1 : 0)
        w.u8(v == .exact ? 0 : 1)
        w.u64(s.seed)
    }

    static func describe(_ s: FingerprintSettings, _ v: Verification) -> String {
        "shingle_size \(s.shingleSize), permutations \(s.permutations), bands \(s.bands), rows \(s.rows), "
            + "fold_case \(s.folding.foldCase), fold_punctuation \(s.folding.foldPunctuation), "
            + "fold_unicode \(s.folding.compatibility), verify \(v.rawValue)"
    }

    /// What an index file says before its tables: the settings it was built with, the record
    /// store length, and a reader at its first table.
    struct Header {
        var version: UInt32 = 0
        var settings = FingerprintSettings()
        var verification = Verification.exact
        var storeLength: UInt64 = 0
        var tables: ByteReader
    }

    /// Checks an index file is one (magic), whole (the checksum) and of a version this dedup reads,
    /// and reads its header. Throws the message a user sees for each.
    static func readHeader(_ bytes: [UInt8], path: String) throws -> Header {
        guard bytes.count >= 16, Array(bytes[0..<8]) == magic else { throw DedupIndexError("\(MessageText.quoted(path)) is not a TextMill dedup index") }
        var tail = ByteReader(bytes: bytes, position: bytes.count - 8, what: path)
        guard try tail.u64() == ByteWriter.checksum(bytes[0..<(bytes.count - 8)]) else { throw DedupIndexError(damagedMessage(path)) }
        return try parseHeader(bytes, path: path)
    }

    /// The header of an index file from its first bytes (`headerBytes` of them are enough),
    /// its checksum not checked: the magic, a version this dedup reads, the settings.
    static func parseHeader(_ bytes: [UInt8], path: String) throws -> Header {
        guard bytes.count >= 16, Array(bytes[0..<8]) == magic else { throw DedupIndexError("\(MessageText.quoted(path)) is not a TextMill dedup index") }
        var r = ByteReader(bytes: bytes, position: 8, what: path)
        let fileVersion = try r.u32()
        guard readableVersions.contains(fileVersion) else {
            throw DedupIndexError("\(MessageText.quoted(path)) was written by another version of TextMill's dedup (index version \(fileVersion); this one reads \(readableVersions.sorted().map(String.init).joined(separator: ", "))); delete its directory to rebuild")
        }
        var settings = FingerprintSettings()
        settings.shingleSize = Int(try r.u32()); settings.permutations = Int(try r.u32())
        settings.bands = Int(try r.u32()); settings.rows = Int(try r.u32())
        settings.folding = TextFolding(foldCase: try r.u8() == 1, foldPunctuation: try r.u8() == 1, compatibility: try r.u8() == 1)
        let verification: Verification = try r.u8() == 0 ? .exact : .estimate
        settings.seed = try r.u64()
        let storeLength = try r.u64()
        return Header(version: fileVersion, settings: settings, verification: verification, storeLength: storeLength, tables: r)
    }

    /// Why an index built as `header` says cannot serve a config that asks for `settings` and
    /// `verification`, or nil when they are the same.
    static func settingsMismatch(_ header: Header, path: String, settings: FingerprintSettings, verification: Verification) -> String? {
        guard header.settings != settings || header.verification != verification else { return nil }
        return "the dedup index \(MessageText.quoted(path)) was built with \(describe(header.settings, header.verification)); "
            + "this config asks for \(describe(settings, verification)). "
            + "Use the same settings, or delete the index directory (or set 'index' elsewhere) to start a new one"
    }

    /// How many bytes of an index file hold its header up to the settings and store length.
    static let headerBytes = 64

    /// Why the newest generation saved in `directory` cannot be loaded with `settings`, read
    /// from its first bytes before any input is read: not an index, written by another version,
    /// or built with other settings (`settingsMismatch`). Nil when none is saved or it fits; a
    /// file that cannot be read is left for opening the index to report. A run without state of
    /// its own (to stdout, from stdin) opens the index at its first document, and each document
    /// failed with the mismatch (exit 1) where a config that does not fit is a config error.
    static func settingsProblem(_ directory: String, settings: FingerprintSettings, verification: Verification) -> String? {
        guard let newest = (try? generations(in: directory))?.last else { return nil }
        let path = indexPath(directory, newest)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = Glibc.close(fd) }
        var bytes = [UInt8](repeating: 0, count: headerBytes)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, headerBytes, 0) }
        guard n >= 0 else { return nil }
        bytes.removeLast(headerBytes - n)
        do {
            let header = try parseHeader(bytes, path: path)
            return settingsMismatch(header, path: path, settings: settings, verification: verification)
        } catch {
            return "\(error)"
        }
    }

    static func damagedMessage(_ path: String) -> String {
        "the dedup index \(MessageText.quoted(path)) is damaged: run again with --force to rebuild it from the inputs"
    }

    /// Reads `index.bin`; returns the record store length it recorded.
    static func load(_ bytes: [UInt8], path: String, settings: FingerprintSettings, verification: Verification,
                     into offsets: inout [UInt64], _ idHashes: inout [UInt64], _ exactKeys: inout [UInt64], _ fileKeys: inout [UInt64],
                             _ bandTable: inout BandTable, _ boilerplate: inout BoilerplateCounter, bucketLimit: Int) throws -> UInt64 {
        let damaged = damagedMessage(path)
        let header = try readHeader(bytes, path: path)
        if let mismatch = settingsMismatch(header, path: path, settings: settings, verification: verification) { throw DedupIndexError(mismatch) }
        let storeLength = header.storeLength
        var r = header.tables
        let docs = Int(try r.u32())
        // Before version 4 a document's entry held no file key: its file is unknown.
        let withFile = header.version >= 4
        guard docs <= bytes.count / (withFile ? 32 : 24) else { throw DedupIndexError(damaged) }
        offsets.reserveCapacity(docs); idHashes.reserveCapacity(docs); exactKeys.reserveCapacity(docs); fileKeys.reserveCapacity(docs)
        for _ in 0..<docs {
            offsets.append(try r.u64()); idHashes.append(try r.u64()); exactKeys.append(try r.u64())
            fileKeys.append(withFile ? try r.u64() : unknownFile)
        }
        // Compared as read: a count past the largest Int trapped on the conversion (a fuzz
        // finding: a file whose checksum holds, as a file another program wrote may).
        let entryCount = try r.u64()
        guard entryCount <= UInt64(bytes.count / 8) else { throw DedupIndexError(damaged) }
        let entries = Int(entryCount)
        bandTable = BandTable(capacity: max(entries, 1024))
        for _ in 0..<entries {
            let key = try r.u32(), doc = try r.u32()
            guard doc < docs else { throw DedupIndexError(damaged) }
            // Buckets saved by a version 1 index (or with a larger `bucket_limit`) are cut to the limit.
            _ = bandTable.insert(key: key, doc: doc, limit: bucketLimit) { _ in true }
        }
        let paragraphs = Int(try r.u32())
        for _ in 0..<paragraphs { boilerplate.set(try r.u64(), try r.u32()) }
        return storeLength
    }

    private static func removeLeftoverTemporaryFiles(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix("index.") && name.contains(".bin.tmp.") { unlink(directory + "/" + name) }
    }

    // MARK: Size

    /// Bytes of memory the index holds (tables and arrays, not the record store on disk, nor
    /// the boilerplate counter), as allocated: arrays' spare capacity included, which depends on
    /// the allocator's state (Swift asks `malloc_usable_size`) and on when checkpoints flushed
    /// the record buffer, so it moves a little from run to run. Benchmarks read it.
    public var memoryBytes: Int {
        let arrays = (offsets.capacity + idHashes.capacity + exactKeys.capacity + fileKeys.capacity + claimed.capacity) * 8
        let reusedIDs = sameID.reduce(sameID.capacity * 16) { $0 + $1.value.capacity * 4 }
        return arrays + reusedIDs + exactMap.memoryBytes + idMap.memoryBytes + bandTable.memoryBytes + store.memoryBytes
    }

    /// Bytes of the index's entries and table slots, counted from how many there are (not the
    /// arrays' spare capacity, nor the record buffer of an index on disk, flushed when it is
    /// saved): what the stage reports as `index memory bytes`, the same for the same documents in
    /// every run. Below `memoryBytes` by the room arrays keep for growth.
    public var entryBytes: Int {
        let arrays = (offsets.count + idHashes.count + exactKeys.count + fileKeys.count + claimed.count) * 8
        let reusedIDs = sameID.reduce(sameID.count * 16) { $0 + $1.value.count * 4 }
        return arrays + reusedIDs + exactMap.slotBytes + idMap.slotBytes + bandTable.slotBytes + store.bufferedBytes
    }

    /// Bytes of the record store (on disk, or in memory for an in-memory index).
    public var recordBytes: UInt64 { store.length }
}
