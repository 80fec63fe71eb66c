internal import CShims

/// What Ctrl-C (SIGINT) or a plain `kill` (SIGTERM) prints before it ends a run. Outputs are
/// written so that a run may stop at any moment (as under `kill -9`), so the signal ends the
/// process at once, after the plugins' process groups; the user learns what to do next.
public enum InterruptNotice {
    static let message: StaticString = "\ntextmill: interrupted. The outputs are as the last finished run (or checkpoint) left them; run the same command again to finish the work.\n"
    /// A run to stdout keeps no state, so no later run finishes its work: said so. It told the
    /// user to "run the same command again to finish the work", which starts from the first
    /// document again.
    static let standardOutputMessage: StaticString = "\ntextmill: interrupted. A run to stdout keeps no state: the records it wrote before the signal are all it wrote, and running the same command again starts from the first document (to resume a long run, write to a file: --output FILE).\n"

    /// Installs the notice (once is enough; later calls change nothing); `toStandardOutput` when
    /// the run writes its records to stdout.
    public static func install(toStandardOutput: Bool = false) {
        let text = toStandardOutput ? standardOutputMessage : message
        tm_on_interrupt(UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self))
    }
}
