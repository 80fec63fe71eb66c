internal import CLibXML2

/// The tunable choices of the HTML main-content extractor (each is a `cleanup` option).
struct ExtractionSettings: Sendable {
    /// `article` keeps the main content; `full` keeps all visible text.
    var articleOnly = true
    var keepHeadings = true
    var keepLists = true
    var keepTables = true
    var keepQuotes = true
    var keepCaptions = false
    var dropHidden = true
    /// Drop the title when the body repeats it.
    var dropTitle = true
    /// Blocks with a larger share of link text are navigation.
    var maxLinkDensity = 0.5
    /// Blocks shorter than this (bytes) count as page furniture when scoring.
    var shortBlock = 30
    /// A sibling of the chosen container joins the article when it scores at least this share of it.
    var siblingShare = 0.25
    var hints = ClassHints([])
    /// Whole-paragraph boilerplate ("Advertisement", "Read more"), lower-cased.
    var boilerplateLines: Set<[UInt8]> = []
}

/// Text made from HTML: paragraphs separated by "\n\n" and their spans.
struct ExtractedText {
    var text: [UInt8] = []
    var paragraphs: [Span] = []
}

/// Finds the article in a page: walks the tree into text blocks, scores every element by the
/// text it holds, keeps the best-scoring container (plus siblings that score nearly as well),
/// and drops the boilerplate still inside it.
///
/// Each block is worth its length, less twice its link text, halved when it does not end like a
/// sentence; link-heavy blocks, blocks under a negative class/id hint (share, related, comment,
/// cookie, …) and blocks inside `nav`/`aside`/`footer`/`form` are worth minus their length, and
/// short blocks a small minus. An element's score is the sum over its blocks, plus a bonus for
/// positive hints and `<article>`/`itemprop=articleBody` markers. The highest-scoring element
/// holds the most prose and the least chrome.
struct ContentExtractor {
    let settings: ExtractionSettings

    func extract(_ markup: ParsedMarkup, title: String?) -> ExtractedText {
        guard let root = markup.root else { return ExtractedText() }
        let start = body(of: root) ?? root
        var walker = BlockWalker(hints: settings.hints, dropHidden: settings.dropHidden)
        walker.walk(start, capacity: 1 << 16)
        if walker.blocks.isEmpty { return ExtractedText() }
        if !settings.articleOnly {
            return assemble(walker, keep: Array(repeating: true, count: walker.blocks.count))
        }
        let keep = selectArticle(walker, title: title)
        return assemble(walker, keep: keep)
    }

    private func body(of root: xmlNodePtr) -> xmlNodePtr? {
        var child = root.pointee.children
        while let c = child {
            if c.isElement && HTMLTag.lookup(c.nameBytes).kind == .body { return c }
            child = c.pointee.next
        }
        return nil
    }

    // MARK: Scoring

    /// Elements whose text is never the article (in article mode).
    private func isChromeTag(_ kind: HTMLTag.Kind) -> Bool {
        kind == .nav || kind == .aside || kind == .footer || kind == .form
    }

    private func selectArticle(_ w: BlockWalker, title: String?) -> [Bool] {
        let elements = w.elements
        let n = elements.count
        // Negative context inherited from ancestors (hints and chrome tags).
        var negative = [Bool](repeating: false, count: n)
        for i in 0..<n {
            let e = elements[i]
            let own = e.hint < 0 || isChromeTag(e.tag.kind)
            negative[i] = own || (e.parent >= 0 && negative[Int(e.parent)])
        }
        // Block values, summed into their owners, then up the tree.
        var score = [Double](repeating: 0, count: n)
        var values = [Double](repeating: 0, count: w.blocks.count)
        w.text.withUnsafeBufferPointer { text in
            for (k, b) in w.blocks.enumerated() {
                let v = value(b, text: text, negative: b.owner >= 0 && negative[Int(b.owner)])
                values[k] = v
                if b.owner >= 0 { score[Int(b.owner)] += v }
            }
        }
        var total = score
        for i in stride(from: n - 1, through: 0, by: -1) where elements[i].parent >= 0 {
            total[Int(elements[i].parent)] += total[i]
        }
        // The best container.
        var best = -1
        var bestScore = -Double.infinity
        for i in 0..<n {
            let e = elements[i]
            if negative[i] { continue }
            var s = total[i]
            if s <= 0 { continue }
            if e.marked { s *= 1.5 }
            if e.tag.kind == .article { s *= 1.1 }
            if e.hint > 0 { s *= 1 + min(Double(e.hint), 60) / 300 }
            if s > bestScore { bestScore = s; best = i }
        }
        var keep = [Bool](repeating: false, count: w.blocks.count)
        guard best >= 0 else { return keep }
        // Siblings that score nearly as well join (articles split by an ad slot).
        var chosen = Set<Int32>([Int32(best)])
        let parent = elements[best].parent
        if parent >= 0 {
            for i in 0..<n where elements[i].parent == parent && i != best && !negative[i] {
                if total[i] >= settings.siblingShare * total[best] { chosen.insert(Int32(i)) }
            }
        }
        // Map each element to whether it sits inside a chosen container, and whether the path
        // from that container down to it is clean.
        var inside = [Bool](repeating: false, count: n)
        var clean = [Bool](repeating: false, count: n)
        for i in 0..<n {
            let e = elements[i]
            if chosen.contains(Int32(i)) {
                inside[i] = true
                clean[i] = true
            } else if e.parent >= 0 && inside[Int(e.parent)] {
                inside[i] = true
                clean[i] = clean[Int(e.parent)] && e.hint >= 0 && !isChromeTag(e.tag.kind)
                    && (settings.keepCaptions || (e.tag.kind != .figure && e.tag.kind != .caption))
            }
        }
        let titleBytes = title.map { normalizedKey(Array($0.utf8)) }
        var first = true
        w.text.withUnsafeBufferPointer { text in
            for (k, b) in w.blocks.enumerated() {
                guard b.owner >= 0, inside[Int(b.owner)], clean[Int(b.owner)] else { continue }
                if !keepKind(b.kind) { continue }
                let len = b.length
                let ld = Double(b.linkBytes) / Double(max(len, 1))
                if ld > settings.maxLinkDensity { continue }
                let slice = UnsafeBufferPointer(rebasing: text[Int(b.start)..<Int(b.end)])
                if !settings.boilerplateLines.isEmpty && len < 60 && settings.boilerplateLines.contains(normalizedKey(Array(slice))) { continue }
                if settings.dropTitle, b.kind == .heading || first, let t = titleBytes, !t.isEmpty {
                    let key = normalizedKey(Array(slice))
                    if key == t || (key.count >= 20 && t.starts(with: key)) { first = false; continue }
                }
                _ = values[k]
                keep[k] = true
                first = false
            }
        }
        return keep
    }

    private func keepKind(_ kind: HTMLTag.Kind) -> Bool {
        switch kind {
        case .heading: return settings.keepHeadings
        case .listItem: return settings.keepLists
        case .cell, .row, .table: return settings.keepTables
        case .quote: return settings.keepQuotes
        case .caption, .figure: return settings.keepCaptions
        default: return true
        }
    }

    /// What a block adds to the score of the elements that hold it.
    private func value(_ b: TextBlock, text: UnsafeBufferPointer<UInt8>, negative: Bool) -> Double {
        let len = Double(b.length)
        if negative { return -len }
        let ld = Double(b.linkBytes) / max(len, 1)
        if ld > settings.maxLinkDensity { return -len }
        if b.length < settings.shortBlock { return -5 }
        var v = len * (1 - 2 * ld)
        if !endsLikeSentence(text, Int(b.end)) { v *= 0.5 }
        if b.kind == .caption || b.kind == .figure { v *= 0.3 }
        return v
    }

    private func endsLikeSentence(_ text: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
        var i = end - 1
        // Skip closing quotes and brackets.
        while i > 0 {
            let c = text[i]
            if c == 0x22 || c == 0x27 || c == 0x29 || c == 0x5D { i -= 1; continue }
            if c >= 0x80 && i >= 2 && text[i - 2] == 0xE2 && text[i - 1] == 0x80 && (c == 0x9D || c == 0x99) { i -= 3; continue }
            break
        }
        guard i >= 0 else { return false }
        let c = text[i]
        if c == 0x2E || c == 0x21 || c == 0x3F || c == 0x3A { return true }
        // Non-Latin full stops (。 ！ ？ । ۔) and the ellipsis.
        if c >= 0x80 { return i >= 2 && (text[i - 2] == 0xE3 || text[i - 2] == 0xEF || text[i - 2] == 0xE2) }
        return false
    }

    /// Lower-cased ASCII letters and digits only: a key to compare titles and phrases.
    func normalizedKey(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for c in bytes {
            if c >= 0x80 { out.append(c); continue }
            let l = c | 0x20
            if (l >= 0x61 && l <= 0x7A) || (c >= 0x30 && c <= 0x39) { out.append(c >= 0x41 && c <= 0x5A ? l : c) }
        }
        return out
    }

    // MARK: Output

    /// Joins the kept blocks: "\n\n" between paragraphs; cells of one table row on one line.
    private func assemble(_ w: BlockWalker, keep: [Bool]) -> ExtractedText {
        var out = ExtractedText()
        out.text.reserveCapacity(w.text.count)
        var previousOwner: Int32 = -2
        var paragraphStart = 0
        w.text.withUnsafeBufferPointer { text in
            for (k, b) in w.blocks.enumerated() where keep[k] {
                let slice = UnsafeBufferPointer(rebasing: text[Int(b.start)..<Int(b.end)])
                var sameRow = false
                if b.kind == .cell, previousOwner >= 0, b.owner >= 0, previousOwner != b.owner {
                    let p1 = w.elements[Int(previousOwner)].parent, p2 = w.elements[Int(b.owner)].parent
                    sameRow = p1 == p2 && p1 >= 0 && w.elements[Int(p1)].tag.kind == .row
                }
                if out.text.isEmpty {
                    paragraphStart = 0
                } else if sameRow {
                    out.text.append(contentsOf: [0x20, 0x7C, 0x20])  // " | "
                } else {
                    out.paragraphs.append(Span(paragraphStart, out.text.count))
                    out.text.append(contentsOf: [0x0A, 0x0A])
                    paragraphStart = out.text.count
                }
                out.text.append(contentsOf: slice)
                previousOwner = b.owner
            }
        }
        if !out.text.isEmpty { out.paragraphs.append(Span(paragraphStart, out.text.count)) }
        return out
    }
}
