import Foundation
import Testing
@testable import TextMill

/// Replays each fuzz target's committed seeds (`Fixtures/fuzz/TARGET/`) once through the same
/// `FuzzTarget.run` the libFuzzer harness of `bench/fuzz/` calls, without a sanitizer, so the
/// harnesses keep compiling and working. Findings the fuzzer made become seed files there and,
/// when fixed, a named test below.
@Suite struct FuzzSeedTests {
    static let folder = Repo.path("Tests/TextMillTests/Fixtures/fuzz")

    /// The seed files of one target, sorted by name.
    static func seeds(_ target: FuzzTarget) throws -> [String] {
        let dir = folder + "/" + target.rawValue
        return try FileManager.default.contentsOfDirectory(atPath: dir).sorted().map { dir + "/" + $0 }
    }

    @Test(arguments: FuzzTarget.allCases)
    func replaysTheSeeds(_ target: FuzzTarget) throws {
        let paths = try Self.seeds(target)
        #expect(paths.count >= 2, "each target has committed seeds")
        for path in paths {
            let bytes = Repo.bytes(String(path.dropFirst(Repo.root.count + 1)))
            #expect(!bytes.isEmpty && bytes.count <= FuzzTarget.maxInputBytes, "\(path)")
            target.run(bytes)
        }
    }

    /// The piecewise stream hands out every byte once, in its uneven pieces.
    @Test func thePiecewiseStreamHandsOutEveryByte() throws {
        let bytes = Array((0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        var stream = PiecewiseStream(bytes)
        var out: [UInt8] = []
        var sizes: [Int] = []
        var buffer = [UInt8](repeating: 0, count: 100)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            if n == 0 { break }
            sizes.append(n)
            out += buffer[0..<n]
        }
        expectEqual(out, bytes)
        expectEqual(sizes.prefix(5), [1, 7, 61, 100, 1])
    }
}
