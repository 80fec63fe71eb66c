/// The quotes lexicon's short ASCII words, for the tokenizer's hot path: every key of a
/// `QuoteWordTable` of at most eight bytes, all ASCII, packed into one integer (byte `k` in bits
/// `8k…8k+7`, as `QuoteWordTable.foldedASCII` reads a word), in an open-addressing table a
/// quarter full at most. A word read from the text is found with one multiply and usually one
/// probe, where the table hashes it, finishes the hash and checks a tag and a length.
///
/// Keys of nine to sixteen ASCII bytes are kept the same way as two integers (the first eight
/// bytes, then the rest), for the tokenizer's plain words of that length, whose two halves are
/// in registers already.
///
/// It answers exactly what `QuoteWordTable.lookup` answers for such a word: no key byte is zero
/// and an ASCII word's packed form is its key's, so two words share a packed form only when
/// they are the same key. Longer words and words with a non-ASCII byte go to the table.
struct QuoteWordIndex: Sendable {
    /// A word's lexicon id (-1 when it is not in the lexicon) and its flags (`QuotesLexicon.flags`),
    /// kept side by side so the tokenizer reads both from one slot.
    struct Entry {
        var id: Int32 = -1
        var flags: WordFlags = []
    }

    fileprivate struct Slot {
        /// The packed key; 0 for an empty slot.
        var key: UInt64 = 0
        var entry = Entry()
    }

    private struct LongSlot {
        /// The first eight bytes, packed; 0 for an empty slot.
        var key: UInt64 = 0
        /// The other one to eight bytes, packed.
        var rest: UInt64 = 0
        var entry = Entry()
    }

    /// The short keys' slots, in memory of their own so that a loop can read them through a
    /// pointer it holds (`shortKeys`).
    private let slots: SlotStore
    private let longSlots: [LongSlot]

    /// The most bytes a word the index answers for through `lookup(packed:)` can have.
    static let maximumLength = 8
    /// The most bytes a word the index answers for through `lookup(packed:rest:)` can have.
    static let maximumLongLength = 16

    /// The short ASCII keys of `table` with their ids and, by id, their `flags`.
    init(_ table: QuoteWordTable, flags: [WordFlags] = []) {
        func entry(_ id: Int32) -> Entry { Entry(id: id, flags: Int(id) < flags.count ? flags[Int(id)] : []) }
        var keys: [(key: UInt64, id: Int32)] = []
        var longKeys: [(key: UInt64, rest: UInt64, id: Int32)] = []
        for id in 0..<table.count {
            let key = table.key(Int32(id))
            guard key.count <= Self.maximumLongLength, key.allSatisfy({ $0 < 0x80 && $0 != 0 }) else { continue }
            if key.count <= Self.maximumLength {
                keys.append((PackedWord.pack(key), Int32(id)))
            } else {
                longKeys.append((PackedWord.pack(Array(key.prefix(8))), PackedWord.pack(Array(key.dropFirst(8))), Int32(id)))
            }
        }
        var size = 16
        while size < keys.count * 4 { size *= 2 }
        var slots = [Slot](repeating: Slot(), count: size)
        for (key, id) in keys {
            var s = PackedWord.slot(key, mask: size - 1)
            while slots[s].key != 0 { s = (s + 1) & (size - 1) }
            slots[s] = Slot(key: key, entry: entry(id))
        }
        self.slots = SlotStore(slots)
        var longSize = 16
        while longSize < longKeys.count * 4 { longSize *= 2 }
        var longSlots = [LongSlot](repeating: LongSlot(), count: longSize)
        for (key, rest, id) in longKeys {
            var s = Self.longSlot(key, rest, mask: longSize - 1)
            while longSlots[s].key != 0 { s = (s + 1) & (longSize - 1) }
            longSlots[s] = LongSlot(key: key, rest: rest, entry: entry(id))
        }
        self.longSlots = longSlots
    }

    /// The first slot of a long key in a table of `mask + 1` slots.
    @inline(__always) private static func longSlot(_ key: UInt64, _ rest: UInt64, mask: Int) -> Int {
        PackedWord.slot(key ^ (rest &* 0xC2B2_AE3D_27D4_EB4F), mask: mask)
    }

    /// The id of the ASCII word `b[start..<end]` (one to eight bytes, any case), or -1.
    @inline(__always)
    func lookup(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        lookup(packed: QuoteWordTable.foldedASCII(b, start, end - start))
    }

    /// The id of the word of nine to sixteen ASCII bytes whose first eight lower-case bytes
    /// `packed` holds and `rest` the others (see `PackedWord.pack`), or -1.
    @inline(__always)
    func lookup(packed key: UInt64, rest: UInt64) -> Int32 {
        entry(packed: key, rest: rest).id
    }

    /// The id and flags of the word of nine to sixteen ASCII bytes (as `lookup(packed:rest:)`).
    @inline(__always)
    func entry(packed key: UInt64, rest: UInt64) -> Entry {
        longSlots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var s = Self.longSlot(key, rest, mask: mask)
            while true {
                let slot = slots[s]
                if slot.key == key && slot.rest == rest { return slot.entry }
                if slot.key == 0 { return Entry() }
                s = (s + 1) & mask
            }
        }
    }

    /// Slots in memory allocated once and freed with the last copy of the index: never written
    /// after `init`, so that they can be read through a pointer from any thread.
    private final class SlotStore: @unchecked Sendable {
        let slots: UnsafeMutableBufferPointer<Slot>

        init(_ slots: [Slot]) {
            self.slots = .allocate(capacity: slots.count)
            _ = self.slots.initialize(from: slots)
        }

        deinit { slots.deallocate() }
    }

    /// The short keys' slots read in place, for a loop that looks many words up (the
    /// tokenizer's run of plain words): no array to reach through the lexicon at each word.
    /// Valid while the index it came from is (the tokenizer holds its lexicon).
    struct ShortKeys {
        fileprivate let slots: UnsafePointer<Slot>
        private let mask: Int

        fileprivate init(_ slots: UnsafeMutableBufferPointer<Slot>) {
            self.slots = UnsafePointer(slots.baseAddress!)
            self.mask = slots.count - 1
        }

        /// The id and flags of the word whose lower-case bytes `packed` holds (as
        /// `QuoteWordIndex.entry(packed:)`).
        @inline(__always)
        func entry(packed key: UInt64) -> Entry {
            var s = PackedWord.slot(key, mask: mask)
            while true {
                let slot = slots[s]
                if slot.key == key { return slot.entry }
                if slot.key == 0 { return Entry() }
                s = (s + 1) & mask
            }
        }
    }

    /// The short keys' slots, to read in a loop (valid while this index is).
    var shortKeys: ShortKeys {
        @inline(__always) get { ShortKeys(slots.slots) }
    }

    /// The id of the word whose lower-case bytes `packed` holds (see `PackedWord.pack`), or -1.
    @inline(__always)
    func lookup(packed key: UInt64) -> Int32 {
        entry(packed: key).id
    }

    /// The id and flags of the word whose lower-case bytes `packed` holds (as `lookup(packed:)`).
    @inline(__always)
    func entry(packed key: UInt64) -> Entry {
        shortKeys.entry(packed: key)
    }
}
