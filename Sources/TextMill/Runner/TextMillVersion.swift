import Foundation
internal import CShims

/// Which TextMill made a corpus: the release version and the build of the running executable.
///
/// The manifest and the config fingerprint record `identity`, so a corpus made by one build is
/// never finished or extended by another: stages change between builds (a rebuilt or upgraded
/// binary may write other bytes for the same input), so a run under another build reprocesses
/// every file and says so, and a run another build was interrupted in is not resumed (its
/// files are processed again) rather than mixing the records of two builds in one output.
public enum TextMillVersion {
    /// The release version (`textmill stages --json` shows it).
    public static let string = "0.1.0"

    /// The running executable's build: its GNU build id in hex (the linker's hash of the
    /// executable, read from memory, so no file is opened; a rebuild with any change gets another),
    /// else its size and modification time. `TEXTMILL_BUILD_ID` (1 to 64 letters, digits, `.`,
    /// `_` or `-`) stands in for it: a test hook, so tests can play two builds.
    public static let build: String = {
        if let injected = getenv("TEXTMILL_BUILD_ID").map({ String(cString: $0) }), isBuildName(injected) { return injected }
        var id = [UInt8](repeating: 0, count: 64)
        let n = id.withUnsafeMutableBufferPointer { tm_build_id($0.baseAddress, $0.count) }
        // Hex by hand: `String(format:)` cost 1.2 million instructions here, 2% of a tiny run.
        if n > 0 {
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: id.prefix(n).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
        }
        var st = stat()
        if stat("/proc/self/exe", &st) == 0 { return "size \(st.st_size) mtime \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)" }
        return "unknown"
    }()

    /// What the manifest and the config fingerprint record, and `textmill --version` prints:
    /// "0.1.0 (build 95c2c399…)".
    public static let identity = "\(string) (build \(build))"

    /// Whether `name` may stand for a build (`TEXTMILL_BUILD_ID`).
    static func isBuildName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        return (1...64).contains(bytes.count) && bytes.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E || b == 0x5F || b == 0x2D
        }
    }
}
