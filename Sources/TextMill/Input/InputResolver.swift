import Foundation

/// One source file to read, or stdin.
public struct InputFile: Sendable, Hashable {
    /// The path as the record's `id` and `source.path` show it ("input/a.txt"), or "-" for stdin.
    public var path: String
    public var format: SourceFormat
    /// True when the file is gzip-compressed (`.gz`).
    public var gzip: Bool

    public init(path: String, format: SourceFormat, gzip: Bool = false) {
        self.path = path
        self.format = format
        self.gzip = gzip
    }

    /// True when the reader must find a regular file (or a folder, which it reports) here: the
    /// walk found one, in a folder, by a glob or named directly. It is opened without waiting,
    /// and fails alone when it is a named pipe, socket or device by then (a file replaced by a
    /// named pipe after the walk made the run wait at its open for ever). False for a pipe or
    /// device named directly (`-i <(…)`), opened as it is, and for files no walk found.
    public var mustBeRegular = false

    public var isStdin: Bool { path == "-" }

    /// The path's bytes when they cannot be spelled as `path` (a name that is not valid UTF-8,
    /// or holds a backslash): `path` is then the escaped spelling (`FileName`), and the file
    /// is opened by these bytes.
    public var rawPath: [UInt8]?
}

/// File names as ids: a name that is valid UTF-8 without a backslash is itself; any other spells
/// each byte that is not part of valid UTF-8 as `\xHH` and each backslash as `\\`, so two
/// different names never share an id and the id says which bytes the name has.
public enum FileName {
    /// The name's spelling, and whether it had to be escaped.
    public static func spelling(_ bytes: [UInt8]) -> (String, escaped: Bool) {
        bytes.withUnsafeBufferPointer { spelling($0) }
    }

    /// `spelling` of the bytes in place (a folder's names are read from one buffer).
    public static func spelling(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, escaped: Bool) {
        // Checked with the byte-level validator (the same rules as Swift's), then made without a
        // second check that can fail: `String(validating:)` cost about 75 instructions a byte.
        if !bytes.contains(UInt8(ascii: "\\")) && UTF8Bytes.firstInvalidOffset(bytes) == nil {
            return (String(decoding: bytes, as: UTF8.self), false)
        }
        var out = ""
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\\") { out += "\\\\"; i += 1; continue }
            if b < 0x80 { out.unicodeScalars.append(Unicode.Scalar(b)); i += 1; continue }
            let n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0
            if n > 0, i + n <= bytes.count, let s = String(validating: bytes[i..<(i + n)], as: UTF8.self) {
                out += s
                i += n
            } else {
                out += "\\x" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
                i += 1
            }
        }
        return (out, true)
    }

    /// The bytes that `spelled` (a `spelling`) stands for: its UTF-8 when it holds no backslash,
    /// else with each `\\` read as a backslash and each `\xHH` as the byte HH.
    public static func bytes(ofSpelling spelled: String) -> [UInt8] {
        let u = Array(spelled.utf8)
        guard u.contains(UInt8(ascii: "\\")) else { return u }
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x41...0x46: return c - 0x41 + 10
            case 0x61...0x66: return c - 0x61 + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "\\"), i + 1 < u.count {
                if u[i + 1] == UInt8(ascii: "\\") { out.append(u[i]); i += 2; continue }
                if u[i + 1] == UInt8(ascii: "x"), i + 3 < u.count, let high = hex(u[i + 2]), let low = hex(u[i + 3]) {
                    out.append(high << 4 | low)
                    i += 4
                    continue
                }
            }
            out.append(u[i])
            i += 1
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

extension FileStream {
    /// Opens an input file by its bytes when it has them (`InputFile.rawPath`), else by its path:
    /// by its name in the folder `folders` holds open when it can, else by the whole path.
    static func opening(_ file: InputFile, in folders: FolderCursor? = nil) throws -> FileStream {
        let regular = file.mustBeRegular
        if let raw = file.rawPath { return try FileStream(pathBytes: raw, shownAs: file.path, regular: regular) }
        if let folders, let fd = folders.open(file.path, nonBlocking: regular) { return try FileStream(descriptor: fd, path: file.path, regular: regular) }
        return try FileStream(path: file.path, regular: regular)
    }
}

/// A problem with the inputs the user named (exit status 2: nothing is read).
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// What the run found before this (`RefusalWarnings`).
    public var warnings: [String] = []
    public var description: String { message }
}

/// Expands the config's inputs (files, directories, globs, "-") into an ordered list of files.
///
/// Directories are walked recursively in byte order of their paths; hidden files and folders
/// (names starting with ".") are skipped, and so are the run's own output files. The format comes
/// from the extension (`.txt`, `.html`/`.htm`, `.xml`/`.rss`/`.atom`, `.jsonl`/`.ndjson`, each
/// optionally `.gz`); other files are read as text, and refused there if they are binary.
public struct InputResolver {
    /// Paths never to read (the run's own outputs).
    public var excluded: Set<String> = [] {
        didSet { excludedPaths = NameList(excluded) }
    }
    /// `excluded` as a short list: every input file is checked against it.
    private var excludedPaths = NameList([])
    /// Globs that matched nothing, reported as warnings.
    public private(set) var warnings: [String] = []
    /// The run's own files that a folder or a glob found and skipped (an output kept among the
    /// inputs), so the runner can refuse to replace a file no run wrote.
    public private(set) var ownFilesFound: [String] = []

    /// Names and on-disk identities of the excluded files that exist, so an output is excluded
    /// however its path is spelled (absolute, relative, through a link).
    private var excludedNames = NameList([])
    private var excludedFiles: Set<FolderID> = []
    /// The path of each of `excludedFiles` as the run names it, to say which own file an input is.
    private var excludedFileNames: [FolderID: String] = [:]
    /// The run's own folders (its state folder), by identity: never walked, and an input named
    /// inside one is refused, however the folder is reached (a symbolic link into the inputs).
    private var excludedFolders: Set<FolderID> = []

    public init(excluding: [String] = [], folders: [String] = []) {
        for folder in folders {
            if let id = FolderID(path: folder, kind: S_IFDIR) { excludedFolders.insert(id) }
        }
        let paths = excluding.filter { $0 != "-" }
        excluded = Set(paths.map { InputResolver.normalize($0) })
        excludedPaths = NameList(excluded)
        excludedNames = NameList(paths.map { InputResolver.lastComponent(of: InputResolver.normalize($0)) })
        for path in paths {
            if let id = FolderID(path: path) {
                excludedFiles.insert(id)
                if excludedFileNames[id] == nil { excludedFileNames[id] = path }
            }
        }
    }

    /// True for one of the run's own files (checked by name first, so a walk stats only those).
    func isExcluded(_ path: String, name: String? = nil) -> Bool {
        if excludedPaths.contains(path) { return true }
        let named = name.map { excludedNames.contains($0) } ?? excludedNames.contains(lastComponentOf: path)
        guard named else { return false }
        return FolderID(path: path).map(excludedFiles.contains) ?? false
    }

    /// Expands the inputs. An input named directly (not found in a folder or by a glob) that is
    /// one of the run's own outputs, however spelled (`..`, a symbolic link), is refused: reading
    /// it would replace it. A path found twice (two inputs, or two glob matches, that reach the
    /// same file) is read once.
    public mutating func resolve(_ inputs: [String]) throws(InputError) -> [InputFile] {
        // Every walk appends to this one list (a list a folder, appended to its parent's, then
        // the input's list appended to the run's, copied each file two more times: with a file a
        // story about a thousand page faults and 40,000 retains and releases of 20,000 paths).
        var files: [InputFile] = []
        var walks = 0
        // Where each input's files start in `files`.
        var inputStarts: [Int] = []
        for input in inputs {
            inputStarts.append(files.count)
            walks += try expand(input, into: &files)
        }
        // One walk finds each path once (a folder's names differ, and so do their spellings):
        // only the files of several walks are checked for repeats, by path and by identity (one
        // file spelled two ways, `-i in -i /abs/in/a.txt` or `in/../in/a.txt`, was read once
        // under each spelling: the same document twice in the output, under exit 0). A file is
        // a repeat by identity only when an earlier input reached it: two names of one file
        // inside one input are two files, as they are when that input is the only one (they
        // were one as soon as the run named a second input, or a glob matched twice).
        var seen: Set<String> = []
        var inputOfFile: [FolderID: Int] = [:]
        var input = 0
        // The files kept are moved to the front in place, in order (no second list).
        var kept = 0
        for i in files.indices {
            while input + 1 < inputStarts.count && inputStarts[input + 1] <= i { input += 1 }
            let path = files[i].path
            guard walks <= 1 || (seen.insert(path).inserted && InputResolver.identity(of: files[i]).map { id in
                if let first = inputOfFile[id] { return first == input }
                inputOfFile[id] = input
                return true
            } ?? true) else { continue }
            if isExcluded(path) {
                ownFilesFound.append(path)
            } else {
                if kept != i { files.swapAt(kept, i) }
                kept += 1
            }
        }
        files.removeLast(files.count - kept)
        if let first = refused.first, let own = secondNames[first] {
            throw InputError(message: InputResolver.secondNameMessage(input: first, own: own))
        }
        if let first = refused.first {
            throw InputError(message: "the input \(MessageText.quoted(first)) is also an output of this run (the output, one of its side files, its state folder or a dedup index folder); reading it would replace it: name another --output, or another input")
        }
        if let (input, folder, output, isIt) = inStateFolders.first {
            let what = isIt ? "is the state folder" : "lies in the state folder \(MessageText.quoted(folder))"
            let owner = output.map { " of the output \(MessageText.quoted($0))" } ?? " of another output"
            let advice = output.map { "name that output (-i \(MessageText.quoted($0))) to read its records" } ?? "name that output to read its records"
            throw InputError(message: "the input \(MessageText.quoted(input)) \(what)\(owner) (its manifest, journal and index), not input: no run reads one; \(advice), or another input")
        }
        return files
    }

    /// The device and inode of a regular file of the inputs (by its bytes when it has them); nil
    /// for stdin and for what cannot be stat'ed (the reader reports it).
    static func identity(of file: InputFile) -> FolderID? {
        guard !file.isStdin else { return nil }
        var st = stat()
        let found = file.rawPath.map { r in (r + [0]).withUnsafeBufferPointer { stat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st) } } ?? stat(file.path, &st)
        guard found == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return FolderID(st)
    }

    /// Inputs named directly that are outputs of this run.
    private var refused: [String] = []
    /// The refused inputs that are one of the run's own files under a second name of its own (a
    /// hard link), with the path the run names that file by.
    private var secondNames: [String: String] = [:]

    /// Why an input named directly is refused when it is the run's own file `own` under another
    /// name, a hard link (`ln in/a.jsonl out/corpus.jsonl`, then `-i in/a.jsonl -o
    /// out/corpus.jsonl`): it said the input "is also an output" and "reading it would replace
    /// it", though the paths differ and the run replaces only the output's name with a new file.
    static func secondNameMessage(input: String, own: String) -> String {
        let head = "the input \(MessageText.quoted(input)) is the file this run writes as \(MessageText.quoted(own)), under a second name "
            + "(a hard link: one file, two names); a run never reads its own files as input"
        if OutputFiles.enclosingStateFolder(of: own) != nil {
            return head + ": name another input, or another --output"
        }
        return head + ", and it replaces \(MessageText.quoted(own)) with a new file: remove that name (rm \(MessageText.quoted(own)); "
            + "the input keeps its bytes under \(MessageText.quoted(input))) and run again, or name another --output"
    }

    /// True when `path` and `own`, one file, are two names of it (hard links), not one name
    /// spelled two ways (`..`, a symbolic link).
    static func areTwoNames(_ path: String, _ own: String) -> Bool {
        func resolved(_ p: String) -> String? { realpath(p, nil).map { r in defer { free(r) }; return String(cString: r) } }
        guard let a = resolved(path), let b = resolved(own) else { return false }
        return a != b
    }
    /// The state folder each folder holding a glob's matches lies in, or nil (`stateFolder(ofMatch:isFolder:)`).
    private var stateFoldersOfMatches: [String: (folder: String, output: String?, isIt: Bool)?] = [:]
    /// Inputs named directly that are another output's state folder or lie in one, with that
    /// folder and its output.
    private var inStateFolders: [(input: String, folder: String, output: String?, isIt: Bool)] = []

    /// The names in a folder that some textmill run wrote: an output `NAME.jsonl` (or `.gz`,
    /// `.ndjson`) beside its state folder `.NAME.textmill`, or beside a stats file
    /// `NAME.stats.json` that names it (a run without state: a `--limit` preview, a run that
    /// reads stdin), that output's side files, and the files and index folders earlier versions
    /// kept beside an output (`.corpus.jsonl.textmill` with `errors.jsonl`, `duplicates.jsonl`,
    /// `stats.json` and `corpus.dedup`). Until session 35 a preview's files were no run's: a
    /// run with `-o out/p.errors.jsonl` replaced the errors file of the preview `out/p.jsonl`
    /// with its records (exit 0), and a folder walk read them as documents.
    static func writtenByRuns(_ names: [String], in folder: String = "") -> Set<String> {
        var outputs: Set<String> = []
        var stems: Set<String> = []
        var legacyStems: Set<String> = []
        for name in names where !name.hasPrefix(".") && name.hasSuffix(".stats.json") {
            guard let output = statsOutputName(folder.isEmpty ? name : folder + "/" + name) else { continue }
            let stem = String(name.dropLast(11))
            if OutputFiles(output: output).name == stem {
                outputs.insert(output)
                stems.insert(stem)
            }
        }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".textmill") && name.count > 9 {
            let stem = String(name.dropFirst().dropLast(9))
            if let owner = OutputFiles.owner(ofStateDirectory: folder.isEmpty ? name : folder + "/" + name) {
                outputs.insert(owner)
                stems.insert(OutputFiles(output: owner).name)
            } else if [".jsonl", ".ndjson", ".json", ".gz"].contains(where: { stem.hasSuffix($0) }) {
                // An earlier version's state folder: `.corpus.jsonl.textmill` for `corpus.jsonl`.
                outputs.insert(stem)
                legacyStems.insert((stem as NSString).deletingPathExtension)
            } else {
                stems.insert(stem)
                for ext in [".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json"] { outputs.insert(stem + ext) }
            }
        }
        guard !outputs.isEmpty else { return [] }
        var out: Set<String> = []
        for name in names where !name.hasPrefix(".") {
            if outputs.contains(name) { out.insert(name); continue }
            if let suffix = OutputFiles.sideFileSuffixes.first(where: { name.hasSuffix($0) }), stems.contains(String(name.dropLast(suffix.count))) {
                out.insert(name)
                continue
            }
            if !legacyStems.isEmpty {
                if ["errors.jsonl", "duplicates.jsonl", "stats.json"].contains(name) { out.insert(name); continue }
                if name.hasSuffix(".dedup") && legacyStems.contains(String(name.dropLast(6))) { out.insert(name) }
            }
        }
        return out
    }

    /// The file name of the output a stats file says it describes (`output.path` of the
    /// figures a run writes, `RunReport.json`), or nil when the file is not such figures.
    static func statsOutputName(_ path: String) -> String? {
        // A run's figures are a few KB; `previous` holds the run before's.
        guard case .bytes(let bytes) = SmallFile.read(path, limit: 1 << 20),
              let output = (try? JSONParser.parse(bytes))?.objectValue?["output"]?.objectValue?["path"]?.stringValue,
              !output.isEmpty, output != "-" else { return nil }
        return PathText.name(of: output)
    }

    /// The names that some textmill run wrote (`writtenByRuns`) in the folder that holds `path`,
    /// listed once a folder for the matches of one glob.
    static func writtenByRuns(inFolderOf path: String, cache: inout [String: Set<String>]) -> Set<String> {
        // Byte-level (`PathText.folder`: "" for a name alone, "/" for a file at the root);
        // NSString's `deletingLastPathComponent` trapped on a bare `**`'s matches.
        let folder = PathText.folder(of: path)
        if let known = cache[folder] { return known }
        let names = InputResolver.entries(Array((folder.isEmpty ? "." : folder).utf8))?.map(\.0) ?? []
        let written = InputResolver.writtenByRuns(names, in: folder)
        cache[folder] = written
        return written
    }

    /// The warning for a file a folder walk or a glob found that a textmill run wrote.
    static func writtenByRunWarning(_ path: String) -> String {
        "skipped \(MessageText.quoted(path)): it was written by a textmill run (an output, its side file or its index), not input; name it as an input of its own to read it"
    }

    /// Appends the files of one input to `files`; returns how many walks (`walk` from the top, or
    /// stdin) found them.
    private mutating func expand(_ input: String, into files: inout [InputFile]) throws(InputError) -> Int {
        if input == "-" {
            files.append(InputFile(path: "-", format: .jsonl))
            return 1
        }
        // A path that exists is that path, even with glob characters in its name ("[2024] report.txt").
        if InputResolver.isGlob(input) && !FileManager.default.fileExists(atPath: input) {
            let (matches, loops, _, rawPaths) = InputResolver.glob(input)
            warnings += loops.map(InputResolver.loopWarning)
            if matches.isEmpty { warnings.append("no file matches \(MessageText.quoted(input))") }
            // A glob that matches an output skips it (like a folder walk); only an input named
            // directly is refused. So does a match that another run wrote (its output or a side
            // file beside its state folder), as a folder walk skips it: `-i 'data/*.jsonl'` read
            // an earlier run's records, errors and duplicates in data/ as documents.
            var writtenIn: [String: Set<String>] = [:]
            for match in matches {
                let path = InputResolver.normalize(match)
                let name = InputResolver.lastComponent(of: path)
                if !isExcluded(path, name: name) && InputResolver.writtenByRuns(inFolderOf: path, cache: &writtenIn).contains(name) {
                    warnings.append(InputResolver.writtenByRunWarning(path))
                    continue
                }
                walk(path, raw: rawPaths[match], direct: false, into: &files)
            }
            return matches.count
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDir) else {
            throw InputError(message: InputResolver.missingInputMessage(input))
        }
        let path = InputResolver.normalize(input)
        walk(path, inside: isDir.boolValue ? InputResolver.foldersAbove(path) : [], into: &files)
        return 1
    }

    /// The folders above `folder` once links are resolved, up to `/`, by identity: a symbolic link
    /// in the input folder to one of them (`in/up -> ..`) contains the link, a loop the walk skips
    /// as it skips one to a folder it is walking. It walked that folder instead, reading what lies
    /// beside the input folder (the config, other runs' files) until it met the input folder again,
    /// and with `in/root -> /` the whole file system.
    static func foldersAbove(_ folder: String) -> Set<FolderID> {
        guard let resolved = realpath(folder, nil) else { return [] }
        var path = String(cString: resolved)
        free(resolved)
        var above: Set<FolderID> = []
        while path != "/" && !path.isEmpty {
            path = PathText.folder(of: path)
            if path.isEmpty { path = "/" }
            if let id = FolderID(path: path, kind: S_IFDIR) { above.insert(id) }
        }
        return above
    }

    /// "input 'x' does not exist", saying for a relative path which folder it was looked for in.
    static func missingInputMessage(_ input: String) -> String {
        guard !input.hasPrefix("/") else {
            return "input \(MessageText.quoted(input)) does not exist (check the path, or quote a glob such as 'input/*.txt')"
        }
        let folder = FileManager.default.currentDirectoryPath
        return "input \(MessageText.quoted(input)) does not exist in \(folder) (a relative input path is looked for in the folder textmill runs in, not the config's folder): check the path, run textmill from the folder that holds it, or give an absolute path"
    }

    /// Appends the files under a path (the path itself if it is a file), sorted, to `out`.
    ///
    /// Symbolic links are followed, except one that leads back to a folder being walked (a loop,
    /// which would never end): it is skipped with a warning. Inside folders, things that are
    /// neither files nor folders (named pipes, sockets, devices: reading them could block
    /// forever) are skipped with a warning; a folder that cannot be listed is kept as an input,
    /// so the reader reports why (permission denied) in errors.jsonl.
    private mutating func walk(_ path: String, raw: [UInt8]? = nil, inside ancestors: Set<FolderID> = [], named: Bool = true,
                               direct: Bool = true, into out: inout [InputFile]) {
        func classified(_ p: String, _ r: [UInt8]?, regular: Bool = true) -> InputFile {
            var file = InputFile.classify(p)
            file.rawPath = r
            file.mustBeRegular = regular
            return file
        }
        var st = stat()
        let found = raw.map { r in (r + [0]).withUnsafeBufferPointer { stat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st) } } ?? stat(path, &st)
        guard found == 0 else {
            // A dangling link or a file that vanished: keep it, the reader reports it.
            out.append(classified(path, raw))
            return
        }
        let type = st.st_mode & S_IFMT
        if named && direct && !excludedFolders.isEmpty && isInsideExcludedFolder(path) {
            refused.append(path)
            return
        }
        // Another output's state folder, or a file in it, named directly: its manifest, config
        // and lock were read as documents and its index files failed (exit 1).
        if named && direct, let state = OutputFiles.enclosingStateFolder(of: path) {
            inStateFolders.append((path, state.folder, state.output, state.isIt))
            return
        }
        if type != S_IFDIR {
            if named && excludedFiles.contains(FolderID(st)) {
                if direct {
                    refused.append(path)
                    if let own = excludedFileNames[FolderID(st)], InputResolver.areTwoNames(path, own) { secondNames[path] = own }
                } else {
                    ownFilesFound.append(path)
                }
                return
            }
            if named && !direct, let state = stateFolder(ofMatch: path, isFolder: false) {
                warnings.append(InputResolver.inStateFolderWarning(path, state))
                return
            }
            // A file named directly is read whatever it is (`<(command)` is a pipe); a glob's
            // match is found in a folder, like a walk's, and a pipe there could block forever.
            if type == S_IFREG || (named && direct) {
                out.append(classified(path, raw, regular: type == S_IFREG))
                return
            }
            warnings.append("skipped \(MessageText.quoted(path)): not a regular file (a named pipe, socket or device)")
            return
        }
        let id = FolderID(st)
        if excludedFolders.contains(id) {
            // The state folder reached through a link (a hidden one is never walked into).
            warnings.append("skipped \(MessageText.quoted(path)): it is a folder this run keeps its state in (its state folder or a dedup index), not input")
            return
        }
        if named && !direct, let state = stateFolder(ofMatch: path, isFolder: true) {
            warnings.append(InputResolver.inStateFolderWarning(path, state))
            return
        }
        if ancestors.contains(id) {
            warnings.append(InputResolver.loopWarning(path))
            return
        }
        guard let names = InputResolver.entries(raw ?? Array(path.utf8)) else {
            out.append(classified(path, raw))
            return
        }
        var inside = ancestors
        inside.insert(id)
        let written = InputResolver.writtenByRuns(names.map(\.0), in: path)
        // "docs/a.txt", not "./docs/a.txt": the same file gets the same id however the folder is named.
        let prefix = path == "." ? "" : path.hasSuffix("/") ? path : path + "/"
        for (name, nameBytes, isDirectory) in names where !name.hasPrefix(".") {
            let child = InputResolver.joined(prefix, name)
            // Bytes to open by, when the name (or a folder above it) has no exact spelling.
            let childRaw: [UInt8]? = raw == nil && nameBytes == nil ? nil
                : (path == "." ? [] : (raw ?? Array(path.utf8)) + (path.hasSuffix("/") ? [] : [UInt8(ascii: "/")])) + (nameBytes ?? Array(name.utf8))
            if isExcluded(child, name: name) {
                ownFilesFound.append(child)
                continue
            }
            if !written.isEmpty && written.contains(name) {
                warnings.append(InputResolver.writtenByRunWarning(child))
                continue
            }
            if isDirectory == false { out.append(classified(child, childRaw)) } else { walk(child, raw: childRaw, inside: inside, named: false, into: &out) }
        }
    }

    /// The state folder a glob's match is or lies in (`OutputFiles.enclosingStateFolder`), looked
    /// up once a folder for the files a glob matches: `-i 'out/.corpus.textmill/*'` read another
    /// run's manifest, config and lock as documents.
    private mutating func stateFolder(ofMatch path: String, isFolder: Bool) -> (folder: String, output: String?, isIt: Bool)? {
        if isFolder { return OutputFiles.enclosingStateFolder(of: path) }
        let parent = PathText.folder(of: path)
        if let known = stateFoldersOfMatches[parent] { return known }
        let found = OutputFiles.enclosingStateFolder(of: parent.isEmpty ? "." : parent).map { ($0.folder, $0.output, false) }
        stateFoldersOfMatches[parent] = .some(found)
        return found
    }

    /// The warning for a glob's match that is a state folder or lies in one.
    static func inStateFolderWarning(_ path: String, _ state: (folder: String, output: String?, isIt: Bool)) -> String {
        let what = state.isIt ? "it is the state folder" : "it lies in the state folder \(MessageText.quoted(state.folder))"
        let owner = state.output.map { " of the output \(MessageText.quoted($0))" } ?? " of an output"
        return "skipped \(MessageText.quoted(path)): \(what)\(owner), not input"
    }

    /// `prefix + name` made in one allocation (`+` copied the prefix into a string and grew it
    /// for the name: two, for every file a walk finds).
    static func joined(_ prefix: String, _ name: String) -> String {
        var prefix = prefix, name = name
        return prefix.withUTF8 { a in
            name.withUTF8 { b in
                String(unsafeUninitializedCapacity: a.count + b.count) { out in
                    if a.count > 0 { out.baseAddress!.update(from: a.baseAddress!, count: a.count) }
                    if b.count > 0 { (out.baseAddress! + a.count).update(from: b.baseAddress!, count: b.count) }
                    return a.count + b.count
                }
            }
        }
    }

    /// True when `path`, or a folder above it once links are resolved, is one of the run's own
    /// folders. Asked only of inputs named directly: a few `stat` calls each.
    private func isInsideExcludedFolder(_ path: String) -> Bool {
        guard let resolved = realpath(path, nil) else { return false }
        var folder = String(cString: resolved)
        free(resolved)
        while !folder.isEmpty {
            if let id = FolderID(path: folder), excludedFolders.contains(id) { return true }
            if folder == "/" { break }
            folder = PathText.folder(of: folder)
        }
        return false
    }

    /// A few names (the run's outputs and side files), searched in order with lengths compared
    /// first: every input file is checked against them, and most differ in length, so no
    /// string is hashed a file.
    struct NameList {
        private var names: [String]

        init<S: Sequence>(_ names: S) where S.Element == String { self.names = Array(names) }

        func contains(_ name: String) -> Bool {
            let length = name.utf8.count
            for known in names where known.utf8.count == length && known == name { return true }
            return false
        }

        /// `contains(InputResolver.lastComponent(of: path))`, comparing the bytes after the
        /// path's last "/" in place instead of making a string of them.
        func contains(lastComponentOf path: String) -> Bool {
            var path = path
            return path.withUTF8 { p in
                var start = p.count
                while start > 0 && p[start - 1] != UInt8(ascii: "/") { start -= 1 }
                let name = UnsafeBufferPointer(rebasing: p[start...])
                for var known in names where known.utf8.count == name.count {
                    if known.withUTF8({ $0.elementsEqual(name) }) { return true }
                }
                return false
            }
        }
    }

    /// A folder's (or file's) identity on disk, to tell a symbolic-link loop or an output.
    struct FolderID: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ st: stat) {
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
        }

        /// The identity of what `path` names (links followed); nil when it cannot be stat'ed,
        /// or, with `kind` (`S_IFREG`, `S_IFDIR`), when it is something else.
        init?(path: String, kind: mode_t? = nil) {
            var st = stat()
            guard stat(path, &st) == 0, kind.map({ st.st_mode & S_IFMT == $0 }) ?? true else { return nil }
            self.init(st)
        }
    }

    static func loopWarning(_ path: String) -> String {
        "skipped \(MessageText.quoted(path)): a symbolic link back to a folder that contains it (a loop)"
    }

    /// The names in a folder in byte order: each name's spelling (`FileName`), its bytes when
    /// the spelling differs from them, and whether it is a folder (nil: ask stat); nil when the
    /// folder cannot be listed.
    static func entries(_ path: [UInt8]) -> [(String, [UInt8]?, Bool?)]? {
        guard let dir = (path + [0]).withUnsafeBufferPointer({ opendir(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) }) else { return nil }
        defer { closedir(dir) }
        // Every name's bytes in one buffer, each name by where it starts, its length and its
        // type (not an array a name: a folder of a file a story holds thousands).
        var names: [UInt8] = []
        var found: [(start: Int, count: Int, type: UInt8, key: UInt64)] = []
        // A record is only as long as its name: the name is read in place, never by copying
        // `dirent` (a copy can reach past the end of the directory buffer's last page).
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        let typeOffset = MemoryLayout<dirent>.offset(of: \dirent.d_type)!
        while let entry = readdir(dir) {
            let record = UnsafeRawPointer(entry)
            let cName = record.advanced(by: nameOffset).assumingMemoryBound(to: UInt8.self)
            let count = strlen(UnsafeRawPointer(cName).assumingMemoryBound(to: CChar.self))
            if cName[0] == 0x2E && (count == 1 || (count == 2 && cName[1] == 0x2E)) { continue }
            found.append((names.count, count, record.load(fromByteOffset: typeOffset, as: UInt8.self), 0))
            names.append(contentsOf: UnsafeBufferPointer(start: cName, count: count))
        }
        return names.withUnsafeBufferPointer { all -> [(String, [UInt8]?, Bool?)] in
            guard let base = all.baseAddress else { return [] }
            // In byte order of the names (memcmp, a prefix first): no two names are the same.
            // Most names of a folder share a start (`story-`): each is first compared by the
            // eight bytes after what all share, packed into a word (`sortKeys`), and by its
            // whole bytes only when those are equal.
            sortKeys(&found, base)
            found.sort { a, b in
                if a.key != b.key { return a.key < b.key }
                let order = memcmp(base + a.start, base + b.start, min(a.count, b.count))
                return order != 0 ? order < 0 : a.count < b.count
            }
            return found.map { f in
                let bytes = UnsafeBufferPointer(start: base + f.start, count: f.count)
                let (name, escaped) = FileName.spelling(bytes)
                return (name, escaped ? Array(bytes) : nil, f.type == UInt8(DT_DIR) ? true : f.type == UInt8(DT_REG) ? false : nil)
            }
        }
    }

    /// Sets each name's `key`: its eight bytes after the start every name of `found` shares,
    /// most significant first, zeros past its end. Names are never empty and never hold a zero
    /// byte, so keys in order are names in byte order (a prefix first), and equal keys leave
    /// the order to the names' bytes.
    static func sortKeys(_ found: inout [(start: Int, count: Int, type: UInt8, key: UInt64)], _ base: UnsafePointer<UInt8>) {
        guard let first = found.first else { return }
        var shared = first.count
        for f in found.dropFirst() {
            var k = 0
            let n = min(shared, f.count)
            while k < n && base[first.start + k] == base[f.start + k] { k += 1 }
            shared = k
        }
        for i in found.indices {
            let f = found[i]
            var key: UInt64 = 0
            for k in 0..<8 {
                let at = shared + k
                key = key << 8 | (at < f.count ? UInt64(base[f.start + at]) : 0)
            }
            found[i].key = key
        }
    }

    /// True when `a` comes before `b` in byte order (a prefix first).
    static func bytesPrecede(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let common = min(a.count, b.count)
        let order = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in common == 0 ? 0 : memcmp(pa.baseAddress!, pb.baseAddress!, common) }
        }
        return order != 0 ? order < 0 : a.count < b.count
    }

    /// Removes "./" prefixes, doubled slashes and a trailing slash so the same file always gets
    /// the same id, and names the same file the path names: the slashes are collapsed first, so
    /// ".//a.txt" is "a.txt" (it was "/a.txt", a file at the root) and ".//" is "." (it was "/":
    /// the run walked the whole file system), and a path of nothing but "./" is "." (it was "",
    /// which named no file).
    public static func normalize(_ path: String) -> String {
        var p = path
        while p.contains("//") { p = p.replacingOccurrences(of: "//", with: "/") }
        while p.hasPrefix("./") { p.removeFirst(2) }
        if p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p.isEmpty && !path.isEmpty ? "." : p
    }

    /// The part of a (normalized) path after its last "/": the file's name. Byte-level, as
    /// NSString's `lastPathComponent` costs microseconds a call, which adds up over a million files.
    static func lastComponent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    static func isGlob(_ s: String) -> Bool { s.contains("*") || s.contains("?") || s.contains("[") }

    /// Expands a glob: `*`, `?` and `[…]` inside one path component, `**` across directories
    /// (not into a symbolic link back to a folder above: those are returned as `loops`).
    /// Each folder is matched against each part of the pattern once (`listings` counts the
    /// folders read): every `**` may stand for any number of folders, so a pattern of twelve
    /// of them walked a tree ten folders deep some C(22, 12) times (over a minute, for ten
    /// files) before the same path at the same part was taken as done.
    ///
    /// Folders are read by the bytes of their names, as a folder walk reads them: a match is
    /// spelled as the walk spells it (`FileName`), and `rawPaths` gives the bytes to open it by
    /// when the spelling differs from them (until session 36 a name that is not UTF-8 was listed
    /// as U+FFFD, "the file vanished before it could be read", and `**` did not go into such a
    /// folder). A part that starts with a dot matches hidden names, as a shell's glob does
    /// (`in/.*`); other parts, and `**`, pass over them as a folder walk does.
    static func glob(_ pattern: String) -> (paths: [String], loops: [String], listings: Int, rawPaths: [String: [UInt8]]) {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var results: [String: [UInt8]?] = [:]
        var loops: Set<String> = []
        var listings = 0
        // (part, path) pairs already matched: the same path reached at the same part again (by
        // `**` standing for other folders) can only find the same files.
        var done: Set<String> = []
        /// A path as spelled, and its bytes when the spelling is not them.
        struct Place { var path: String; var raw: [UInt8]? }
        func bytes(_ p: Place) -> [UInt8] { p.raw ?? Array((p.path.isEmpty ? "." : p.path).utf8) }
        func join(_ base: Place, _ name: String, _ nameBytes: [UInt8]?) -> Place {
            let path = base.path.isEmpty ? name : (base.path.hasSuffix("/") ? base.path + name : base.path + "/" + name)
            guard base.raw != nil || nameBytes != nil else { return Place(path: path, raw: nil) }
            let folder = base.path.isEmpty ? [] : bytes(base) + (base.path.hasSuffix("/") ? [] : [UInt8(ascii: "/")])
            return Place(path: path, raw: folder + (nameBytes ?? Array(name.utf8)))
        }
        func status(_ p: Place) -> stat? {
            var st = stat()
            let found = (bytes(p) + [0]).withUnsafeBufferPointer { stat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st) }
            return found == 0 ? st : nil
        }
        func isDirectory(_ p: Place) -> Bool { status(p).map { $0.st_mode & S_IFMT == S_IFDIR } ?? false }
        func folderID(_ p: Place) -> FolderID? { status(p).map(FolderID.init) }
        /// A folder's names (spelling, bytes when they differ), hidden ones only when asked.
        func children(_ dir: Place, hidden: Bool) -> [(String, [UInt8]?)] {
            listings += 1
            return (InputResolver.entries(bytes(dir)) ?? []).filter { hidden || !$0.0.hasPrefix(".") }.map { ($0.0, $0.1) }
        }
        func matches(_ part: String, _ name: String, _ nameBytes: [UInt8]?) -> Bool {
            ((nameBytes ?? Array(name.utf8)) + [0]).withUnsafeBufferPointer {
                fnmatch(part, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), 0) == 0
            }
        }
        // `ancestors`: the folders `**` has descended through, to stop at a link back to one.
        func match(_ base: Place, _ k: Int, _ ancestors: Set<FolderID>) {
            // An empty base is the working directory (`**` alone matches everything under it).
            if k == parts.count { results[base.path.isEmpty ? "." : base.path] = .some(base.raw); return }
            guard done.insert("\(k)/\(base.path)").inserted else { return }
            let part = parts[k]
            if part.isEmpty { match(base, k + 1, ancestors); return }
            if part == "**" {
                match(base, k + 1, ancestors)
                var inside = ancestors
                if let id = folderID(base) { inside.insert(id) }
                for (name, nameBytes) in children(base, hidden: false) {
                    let child = join(base, name, nameBytes)
                    guard isDirectory(child) else { continue }
                    if let id = folderID(child), inside.contains(id) { loops.insert(child.path); continue }
                    match(child, k, inside)
                }
                return
            }
            if !isGlob(part) {
                let next = join(base, part, nil)
                if k == parts.count - 1 ? status(next) != nil : isDirectory(next) { match(next, k + 1, ancestors) }
                return
            }
            for (name, nameBytes) in children(base, hidden: part.hasPrefix(".")) where matches(part, name, nameBytes) {
                match(join(base, name, nameBytes), k + 1, ancestors)
            }
        }
        match(Place(path: pattern.hasPrefix("/") ? "/" : "", raw: nil), 0, [])
        var rawPaths: [String: [UInt8]] = [:]
        for (path, raw) in results { if let raw { rawPaths[path] = raw } }
        return (results.keys.sorted(), loops.sorted(), listings, rawPaths)
    }
}

extension InputFile {
    /// The format of a file from its name.
    public static func classify(_ path: String) -> InputFile {
        if let file = classifyASCII(path) { return file }
        var name = InputResolver.lastComponent(of: path).lowercased()
        var gzip = false
        if name.hasSuffix(".gz") { gzip = true; name.removeLast(3) }
        let ext = name.utf8.lastIndex(of: UInt8(ascii: ".")).map { dot in dot == name.startIndex ? "" : String(name[name.utf8.index(after: dot)...]) } ?? ""
        let format = formatsByExtension.first { $0.ext == ext }?.format ?? .text
        return InputFile(path: path, format: format, gzip: gzip)
    }

    /// Formats by lower-case extension (without `.gz`), as `classify` names them (any other
    /// extension is text). Common Crawl names its text extracts `.warc.wet.gz`.
    static let formatsByExtension: [(ext: String, format: SourceFormat)] = [
        ("html", .html), ("htm", .html), ("xhtml", .html), ("shtml", .html),
        ("xml", .xml), ("rss", .xml), ("atom", .xml),
        ("jsonl", .jsonl), ("ndjson", .jsonl),
        ("warc", .warc), ("wet", .warc),
    ]

    /// `formatsByExtension` with each extension's bytes packed into a word (`packed`).
    static let formatsByPackedExtension: [(ext: UInt64, format: SourceFormat)] =
        formatsByExtension.map { known in (Array(known.ext.utf8).withUnsafeBufferPointer { packed($0) }, known.format) }

    /// The lower-cased bytes of an extension of at most 8 ASCII bytes in one word, the first byte
    /// highest (names hold no NUL byte, so two extensions share a word only when they are the same).
    @inline(__always) static func packed(_ ext: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var word: UInt64 = 0
        for c in ext { word = word << 8 | UInt64(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
        return word
    }

    /// `classify` for a file name of ASCII bytes (almost every name), read as bytes in place
    /// without making a lower-cased copy of the name; nil for any other name.
    static func classifyASCII(_ path: String) -> InputFile? {
        let inPlace = path.utf8.withContiguousStorageIfAvailable { classifyASCII(bytes: $0) }
        let found: (SourceFormat, Bool)?
        if let inPlace {
            found = inPlace
        } else {
            var bytes = path
            found = bytes.withUTF8 { classifyASCII(bytes: $0) }
        }
        return found.map { InputFile(path: path, format: $0.0, gzip: $0.1) }
    }

    /// The format and whether the name ends in `.gz`, for a path whose last component is ASCII.
    private static func classifyASCII(bytes p: UnsafeBufferPointer<UInt8>) -> (SourceFormat, Bool)? {
        var start = p.count
        while start > 0 && p[start - 1] != UInt8(ascii: "/") {
            if p[start - 1] >= 0x80 { return nil }
            start -= 1
        }
        @inline(__always) func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
        var end = p.count
        var gzip = false
        if end - start >= 3 && p[end - 3] == UInt8(ascii: ".") && lower(p[end - 2]) == UInt8(ascii: "g") && lower(p[end - 1]) == UInt8(ascii: "z") {
            gzip = true
            end -= 3
        }
        // The extension: after the last dot, unless that dot starts the name.
        var dot = end
        while dot > start && p[dot - 1] != UInt8(ascii: ".") { dot -= 1 }
        var format = SourceFormat.text
        if dot - 1 > start && end - dot <= 8 {
            let ext = packed(UnsafeBufferPointer(rebasing: p[dot..<end]))
            for known in formatsByPackedExtension where known.ext == ext {
                format = known.format
                break
            }
        }
        return (format, gzip)
    }
}
