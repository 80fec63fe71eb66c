import Foundation

/// Who holds the lock of a state folder that a run (or `--dry-run`) found taken, for the message
/// that refuses it. The lock file holds the pid of the last textmill run that took the lock,
/// but another program may hold the lock (`flock out/.corpus.textmill/lock …`, a backup tool):
/// the refusal named the last run's pid as "another textmill run (pid N)", a process long gone
/// (session 36). The holder is read from the system's table of locks (`/proc/locks`).
struct LockHolder: Equatable {
    /// The holder's process id; nil when the system did not say (no `/proc/locks`, or a holder
    /// in another pid namespace).
    var pid: pid_t?
    /// Its program's name (`/proc/PID/comm`), when known.
    var program: String?
    /// The pid the lock file holds, as written there (nil: the file is empty or unreadable).
    var written: String?

    /// The name textmill runs under (`/proc/PID/comm`).
    static let textmill = "textmill"

    /// The holder of the `flock` lock on the file open at `fd` (the lock file at `path`).
    static func of(lockFile path: String, fd: Int32) -> LockHolder {
        var holder = LockHolder()
        if case .bytes(let bytes) = SmallFile.read(path, limit: 64) {
            let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { holder.written = text }
        }
        var st = stat()
        if fstat(fd, &st) == 0, let table = SmallFile.prefix("/proc/locks", count: 1 << 20) {
            holder.pid = pid(locking: st, in: String(decoding: table, as: UTF8.self))
        }
        if let pid = holder.pid { holder.program = program(pid) }
        // The system did not say: the pid the file holds, when it is a running textmill.
        if holder.pid == nil, let written = holder.written, let pid = pid_t(written), pid > 0, program(pid) == Self.textmill {
            holder.pid = pid
            holder.program = Self.textmill
        }
        return holder
    }

    /// The pid holding a FLOCK lock on the file `st` in `table`, the text of `/proc/locks`
    /// (`1: FLOCK  ADVISORY  WRITE 4242 fe:00:1918022 0 EOF`: device major and minor in hex,
    /// inode in decimal); nil when none is listed, or its pid is not one of this namespace (0).
    /// Lines of waiters (`1: -> FLOCK …`) are passed over.
    static func pid(locking st: stat, in table: String) -> pid_t? {
        let dev = UInt64(st.st_dev)
        let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff))
        let minor = (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))
        let file = String(format: "%02llx:%02llx:%llu", major, minor, UInt64(st.st_ino))
        for line in table.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 6, words[1] == "FLOCK", words[5] == file, let pid = pid_t(words[4]), pid > 0 else { continue }
            return pid
        }
        return nil
    }

    /// A textmill run: a program named textmill, or the process whose pid the lock file holds
    /// (a run writes its own there once it has the lock; a program that runs TextMill as a
    /// library is a textmill run too).
    var isTextmill: Bool {
        guard let pid else { return false }
        return program == Self.textmill || written == String(pid)
    }

    /// The name of the program running as `pid` (`/proc/PID/comm`), or nil.
    static func program(_ pid: pid_t) -> String? {
        guard case .bytes(let name) = SmallFile.read("/proc/\(pid)/comm", limit: 64) else { return nil }
        return String(decoding: name, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The message that refuses a run on `output` (or its dry run: `dryRun`) whose state folder's
    /// lock, the file `lockFile`, this holder holds: a textmill run by its pid, as before; another
    /// program by its name and pid, saying that the pid the lock file names is the last run's;
    /// a holder the system does not name as such.
    /// `shared`: the lock was held shared only, as a dry run holds it while it looks at it, for
    /// longer than a run waits (`StateStore.sharedLockWait`).
    func refusal(output: String, lockFile: String, dryRun: Bool = false, shared: Bool = false) -> String {
        let out = MessageText.quoted(output)
        let holder: String
        if let pid, isTextmill, shared {
            holder = "a dry run of textmill (pid \(pid)) is reading the state of \(out), and held its lock longer than \(Int(StateStore.sharedLockWait)) s"
        } else if let pid, isTextmill {
            holder = "another textmill run (pid \(pid)) is writing \(out)"
        } else {
            let lastRun = written.map { "the lock file names pid \(MessageText.escaped($0)), the last textmill run's" }
            if let pid {
                let name = program.map { "\(MessageText.quoted($0)), " } ?? ""
                holder = "another program (\(name)pid \(pid)), not a textmill run, holds the lock of \(out) (\(MessageText.quoted(lockFile))"
                    + (lastRun.map { "; \($0)" } ?? "") + ")"
            } else {
                holder = "another process holds the lock of \(out) (\(MessageText.quoted(lockFile))), and the system does not say which"
                    + (lastRun.map { " (\($0), which is no running textmill)" } ?? "")
            }
        }
        let plan = dryRun ? ", so a dry run cannot say what the next run would do (the state it reads may be rewritten meanwhile)" : ""
        let wait = isTextmill ? "wait for it to finish" : "wait for it to let go of the lock (or end it)"
        return holder + plan + "; \(wait), or write elsewhere with --output"
    }
}
