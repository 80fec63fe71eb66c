import Foundation
import Testing
@testable import TextMill

/// What a glob picks from a folder: the same as a walk of that folder.
@Suite struct InputResolverGlobTests {
    /// `-i 'feeds/*'` over a folder holding a named pipe: the glob's match was read as a file
    /// named directly, and the run blocked forever on the pipe no one writes to. A walk of the
    /// folder skipped it with a warning, as the README promises for things inside folders.
    @Test func aGlobSkipsANamedPipeAsAWalkDoes() throws {
        let dir = TemporaryDirectory()
        dir.write("feeds/a.txt", "The lifeboat crew was called out twice on Saturday.\n")
        expectEqual(mkfifo(dir.file("feeds/b.txt"), 0o644), 0)
        for input in [dir.file("feeds/*"), dir.file("feeds/*.txt"), dir.file("feeds")] {
            var resolver = InputResolver()
            let files = try resolver.resolve([input])
            expectEqual(files.map(\.path), [dir.file("feeds/a.txt")], "\(input)")
            expectEqual(resolver.warnings, ["skipped '\(dir.file("feeds/b.txt"))': not a regular file (a named pipe, socket or device)"], "\(input)")
        }
        // Named directly, a pipe is still read: `--input <(zcat dump.gz)` is one.
        var resolver = InputResolver()
        expectEqual(try resolver.resolve([dir.file("feeds/b.txt")]).map(\.path), [dir.file("feeds/b.txt")])
    }
}
