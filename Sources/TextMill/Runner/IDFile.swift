import Foundation

/// The ids of an output's records, kept in the state folder (`ids.bin`), so an incremental
/// run's writer starts from the kept records' ids without reading the output (`KeptIDs`): 16
/// bytes an id, the two 64-bit hashes `IDSet` holds.
///
/// Layout: `TMIDS001`, then the generation of the manifest it goes with and the number of ids
/// (little-endian 64-bit numbers), the ids' hash pairs (16 bytes each, in no order), and the
/// SHA-256 of every byte before. The commit writes it, durably, before the pending manifest
/// (`PartSink.commit`): a kill between the two leaves a file of the next generation, which the
/// next run takes for stale. A file that is missing, of another generation, of another number
/// of ids than the manifest's records, or whose checksum fails is not used: the run reads the
/// kept records' ids from the output once, with a warning, and writes the file anew.
enum IDFile {
    static let magic: [UInt8] = Array("TMIDS001".utf8)
    /// The bytes of the file around the ids: magic, generation, count, checksum.
    static let overhead = 8 + 8 + 8 + 32

    /// What reading the file found.
    enum Found {
        case ids(IDSet)
        case missing
        /// Why it cannot be used ("its checksum does not match its bytes").
        case unusable(String)
    }

    /// Writes the ids of `sets` (no id in two) for the manifest of `generation`, through a
    /// temporary file, synced.
    static func write(_ sets: [IDSet], generation: Int, to path: String) throws {
        var header = magic
        appendNumber(UInt64(generation), to: &header)
        appendNumber(UInt64(sets.reduce(0) { $0 + $1.count }), to: &header)
        var sha = SHA256()
        sha.update(header)
        try DurableFile.write(to: path) { write in
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
    }

    /// Reads the file for the manifest of `generation` whose files hold `records` records in the
    /// main output. Reads at most the size those say, so a file planted there costs no more
    /// memory than the ids of that many records.
    static func read(_ path: String, generation: Int, records: Int) -> Found {
        let expected = overhead + 16 * records
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
        guard size == expected else {
            return .unusable("it is \(size) bytes, where the \(MessageText.counted(records, "record")) of the last run's manifest make \(expected)")
        }
        let bytes: [UInt8]
        do { bytes = try stream.readWhole(limit: expected + 1) } catch { return .unusable("\(error)") }
        guard bytes.count == expected else { return .unusable("it changed while it was read") }
        var sha = SHA256()
        sha.update(bytes[..<(expected - 32)])
        guard sha.finalize() == Array(bytes[(expected - 32)...]) else { return .unusable("its checksum does not match its bytes") }
        guard Array(bytes[0..<8]) == magic else { return .unusable("it does not start as an id file") }
        let number = { (at: Int) -> UInt64 in
            bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        }
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
        return .ids(ids)
    }

    private static func appendNumber(_ n: UInt64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: n.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
