import Foundation

/// Descriptors 0, 1 and 2 that TextMill was started without (`textmill run … <&- >&- 2>&-`, a
/// daemon that closed them) are opened on `/dev/null` before anything else is opened. Left
/// closed, the first files the run opened took their numbers: the part of the errors file became
/// descriptor 2, so `--progress` and every message went into `NAME.errors.jsonl`, and the output's
/// part became descriptor 1.
enum StandardDescriptors {
    /// Opens `/dev/null` on each of 0, 1 and 2 that is closed. A descriptor that cannot be
    /// filled (no `/dev/null`, no descriptor left) ends the process with status 2 before
    /// anything is read or written, with a message when descriptor 2 is open.
    static func openClosedOnes() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            // open returns the lowest free descriptor: this one, as the lower ones are open.
            let opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            guard opened == fd else {
                let code = opened < 0 ? errno : EBADF
                if opened >= 0 { close(opened) }
                let message = "textmill: error: descriptor \(fd) was closed and '/dev/null' could not be opened on it (\(String(cString: strerror(code)))): start textmill with its standard input, output and error open\n"
                _ = message.withCString { write(2, $0, strlen($0)) }
                exit(2)
            }
        }
    }
}
