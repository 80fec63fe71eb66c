/// Scores `class`/`id` values against the hint lexicon in one pass over their bytes
/// (an Aho-Corasick automaton over lower-case letters and digits), so the cost per element does
/// not grow with the number of hints.
struct ClassHints: Sendable {
    struct Entry: Sendable {
        var word: String
        var weight: Int
        var wholeToken: Bool
    }

    let entries: [Entry]
    /// Dense transitions: `state * alphabet + symbol`.
    private let next: [Int32]
    /// For each state, the entries that end there (following failure links).
    private let outputs: [[Int32]]
    private static let alphabet = 37

    /// Parses lexicon text (`WORD WEIGHT` a line, `#` comments). Throws on a malformed line.
    static func parse(_ text: String, origin: String) throws -> [Entry] {
        var out: [Entry] = []
        for entry in LexiconText.entries(text) {
            let parts = entry.fields
            let n = entry.line - 1
            guard parts.count == 2, let weight = Int(parts[1]) else {
                throw StageSetupError("\(origin), line \(n + 1): expected 'WORD WEIGHT' (e.g. 'sidebar -50'), got \(MessageText.quoted(entry.text))")
            }
            var word = parts[0].lowercased()
            let whole = word.hasPrefix("=")
            if whole { word.removeFirst() }
            guard !word.isEmpty else { throw StageSetupError("\(origin), line \(n + 1): empty word") }
            out.append(Entry(word: word, weight: weight, wholeToken: whole))
        }
        return out
    }

    @inline(__always)
    private static func symbol(_ c: UInt8) -> Int {
        let l = c | 0x20
        if l >= 0x61 && l <= 0x7A { return Int(l - 0x61) }
        if c >= 0x30 && c <= 0x39 { return 26 + Int(c - 0x30) }
        return 36
    }

    init(_ entries: [Entry]) {
        self.entries = entries
        let a = Self.alphabet
        var goto: [[Int32]] = [[Int32](repeating: -1, count: a)]
        var out: [[Int32]] = [[]]
        for (index, e) in entries.enumerated() {
            var s = 0
            for c in e.word.utf8 {
                let sym = Self.symbol(c)
                if goto[s][sym] < 0 {
                    goto.append([Int32](repeating: -1, count: a))
                    out.append([])
                    goto[s][sym] = Int32(goto.count - 1)
                }
                s = Int(goto[s][sym])
            }
            out[s].append(Int32(index))
        }
        // Breadth-first failure links, folded into a dense table.
        var fail = [Int](repeating: 0, count: goto.count)
        var table = [Int32](repeating: 0, count: goto.count * a)
        var queue: [Int] = []
        for sym in 0..<a {
            let t = goto[0][sym]
            if t >= 0 { table[sym] = t; fail[Int(t)] = 0; queue.append(Int(t)) } else { table[sym] = 0 }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            out[s] += out[fail[s]]
            for sym in 0..<a {
                let t = goto[s][sym]
                if t >= 0 {
                    fail[Int(t)] = Int(table[fail[s] * a + sym])
                    table[s * a + sym] = t
                    queue.append(Int(t))
                } else {
                    table[s * a + sym] = table[fail[s] * a + sym]
                }
            }
        }
        next = table
        outputs = out
    }

    /// The summed weight of every hint found in `value`.
    func weight(_ value: UnsafeBufferPointer<UInt8>) -> Int {
        var total = 0
        var state = 0
        let a = Self.alphabet
        let n = value.count
        next.withUnsafeBufferPointer { table in
            for i in 0..<n {
                state = Int(table[state * a + Self.symbol(value[i])])
                if state == 0 { continue }
                let found = outputs[state]
                if found.isEmpty { continue }
                for index in found {
                    let e = entries[Int(index)]
                    if e.wholeToken {
                        let start = i + 1 - e.word.utf8.count
                        if start > 0 && Self.symbol(value[start - 1]) != 36 { continue }
                        if i + 1 < n && Self.symbol(value[i + 1]) != 36 { continue }
                    }
                    total += e.weight
                }
            }
        }
        return total
    }
}
