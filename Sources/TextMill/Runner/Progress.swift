import Foundation

/// The live progress line on stderr: files, documents, MB, MB/s and time left.
final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let totalBytes: Int
    private let totalFiles: Int
    private var files = 0
    private var documents = 0
    private var bytes = 0
    private var stopped = false
    private let start = Date()
    private let enabled: Bool
    private var thread: Joinable?

    init(totalFiles: Int, totalBytes: Int, enabled: Bool) {
        self.totalFiles = totalFiles
        self.totalBytes = totalBytes
        self.enabled = enabled
        guard enabled else { return }
        thread = spawn("textmill-progress") { [self] in
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

    func fileDone() {
        lock.lock()
        files += 1
        lock.unlock()
    }

    func documentDone() {
        lock.lock()
        documents += 1
        lock.unlock()
    }

    /// The line as it is drawn.
    var line: String {
        lock.lock()
        let (f, d, b) = (files, documents, bytes)
        lock.unlock()
        let seconds = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(b) / 1e6 / seconds
        var eta = ""
        if b > 0 && totalBytes > b {
            let left = Double(totalBytes - b) / (Double(b) / seconds)
            eta = left >= 60 ? String(format: ", %dm%02ds left", Int(left) / 60, Int(left) % 60) : String(format: ", %ds left", Int(left.rounded(.up)))
        }
        return String(format: "textmill: %d/%d files, %d documents, %.1f/%.1f MB, %.1f MB/s%@",
                      f, totalFiles, d, Double(b) / 1e6, Double(totalBytes) / 1e6, rate, eta)
    }

    private func draw() {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        thread?.join()
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
