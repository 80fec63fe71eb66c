import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a folder dedup's `index` option names may not be. Each was taken as it was written:
///
/// - a file that exists (a regular file, a device): the index could not be made there, and the
///   run found out only when the first document reached dedup;
/// - the output file's own path (or a side file's): the folder made there stood in the way of
///   the commit, which renames the records into place;
/// - in, or at, another output's state folder (`.NAME.textmill/`): the index shared that
///   output's `lock` (each run refused the other's as "another textmill run") or took over its
///   default index folder, `dedup/`, which has no owner file to say whose it is;
/// - inside an input folder, or holding one: the run skips the index folder's files as input, so
///   the index either sat among the documents the config asks for, or hid every input below it.
///
/// The config is refused before anything is read (exit 2), at the `index` option's line.
enum IndexPlace {
    /// Why `index` (as resolved) cannot hold the index of a run writing `output` from
    /// `inputs`, or nil.
    static func problem(index: String, output: String, inputs: [String]) -> String? {
        let quoted = MessageText.quoted(index)
        if output != "-" && !output.isEmpty {
            let owned = OutputFiles(output: output)
            let place = resolved(index)
            for (file, what) in [(owned.output, "the output file"), (owned.errors, "the errors file"), (owned.duplicates, "the duplicates file"),
                                 (owned.filtered, "the filtered file"), (owned.stats, "the stats file")] where resolved(file) == place {
                return "the index \(quoted) is \(what)'s own path (\(MessageText.quoted(file))): the run writes that file there; name a folder of its own, e.g. \(MessageText.quoted(PathText.folder(of: file).isEmpty ? "index" : PathText.folder(of: file) + "/index"))"
            }
        }
        var st = stat()
        if stat(index, &st) == 0 && st.st_mode & S_IFMT != S_IFDIR {
            let kind = OutputFiles.nonFileKind(at: index) ?? "a file"
            return "the index \(quoted) is \(kind), not a folder: the index is a folder of its own files (index.G.bin, records.bin, lock), made when missing; name another path, or move that file away"
        }
        if case .inStateFolder(let folder)? = OutputFiles(output: output == "-" ? "textmill.jsonl" : output).anotherOutputsFile(at: index + "/lock"),
           output == "-" || InputResolver.FolderID(path: folder) != InputResolver.FolderID(path: OutputFiles(output: output).stateDirectory) {
            return "the index \(quoted) lies in the state folder \(MessageText.quoted(folder)) of another output: it would share that output's lock and state (a run of one would refuse the other's, or empty its index); name a folder outside it"
        }
        let place = resolved(index)
        for input in inputs where input != "-" && !InputResolver.isGlob(input) {
            var ist = stat()
            guard stat(input, &ist) == 0, ist.st_mode & S_IFMT == S_IFDIR else { continue }
            let folder = resolved(input)
            if PathText.isWithin(place, folder) {
                return "the index \(quoted) lies inside the input folder \(MessageText.quoted(input)): an index is the run's own state, never among its inputs (the run skips its files, and a copy of them would be read as documents); name a folder outside the inputs"
            }
            if PathText.isWithin(folder, place) {
                return "the input folder \(MessageText.quoted(input)) lies inside the index \(quoted): the run never reads the files of its index folder, so no input below it would be read; name a folder of its own for the index"
            }
        }
        return nil
    }

    /// The absolute path with links and `..` resolved as far as the path exists (the rest, not
    /// made yet, appended as written), so a folder the run will make can be compared.
    static func resolved(_ path: String) -> String {
        var rest: [String] = []
        var head = path.isEmpty ? "." : path
        while true {
            if let r = realpath(head, nil) {
                defer { free(r) }
                var base = String(cString: r)
                for part in rest.reversed() {
                    if part == "." || part.isEmpty { continue }
                    if part == ".." { base = PathText.folder(of: base).isEmpty ? "/" : PathText.folder(of: base); continue }
                    base = (base == "/" ? "" : base) + "/" + part
                }
                return base
            }
            let name = PathText.name(of: head)
            let parent = PathText.folder(of: head)
            rest.append(name)
            if parent.isEmpty {
                head = head.hasPrefix("/") ? "/" : "."
            } else {
                head = parent
            }
            if rest.count > 4096 { return path }
        }
    }
}
