import Foundation

/// A test seam: named moments of reading one input file at which a test changes that file, as a
/// crawler, a sync tool or a log rotation does while a run reads it (`InputChangeTests`). Armed
/// for one path at a time by a test running in this process; unarmed, reaching a moment costs a
/// lock and a test of an empty table.
public final class ReadSeam: @unchecked Sendable {
    /// Where in the reading of a file an action runs.
    public enum Moment: Sendable, Hashable {
        /// The file is open and `fstat` has given its identity; none of its bytes is read yet.
        case opened
        /// Opening the file failed; its identity is not taken yet.
        case openFailed
    }

    /// The one seam every reader reaches.
    public static let shared = ReadSeam()

    private let lock = NSLock()
    private var actions: [String: [Moment: @Sendable () -> Void]] = [:]

    /// Runs `action` once, the next time the file at `path` (as the run names it) reaches `moment`.
    public func arm(_ path: String, at moment: Moment, _ action: @escaping @Sendable () -> Void) {
        lock.lock()
        actions[path, default: [:]][moment] = action
        lock.unlock()
    }

    /// Runs and disarms the action armed for `path` at `moment`, if any. Unarmed (a run outside
    /// the tests), the table is empty and the path is not hashed: two look-ups of it in the empty
    /// table cost about 1,700 instructions a file.
    func reach(_ moment: Moment, _ path: String) {
        lock.lock()
        if actions.isEmpty {
            lock.unlock()
            return
        }
        let action = actions[path]?.removeValue(forKey: moment)
        if actions[path]?.isEmpty == true { actions[path] = nil }
        lock.unlock()
        action?()
    }
}
