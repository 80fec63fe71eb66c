import Foundation

/// The process's standard output and error, written with checked `write` calls.
///
/// Foundation's `FileHandle.write(_:)` traps when the write fails, so a standard error on a full
/// disk (`2>run.log`, nohup's `nohup.out`) or a hung-up terminal killed the process with SIGILL
/// (exit status 132) at its first message: mid-run for the progress line. And `print` goes through
/// C's buffered stdout, whose failure nobody checked: `textmill stages --json > stages.json` on a
/// full disk left an empty file under exit status 0.
public enum StandardStreams {
    /// Writes all of `text` to the standard output (retrying short writes and EINTR); a failure
    /// throws a `WriteError` marked as the standard output's.
    public static func writeOutput(_ text: String) throws {
        do {
            try CheckedIO.write(STDOUT_FILENO, Array(text.utf8), path: WriteError.standardOutput)
        } catch var error as WriteError {
            error.toStandardOutput = true
            throw error
        }
    }

    /// Writes all of `text` to the standard error. A failure there is dropped: there is nowhere
    /// left to say it, and the run's outputs and exit status do not depend on its messages.
    public static func writeError(_ text: String) {
        _ = try? CheckedIO.write(STDERR_FILENO, Array(text.utf8), path: "stderr")
    }
}
