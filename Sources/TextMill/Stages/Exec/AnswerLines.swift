import Foundation

/// A plugin's output cut into answer lines, holding at most `limit` bytes of any one answer.
///
/// Bytes go in as they are read; an answer is a line without its "\n". An answer longer than
/// `limit` is not kept: once the buffer passes the limit without a newline, its bytes and the
/// rest of that line are only counted and dropped, and the line comes out as `.tooLarge` when
/// its newline arrives, so the next answer starts in step. The buffer therefore never holds more
/// than `limit` plus one chunk.
struct AnswerLines {
    /// One line of the plugin's output.
    enum Line: Equatable {
        case answer([UInt8])
        /// An answer longer than the limit, dropped; `bytes` counts it with its newline.
        case tooLarge(bytes: Int)
    }

    private enum State {
        /// Collecting bytes; none of `buffer[..<searched]` is a newline.
        case collecting(searched: Int)
        /// `buffer[..<end]` is a whole answer (its newline at `end`).
        case answerEnds(at: Int)
        /// Dropping an answer over the limit; `dropped` bytes of it went so far.
        case dropping(dropped: Int)
        /// An answer over the limit ended: `bytes` were dropped, newline included.
        case droppedLine(bytes: Int)
    }

    let limit: Int
    private var buffer: [UInt8] = []
    private var state = State.collecting(searched: 0)
    /// The most bytes the buffer ever held (tests check the bound).
    private(set) var peakBuffered = 0

    init(limit: Int) { self.limit = limit }

    /// True when a whole line waits in `takeLine` (more input would only be the next answer).
    var hasLine: Bool {
        switch state {
        case .answerEnds, .droppedLine: return true
        case .collecting, .dropping: return false
        }
    }

    /// Bytes of an over-long answer dropped so far, while its end has not come yet (else 0).
    var droppingBytes: Int {
        if case .dropping(let n) = state { return n }
        return 0
    }

    /// Adds bytes read from the plugin. Call only while `hasLine` is false.
    mutating func append(_ bytes: ArraySlice<UInt8>) {
        if case .dropping(let dropped) = state {
            if let newline = AnswerLines.firstNewline(bytes) {
                buffer = Array(bytes[(newline + 1)...])
                state = .droppedLine(bytes: dropped + (newline + 1 - bytes.startIndex))
            } else {
                state = .dropping(dropped: dropped + bytes.count)
            }
        } else {
            buffer.append(contentsOf: bytes)
            peakBuffered = max(peakBuffered, buffer.count)
            scan()
        }
    }

    /// The next whole line, if one has come; the bytes after it stay for the next call.
    mutating func takeLine() -> Line? {
        switch state {
        case .answerEnds(let end):
            let answer = Array(buffer[..<end])
            buffer.removeFirst(end + 1)
            state = .collecting(searched: 0)
            scan()
            return .answer(answer)
        case .droppedLine(let bytes):
            state = .collecting(searched: 0)
            scan()
            return .tooLarge(bytes: bytes)
        case .collecting, .dropping:
            return nil
        }
    }

    /// The index of the first "\n" in `bytes` (memchr: answers run to hundreds of MB).
    static func firstNewline(_ bytes: ArraySlice<UInt8>) -> Int? {
        let offset = bytes.withUnsafeBufferPointer { (raw: UnsafeBufferPointer<UInt8>) -> Int? in
            guard let base = raw.baseAddress, let hit = memchr(UnsafeRawPointer(base), 0x0A, raw.count) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
        }
        return offset.map { bytes.startIndex + $0 }
    }

    /// Looks for the end of the answer in the bytes not searched yet, and starts dropping when
    /// the answer is over the limit.
    private mutating func scan() {
        guard case .collecting(let searched) = state else { return }
        if let newline = AnswerLines.firstNewline(buffer[searched...]) {
            if newline <= limit {
                state = .answerEnds(at: newline)
            } else {
                buffer.removeFirst(newline + 1)
                state = .droppedLine(bytes: newline + 1)
            }
        } else if buffer.count > limit {
            state = .dropping(dropped: buffer.count)
            buffer = []
        } else {
            state = .collecting(searched: buffer.count)
        }
    }
}
