internal import CShims

/// What Ctrl-C (SIGINT) or a plain `kill` (SIGTERM) prints before it ends a run. Outputs are
/// written so that a run may stop at any moment (as under `kill -9`), so the signal ends the
/// process at once, after the plugins' process groups; the user learns what to do next.
public enum InterruptNotice {
    static let message: StaticString = "\ntextmill: interrupted. The outputs are as the last finished run (or checkpoint) left them; run the same command again to finish the work.\n"

    /// Installs the notice (once is enough; later calls change nothing).
    public static func install() {
        tm_on_interrupt(UnsafeRawPointer(message.utf8Start).assumingMemoryBound(to: CChar.self))
    }
}
