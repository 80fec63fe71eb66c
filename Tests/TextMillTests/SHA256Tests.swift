import Foundation
import Testing
@testable import TextMill

@Suite struct SHA256Tests {
    @Test(arguments: [true, false])
    func knownDigests(portable: Bool) {
        func hex(_ bytes: [UInt8]) -> String {
            var h = SHA256(portable: portable)
            h.update(bytes)
            return h.finalizeHex()
        }
        expectEqual(hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        expectEqual(hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        expectEqual(hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        expectEqual(hex([UInt8](repeating: 0x61, count: 1_000_000)), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func bothPathsAgreeOnTheSampleCorpusInAnyChunking() {
        for path in Repo.sampleTexts {
            let bytes = Repo.bytes(path)
            var fast = SHA256(), slow = SHA256(portable: true)
            var i = 0, step = 1
            while i < bytes.count {
                let piece = bytes[i..<min(bytes.count, i + step)]
                fast.update(piece)
                slow.update(piece)
                i += step
                step = step * 3 % 257 + 1
            }
            expectEqual(fast.finalizeHex(), slow.finalizeHex())
        }
    }
}
