/// An error that stops a run before it reads a document (exit 2, or 3 for a file it could not
/// write), carrying the warnings the run had found by then. Such a warning often explains the
/// refusal: an input glob that matched no file ("no file matches 'in/*.txt'") is why "the inputs
/// hold no file, where the last run's … made the records": the refusal alone hid it.
public protocol RefusalWarnings: Error {
    /// What the run had found before it was refused, in the order found.
    var warnings: [String] { get set }
}

extension RefusalWarnings {
    /// The refusal with `earlier` put before its own warnings.
    func warned(_ earlier: [String]) -> Self {
        var copy = self
        copy.warnings = earlier + warnings
        return copy
    }
}

/// Runs `body`; a refusal it throws carries `warnings()` (what the run found before it), any
/// other error goes on as it is.
func refusing<T>(warnings: () -> [String], _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let refusal as any RefusalWarnings {
        throw refusal.warned(warnings()) as any Error
    }
}

extension InputError: RefusalWarnings {}
extension StateError: RefusalWarnings {}
extension WriteError: RefusalWarnings {}
extension ConfigError: RefusalWarnings {}
