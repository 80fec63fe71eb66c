import Foundation

/// The files TextMill keeps in a folder of its own (an output's state folder, a dedup index
/// folder) are regular files it wrote. One that is something else, left by a sync tool, a copy
/// or a curious user (a folder, a named pipe, a device, a symbolic link), is not read nor written
/// through: the run stops before it reads an input (exit 2), naming the file, what it is, and the
/// folder to delete to start over. Before, a lock that was a named pipe or a link to /dev/zero
/// failed the run with exit 3 and "the next run finishes the work", which failed the same way,
/// and a manifest that was a folder failed every commit.
enum StateFolderEntries {
    /// What stands at `path` when it is there and not a regular file ("a folder", "a named pipe",
    /// "a symbolic link to '/dev/zero'", …), or nil (a regular file, or nothing).
    static func kind(at path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFLNK:
            return "a symbolic link" + (OutputFiles.symbolicLinkTarget(at: path).map { " to \(MessageText.quoted($0))" } ?? "")
        case S_IFDIR: return "a folder"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFIFO: return "a named pipe"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// Throws `StateError` for the first of `names` in `folder` that is not a regular file.
    /// `what` names the folder for the message ("the state folder", "the dedup index").
    static func check(_ folder: String, names: [String], what: String) throws {
        for name in names {
            let path = folder + "/" + name
            guard let kind = kind(at: path) else { continue }
            throw StateError(message: "\(MessageText.quoted(path)) is \(kind), not a file TextMill wrote (\(what) \(MessageText.quoted(folder)) holds only its own files); "
                             + "delete the folder \(MessageText.quoted(folder)) to start over: the next run processes every file again")
        }
    }
}
