/// The input files that changed while a run read them (`ReadIdentities.changed`), for the one
/// notice the run gives: how many, and the first few by name (an input decides how many).
struct ChangedFiles: Sendable {
    /// How many of them the notice names.
    static let named = 5
    private(set) var count = 0
    private(set) var first: [String] = []

    /// Adds a file's notice (`ReadIdentities.notice`).
    mutating func add(_ notice: String) {
        count += 1
        if first.count < Self.named { first.append(notice) }
    }

    /// The run's warning, or nil when no file changed. `kept`: the run keeps a manifest, whose
    /// entry for such a file holds its identity from before the read, so the next run reads it
    /// again (a run to stdout keeps none).
    func warning(kept: Bool) -> String? {
        guard count > 0 else { return nil }
        let more = count > first.count ? "; and \(count - first.count) more file\(count - first.count == 1 ? "" : "s")" : ""
        let which = count == 1 ? "it" : "each"
        let next = kept ? "; the manifest keeps what \(which) was before the read, so the next run takes \(which) for changed and reads \(which) again, "
                            + "unless \(count == 1 ? "its" : "the") bytes are the ones this run read"
                        : "; run again once nothing writes to \(count == 1 ? "it" : "them")"
        return first.joined(separator: "; ") + more + ": the records taken from \(which) are of the bytes read, which may be bytes the file never held "
            + "at one time (the start of one version and the end of another, or a last line cut short)" + next
    }
}
