import Foundation

/// The live progress line on stderr: files, documents (with duplicates and failures so far), MB,
/// MB/s and time left, redrawn four times a second in one line that fits the terminal.
///
/// Time left comes from what the writer has finished (the reader runs ahead of it by up to the
/// in-flight budget, so read bytes would make the estimate jump), smoothed: the rate is an
/// exponential moving average over the last ten seconds or so, and the estimate is shown in
/// steps of 5 s past a minute. When the run ends the line is drawn once more, complete, and kept.
///
/// A try given up for damaged state (`StateFoundDamaged`) ends its line with "given up after
/// N s" (not "done in"), and the run made again writes one line saying it started again and why
/// before its own line starts from zero: the count went back to 0 files without a word.
final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let totalBytes: Int
    private let totalFiles: Int
    private var files = 0
    private var documents = 0
    private var duplicates = 0
    private var failures = 0
    private var bytes = 0
    /// Bytes of the files the writer has finished.
    private var doneBytes = 0
    private var stopped = false
    private let start = Stopwatch()
    private let enabled: Bool
    private var thread: JoinableThread?
    /// Smoothed rate of finished bytes per second, and when it was last updated.
    private var rate: Double?
    private var lastSample = (time: 0.0, done: 0)

    /// `startedAgain`: why the run was made again (a run made again from an empty state), said
    /// once on a line of its own before the progress line starts.
    init(totalFiles: Int, totalBytes: Int, enabled: Bool, startedAgain: String? = nil) {
        self.totalFiles = totalFiles
        self.totalBytes = totalBytes
        self.enabled = enabled
        guard enabled else { return }
        if let startedAgain { StandardStreams.writeError(Progress.startedAgainLine(startedAgain)) }
        // No thread to be had (a pids.max limit): no progress line, the run goes on.
        thread = JoinableThread.start("textmill-progress") { [self] in
            while !isStopped {
                usleep(250_000)
                draw()
            }
        }
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    func read(bytes n: Int) {
        lock.lock()
        bytes += n
        lock.unlock()
    }

    var bytesRead: Int {
        lock.lock()
        defer { lock.unlock() }
        return bytes
    }

    /// The writer finished a file of `size` bytes.
    func fileDone(size: Int = 0) {
        lock.lock()
        files += 1
        doneBytes += max(0, size)
        lock.unlock()
    }

    /// The writer wrote one record to the output (`.output`), the duplicates or the errors file.
    func documentDone(_ kind: OutputKind = .output) {
        lock.lock()
        documents += 1
        if kind == .duplicates { duplicates += 1 }
        if kind == .errors { failures += 1 }
        lock.unlock()
    }

    /// Takes a rate sample and returns the seconds left (nil while unknown).
    private func secondsLeft(now: Double, done: Int) -> Double? {
        let dt = now - lastSample.time
        if dt >= 0.5 {
            let sample = Double(done - lastSample.done) / dt
            // The first seconds use the overall average; then each half-second sample moves the
            // estimate by a tenth of the difference.
            rate = now < 3 || rate == nil ? Double(done) / max(now, 0.001) : rate! * 0.9 + sample * 0.1
            lastSample = (now, done)
        }
        guard let rate, rate > 0, totalBytes > done, done > 0 else { return nil }
        let left = Double(totalBytes - done) / rate
        // No finished file for a long while drives the rate towards 0: past 100 hours, unknown.
        return left.isFinite && left < 360_000 ? left : nil
    }

    /// The line that says the run started again, and why (`reason`, the run's own words:
    /// "the saved stage state … turned out damaged during the run (…): reprocessing every file").
    static func startedAgainLine(_ reason: String) -> String {
        "textmill: the run started again from an empty state, from the first file: \(reason)\n"
    }

    /// The line as it is drawn (at most `width` characters; 0: no limit). `givenUp`: the final
    /// line of a try given up for damaged state.
    func line(width: Int = 0, final: Bool = false, givenUp: Bool = false) -> String {
        lock.lock()
        let (f, d, dup, failed, b, done) = (files, documents, duplicates, failures, bytes, doneBytes)
        let now = start.seconds
        let left = final ? nil : secondsLeft(now: now, done: done)
        lock.unlock()
        let mbps = Double(b) / 1e6 / max(now, 0.001)
        var text = String(format: "textmill: %d/%d files, %d docs", f, totalFiles, d)
        if dup > 0 { text += ", \(dup) dup" }
        if failed > 0 { text += ", \(failed) failed" }
        text += String(format: ", %.1f/%.1f MB, %.1f MB/s", Double(b) / 1e6, Double(totalBytes) / 1e6, mbps)
        if final {
            text += String(format: givenUp ? ", given up after %.1f s" : ", done in %.1f s", now)
        } else if let left {
            text += left >= 60 ? String(format: ", %dm%02ds left", Int(left) / 60, (Int(left) % 60) / 5 * 5) : String(format: ", %ds left", Int(left.rounded(.up)))
        }
        if width > 1 && text.count > width - 1 { text = String(text.prefix(width - 1)) }
        return text
    }

    /// The terminal's width in columns (0 when stderr is not a terminal).
    static var terminalWidth: Int {
        var size = winsize()
        guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0 else { return 0 }
        return Int(size.ws_col)
    }

    private func draw(final: Bool = false, givenUp: Bool = false) {
        let text = "\r\u{1B}[K" + line(width: Progress.terminalWidth, final: final, givenUp: givenUp) + (final ? "\n" : "")
        StandardStreams.writeError(text)
    }

    /// Stops the line and draws it complete; `givenUp` for a try given up for damaged state.
    func stop(givenUp: Bool = false) {
        lock.lock()
        stopped = true
        lock.unlock()
        thread?.join()
        if enabled { draw(final: true, givenUp: givenUp) }
    }
}
