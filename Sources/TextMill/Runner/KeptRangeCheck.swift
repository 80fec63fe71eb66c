import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The check of the records a run keeps against the hashes the last run recorded for them
/// (`FileEntry.hashes`, `RangeHash`), made by `run --check-outputs` before the run builds on
/// them. A byte changed in place inside an output or a side file (a letter of a text, the JSON
/// still valid, the size and the modification time kept) was kept silently: no check reads a
/// kept record. A range whose bytes no longer hash as recorded throws `RecordLines.Changed`,
/// naming the output, the bytes and lines, and the input file; the run then reprocesses every
/// file, as for any output changed since the last run, and ends with a first run's records.
///
/// Entries without hashes (manifests written before TextMill kept them) are not checked; the
/// run after writes them. Each output is read once, a megabyte at a time, whatever its size.
enum KeptRangeCheck {
    static func check(_ kept: [FileEntry], outputs: PerOutput<String>) throws {
        var buffer: [UInt8] = []
        for k in OutputKind.allCases {
            guard kept.contains(where: { $0.hashes != nil && $0.ranges[k].length > 0 }) else { continue }
            let path = outputs[k]
            let fd = openRegular(path)
            guard fd >= 0 else {
                throw RecordLines.Changed(message: "the output \(MessageText.quoted(path)) cannot be read to check its records (\(String(cString: strerror(errno))))")
            }
            defer { close(fd) }
            for entry in kept {
                guard let hashes = entry.hashes else { continue }
                let r = entry.ranges[k]
                guard r.length > 0 else { continue }
                let found = RangeHash.of(fd: fd, offset: r.offset, length: r.length, buffer: &buffer)
                guard found != hashes[k] else { continue }
                let lines = found == nil ? nil : lineNumbers(fd: fd, of: r, buffer: &buffer)
                throw RecordLines.Changed(message: "the records of \(MessageText.quoted(entry.path)) in \(MessageText.quoted(path)) "
                    + "(bytes \(r.offset)–\(r.offset + r.length)\(lines.map { ", lines \($0.first)–\($0.last)" } ?? "")) are not what the last run wrote there "
                    + (found == nil ? "(they cannot be read)" : "(their hash is not the one the manifest recorded: a byte changed in place)"))
            }
        }
    }

    /// What is wrong with the ranges of `entries` in `files` (the checks of `checkEnds`, and of
    /// `check` when `thorough`), or nil: a resumed run checks the part files of the interrupted
    /// run so (its journal's entries carry the hashes too).
    static func damage(_ entries: [FileEntry], in files: PerOutput<String>, thorough: Bool) -> String? {
        do {
            try checkEnds(entries, outputs: files)
            if thorough { try check(entries, outputs: files) }
            return nil
        } catch let changed as RecordLines.Changed {
            return changed.message
        } catch {
            return "\(error)"
        }
    }

    /// Kept ranges whose ends every run reads (`checkEnds`): the first, the last, and others
    /// evenly between them, in each output.
    static let sampleSize = 64

    /// The check of every run, a few bytes for each of at most `sampleSize` kept ranges of each
    /// output: a range of records starts a record (`{`, or gzip's magic bytes in a `.gz`
    /// output) and ends a line. An output or side file zero-filled or overwritten with 0xFF, its
    /// size kept, was kept silently when no file changed (its records are read back only when
    /// their file changes): it throws `RecordLines.Changed`, as the whole check does.
    static func checkEnds(_ kept: [FileEntry], outputs: PerOutput<String>) throws {
        for k in OutputKind.allCases {
            let ranges = kept.indices.filter { kept[$0].ranges[k].length > 0 }
            guard !ranges.isEmpty else { continue }
            let path = outputs[k]
            let fd = openRegular(path)
            guard fd >= 0 else {
                throw RecordLines.Changed(message: "the output \(MessageText.quoted(path)) cannot be read to check its records (\(String(cString: strerror(errno))))")
            }
            defer { close(fd) }
            let n = min(sampleSize, ranges.count)
            var gzip: Bool?
            for s in 0..<n {
                let entry = kept[ranges[n == 1 ? 0 : s * (ranges.count - 1) / (n - 1)]]
                let r = entry.ranges[k]
                var head: (UInt8, UInt8) = (0, 0), tail: UInt8 = 0
                let got = pread(fd, &head, 2, off_t(r.offset)) == 2 && pread(fd, &tail, 1, off_t(r.offset + r.length - 1)) == 1
                if gzip == nil { gzip = head == (0x1F, 0x8B) }
                let whole = got && (gzip! ? head == (0x1F, 0x8B) : head.0 == UInt8(ascii: "{") && tail == 0x0A)
                guard !whole else { continue }
                throw RecordLines.Changed(message: "the records of \(MessageText.quoted(entry.path)) in \(MessageText.quoted(path)) "
                    + "(bytes \(r.offset)–\(r.offset + r.length)) are not what the last run wrote there "
                    + (got ? "(they do not start a record and end a line)" : "(they cannot be read)"))
            }
        }
    }

    /// Gives the kept entries of a manifest written before TextMill kept hashes the hashes of
    /// their ranges as they are now, so the commit writes them and later runs can check them
    /// (read once, the first run after such a manifest). An entry whose range cannot be read
    /// stays without.
    static func fillMissingHashes(_ kept: inout [FileEntry], outputs: PerOutput<String>) {
        guard kept.contains(where: { $0.hashes == nil }) else { return }
        var buffer: [UInt8] = []
        var fds = PerOutput<Int32>(repeating: -1)
        defer { for fd in fds.values where fd >= 0 { close(fd) } }
        for k in OutputKind.allCases { fds[k] = openRegular(outputs[k]) }
        for i in kept.indices where kept[i].hashes == nil {
            let entry = kept[i]
            var hashes = PerOutput<UInt64>(repeating: RangeHash().value)
            var whole = true
            for k in OutputKind.allCases where entry.ranges[k].length > 0 {
                guard fds[k] >= 0, let h = RangeHash.of(fd: fds[k], offset: entry.ranges[k].offset, length: entry.ranges[k].length, buffer: &buffer) else {
                    whole = false
                    break
                }
                hashes[k] = h
            }
            if whole { kept[i].hashes = hashes }
        }
    }

    /// Opens a file to read it, without blocking (a named pipe held the run) and without
    /// following a link; -1 (errno set) for anything but a regular file, which the run's own
    /// checks of its files refuse by name.
    static func openRegular(_ path: String) -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { return -1 }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            errno = EINVAL
            return -1
        }
        return fd
    }

    /// The lines (from 1) the range's records fill in the file: its newlines before and in it
    /// counted (a gzip output's are a member's bytes, not lines: nil). Read only on a mismatch.
    static func lineNumbers(fd: Int32, of r: ByteRange, buffer: inout [UInt8]) -> (first: Int, last: Int)? {
        var newlines = 0
        var first = 0
        var done = 0
        let end = r.offset + r.length
        while done < end {
            if done == r.offset { first = newlines + 1 }
            let want = min(buffer.count, (done < r.offset ? r.offset : end) - done)
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, want, off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            if done == 0 && n >= 2 && buffer[0] == 0x1F && buffer[1] == 0x8B { return nil }
            newlines += buffer[0..<n].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            done += n
        }
        if r.offset == 0 { first = 1 }
        return (first, max(first, newlines))
    }
}
