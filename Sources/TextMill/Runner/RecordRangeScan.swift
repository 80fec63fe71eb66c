import Foundation

/// Reading back, a line at a time, the records an earlier run wrote for some input files: their
/// ranges (`FileEntry.ranges`) of one file beside the output. The one loop behind
/// `RunPlan.documents(of:)`, `OrphanedDuplicates.originalsNamed`, `KeptIDs` and `RefusedIDs`, so
/// each says only what it takes from a line, and all four read, fail and report alike.
enum RecordRangeScan {
    /// What the caller makes of a line.
    enum Step {
        /// Go on to the next line.
        case next
        /// Nothing more is wanted from this entry's range: go on to the next entry.
        case entryDone
        /// The line is no record the run wrote (a flipped byte, zeros, a cut line): the file was
        /// changed in place since the last run, and `RecordLines.Changed` is thrown.
        case notARecord
    }

    /// Calls `body(index, entry, line)` for each line of each entry's range of the file of
    /// `kind`, in order. A range may be gigabytes: memory stays at a chunk and the longest
    /// record. `purpose` ends "cannot read PATH to find …". With `passOverUndecodable`, a gzip
    /// range that does not decompress (`ReadError`) names nothing and is passed over (what
    /// readers that only look for something did before); without it, it fails the read.
    /// Throws `RecordLines.Changed` for a line that is no record, and a `StateError` naming the
    /// entry and its bytes when a range cannot be read or the file is shorter than the range.
    static func lines(of entries: [FileEntry], in kind: OutputKind, store: StateStore, toFind purpose: String,
                      passOverUndecodable: Bool, _ body: (Int, FileEntry, [UInt8]) throws -> Step) throws {
        guard entries.contains(where: { $0.ranges[kind].length > 0 }) else { return }
        let path = store.outputs[kind]
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw StateError(message: "cannot read \(MessageText.quoted(path)) to find \(purpose) (\(String(cString: strerror(errno)))); run again with --force")
        }
        defer { close(fd) }
        for (index, entry) in entries.enumerated() {
            let r = entry.ranges[kind]
            guard r.length > 0 else { continue }
            let range = FileRangeStream(fd: fd, range: r)
            let cannot = { (why: String) in
                StateError(message: "cannot read the records of \(MessageText.quoted(entry.path)) back from \(MessageText.quoted(path)) (bytes \(r.offset)–\(r.offset + r.length): \(why)); run again with --force")
            }
            var lines = try RunPlan.recordLines(range)
            var readToTheEnd = true
            do {
                reading: while let line = try lines.next() {
                    let step: Step
                    if case .line(let bytes) = line { step = try body(index, entry, bytes) } else { step = .notARecord }
                    switch step {
                    case .next: continue
                    case .entryDone: readToTheEnd = false; break reading
                    case .notARecord: throw RecordLines.Changed(path: path, entry: entry.path, range: r, line: lines.lineNumber)
                    }
                }
            } catch let changed as RecordLines.Changed {
                throw changed
            } catch is ReadError where passOverUndecodable {
                // A gzip range that does not decompress names nothing.
            } catch {
                throw cannot("\(error)")
            }
            if readToTheEnd && range.shortBy > 0 { throw cannot("the file is shorter") }
        }
    }
}
