import Foundation

/// A file that takes the place of another (an output rewritten through a temporary file and a
/// rename, a state file, a log rotated away) keeps the permission bits of the file it replaces,
/// and its group where the process may set it, as `sed -i`, editors and rsync do: an output the
/// user made readable to a group (`chmod 640`) stays readable to that group after a run that
/// rewrites it, whatever the run's umask. A file that replaces nothing follows the umask.
///
/// When the group cannot be kept (the process is not a member of it), the new file is in the
/// process's own group, and the group bits are cleared: the access meant for one group is not
/// handed to another.
enum ReplacedFileMode {
    /// The permission bits and group of the file at `path`; nil when there is no regular file
    /// there (nothing is replaced).
    struct Kept {
        let mode: mode_t
        let group: gid_t
    }

    /// What the file at `path` would hand on to the file that replaces it.
    static func of(_ path: String) -> Kept? {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return Kept(mode: st.st_mode & 0o777, group: st.st_gid)
    }

    /// Gives the open file `fd` (the new content, at `newPath`) the mode and group of the file at
    /// `replaced`, if there is one. A file system that cannot store modes (`fchmod` fails) keeps
    /// the file as it was made: the run goes on, as it did before there was anything to keep.
    static func carry(from replaced: String, to fd: Int32) {
        guard let kept = of(replaced) else { return }
        apply(kept, group: { fchown(fd, uid_t.max, $0) }, mode: { fchmod(fd, $0) }, current: { st in fstat(fd, &st) })
    }

    /// The same for the closed file at `newPath` (a part file or `next.KIND` about to be renamed
    /// over `replaced`).
    static func carry(from replaced: String, toPath newPath: String) {
        guard let kept = of(replaced) else { return }
        apply(kept, group: { chown(newPath, uid_t.max, $0) }, mode: { chmod(newPath, $0) }, current: { st in stat(newPath, &st) })
    }

    /// Sets the group first (a chown may clear set-id bits, and its failure decides the mode),
    /// then the mode.
    private static func apply(_ kept: Kept, group: (gid_t) -> Int32, mode: (mode_t) -> Int32, current: (inout stat) -> Int32) {
        var st = stat()
        guard current(&st) == 0 else { return }
        var bits = kept.mode
        if st.st_gid != kept.group && group(kept.group) != 0 { bits &= ~mode_t(0o070) }
        if st.st_mode & 0o777 != bits { _ = mode(bits) }
    }
}
