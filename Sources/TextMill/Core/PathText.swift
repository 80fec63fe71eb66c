/// A path's folder and name, worked out on its text alone.
///
/// Foundation's `NSString.deletingLastPathComponent` traps on some paths a user may type
/// (`.`, `~`, `~/` crash the process on Linux), so paths from the command line, a config or a
/// record go through these instead. The answers are NSString's for ordinary paths: trailing
/// slashes are ignored, the slashes before the name count as one, and the root stays "/".
public enum PathText {
    /// The folder part: "a/b/c.jsonl" → "a/b", "c.jsonl" → "", "/c" → "/", "a/b/" → "a".
    public static func folder(of path: String) -> String {
        let bytes = Array(path.utf8)
        var end = bytes.count
        while end > 1 && bytes[end - 1] == slash { end -= 1 }
        guard let last = bytes[..<end].lastIndex(of: slash) else { return "" }
        var cut = last
        while cut > 0 && bytes[cut - 1] == slash { cut -= 1 }
        return cut == 0 ? "/" : String(decoding: bytes[..<cut], as: UTF8.self)
    }

    /// The last part: "a/b/c.jsonl" → "c.jsonl", "a/b/" → "b", "/" → "/", "" → "".
    public static func name(of path: String) -> String {
        let bytes = Array(path.utf8)
        var end = bytes.count
        while end > 1 && bytes[end - 1] == slash { end -= 1 }
        if end == 1 && bytes[0] == slash { return "/" }
        let start = bytes[..<end].lastIndex(of: slash).map { $0 + 1 } ?? 0
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// True when the path can only name a folder: empty, ending in "/", or whose last part is
    /// "." or "..". An output named so would be a folder, never a file.
    public static func namesFolder(_ path: String) -> Bool {
        path.isEmpty || path.hasSuffix("/") || [".", ".."].contains(name(of: path))
    }

    /// True when the resolved path `path` is `folder` or lies below it, both absolute and
    /// resolved (on their text: "/a/bc" is not inside "/a/b").
    public static func isWithin(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    private static let slash = UInt8(ascii: "/")
}
