import Foundation

/// The folder of the last input file opened, kept open so that the next file in the same folder
/// is opened by its name relative to it (`openat`) instead of by its whole path: the kernel then
/// looks up one name, not every folder of the path again (and any symbolic link on the way).
/// Inputs are read in order, folder by folder, so a run of a file a story reopens a folder only
/// when the walk moves on to the next one.
///
/// Used by one thread (the reader); it holds one descriptor at most. Whenever opening by name is
/// not possible (no folder in the path, the folder or the file cannot be opened that way) the
/// caller opens the whole path as before, so a failure gives the same message it always gave.
final class FolderCursor {
    /// The folder's path with its trailing "/", as the bytes the input's path starts with.
    private var folder: [UInt8] = []
    private var fd: Int32 = -1

    init() {}

    deinit { if fd >= 0 { close(fd) } }

    /// Opens `path` (read only; without waiting for a writer when `nonBlocking`) by its name in
    /// its folder: the descriptor, or nil when the caller should open the whole path instead (the
    /// reason it failed is then the whole path's).
    func open(_ path: String, nonBlocking: Bool = false) -> Int32? {
        path.withCString { p -> Int32? in
            let length = strlen(p)
            guard let slash = strrchr(p, 0x2F) else { return nil }
            let prefix = p.distance(to: slash) + 1  // the folder with its "/"
            guard prefix > 1, prefix < length else { return nil }
            let same = prefix == folder.count && folder.withUnsafeBytes { memcmp($0.baseAddress!, p, prefix) == 0 }
            if !same {
                if fd >= 0 { close(fd) }
                folder.removeAll(keepingCapacity: true)
                folder.append(contentsOf: UnsafeRawBufferPointer(start: p, count: prefix))
                // The folder's own path: up to the slash, not including it. (A folder that cannot
                // be opened is remembered too, so its files go by their whole paths.)
                folder[prefix - 1] = 0
                fd = folder.withUnsafeBytes { Foundation.open($0.baseAddress!.assumingMemoryBound(to: CChar.self), O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
                folder[prefix - 1] = 0x2F
            }
            guard fd >= 0 else { return nil }
            let file = openat(fd, slash + 1, O_RDONLY | O_CLOEXEC | (nonBlocking ? O_NONBLOCK : 0))
            return file >= 0 ? file : nil
        }
    }
}
