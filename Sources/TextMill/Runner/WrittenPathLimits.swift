import Foundation

/// The paths a run writes, each at its longest, checked before anything is read against what
/// the system allows: a path of at most `PATH_MAX` bytes with its closing NUL (4096 on Linux),
/// every name in it of at most `NAME_MAX` bytes (255 on most file systems), and no file where
/// the run must make a folder. A run past either limit, or with a file in the way, was found
/// only when it made its state folder or wrote its side files ("File name too long", "Not a
/// directory"): exit 3, "the next run finishes the work", which no later run could.
extension RunOutputs {
    /// The longest path the state folder may hold below it: a third dedup's index folder, its
    /// index written through a temporary copy (`writeFileAtomically`: `index.G.bin.tmp.PID`),
    /// with a generation and a process id of 10 digits each. Every other file of the folder
    /// (`manifest.pending.json`, `journal.jsonl.tmp`, `ids.G.bin.tmp`, `part.duplicates`) is
    /// shorter; plugin logs kept there are `stageFiles`, checked as they are named.
    static let deepestStateEntry = "dedup-99/index.4294967295.bin.tmp.4294967295"

    /// A process id as long as one can be written, for the temporary copies named after it.
    static let longestProcessID = "4294967295"

    /// Every path the run may write, at its longest, with whether it is named after the output
    /// (it grows and shrinks with the output's path): each output and side file's temporary copy
    /// (`.NAME.tmp-PID`, `OutputFile.temporaryName`) and the deepest entry of the state folder;
    /// then, named by the config, the deepest entry of each dedup index folder and each plugin log
    /// as the next run keeps it (`LOG.1`). None for a run to stdout.
    var longestWrittenPaths: [(path: String, namedAfterOutput: Bool)] {
        guard !owned.isStdout else { return [] }
        var out: [(String, Bool)] = []
        for path in paths.values + [owned.stats] where path != "-" {
            let folder = PathText.folder(of: path)
            let copy = "." + PathText.name(of: path) + ".tmp-" + Self.longestProcessID
            out.append((folder.isEmpty ? copy : (folder == "/" ? "/" : folder + "/") + copy, true))
        }
        out.append((owned.stateDirectory + "/" + Self.deepestStateEntry, true))
        for folder in stageFolders { out.append((folder + "/" + PathText.name(of: Self.deepestStateEntry), false)) }
        for file in stageFiles { out.append((file + ".1", false)) }
        return out
    }

    /// Why a path the run writes is longer than the system allows, or nil: a path of
    /// `PATH_MAX` bytes or more with its closing NUL (the longest is named, and the longest
    /// output path that fits), or a name in one (a folder's included) of more than `NAME_MAX`
    /// bytes. The output's own name is `nameTooLong`'s to report, first.
    func pathTooLong() -> String? {
        let written = longestWrittenPaths
        guard let longest = written.max(by: { $0.path.utf8.count < $1.path.utf8.count }) else { return nil }
        let pathLimit = pathconf(Self.nearestExistingFolder(of: owned.output), Int32(_PC_PATH_MAX))
        let maxPath = pathLimit > 0 ? pathLimit : 4096
        let bytes = longest.path.utf8.count
        if bytes + 1 > maxPath {
            let limit = "this system allows a path at most \(maxPath - 1) bytes (PATH_MAX \(maxPath) with its closing NUL)"
            guard longest.namedAfterOutput else {
                return "the run would write \(Self.shown(longest.path)), \(bytes) bytes, and \(limit): give the option of the stage that names it (dedup's 'index', exec's 'log') a shorter path"
            }
            let outputBytes = owned.output.utf8.count
            let room = outputBytes - (bytes + 1 - maxPath)
            return "the output path \(Self.shown(owned.output)) (\(outputBytes) bytes) is too long: the run writes \(Self.shown(longest.path)) beside it, "
                + "\(bytes) bytes, and \(limit); "
                + (room > 0 ? "name an output path of at most \(room) bytes (a shorter folder, or a relative path from a folder nearer to it)"
                            : "name an output in a folder with a shorter path")
        }
        for (path, _) in written {
            let maxName = Self.nameLimit(near: path)
            if let long = path.split(separator: "/").first(where: { $0.utf8.count > maxName }) {
                return "\(Self.shown(path)), a path the run writes, holds a name too long for the file system: \(Self.shown(String(long))) "
                    + "(\(long.utf8.count) bytes) is above the \(maxName) bytes it allows a name; name an output (or a stage's folder) whose folders have shorter names"
            }
        }
        return nil
    }

    /// Why a folder the run makes cannot be made because a file (or anything not a folder)
    /// stands at its place or on its way, or nil: `-o notes.txt/corpus.jsonl`, or the state
    /// folder `.NAME.textmill` replaced by a file. The nearest thing that exists on the way up
    /// from each folder is the one named.
    func fileInTheWay() -> String? {
        guard !owned.isStdout else { return nil }
        var folders: [(folder: String, what: String)] = []
        for path in paths.values + [owned.stats] where path != "-" {
            folders.append((PathText.folder(of: path), "the folder of \(MessageText.quoted(path))"))
        }
        folders.append((owned.stateDirectory, "the state folder of \(MessageText.quoted(owned.output))"))
        for folder in stageFolders { folders.append((folder, "the dedup index folder")) }
        for (folder, what) in folders where !folder.isEmpty {
            var existing = folder
            var st = stat()
            while stat(existing, &st) != 0 {
                // ENOTDIR: a file further up, which the walk goes on to.
                guard errno == ENOENT || errno == ENOTDIR else { break }
                let parent = PathText.folder(of: existing)
                if parent.isEmpty || parent == existing { break }
                existing = parent
            }
            guard stat(existing, &st) == 0, st.st_mode & S_IFMT != S_IFDIR else { continue }
            let kind = st.st_mode & S_IFMT == S_IFREG ? "a file" : OutputFiles.nonFileKind(at: existing) ?? "not a folder"
            // Further up the path, the thing in the way and the folder it blocks are both named:
            // "a folder on the way to the folder of 'afile/sub/c.jsonl' ('afile/sub')" said neither plainly.
            let place = existing == folder ? "where the run must make \(what)"
                : "in the way of \(MessageText.quoted(folder)) (\(what)), which the run must make"
            return "\(MessageText.quoted(existing)) is \(kind), \(place): nothing was read or written; move it away, or name another --output"
        }
        return nil
    }

    /// The most bytes a name may have where `path` goes: `NAME_MAX` of the file system of the
    /// folder nearest to it that exists (`nearestExistingFolder`), 255 when the system does not say.
    static func nameLimit(near path: String) -> Int {
        let limit = pathconf(nearestExistingFolder(of: path), Int32(_PC_NAME_MAX))
        return limit > 0 ? limit : 255
    }

    /// The folder nearest to `path` that exists ("." for a relative path none of whose folders do).
    static func nearestExistingFolder(of path: String) -> String {
        var folder = PathText.folder(of: path)
        while !folder.isEmpty && folder != "/" && access(folder, F_OK) != 0 { folder = PathText.folder(of: folder) }
        return folder.isEmpty ? "." : folder
    }

    /// A path as a message shows it: whole up to 160 bytes, else its first 60 and last 80
    /// scalars around "…", so that a path of 4 KB does not fill the terminal.
    static func shown(_ path: String) -> String {
        let scalars = Array(path.unicodeScalars)
        guard path.utf8.count > 160, scalars.count > 140 else { return MessageText.quoted(path) }
        var cut = String.UnicodeScalarView()
        cut.append(contentsOf: scalars[..<60])
        cut.append("…")
        cut.append(contentsOf: scalars[(scalars.count - 80)...])
        return MessageText.quoted(String(cut))
    }
}
