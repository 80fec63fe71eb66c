import Foundation

/// Turns a finished run's part files into the outputs, crash-safely: durable before visible. A
/// kill at any step leaves either the old outputs with their manifest, or a pending commit
/// (`manifest.pending.json`, and `next.KIND` files or an `append.json` plan) that `rollForward`
/// completes at the start of the next run.
///
/// Two ways to commit:
/// - **by appending** when the kept records are already the start of each output (since the last
///   run files were only added, or removed from the end): each output is cut to its kept bytes
///   and its part appended in place;
/// - **by copying**: `next.KIND` is built from the kept ranges of the current output followed by
///   the part (with nothing kept the part itself is renamed), then renamed into place.
struct OutputCommit {
    let store: StateStore

    /// Builds the next outputs and puts them and `manifest` (its files and sizes filled in here)
    /// in place. Returns the manifest committed.
    func commit(kept: [FileEntry], produced: [FileEntry], manifest: Manifest) throws -> Manifest {
        if !kept.isEmpty, let prefix = keptPrefix(kept) {
            return try commitByAppending(kept: kept, produced: produced, manifest: manifest, prefix: prefix)
        }
        var next = manifest
        do {
            (next.files, next.sizes) = try buildNextOutputs(kept: kept, produced: produced)
            KillPoint.reach("commit-next-written")
            try DurableFile.write(to: store.pendingPath) { try next.write($0) }
        } catch {
            if !FileManager.default.fileExists(atPath: store.pendingPath) { dropNextOutputs(partsMoved: kept.isEmpty) }
            throw error
        }
        KillPoint.reach("commit-pending-written")
        try rollForward()
        return next
    }

    /// Finishes a commit that a killed run had made durable but not yet put in place; does
    /// nothing when there is none. True when it finished one.
    @discardableResult
    func rollForward() throws -> Bool {
        guard FileManager.default.fileExists(atPath: store.pendingPath) else {
            unlink(store.appendPath) // a plan whose manifest never became durable: nothing was touched
            // New outputs a killed commit built before its manifest became durable: never to be
            // put in place. Left, the next commit that appends in place renamed them over the
            // outputs after its append (the killed run's records, its own new ones lost, exit 0).
            for k in OutputKind.allCases { unlink(store.nextPath(k)) }
            return false
        }
        if let plan = DurableFile.readJSON(store.appendPath)?.objectValue { try appendParts(plan) }
        for k in OutputKind.allCases where FileManager.default.fileExists(atPath: store.nextPath(k)) {
            ReplacedFileMode.carry(from: store.outputs[k], toPath: store.nextPath(k))
            try CheckedIO.rename(store.nextPath(k), to: store.outputs[k])
            KillPoint.reach("rollforward-first-rename")
        }
        try CheckedIO.syncDirectory(of: store.outputs.output)
        KillPoint.reach("rollforward-before-manifest")
        // The journal goes first: once the new manifest is in place, a journal left beside it
        // would be resumed by the next run, which would add its files' records a second time.
        try store.discardJournal()
        ReplacedFileMode.carry(from: store.manifestPath, toPath: store.pendingPath)
        try CheckedIO.rename(store.pendingPath, to: store.manifestPath)
        try CheckedIO.syncDirectory(of: store.manifestPath)
        KillPoint.reach("rollforward-after-manifest")
        unlink(store.appendPath)
        return true
    }

    // MARK: Appending in place

    /// The bytes at the start of each output that the kept files' records fill, when they lie
    /// there in order with no gap, so the new records can be appended in place; nil otherwise.
    private func keptPrefix(_ kept: [FileEntry]) -> PerOutput<Int>? {
        var prefix = PerOutput<Int>.zero
        for entry in kept {
            for k in OutputKind.allCases {
                let r = entry.ranges[k]
                if r.length == 0 { continue }
                guard r.offset == prefix[k] else { return nil }
                prefix[k] += r.length
            }
        }
        for k in OutputKind.allCases where (FileIdentity.of(store.outputs[k])?.size ?? 0) < prefix[k] { return nil }
        return prefix
    }

    /// Commits by appending the parts to the outputs in place rather than copying every kept
    /// byte into new files: the plan and the pending manifest are durable before an output is
    /// touched, so `rollForward` can redo the appends after a kill.
    private func commitByAppending(kept: [FileEntry], produced: [FileEntry], manifest: Manifest, prefix: PerOutput<Int>) throws -> Manifest {
        var next = manifest
        next.files = kept
        next.sizes = PerOutput(each: { prefix[$0] + (FileIdentity.of(store.partPath($0))?.size ?? 0) })
        for entry in produced {
            var moved = entry
            for k in OutputKind.allCases { moved.ranges[k].offset += prefix[k] }
            next.files.append(moved)
        }
        let plan = JSONValue.object(JSONObject([("keep", prefix.json), ("sizes", next.sizes.json)]))
        try DurableFile.write(Array((plan.jsonText + "\n").utf8), to: store.appendPath)
        KillPoint.reach("append-planned")
        do {
            try DurableFile.write(to: store.pendingPath) { try next.write($0) }
        } catch {
            // No pending manifest: the plan is void; the journal and parts stay for the next run.
            if !FileManager.default.fileExists(atPath: store.pendingPath) { unlink(store.appendPath) }
            throw error
        }
        KillPoint.reach("commit-pending-written")
        try rollForward()
        return next
    }

    /// Cuts each output to the bytes the plan keeps and appends its part file, durably. After a
    /// kill it does the same again; once the parts are gone (the journal and parts are discarded
    /// only after every append was synced) the outputs are already complete. When an append
    /// fails (a full disk), every output is cut back to its kept bytes before the error is
    /// thrown, so no torn record stays visible; the pending commit stays for the next run.
    private func appendParts(_ plan: JSONObject) throws {
        guard let keep = PerOutput(json: plan["keep"]), let sizes = PerOutput(json: plan["sizes"]) else {
            throw StateError(message: "the commit plan \(MessageText.quoted(store.appendPath)) is damaged; run again with --force")
        }
        var touched: [OutputKind] = []
        do {
            for k in OutputKind.allCases {
                let path = store.outputs[k]
                let part = Foundation.open(store.partPath(k), O_RDONLY | O_CLOEXEC)
                guard part >= 0 else {
                    guard (FileIdentity.of(path)?.size ?? 0) == sizes[k] else {
                        throw StateError(message: "cannot finish the last commit: \(MessageText.quoted(store.partPath(k))) is gone and \(MessageText.quoted(path)) is incomplete; run again with --force")
                    }
                    continue
                }
                defer { Foundation.close(part) }
                let out = try CheckedIO.open(path, O_WRONLY | O_CREAT)
                touched.append(k)
                do {
                    let length = try CheckedIO.size(part, path: store.partPath(k))
                    try CheckedIO.ftruncate(out, to: keep[k], path: path)
                    try CheckedIO.seek(out, to: keep[k], path: path)
                    try CheckedIO.copy(from: part, offset: 0, length: length, to: out, path: path)
                    try CheckedIO.fsync(out, path: path)
                } catch {
                    Foundation.close(out)
                    throw error
                }
                try CheckedIO.close(out, path: path)
                if k == .output { KillPoint.reach("append-first-output") }
            }
            try CheckedIO.syncDirectory(of: store.outputs.output)
        } catch let error as WriteError {
            for k in touched { cutBack(store.outputs[k], to: keep[k]) }
            throw error
        }
    }

    /// Cuts a file back to `size` bytes and syncs it, as far as the system lets: this runs while
    /// a write error is being handled, and the pending commit redoes the append on the next run
    /// anyway, so a failure here changes nothing the user must do.
    private func cutBack(_ path: String, to size: Int) {
        let fd = Foundation.open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        if Foundation.ftruncate(fd, off_t(size)) == 0 { _ = Foundation.fsync(fd) }
        Foundation.close(fd)
    }

    // MARK: Copying into new files

    /// Writes `next.KIND`: the kept ranges of the current outputs followed by the part files (with
    /// nothing kept, the part files themselves are renamed). Returns the files and sizes of the
    /// next manifest.
    private func buildNextOutputs(kept: [FileEntry], produced: [FileEntry]) throws -> (files: [FileEntry], sizes: PerOutput<Int>) {
        // With nothing kept the entries are `produced` as they are (their ranges are those of the
        // parts, which become the outputs): that array itself, not a copy of each entry (a file
        // a story: 20,367 entries, about 800 page faults and 3 MB more at the end of a run).
        var files = kept.isEmpty ? produced : kept + produced
        var sizes = PerOutput<Int>.zero
        for k in OutputKind.allCases {
            let target = store.nextPath(k)
            if kept.isEmpty {
                // Everything this run (and the run it resumed) produced: the part becomes the output.
                do {
                    try CheckedIO.rename(store.partPath(k), to: target)
                } catch let e as WriteError where e.code == ENOENT {
                    let fd = try CheckedIO.open(target, O_WRONLY | O_CREAT | O_TRUNC)
                    try CheckedIO.close(fd, path: target)
                }
                sizes[k] = FileIdentity.of(target)?.size ?? 0
                continue
            }
            let out = try CheckedIO.open(target, O_WRONLY | O_CREAT | O_TRUNC)
            do {
                let written = try copyKeptRanges(of: k, kept: kept, to: out, path: target, files: &files)
                let part = Foundation.open(store.partPath(k), O_RDONLY | O_CLOEXEC)
                if part >= 0 {
                    defer { Foundation.close(part) }
                    let length = try CheckedIO.size(part, path: store.partPath(k))
                    try CheckedIO.copy(from: part, offset: 0, length: length, to: out, path: target)
                } else if errno != ENOENT {
                    throw WriteError(path: store.partPath(k), action: "open", code: errno)
                }
                for i in produced.indices { files[kept.count + i].ranges[k].offset += written }
                sizes[k] = try CheckedIO.size(out, path: target)
                try CheckedIO.fsync(out, path: target)
            } catch {
                Foundation.close(out)
                throw error
            }
            try CheckedIO.close(out, path: target)
        }
        return (files, sizes)
    }

    /// Copies the kept files' records of output `k`, merged into as few copies as possible, to
    /// `out`, and moves their ranges in `files` to where they now are. Returns the bytes copied.
    private func copyKeptRanges(of k: OutputKind, kept: [FileEntry], to out: Int32, path target: String, files: inout [FileEntry]) throws -> Int {
        var written = 0
        guard kept.contains(where: { $0.ranges[k].length > 0 }) else {
            for i in kept.indices { files[i].ranges[k] = ByteRange(offset: 0, length: 0) }
            return 0
        }
        let current = Foundation.open(store.outputs[k], O_RDONLY | O_CLOEXEC)
        guard current >= 0 else { throw StateError(message: "the previous output \(MessageText.quoted(store.outputs[k])) is missing; run again with --force") }
        defer { Foundation.close(current) }
        var run: ByteRange?
        func flushRun() throws {
            guard let r = run, r.length > 0 else { return }
            try CheckedIO.copy(from: current, offset: r.offset, length: r.length, to: out, path: target)
        }
        for (i, entry) in kept.enumerated() {
            let r = entry.ranges[k]
            files[i].ranges[k] = ByteRange(offset: written, length: r.length)
            written += r.length
            if let current = run, current.offset + current.length == r.offset {
                run!.length += r.length
            } else {
                try flushRun()
                run = r
            }
        }
        try flushRun()
        return written
    }

    /// Undoes `buildNextOutputs` when the commit fails before its pending manifest is durable:
    /// renamed part files go back (the journal still counts on them), copies are removed (they
    /// may fill the disk). The next run resumes from the journal.
    private func dropNextOutputs(partsMoved: Bool) {
        for k in OutputKind.allCases where FileManager.default.fileExists(atPath: store.nextPath(k)) {
            if partsMoved { _ = Foundation.rename(store.nextPath(k), store.partPath(k)) } else { unlink(store.nextPath(k)) }
        }
    }
}
