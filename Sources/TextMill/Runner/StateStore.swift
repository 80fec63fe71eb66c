import Foundation

/// A problem with the run's state that stops it before anything is read.
public struct StateError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// What the run found before this (`RefusalWarnings`).
    public var warnings: [String] = []
    public var description: String { message }
}

/// The folder beside the output where a run keeps its manifest, journal and part files
/// (`output/.corpus.textmill/` for `output/corpus.jsonl`, see `OutputFiles`), and the lock that
/// keeps a second run off the same output. What is in it:
///
/// - `manifest.json`: the last committed run (`Manifest`);
/// - `journal.jsonl` and `part.KIND`: the run in progress (`JournalFile`, `PartSink`);
/// - `manifest.pending.json`, `next.KIND`, `append.json`: a commit under way (`OutputCommit`);
/// - `config.json`: the config's fingerprint at the last commit, to say what changed;
/// - `output`: the name of the output the folder belongs to; `lock`: the pid of the run.
final class StateStore: @unchecked Sendable {
    /// The files the run writes records to.
    let outputs: PerOutput<String>
    let dir: String
    private var lockFD: Int32 = -1

    init(outputs: PerOutput<String>, stateDirectory: String? = nil) {
        self.outputs = outputs
        dir = stateDirectory ?? OutputFiles(output: outputs.output).stateDirectory
    }

    /// The store of an output with its side files under their default names unless given.
    convenience init(output: String, errors: String? = nil, duplicates: String? = nil, filtered: String? = nil, stateDirectory: String? = nil) {
        let owned = OutputFiles(output: output)
        self.init(outputs: PerOutput(output: output, errors: errors ?? owned.errors, duplicates: duplicates ?? owned.duplicates,
                                     filtered: filtered ?? owned.filtered), stateDirectory: stateDirectory)
    }

    var manifestPath: String { dir + "/manifest.json" }
    /// The config's fingerprint at the last commit (`ConfigFingerprint`), to say what changed.
    var configPath: String { dir + "/config.json" }
    var pendingPath: String { dir + "/manifest.pending.json" }
    var journal: JournalFile { JournalFile(path: dir + "/journal.jsonl") }
    func partPath(_ k: OutputKind) -> String { dir + "/part." + k.key }
    func nextPath(_ k: OutputKind) -> String { dir + "/next." + k.key }
    /// The plan of a commit that appends to the outputs in place: the bytes of each to keep and
    /// its size once the part is appended.
    var appendPath: String { dir + "/append.json" }
    /// The ids of the output's records the manifest of `generation` goes with (`IDFile`).
    func idsPath(generation: Int) -> String { dir + "/ids.\(generation).bin" }

    /// True for the name of an id file (`ids.G.bin`) or of one being written (`ids.G.bin.tmp`).
    static func isIDFileName(_ name: String) -> Bool {
        var rest = Substring(name)
        guard rest.hasPrefix("ids.") else { return false }
        rest = rest.dropFirst(4)
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 20 else { return false }
        rest = rest.dropFirst(digits.count)
        return rest == ".bin" || rest == ".bin.tmp"
    }

    /// The names in the folder of id files (`isIDFileName`); none when it cannot be listed.
    private var idFileNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter(Self.isIDFileName).sorted()
    }

    /// Removes the id files of every generation but `generation`'s (and temporary ones): a kill
    /// between a commit's manifest and its removal of the last one left it behind. Only regular
    /// files are there (`checkFiles`); a removal that fails costs disk space, nothing else.
    func removeStaleIDFiles(keeping generation: Int) {
        let kept = PathText.name(of: idsPath(generation: generation))
        for name in idFileNames where name != kept { unlink(dir + "/" + name) }
    }

    /// Creates the folder and takes the lock; a second run on the same output is refused, and so
    /// is another output whose state folder would be this one.
    func open() throws {
        let made = access(dir, F_OK) != 0
        try CheckedIO.createDirectory(dir)
        do {
            try lock(inFolderMade: made)
        } catch let error as WriteError {
            // A folder this run made and could not use (a full disk) goes again when empty:
            // left, it made the output look like an incremental corpus no run had written.
            if made { rmdir(dir) }
            throw error
        }
        madeFolder = made
    }

    /// True when `open` made the folder (the output's first run), and holds its lock.
    private(set) var madeFolder = false

    /// Removes the folder `open` made, with all this run put in it (the lock file, the owner
    /// file, a journal or part file begun, a stage's state), and releases the lock: for a run
    /// that stops on a write failure before it reads a document (`WriteError.foundBeforeReading`).
    /// Everything there is this run's, as it made the folder and holds the lock. Left, the
    /// output looked like an incremental corpus no run had finished (a `--limit` preview was
    /// refused over it, exit 2), after a journal that could not start (session 36). A folder
    /// that was there before is left as it is.
    func removeMadeFolder() {
        guard madeFolder, lockFD >= 0 else { return }
        try? FileManager.default.removeItem(atPath: dir)
        madeFolder = false
        close()
    }

    /// `open` once the folder is there: checks its files, takes the lock, and writes the owner
    /// file. When that write fails in a folder this run made, the lock file goes with the lock
    /// (held, so no other run is using it), for `open` to remove the folder.
    private func lock(inFolderMade made: Bool) throws {
        try checkFiles()
        let path = dir + "/lock"
        lockFD = try CheckedIO.open(path, O_RDWR | O_CREAT)
        if let shared = Self.takeExclusive(lockFD) {
            let holder = LockHolder.of(lockFile: path, fd: lockFD)
            Foundation.close(lockFD)
            lockFD = -1
            throw StateError(message: holder.refusal(output: outputs.output, lockFile: path, shared: shared))
        }
        // The owner file is read and written under the lock: two runs started at once on a new
        // output both wrote it through one temporary file before either took the lock, and the
        // one whose temporary file the other had renamed away failed with exit 3 ("cannot
        // rename … output.tmp: No such file or directory") instead of being refused (exit 2).
        do {
            try CheckedIO.ftruncate(lockFD, to: 0, path: path)
            try CheckedIO.pwrite(lockFD, Array("\(getpid())\n".utf8), at: 0, path: path)
            let owned = OutputFiles(output: outputs.output)
            let fileName = PathText.name(of: outputs.output)
            var owner = OutputFiles.owner(ofStateDirectory: dir)
            if let named = owner, named != fileName, !Self.couldShare(named, with: owned) {
                // No output of that name keeps its state here: the file was damaged (cut short, bits
                // flipped) or copied from another output's folder. Before, the run was refused as if
                // another output shared the folder ("give it another name"), and every run after it.
                notes.append("the state folder's owner file \(MessageText.quoted(owned.ownerFile)) named \(MessageText.quoted(named)), "
                             + "an output whose state folder is not this one (the file was damaged or copied): it now names \(MessageText.quoted(fileName))")
                owner = nil
            }
            if let owner, owner != fileName {
                throw StateError(message: "the output \(MessageText.quoted(outputs.output)) would share its side files and state folder \(MessageText.quoted(dir)) with \(MessageText.quoted(owner)) in the same folder; give it another name")
            }
            if owner == nil {
                try DurableFile.write(Array((fileName + "\n").utf8), to: owned.ownerFile)
            }
        } catch {
            if made && error is WriteError { unlink(path) }
            close()
            throw error
        }
    }

    /// How long a run waits for holders of the lock who hold it shared (a dry run's look,
    /// `checkUnlocked`) to let go.
    static let sharedLockWait: Double = 2

    /// Takes the lock on `fd` for the run; nil when it did, else whether it was held shared
    /// only. A dry run holds it shared for the moment it takes to try it (`checkUnlocked`): a
    /// run started then waits for it to let go, up to `sharedLockWait` seconds, where until
    /// session 37 it was refused as if another run were writing the output (exit 2, "another
    /// textmill run (pid N) is writing 'out/corpus.jsonl'", the dry run's pid). A lock held
    /// exclusively (another run) is refused at once.
    static func takeExclusive(_ fd: Int32) -> Bool? {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(sharedLockWait * 1e9)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { return false }
            // A shared lock is granted only when no one holds it exclusively: then every holder
            // is one that reads (a dry run), and lets go in a moment.
            guard flock(fd, LOCK_SH | LOCK_NB) == 0 else { return false }
            flock(fd, LOCK_UN)
            guard DispatchTime.now().uptimeNanoseconds < deadline else { return true }
            usleep(2_000)
        }
        return nil
    }

    /// Refuses a dry run while another process holds the lock (exit 2, naming the holder, as
    /// the run is refused): the plan it would print is read from the state that run rewrites.
    /// The lock is tried shared and let go at once, so a dry run never holds a run off; a
    /// folder or lock file that is not there yet is held by no one. Until session 36 a dry run
    /// printed its plan, exit 0, while another run wrote the output.
    func checkUnlocked() throws {
        let path = dir + "/lock"
        let fd = Foundation.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { Foundation.close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return }
        guard flock(fd, LOCK_SH | LOCK_NB) != 0 else {
            flock(fd, LOCK_UN)
            return
        }
        guard errno == EWOULDBLOCK else { return }
        throw StateError(message: LockHolder.of(lockFile: path, fd: fd).refusal(output: outputs.output, lockFile: path, dryRun: true))
    }

    /// The names of the files TextMill keeps in the state folder (not the stages' own, which
    /// they check).
    var fileNames: [String] {
        ["lock", "output", "manifest.json", "manifest.pending.json", "journal.jsonl", "config.json", "append.json"]
            + OutputKind.allCases.flatMap { ["part." + $0.key, "next." + $0.key] }
            + idFileNames
    }

    /// Refuses a state folder holding, under the name of one of its files, something that is
    /// not a regular file (`StateFolderEntries`): exit 2, naming it and the folder to delete.
    func checkFiles() throws {
        try StateFolderEntries.check(dir, names: fileNames, what: "the state folder")
    }

    /// What `open` found and mended, for the run to say (a damaged owner file).
    private(set) var notes: [String] = []

    /// True when an output named `name` beside `owned` would keep its state in `owned`'s state
    /// folder (`corpus.jsonl` and `corpus.jsonl.gz`): only such a name in the owner file is
    /// another output's claim on the folder.
    static func couldShare(_ name: String, with owned: OutputFiles) -> Bool {
        !name.contains("/") && OutputFiles(output: name).name == OutputFiles(output: PathText.name(of: owned.output)).name
    }

    /// Releases the lock.
    func close() {
        if lockFD >= 0 {
            flock(lockFD, LOCK_UN)
            Foundation.close(lockFD)
            lockFD = -1
        }
    }

    deinit { close() }

    /// Reads a small JSON file; nil when it is missing or not JSON.
    static func readJSON(_ path: String) -> JSONValue? { DurableFile.readJSON(path) }

    /// Whether a killed run left a commit durable but not in place (`manifest.pending.json`),
    /// which the next run finishes first (`OutputCommit.rollForward`).
    var hasPendingCommit: Bool { FileManager.default.fileExists(atPath: pendingPath) }

    /// The last committed manifest; nil when there is none or it is damaged (the run then
    /// reprocesses everything).
    func loadManifest() -> Manifest? {
        if case .found(let manifest) = readManifest() { return manifest }
        return nil
    }

    /// What the state folder holds of the last commit.
    enum ManifestState {
        case missing
        case found(Manifest)
        /// There, but not to be trusted: unreadable, cut short, or ranges that do not fill the
        /// outputs as a commit writes them (`FileEntry.rangeDamage`); says what is wrong.
        case damaged(String)
    }

    /// The bytes of the records output when it holds no record: a `.gz` output is then one empty
    /// gzip member (`PartSink.commit`), a plain one is empty.
    var emptyOutputBytes: Int { outputs.output.hasSuffix(".gz") ? GzipWriter.emptyMember.count : 0 }

    /// Reads the manifest (or the one at `path`: the pending commit's) and checks it whole.
    func readManifest(at path: String? = nil) -> ManifestState {
        guard let data = FileManager.default.contents(atPath: path ?? manifestPath) else { return .missing }
        guard let manifest = Manifest(bytes: [UInt8](data)) else { return .damaged("it is not a whole manifest") }
        if let damage = manifest.rangeDamage(emptyOutput: emptyOutputBytes) { return .damaged(damage) }
        return .found(manifest)
    }

    /// Removes the journal and the part files. Checked: a journal left beside a new manifest would
    /// be resumed by the next run, which would add its files' records a second time.
    func discardJournal() throws {
        for path in [journal.path] + OutputKind.allCases.map(partPath) { try CheckedIO.unlink(path) }
    }
}
