internal import CShims
import Foundation

/// Where a path's file lives: its file system (`st_dev`) and, where the kernel says (statx's
/// mount id, Linux 5.8), its mount. rename(2) works only within one mount: a bind mount of the
/// same file system has the same `st_dev`, and a rename across it fails with EXDEV all the same.
struct MountPlace: Equatable {
    /// The file system's device number.
    var device: UInt64
    /// The mount's id; nil where the kernel does not give it.
    var mount: UInt64?

    /// The place of `path` (links followed), or nil when it cannot be looked at.
    static func of(_ path: String) -> MountPlace? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        var id: UInt64 = 0
        return MountPlace(device: UInt64(st.st_dev), mount: tm_mount_id(path, &id) == 0 ? id : nil)
    }

    /// A file renamed from one place to the other stays on its mount: same file system, and the
    /// same mount where both mounts are known.
    func sharesRenames(with other: MountPlace) -> Bool {
        guard device == other.device else { return false }
        guard let mount, let otherMount = other.mount else { return true }
        return mount == otherMount
    }
}
