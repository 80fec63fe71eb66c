import Foundation

/// The ids of an output's records, kept in the state folder (`ids.G.bin`), so an incremental
/// run's writer starts from the kept records' ids without reading the output (`KeptIDs`): 16
/// bytes an id, the two 64-bit hashes `IDSet` holds.
///
/// Layout: `TMIDS002`, then one block a commit: the number of ids and the generation of the
/// manifest the file goes with once the block is there (little-endian 64-bit numbers), the ids'
/// hash pairs (16 bytes each, in no order), and a SHA-256 of the block before it chained to the
/// one before (the magic for the first block), so the last block's checks the whole file.
///
/// A commit that takes no kept id out (nothing changed or deleted, the file was used) appends
/// the new ids as a block (`append`): it writes the new records' ids only, whatever the size of
/// the corpus. One that takes ids out, or found no usable file, writes it whole as one block
/// (`write`), and so does a commit after `maxBlocks` appends. Either is durable before the
/// pending manifest (`PartSink.commit`).
///
/// A file is used for the manifest of generation G when its chain of blocks checks up to a block
/// of generation G that ends with as many ids as the manifest's records; a block after it is a
/// commit killed before its manifest (ignored, cut off by the next append). A file that is
/// missing, cut, flipped, or of another generation or count is not used: the run reads the kept
/// records' ids from the output once, with a warning, and writes the file anew.
enum IDFile {
    static let magic: [UInt8] = Array("TMIDS002".utf8)
    /// The bytes of a block around its ids: count, generation, checksum.
    static let blockOverhead = 8 + 8 + 32
    /// The blocks a file holds at most: the commit after writes it whole (one block).
    static let maxBlocks = 64

    /// Where the blocks that go with a manifest end in a file, for an append.
    struct Tail: Sendable, Equatable {
        var path: String
        /// The bytes of the file that go with the manifest (the rest is a killed commit's).
        var length: Int
        /// The last of those blocks' checksum, which the next block's chains to.
        var checksum: [UInt8]
        var blocks: Int

        /// True when a block may go after these: a file of blocks, fewer than `maxBlocks`.
        var appendable: Bool { checksum.count == 32 && blocks < IDFile.maxBlocks }
    }

    /// What reading the file found.
    enum Found {
        case ids(IDSet, Tail)
        case missing
        /// Why it cannot be used ("its checksum does not match its bytes").
        case unusable(String)
    }

    /// Writes the ids of `sets` (no id in two) for the manifest of `generation`, as one block,
    /// through a temporary file, synced.
    static func write(_ sets: [IDSet], generation: Int, to path: String) throws {
        try DurableFile.write(to: path) { write in
            try write(magic)
            try writeBlock(sets, generation: generation, chainedTo: magic, write)
        }
    }

    /// Appends the ids of `ids` (none of them in the file) as a block for the manifest of
    /// `generation` to the file `tail` describes, cut first to the end of the blocks of the
    /// last manifest, synced, then renamed to `path`.
    static func append(_ ids: IDSet, generation: Int, to tail: Tail, path: String) throws {
        let fd = try CheckedIO.open(tail.path, O_WRONLY)
        do {
            try CheckedIO.ftruncate(fd, to: tail.length, path: tail.path)
            try CheckedIO.seek(fd, to: tail.length, path: tail.path)
            try writeBlock([ids], generation: generation, chainedTo: tail.checksum) { try CheckedIO.write(fd, $0, path: tail.path) }
            try CheckedIO.fsync(fd, path: tail.path)
        } catch {
            Foundation.close(fd)
            throw error
        }
        try CheckedIO.close(fd, path: tail.path)
        if tail.path != path {
            ReplacedFileMode.carry(from: path, toPath: tail.path)
            try CheckedIO.rename(tail.path, to: path)
        }
        try CheckedIO.syncDirectory(of: path)
    }

    private static func writeBlock(_ sets: [IDSet], generation: Int, chainedTo previous: [UInt8], _ write: ([UInt8]) throws -> Void) throws {
        var header: [UInt8] = []
        appendNumber(UInt64(sets.reduce(0) { $0 + $1.count }), to: &header)
        appendNumber(UInt64(generation), to: &header)
        var sha = SHA256()
        sha.update(previous)
        sha.update(header)
        try write(header)
        // A megabyte at a time: the file is 16 bytes a record of the output.
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20)
        var failure: Error?
        for ids in sets { ids.forEachPair { a, b in
            guard failure == nil else { return }
            appendNumber(a, to: &chunk)
            appendNumber(b, to: &chunk)
            if chunk.count >= 1 << 20 {
                sha.update(chunk)
                do { try write(chunk) } catch { failure = error }
                chunk.removeAll(keepingCapacity: true)
            }
        } }
        if let failure { throw failure }
        sha.update(chunk)
        try write(chunk)
        try write(sha.finalize())
    }

    /// Reads the file for the manifest of `generation` whose files hold `records` records in the
    /// main output. Reads at most the size those and `maxBlocks` blocks make, so a file planted
    /// there costs no more memory than the ids of that many records.
    static func read(_ path: String, generation: Int, records: Int) -> Found {
        // One block more than the most a file holds: a commit killed before its manifest.
        let limit = magic.count + (maxBlocks + 1) * blockOverhead + 16 * records
        // Never opened unless a regular file (a named pipe would block the run).
        if let kind = StateFolderEntries.kind(at: path) { return .unusable("it is \(kind), not a file TextMill wrote") }
        let stream: FileStream
        do {
            stream = try FileStream(path: path)
        } catch {
            if errno == ENOENT || !FileManager.default.fileExists(atPath: path) { return .missing }
            return .unusable("\(error)")
        }
        guard let size = stream.identity?.size else { return .unusable("it cannot be examined") }
        guard size <= limit else { return .unusable("it is \(size) bytes, more than the \(MessageText.counted(records, "record")) of the last run's manifest make (\(limit) at most)") }
        let bytes: [UInt8]
        do { bytes = try stream.readWhole(limit: limit + 1) } catch { return .unusable("\(error)") }
        guard bytes.count == size else { return .unusable("it changed while it was read") }
        let number = { (at: Int) -> UInt64 in
            bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        }
        if bytes.count >= magic.count, Array(bytes[0..<magic.count]) == firstMagic {
            return readFirstFormat(bytes, path: path, generation: generation, records: records, number: number)
        }
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else { return .unusable("it does not start as an id file") }
        var at = magic.count, total = 0, blocks = 0
        var previous = magic
        var last: (generation: UInt64, total: Int)?
        while at < bytes.count {
            guard bytes.count - at >= blockOverhead else { return .unusable("it ends inside a block (byte \(at)): it was cut") }
            let count = number(at), blockGeneration = number(at + 8)
            guard count <= UInt64((bytes.count - at - blockOverhead) / 16) else { return .unusable("its block at byte \(at) holds more ids than the file (it was cut)") }
            let end = at + 16 + 16 * Int(count) + 32
            var sha = SHA256()
            sha.update(previous)
            sha.update(bytes[at..<(end - 32)])
            let checksum = sha.finalize()
            guard checksum == Array(bytes[(end - 32)..<end]) else { return .unusable("its checksum does not match its bytes (block at byte \(at))") }
            total += Int(count)
            blocks += 1
            at = end
            previous = checksum
            last = (blockGeneration, total)
            if blockGeneration == UInt64(generation) && total == records { break }
            guard total <= records else { break }
        }
        guard let last else { return .unusable("it holds no block of ids") }
        guard last.generation == UInt64(generation) else {
            return .unusable("it goes with run \(last.generation), not with the last run's manifest (run \(generation))")
        }
        guard last.total == records else { return .unusable("it holds \(last.total) ids, not \(records)") }
        var ids = IDSet(capacity: records)
        var block = magic.count
        while block < at {
            let count = Int(number(block))
            var i = block + 16
            for _ in 0..<count {
                _ = ids.insert(pair: number(i), number(i + 8))
                i += 16
            }
            block = i + 32
        }
        return .ids(ids, Tail(path: path, length: at, checksum: previous, blocks: blocks))
    }

    /// The magic of the first format (session 28, before appends): magic, generation, count,
    /// ids, SHA-256 of every byte before. Still read, so an upgrade costs no warning; the
    /// commit after writes the file in the format of blocks.
    static let firstMagic: [UInt8] = Array("TMIDS001".utf8)

    private static func readFirstFormat(_ bytes: [UInt8], path: String, generation: Int, records: Int, number: (Int) -> UInt64) -> Found {
        let expected = 8 + 8 + 8 + 16 * records + 32
        guard bytes.count == expected else {
            return .unusable("it is \(bytes.count) bytes, where the \(MessageText.counted(records, "record")) of the last run's manifest make \(expected)")
        }
        var sha = SHA256()
        sha.update(bytes[..<(expected - 32)])
        guard sha.finalize() == Array(bytes[(expected - 32)...]) else { return .unusable("its checksum does not match its bytes") }
        guard number(8) == UInt64(generation) else {
            return .unusable("it goes with run \(number(8)), not with the last run's manifest (run \(generation))")
        }
        guard number(16) == UInt64(records) else { return .unusable("it holds \(number(16)) ids, not \(records)") }
        var ids = IDSet(capacity: records)
        var at = 24
        while at < expected - 32 {
            _ = ids.insert(pair: number(at), number(at + 8))
            at += 16
        }
        // No block to chain to (`Tail.appendable` false): the commit writes the file whole.
        return .ids(ids, Tail(path: path, length: expected, checksum: [], blocks: 0))
    }

    private static func appendNumber(_ n: UInt64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: n.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
