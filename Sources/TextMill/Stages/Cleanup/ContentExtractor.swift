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
    /// Labels that start reader comments or teasers of other stories: the article ends there.
    var sectionEnds = SectionEnds()
    /// Lines that file a post ("Filed under: …", "Tags: …"): they go after the first paragraph.
    var filingLines = FilingLines()
    /// Links that end a teaser's summary ("Read more…"): such a block is worth nothing.
    var readMoreLinks = ReadMoreLinks(parsing: CleanupLexicon.readMoreLinks)
}

/// Text made from HTML: paragraphs separated by "\n\n" and their spans.
struct ExtractedText {
    var text: [UInt8] = []
    var paragraphs: [Span] = []
    /// The paragraphs that were block quotations (`<blockquote>`) in the page.
    var blockquotes: [Span] = []
    /// A title of the page was too long to find the headline by (`ContentExtractor.titleKeyMaximum`).
    var titleTooLong = false
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

    /// The article of a page. `title` is the headline the body may repeat (the first `<h1>`,
    /// else the page's title); `headTitle` the title from the page's head only (`PageMetadata`);
    /// `documentTitle` the `<title>` element's text, a second title for finding the headline;
    /// `siteName` the site's name, the part of a title that is no headline.
    func extract(_ markup: ParsedMarkup, title: String?, headTitle: String? = nil, documentTitle: String? = nil, siteName: String? = nil,
                 template: PageTemplate? = nil, explain: Explanation? = nil) -> ExtractedText {
        guard let root = markup.root else { return ExtractedText() }
        let start = body(of: root) ?? root
        var walker = BlockWalker(hints: settings.hints, dropHidden: settings.dropHidden)
        walker.walk(start, capacity: 1 << 16)
        // Set on an article found empty too (a body of no text: a fallback gives the page's):
        // the page is counted whatever source gives its text (`HTMLCleaner.clean`).
        let titleTooLong = settings.articleOnly && [title, headTitle, documentTitle].contains { isTooLongToAnchor($0) }
        if walker.blocks.isEmpty {
            var none = ExtractedText()
            none.titleTooLong = titleTooLong
            return none
        }
        if !settings.articleOnly {
            return assemble(walker, keep: Array(repeating: true, count: walker.blocks.count))
        }
        let keep = selectArticle(walker, title: title, headTitle: headTitle, documentTitle: documentTitle, siteName: siteName,
                                 template: template, explain: explain)
        var extracted = assemble(walker, keep: keep)
        extracted.titleTooLong = titleTooLong
        return extracted
    }

    /// The keys of the page's blocks that a `SiteTemplate` counts (the blocks `extract` scores).
    func templateKeys(_ markup: ParsedMarkup) -> Set<UInt64> {
        guard let root = markup.root else { return [] }
        var walker = BlockWalker(hints: settings.hints, dropHidden: settings.dropHidden)
        walker.walk(body(of: root) ?? root, capacity: 1 << 16)
        var keys = Set<UInt64>()
        walker.text.withUnsafeBufferPointer { text in
            for b in walker.blocks.prefix(SiteTemplate.blocksPerPage) {
                if let key = templateKey(b, text) { keys.insert(key) }
            }
        }
        return keys
    }

    /// A block's key in a `SiteTemplate`: the hash of its lower-cased letters and digits; nil
    /// for a block too short to count.
    private func templateKey(_ b: TextBlock, _ text: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard b.length >= SiteTemplate.minimumBlock else { return nil }
        return SiteTemplate.hash(normalizedKey(Array(text[Int(b.start)..<Int(b.end)])))
    }

    /// All visible text that is not mostly links: the fallback for pages where no block scored
    /// as an article (pages of short lines). A page that is nothing but menus yields nothing.
    func extractVisibleProse(_ markup: ParsedMarkup) -> ExtractedText {
        guard let root = markup.root else { return ExtractedText() }
        var walker = BlockWalker(hints: settings.hints, dropHidden: settings.dropHidden)
        walker.walk(body(of: root) ?? root, capacity: 1 << 16)
        return assemble(walker, keep: walker.blocks.map { Int($0.linkBytes) * 2 <= $0.length })
    }

    /// All text of the page as `full` mode gives it. `wholeTree` walks from the root element
    /// instead of `<body>`, into `<head>` and into hidden elements: the fallback for pages whose
    /// text libxml2 put outside the body, or whose body hides itself until a script shows it.
    func extractVisibleText(_ markup: ParsedMarkup, wholeTree: Bool) -> ExtractedText {
        guard let root = markup.root else { return ExtractedText() }
        var walker = BlockWalker(hints: settings.hints, dropHidden: settings.dropHidden && !wholeTree, walkHead: wholeTree)
        walker.walk(wholeTree ? root : body(of: root) ?? root, capacity: 1 << 16)
        return assemble(walker, keep: Array(repeating: true, count: walker.blocks.count))
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

    /// How much a tag itself counts as a class/id hint: navigation, asides and footers are chrome.
    private func tagHint(_ kind: HTMLTag.Kind) -> Int32 {
        switch kind {
        case .nav: return -60
        case .aside, .footer: return -50
        default: return 0
        }
    }

    /// What a block of text is, before its place in the page is known.
    enum BlockClass { case good, neutral, bad }

    /// Why each block was kept or dropped (filled when `explain` is on).
    final class Explanation {
        var lines: [String] = []
    }

    private func selectArticle(_ w: BlockWalker, title: String?, headTitle: String?, documentTitle: String?, siteName: String?, template: PageTemplate?,
                               explain: Explanation? = nil) -> [Bool] {
        let elements = w.elements
        let n = elements.count
        let blocks = w.blocks
        // 1. Block values from the text alone.
        var raw = [Double](repeating: 0, count: blocks.count)
        var classes = [BlockClass](repeating: .neutral, count: blocks.count)
        // Link-heavy blocks that still hold a clause of their own (`isLinkedProse`): bad for
        // the score, kept between the article's paragraphs.
        var linkedProse = [Bool](repeating: false, count: blocks.count)
        // Lines of one element split by <br> (a list of dates, a poem) are judged together:
        // together they may be a paragraph of content although each line is short.
        var groupLength = [Int](repeating: 0, count: blocks.count)
        // The first line of a group that has more lines, when it counts as prose only as part
        // of its group: such a line may still be a section's label heading the lines under it
        // ("Comments are now closed for this story<br>" over the comments written as lines).
        var headsGroup = [Bool](repeating: false, count: blocks.count)
        var groupLinks = [Int](repeating: 0, count: blocks.count)
        var g = 0
        while g < blocks.count {
            var h = g
            var length = 0, links = 0
            while h < blocks.count && blocks[h].owner == blocks[g].owner {
                length += blocks[h].length; links += Int(blocks[h].linkBytes); h += 1
            }
            for k in g..<h { groupLength[k] = length; groupLinks[k] = links }
            headsGroup[g] = h - g > 1
            g = h
        }
        w.text.withUnsafeBufferPointer { text in
            for (k, b) in blocks.enumerated() {
                (raw[k], classes[k]) = value(b, text: text)
                linkedProse[k] = classes[k] == .bad && isLinkedProse(b)
                if classes[k] == .neutral && groupLength[k] > b.length && groupLength[k] >= 5 * settings.shortBlock
                    && Double(groupLinks[k]) < 0.3 * Double(groupLength[k]) && b.length >= 10 {
                    raw[k] = 0.5 * Double(b.length)
                    classes[k] = .good
                } else {
                    headsGroup[k] = false
                }
                if classes[k] != .bad && !settings.boilerplateLines.isEmpty && b.length < 60
                    && settings.boilerplateLines.contains(normalizedKey(Array(text[Int(b.start)..<Int(b.end)]))) {
                    classes[k] = .bad
                    raw[k] = -Double(b.length)
                    linkedProse[k] = false
                }
            }
        }
        markTeaserSummaries(w, raw: &raw, classes: &classes)
        // The linked names of a data table's rows (each row a name and a description): text.
        let tableNames = markTableNames(w, classes: classes)
        // 2. Prose mass per element, to recognise layout wrappers.
        var mass = [Double](repeating: 0, count: n)
        for (k, b) in blocks.enumerated() where b.owner >= 0 && raw[k] > 0 { mass[Int(b.owner)] += raw[k] }
        for i in stride(from: n - 1, through: 0, by: -1) where elements[i].parent >= 0 { mass[Int(elements[i].parent)] += mass[i] }
        let pageMass = n > 0 ? mass[0] : 0
        // After the prose mass: a site's repeated blurb still counts when telling a layout
        // wrapper from a boilerplate box.
        if let template { markTemplateBlocks(w, template, raw: &raw, classes: &classes) }
        // 3. Hints: the nearest hinted ancestor decides; a negative hint on an element that
        //    holds most of the page's prose is a layout class ("has-sidebar"), not boilerplate.
        var layout = [Bool](repeating: false, count: n)
        var effective = effectiveHints(elements, mass: mass, pageMass: pageMass, layout: &layout)
        // A box that holds most of the prose only because the article is short (a sidebar with
        // an "about this blog" blurb beside a two-line post) is not a layout wrapper: the
        // headline the page's head names, with the prose under it, lies outside the box.
        // A layout wrapper holds that article, or lies around it.
        if layout.contains(true) {
            let anchor = titleAnchoredContainer(w, titles: [headTitle], effective: effective, prose: mass)
            explain?.lines.append("layout wrappers: " + layout.indices.filter { layout[$0] }.map { "#\($0)" }.joined(separator: ", ") + "; headline's element #\(anchor)")
            if anchor >= 0 {
                var apart = layout
                let lineage = Self.lineage(of: anchor, elements)
                for i in 0..<n where layout[i] { apart[i] = !lineage[i] }
                if apart.contains(true) {
                    explain?.lines.append("not a layout wrapper (beside the headline's element #\(anchor)): "
                        + apart.indices.filter { apart[$0] }.map { "#\($0)" }.joined(separator: ", "))
                    effective = effectiveHints(elements, mass: mass, pageMass: pageMass, layout: &layout, exemptionLost: apart)
                }
            }
        }
        // 4. Scores: block values summed into their owners, then up the tree.
        var total = [Double](repeating: 0, count: n)
        var values = raw
        for (k, b) in blocks.enumerated() where b.owner >= 0 {
            if effective[Int(b.owner)] < 0 { values[k] = -Double(b.length) }
            total[Int(b.owner)] += values[k]
        }
        for i in stride(from: n - 1, through: 0, by: -1) where elements[i].parent >= 0 {
            total[Int(elements[i].parent)] += total[i]
        }
        // 5. The best container.
        var best = -1
        var bestScore = -Double.infinity
        var ranked: [(Int, Double)] = []
        for i in 0..<n where effective[i] >= 0 {
            let e = elements[i]
            // Containers hold paragraphs: inline elements, paragraphs, headings and list items never are.
            if e.tag.role != .block { continue }
            switch e.tag.kind {
            case .paragraph, .heading, .listItem, .pre, .caption, .row: continue
            default: break
            }
            var s = total[i]
            if s <= 0 { continue }
            if e.marked { s *= 1.5 }
            if e.tag.kind == .article { s *= 1.1 }
            if e.hint > 0 { s *= 1 + min(Double(e.hint), 60) / 300 }
            if s > bestScore { bestScore = s; best = i }
            if explain != nil { ranked.append((i, s)) }
        }
        if let explain {
            explain.lines.append("best containers: " + ranked.sorted { $0.1 > $1.1 }.prefix(5).map { "#\($0.0) \(Int($0.1)) (parent #\(elements[$0.0].parent))" }.joined(separator: ", "))
        }
        // A weak choice (little prose anywhere, as on a short article) gives way to an element
        // the page itself names as the article (a strong class/id hint or articleBody) that
        // holds text outside links: a short post is split into lines that do not score as prose,
        // while a site-wide blurb (author bio, newsletter box) wins on length alone.
        var weakChoice = false
        if bestScore < Self.weakScore {
            var plain = [Double](repeating: 0, count: n)
            for b in blocks where b.owner >= 0 { plain[Int(b.owner)] += Double(b.length - 2 * Int(b.linkBytes)) }
            for i in stride(from: n - 1, through: 0, by: -1) where elements[i].parent >= 0 { plain[Int(elements[i].parent)] += plain[i] }
            var named = -1
            for i in 0..<n where effective[i] >= 0 && elements[i].tag.role == .block
                && (elements[i].hint >= Self.namedHint || elements[i].marked) && plain[i] >= Double(Self.namedMinimum) {
                if named < 0 || plain[i] > plain[named] { named = i }
            }
            if named < 0 {
                // The anchor counts only when the weak choice lies outside the article it starts
                // (around it, the weak choice already is that article's body) and when it is no
                // bigger than a short article can be (a bigger one is the page's wrapper).
                let anchor = titleAnchoredContainer(w, titles: [title, documentTitle], siteName: siteName, effective: effective)
                if anchor >= 0 {
                    explain?.lines.append("headline's element #\(anchor): \(Int(plain[anchor])) bytes outside links, prose \(Int(mass[anchor])) (weak choice's \(best >= 0 ? Int(mass[best]) : 0))")
                }
                if anchor >= 0 && plain[anchor] <= Self.anchorMaximum
                    && (!isInside(best, anchor, elements) || mass[best] < Self.bodyShare * mass[anchor]) { named = anchor }
            }
            explain?.lines.append("weak choice: element #\(best) score \(bestScore.isFinite ? Int(bestScore) : 0); named or headline's element #\(named)")
            if named >= 0 && named != best {
                best = named
                bestScore = total[named]
                weakChoice = true
            }
        }
        var keep = [Bool](repeating: false, count: blocks.count)
        var reasons = [String](repeating: "outside the container", count: blocks.count)
        defer {
            if let explain {
                explain.lines.append("container: element #\(best) score \(bestScore.isFinite ? Int(bestScore) : 0)")
                w.text.withUnsafeBufferPointer { text in
                    for (k, b) in blocks.enumerated() {
                        let snippet = String(decoding: text[Int(b.start)..<min(Int(b.end), Int(b.start) + 70)], as: UTF8.self)
                        explain.lines.append("\(keep[k] ? "+" : "-") [\(b.kind) #\(b.owner) hint \(b.owner >= 0 ? effective[Int(b.owner)] : 0) \(classes[k]) \(Int(raw[k]))] \(keep[k] ? "" : reasons[k] + ": ")\(snippet)")
                    }
                }
            }
        }
        guard best >= 0 else { return keep }
        // Siblings that score nearly as well join (articles split by an ad slot).
        var chosen = Set<Int32>([Int32(best)])
        let parent = elements[best].parent
        if parent >= 0 {
            for i in 0..<n where elements[i].parent == parent && i != best && effective[i] >= 0 {
                if total[i] >= settings.siblingShare * total[best] { chosen.insert(Int32(i)) }
            }
        }
        // 6. Inside the chosen containers: which elements are clean (no negative hint between
        //    the container and them, no captions unless asked).
        var inside = [Bool](repeating: false, count: n)
        var clean = [Bool](repeating: false, count: n)
        for i in 0..<n {
            let e = elements[i]
            if chosen.contains(Int32(i)) {
                inside[i] = true
                clean[i] = true
            } else if e.parent >= 0 && inside[Int(e.parent)] {
                inside[i] = true
                clean[i] = clean[Int(e.parent)] && effective[i] >= 0
                    && (settings.keepCaptions || (e.tag.kind != .figure && e.tag.kind != .caption))
            }
        }
        // 7. Candidate blocks in order, then context: short blocks after the last paragraph stay
        //    only near the text.
        var candidates: [Int] = []
        for (k, b) in blocks.enumerated() {
            guard b.owner >= 0, inside[Int(b.owner)] else { continue }
            guard clean[Int(b.owner)] else { reasons[k] = "negative hint or caption"; continue }
            guard classes[k] != .bad || linkedProse[k] || tableNames[k] else { reasons[k] = "links or boilerplate"; continue }
            guard keepKind(b.kind) else { reasons[k] = "kind \(b.kind) not kept"; continue }
            candidates.append(k)
        }
        if weakChoice {
            // The page named this element: its short lines are the text.
            for k in candidates where classes[k] == .neutral { classes[k] = .good }
        }
        guard let firstGood = candidates.firstIndex(where: { classes[$0] == .good }),
              let lastGood = candidates.lastIndex(where: { classes[$0] == .good }) else { return keep }
        // Elements that hold prose directly or one level down: a short block after the last
        // paragraph stays when it sits in such a region (a list of tour dates under the text).
        var holdsProse = [Bool](repeating: false, count: n)
        for k in candidates where classes[k] == .good {
            var e = blocks[k].owner
            for _ in 0..<2 where e >= 0 { holdsProse[Int(e)] = true; e = elements[Int(e)].parent }
        }
        func nearContent(_ owner: Int32) -> Bool {
            var e = owner
            for _ in 0..<3 where e >= 0 {
                if holdsProse[Int(e)] { return true }
                e = elements[Int(e)].parent
            }
            return false
        }
        // A comments or related-stories label after the first paragraph ends the article:
        // it and every block after it go (the label itself may be a boilerplate line).
        var sectionEnd = Int.max
        // Labels of a box of links inside the article's text (a "Related stories" list floated
        // between two paragraphs): they end only their box, and go with it.
        var boxLabels = Set<Int>()
        // The blocks each element holds, and the prose around the labels: made when the first
        // label is met (most pages have none).
        var blockRangesOfLabels: (first: [Int], last: [Int])?
        var proseOfLabels: ProseAroundLabels?
        w.text.withUnsafeBufferPointer { text in
            var k = candidates[firstGood]
            while k + 1 < blocks.count {
                k += 1
                let b = blocks[k]
                // A label is plain text in the article itself (a linked mark, "Comments »", aside): not a link (a "12 comments" link
                // under the byline points to the comments), not inside a box already dropped;
                // not prose of its own (the first line of a group, prose only with it, may be one).
                guard b.owner >= 0, clean[Int(b.owner)], b.linkBytes <= Self.labelMarkLink,
                      classes[k] != .good || b.kind == .heading || headsGroup[k] else { continue }
                if settings.sectionEnds.starts(Array(text[Int(b.start)..<Int(b.end)])[...]) {
                    let prose = proseOfLabels ?? ProseAroundLabels(candidates: candidates, w, classes: classes)
                    proseOfLabels = prose
                    // A label before nearly all of the article's prose is a box above the
                    // article (story tools, a related-stories panel), not where the article ends.
                    let before = prose.length(before: k)
                    if Double(before) < Self.sectionEndShare * Double(prose.total - before) { continue }
                    // The article goes on past a box of links when paragraphs of prose follow
                    // it beside it (the page's footer line after a list of links does not).
                    let ranges = blockRangesOfLabels ?? blockRanges(w)
                    blockRangesOfLabels = ranges
                    if let box = linkBox(label: k, w, ranges: ranges, chosen: chosen, classes: classes),
                       prose.paragraphs(under: elements[box].parent, after: ranges.last[box]) >= Self.proseAfterLinkBox {
                        let boxEnd = ranges.last[box]
                        boxLabels.insert(k)
                        k = boxEnd
                        continue
                    }
                    sectionEnd = k
                    break
                }
            }
        }
        let titleKey = title.map { normalizedKey(Array($0.utf8)) } ?? []
        w.text.withUnsafeBufferPointer { text in
            for (position, k) in candidates.enumerated() {
                let b = blocks[k]
                if k >= sectionEnd { reasons[k] = "after a comments or related-stories label"; continue }
                if boxLabels.contains(k) { reasons[k] = "the label of a box of links"; continue }
                // Linked prose stays only inside the text, between two paragraphs of it.
                if classes[k] == .bad && !tableNames[k] && (position <= firstGood || position >= lastGood) { reasons[k] = "links or boilerplate"; continue }
                // Short lines between the container's start and its first paragraph (a byline, a
                // dateline, a standfirst, a subhead) are the article's header and stay, teasers of
                // other pages do not; after the last paragraph short lines stay only near the text.
                if classes[k] == .neutral {
                    if position > lastGood && !nearContent(b.owner) { reasons[k] = "short, after the text"; continue }
                    if position < firstGood && isTeaser(b, text) && !opensWithLinkedSubject(b, text) { reasons[k] = "a teaser, before the text"; continue }
                }
                if position > firstGood && settings.filingLines.starts(text[Int(b.start)..<Int(b.end)]) { reasons[k] = "a post's filing line"; continue }
                if settings.dropTitle && !titleKey.isEmpty && (b.kind == .heading || position <= firstGood) {
                    let key = normalizedKey(Array(text[Int(b.start)..<Int(b.end)]))
                    // A lower heading (`<h2>`…`<h6>`) that repeats the title is the post's own
                    // headline, as above the container (`keepPlainHeader`): it stays.
                    if (key == titleKey || (key.count >= 20 && titleKey.starts(with: key)))
                        && (b.kind != .heading || headingLevel(b, w.elements) < Self.postHeadlineLevel) { reasons[k] = "the title"; continue }
                }
                keep[k] = true
            }
        }
        keepPlainHeader(w, titles: [headTitle, documentTitle], inside: inside, classes: classes, keep: &keep, reasons: &reasons)
        keepHeadingAbove(w, inside: inside, effective: effective, classes: classes, siteName: siteName, keep: &keep, reasons: &reasons)
        return keep
    }

    /// The heading right above the article's first kept block, outside the container, when it
    /// is the article's own: a date written as a heading over a post's headline (a blog's
    /// `h2.date-header` over `h3.post-title`: the day the post belongs to), or a headline inside
    /// the same content-hinted part of the page that sits directly over the text (at most
    /// `headingAboveBlocks` blocks above it and `headingAboveElements` elements before it, the
    /// lines between kept with it unless they are links). A page title set apart in a header box
    /// of its own (share tools, an image, a byline card between it and the text, or no content
    /// hint) stays out, as do headings that are links or boilerplate, and a heading that is the
    /// site's name (`siteName`: a blog's `h1.title` "The Allotment Blog" over its post's headline).
    private func keepHeadingAbove(_ w: BlockWalker, inside: [Bool], effective: [Int32], classes: [BlockClass], siteName: String?,
                                  keep: inout [Bool], reasons: inout [String]) {
        guard let first = keep.firstIndex(of: true) else { return }
        let blocks = w.blocks
        let site = siteName.map { normalizedKey(Array($0.utf8)) } ?? []
        w.text.withUnsafeBufferPointer { text in
            var k = first - 1
            while k >= 0 && first - k <= Self.headingAboveBlocks {
                let b = blocks[k]
                // Only lines outside the chosen containers: a line the container dropped stays dropped.
                guard b.owner < 0 || !inside[Int(b.owner)] else { return }
                if b.kind == .heading {
                    if blocks[first].kind == .heading && DateLine.matches(text[Int(b.start)..<Int(b.end)]) {
                        keep[k] = true
                        reasons[k] = ""
                        return
                    }
                    guard b.owner >= 0, effective[Int(b.owner)] > 0, classes[k] != .bad,
                          blocks[first].owner - b.owner <= Self.headingAboveElements,
                          site.isEmpty || normalizedKey(Array(text[Int(b.start)..<Int(b.end)])) != site else { return }
                    for h in k..<first where h == k || classes[h] != .bad {
                        keep[h] = true
                        reasons[h] = ""
                    }
                    return
                }
                k -= 1
            }
        }
    }

    /// Blocks above the article's first kept block a heading of its own may stand at most
    /// (itself included).
    static let headingAboveBlocks = 4
    /// Elements a headline over the text may open before the first kept block at most: more is
    /// a header box of its own (share tools, an image, a byline card).
    static let headingAboveElements: Int32 = 5

    /// The article's header written as plain lines: a headline in a `div`, paragraph or cell
    /// (no heading element) right above the container, with the dateline and byline between it
    /// and the container, is where the article's text starts; those lines stay. The headline is
    /// the block that shares a title of the page's head (one contains the other, at least
    /// `titleAnchorMinimum` letters and digits), at most `plainHeaderBlocks` blocks above the
    /// first kept one, with at most `plainHeaderBytes` of lines between; link lines and page
    /// tools between (`bad`: "Printer friendly | Email") still go. A post's headline marked as a
    /// lower heading (`<h2>`…`<h6>`, a blog's `h3.post-title`) is the post's own and stays the
    /// same way; a page that marks its headline as its `<h1>` sets it apart from the text as the
    /// page's title, and it stays out.
    private func keepPlainHeader(_ w: BlockWalker, titles: [String?], inside: [Bool], classes: [BlockClass],
                                 keep: inout [Bool], reasons: inout [String]) {
        let titleKeys = anchorKeys(titles)
        guard !titleKeys.isEmpty, let first = keep.firstIndex(of: true) else { return }
        let blocks = w.blocks
        w.text.withUnsafeBufferPointer { text in
            // The article already starts with its headline (a lower heading that repeats the
            // title): a line above it that shares the title is the site's name, not the headline.
            if blocks[first].kind == .heading {
                let key = normalizedKey(Array(text[Int(blocks[first].start)..<Int(blocks[first].end)]))
                if key.count >= Self.titleAnchorMinimum && titleKeys.contains(where: { $0 == key || contains($0, key) || contains(key, $0) }) { return }
            }
            var between = 0
            var k = first - 1
            while k >= 0 && first - k <= Self.plainHeaderBlocks {
                let b = blocks[k]
                // Only lines outside the chosen containers: a line the container dropped stays dropped.
                guard b.owner < 0 || !inside[Int(b.owner)] else { return }
                let key = normalizedKey(Array(text[Int(b.start)..<Int(b.end)]))
                if key.count >= Self.titleAnchorMinimum
                    && titleKeys.contains(where: { $0 == key || contains($0, key) || contains(key, $0) }) {
                    // A post's own headline may be a lower heading (`<h2>`…`<h6>`); the page's
                    // `<h1>` is its title, set apart from the text.
                    guard b.kind != .heading || headingLevel(b, w.elements) >= Self.postHeadlineLevel else { return }
                    for h in k..<first where h == k || classes[h] != .bad {
                        keep[h] = true
                        reasons[h] = ""
                    }
                    return
                }
                between += b.length
                if between > Self.plainHeaderBytes { return }
                k -= 1
            }
        }
    }

    /// The level (1…6) of the heading element a heading block sits in; 0 when none is found
    /// within `headingDepth` elements up from the block's owner.
    private func headingLevel(_ b: TextBlock, _ elements: [PageElement]) -> Int {
        var e = b.owner
        for _ in 0..<Self.headingDepth where e >= 0 {
            if elements[Int(e)].tag.kind == .heading { return Int(elements[Int(e)].tag.level) }
            e = elements[Int(e)].parent
        }
        return 0
    }

    /// Elements up from a heading block's owner searched for its heading element.
    static let headingDepth = 4
    /// The highest heading a post's headline above the container may be (`<h2>`): an `<h1>` is
    /// the page's title.
    static let postHeadlineLevel = 2

    /// Blocks above the container a plain headline may stand at most (itself included).
    static let plainHeaderBlocks = 8
    /// Bytes of lines between a plain headline and the container at most (a dateline, a byline).
    static let plainHeaderBytes = 400

    /// Each element's class/id hint as it applies to its text: its own (tag hints included)
    /// or, without one, its nearest hinted ancestor's. Weak negatives (above -25) are ignored; a
    /// negative hint on an element that holds most of the page's prose is a layout class
    /// (`has-sidebar`) and is ignored too (`layout` marks those elements) unless
    /// `exemptionLost` says the element is a boilerplate box after all.
    private func effectiveHints(_ elements: [PageElement], mass: [Double], pageMass: Double,
                                layout: inout [Bool], exemptionLost: [Bool]? = nil) -> [Int32] {
        let n = elements.count
        var effective = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let e = elements[i]
            var own = e.tag.kind == .body ? 0 : e.hint + tagHint(e.tag.kind)
            // Weak negatives (one vague word) do not make boilerplate on their own.
            if own < 0 && own > -25 { own = 0 }
            if own < 0 && mass[i] > 0.5 * pageMass && exemptionLost?[i] != true {
                own = 0
                layout[i] = true
            }
            // One generic positive word (`post-text`, `entry`) inside a boilerplate box (a comment
            // list, a related-stories box) does not make it content again.
            if own > 0 && own < Self.strongHint && e.parent >= 0 && effective[Int(e.parent)] < 0 { own = 0 }
            effective[i] = own != 0 ? own : (e.parent >= 0 ? effective[Int(e.parent)] : 0)
        }
        return effective
    }

    /// Site template: blocks the page's site repeats on its other pages (an author blurb, a
    /// tagline, a disclaimer) are neutral: they no longer make a container the article, and
    /// they stay only between the article's own paragraphs (a page of a site that repeats a
    /// line the gold keeps, a dateline or a standing credit, keeps it there). Not applied when the
    /// page has less than `templateMinimumText` bytes of other text that is not boilerplate: a
    /// page that repeats another whole (the same post twice in a run) keeps its text.
    private func markTemplateBlocks(_ w: BlockWalker, _ template: PageTemplate, raw: inout [Double], classes: inout [BlockClass]) {
        let blocks = w.blocks
        var repeated = [Bool](repeating: false, count: blocks.count)
        var other = 0
        w.text.withUnsafeBufferPointer { text in
            for (k, b) in blocks.prefix(SiteTemplate.blocksPerPage).enumerated() {
                if let key = templateKey(b, text), template.isTemplate(key) {
                    repeated[k] = true
                } else if classes[k] != .bad {
                    other += b.length - Int(b.linkBytes)
                }
            }
        }
        guard other >= Self.templateMinimumText else { return }
        for k in blocks.indices where repeated[k] && classes[k] != .bad {
            raw[k] = min(raw[k], 0)
            classes[k] = .neutral
        }
    }

    /// Bytes of text outside links and outside the site template a page needs for the template
    /// to be applied.
    static let templateMinimumText = 60

    /// Teaser lists written as two blocks an item: a linked headline, then a short summary in
    /// the same item (`<dt><a>…</a></dt><dd>…</dd>`, `<li><a>…</a><p>…</p></li>`). Where a list
    /// holds at least `teaserListMinimum` such pairs, the summaries point to other pages: they
    /// are neutral (worth nothing), as a one-block teaser is, instead of prose that makes the
    /// list's wrapper look like the article.
    private func markTeaserSummaries(_ w: BlockWalker, raw: inout [Double], classes: inout [BlockClass]) {
        let blocks = w.blocks, elements = w.elements
        guard blocks.count >= 2 * Self.teaserListMinimum else { return }
        // The list a headline + summary pair belongs to, or -1 when the two blocks are not one item.
        func list(_ k: Int) -> Int32 {
            let head = blocks[k], summary = blocks[k + 1]
            guard head.owner >= 0, summary.owner >= 0, head.length >= 15,
                  Double(head.linkBytes) >= Double(head.length) * (head.kind == .heading ? Self.teaserHeadingLinkShare : Self.teaserHeadlineLinkShare),
                  classes[k + 1] == .good, Int(summary.linkBytes) * 4 < summary.length, summary.length <= Self.teaserSummaryMaximum else { return -1 }
            let headParent = elements[Int(head.owner)].parent, summaryParent = elements[Int(summary.owner)].parent
            if head.owner == summary.owner || headParent == summaryParent { return headParent }
            if summaryParent == head.owner { return headParent }
            return -1
        }
        // The blocks each element holds.
        let (firstBlock, lastBlock) = blockRanges(w)
        // Whether `e` holds the pair at `k` and little else: no other prose, at most
        // `teaserItemExtra` bytes of other text (a source line, a "Save" button).
        func holdsOnlyPair(_ e: Int, _ k: Int) -> Bool {
            guard firstBlock[e] <= k, lastBlock[e] >= k + 1 else { return false }
            var extra = 0
            for j in firstBlock[e]...lastBlock[e] where j != k && j != k + 1 {
                if classes[j] == .good { return false }
                extra += blocks[j].length
                if extra > Self.teaserItemExtra { return false }
            }
            return true
        }
        var pairs: [(summary: Int, list: Int32)] = []
        var count: [Int32: Int] = [:]
        for k in 0..<(blocks.count - 1) {
            var l = list(k)
            guard l >= 0 else { continue }
            // A pair wrapped in its own item (`<li><div><h3><a>…</a></h3><p>…</p></div>
            // <span>Source</span></li>`): the list is the parent of the widest wrapper that
            // holds only this pair.
            if holdsOnlyPair(Int(l), k) {
                var item = Int(l)
                for _ in 0..<Self.teaserItemDepth {
                    let p = Int(elements[item].parent)
                    guard p >= 0, holdsOnlyPair(p, k) else { break }
                    item = p
                }
                l = elements[item].parent
                guard l >= 0 else { continue }
            }
            pairs.append((k + 1, l))
            count[l, default: 0] += 1
        }
        for pair in pairs where count[pair.list, default: 0] >= Self.teaserListMinimum {
            raw[pair.summary] = 0
            classes[pair.summary] = .neutral
        }
    }

    /// Name cells of data tables: a link-heavy cell (a film's, a product's, a place's linked
    /// name) in a table row whose other cell holds prose describing it. Where at least
    /// `dataRowMinimum` rows of one table have that shape, the table is data (a list of films,
    /// each with its year and plot), not a layout grid of menus beside the text, and its names
    /// are part of the article wherever the table stands in it.
    private func markTableNames(_ w: BlockWalker, classes: [BlockClass]) -> [Bool] {
        let blocks = w.blocks, elements = w.elements
        var names = [Bool](repeating: false, count: blocks.count)
        // The row (`<tr>`) a cell's block sits in, or -1.
        func row(_ k: Int) -> Int32 {
            var e = blocks[k].owner
            for _ in 0..<Self.cellDepth where e >= 0 {
                if elements[Int(e)].tag.kind == .row { return e }
                e = elements[Int(e)].parent
            }
            return -1
        }
        var rows = [Int32](repeating: -1, count: blocks.count)
        var prose = Set<Int32>()
        for k in blocks.indices where blocks[k].kind == .cell {
            rows[k] = row(k)
            if rows[k] >= 0 && classes[k] == .good { prose.insert(rows[k]) }
        }
        guard !prose.isEmpty else { return names }
        var named: [(block: Int, table: Int32)] = []
        var rowsOfTable: [Int32: Set<Int32>] = [:]
        for (k, b) in blocks.enumerated() where rows[k] >= 0 && classes[k] == .bad && prose.contains(rows[k])
            && Int(b.linkBytes) * 2 > b.length && b.length <= Self.tableNameMaximum {
            let table = elements[Int(rows[k])].parent
            named.append((k, table))
            rowsOfTable[table, default: []].insert(rows[k])
        }
        for (k, table) in named where rowsOfTable[table, default: []].count >= Self.dataRowMinimum { names[k] = true }
        return names
    }

    /// Rows of one table that pair a linked name with prose for the table to be data.
    static let dataRowMinimum = 3
    /// A linked name in a data table is at most this long (bytes); a longer linked cell is a
    /// teaser or a list of links.
    static let tableNameMaximum = 100
    /// Levels climbed from a cell's block to its row at most (`<tr><td><div><span>`).
    static let cellDepth = 4

    /// The first and last block each element holds (elements and blocks are in document order,
    /// so an element's blocks are one range); `Int.max` and -1 for an element without text.
    private func blockRanges(_ w: BlockWalker) -> (first: [Int], last: [Int]) {
        let elements = w.elements
        var first = [Int](repeating: Int.max, count: elements.count)
        var last = [Int](repeating: -1, count: elements.count)
        for (k, b) in w.blocks.enumerated() where b.owner >= 0 {
            first[Int(b.owner)] = min(first[Int(b.owner)], k)
            last[Int(b.owner)] = max(last[Int(b.owner)], k)
        }
        for i in stride(from: elements.count - 1, through: 0, by: -1) where elements[i].parent >= 0 {
            let p = Int(elements[i].parent)
            first[p] = min(first[p], first[i])
            last[p] = max(last[p], last[i])
        }
        return (first, last)
    }

    /// The article's prose (its `good` candidate blocks) as a section label needs it: how much
    /// lies before a block, and how many paragraphs lie after a block beside a box of links.
    /// Made once a page, where each label summed every candidate again (a page of thousands of
    /// "Comments" lines above its text took time growing with its square).
    struct ProseAroundLabels {
        /// The candidates, in block order; `lengthBefore[i]` is the length of the good ones
        /// among `candidates[..<i]`.
        let candidates: [Int]
        let lengthBefore: [Int]
        /// The good candidates whose element has this parent, in block order.
        let goodUnder: [Int32: [Int]]

        init(candidates: [Int], _ w: BlockWalker, classes: [BlockClass]) {
            self.candidates = candidates
            var sums = [0]
            sums.reserveCapacity(candidates.count + 1)
            var under: [Int32: [Int]] = [:]
            for c in candidates {
                let good = classes[c] == .good
                sums.append(sums[sums.count - 1] + (good ? w.blocks[c].length : 0))
                if good { under[w.elements[Int(w.blocks[c].owner)].parent, default: []].append(c) }
            }
            lengthBefore = sums
            goodUnder = under
        }

        var total: Int { lengthBefore[lengthBefore.count - 1] }

        /// The length of the good candidates before block `k`.
        func length(before k: Int) -> Int { lengthBefore[Self.countBelow(k, in: candidates)] }

        /// The good candidates after block `last` whose element's parent is `parent`.
        func paragraphs(under parent: Int32, after last: Int) -> Int {
            guard let list = goodUnder[parent] else { return 0 }
            return list.count - Self.countBelow(last + 1, in: list)
        }

        /// How many of the ascending `sorted` are below `value`.
        static func countBelow(_ value: Int, in sorted: [Int]) -> Int {
            var low = 0, high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if sorted[mid] < value { low = mid + 1 } else { high = mid }
            }
            return low
        }
    }

    /// The box of links a section label heads, or nil when the label does not head one. The
    /// box is the nearest element around the label that holds more text than the label, below
    /// the article's container; it heads one when every other block in it is links (at least
    /// `linkBoxMinimum` of them: "Related stories" over a list of headlines). A box with prose
    /// or short text in it (a comments header with a count and a date) is not.
    private func linkBox(label k: Int, _ w: BlockWalker, ranges: (first: [Int], last: [Int]),
                            chosen: Set<Int32>, classes: [BlockClass]) -> Int? {
        var e = w.blocks[k].owner
        while e >= 0 && ranges.first[Int(e)] == k && ranges.last[Int(e)] == k {
            if chosen.contains(e) { return nil }
            e = w.elements[Int(e)].parent
        }
        guard e >= 0, !chosen.contains(e) else { return nil }
        var links = 0
        for j in ranges.first[Int(e)]...ranges.last[Int(e)] where j != k {
            guard classes[j] == .bad else { return nil }
            links += 1
        }
        return links >= Self.linkBoxMinimum ? Int(e) : nil
    }

    /// Blocks of links a box under a section label needs to be a box of links.
    static let linkBoxMinimum = 2
    /// Paragraphs of prose beside a box of links, after it, that show the article goes on.
    static let proseAfterLinkBox = 2

    /// Headline + summary pairs that make a list of teasers.
    static let teaserListMinimum = 3
    /// Share of a two-block teaser's headline that is link text: nearly all of it, or half of it
    /// in a heading element, whose unlinked part is a kicker over the linked title
    /// (`<h4><strong>Wave of change</strong> <a>Council backs the harbour plan</a></h4>`).
    static let teaserHeadlineLinkShare = 0.9
    static let teaserHeadingLinkShare = 0.5
    /// A teaser's summary is at most this long (bytes); a longer block is prose of its own.
    static let teaserSummaryMaximum = 500
    /// Bytes of other text (a source line, a button) a teaser item may hold beside its pair.
    static let teaserItemExtra = 200
    /// Wrappers climbed from a teaser pair to its list item at most.
    static let teaserItemDepth = 4

    /// Title anchor: the nearest element around the heading that repeats the page's title and
    /// holds text of its own (at least `anchorMinimum` bytes outside links and headings).
    /// On a weak choice the article is what follows its headline, not a longer blurb elsewhere.
    /// A heading inside boilerplate (a comments box repeating the headline) is not the anchor.
    /// -1 when no heading matches or the anchor grows into the whole body.
    /// With `prose` (the prose mass of each element), the anchor is instead the nearest element
    /// that holds at least `namedMinimum` of it: the headline's article, not its header box.
    private func titleAnchoredContainer(_ w: BlockWalker, titles: [String?], siteName: String? = nil, effective: [Int32],
                                        prose: [Double]? = nil) -> Int {
        let titleKeys = anchorKeys(titles)
        // A short headline ("City chic") anchors only when it is a whole title, or a whole part
        // of one ("City chic - Ritzy Bee blog") and not a link, and not the site's name: a few
        // letters inside a title match too much.
        let site = siteName.map { normalizedKey(Array($0.utf8)) }
        let shortTitles = Set(titles.compactMap { $0.map { normalizedKey(Array($0.utf8)) } }.filter { isShortHeadline($0) && $0 != site })
        let titleParts = Set(titles.compactMap { $0 }.flatMap { Self.titleParts($0) }.map { normalizedKey(Array($0.utf8)) }
            .filter { isShortHeadline($0) && $0 != site })
        guard !titleKeys.isEmpty || !titleParts.isEmpty else { return -1 }
        let elements = w.elements
        // The heading that shares the most of a title (the first of equals): a blog's name
        // in its header is part of the title too, the post's headline a bigger part. Each
        // title is tried: the meta tags may name only the site, the `<title>` the post.
        var heading = -1
        var matched = 0
        w.text.withUnsafeBufferPointer { text in
            for b in w.blocks where b.kind == .heading && b.owner >= 0 && effective[Int(b.owner)] >= 0 {
                let key = normalizedKey(Array(text[Int(b.start)..<Int(b.end)]))
                guard key.count >= Self.titleAnchorMinimum else {
                    if key.count > matched
                        && (shortTitles.contains(key) || (Int(b.linkBytes) * 2 <= b.length && titleParts.contains(key))) {
                        heading = Int(b.owner)
                        matched = key.count
                    }
                    continue
                }
                for titleKey in titleKeys {
                    let shared = key == titleKey || contains(key, titleKey) ? titleKey.count : contains(titleKey, key) ? key.count : 0
                    if shared > matched {
                        heading = Int(b.owner)
                        matched = shared
                    }
                }
            }
        }
        guard heading >= 0 else { return -1 }
        // Text outside links and outside headings (a standfirst under the headline is a
        // heading too on many pages): the body the anchor must reach.
        var bodyText = [Double](repeating: 0, count: elements.count)
        if prose == nil {
            for b in w.blocks where b.owner >= 0 && b.kind != .heading { bodyText[Int(b.owner)] += Double(max(0, b.length - 2 * Int(b.linkBytes))) }
            for i in stride(from: elements.count - 1, through: 0, by: -1) where elements[i].parent >= 0 { bodyText[Int(elements[i].parent)] += bodyText[i] }
        }
        let reach = prose ?? bodyText
        let minimum = Double(prose == nil ? Self.anchorMinimum : Self.namedMinimum)
        var e = Int(elements[heading].parent)
        while e >= 0 && effective[e] >= 0 && elements[e].tag.kind != .body {
            if elements[e].tag.role == .block && reach[e] >= minimum { return e }
            e = Int(elements[e].parent)
        }
        return -1
    }

    /// Whether `element` is `ancestor` or lies below it.
    private func isInside(_ element: Int, _ ancestor: Int, _ elements: [PageElement]) -> Bool {
        var e = element
        while e >= 0 {
            if e == ancestor { return true }
            e = Int(elements[e].parent)
        }
        return false
    }

    /// For every element, whether it is `element` itself, one of its ancestors or below it:
    /// found in one walk up and one pass down (elements come in document order, each after its
    /// parent), where a walk up from each element cost the tree's depth each time: quadratic
    /// in a page of nested boxes.
    static func lineage(of element: Int, _ elements: [PageElement]) -> [Bool] {
        var related = [Bool](repeating: false, count: elements.count)
        var e = element
        while e >= 0 {
            related[e] = true
            e = Int(elements[e].parent)
        }
        var i = element + 1
        // The elements below `element` follow it, each after its parent.
        while i < elements.count, elements[i].parent >= Int32(element), related[Int(elements[i].parent)] {
            related[i] = true
            i += 1
        }
        return related
    }

    /// Whether `needle` occurs in `haystack` (`UTF8Bytes.firstIndex`: linear in both lengths).
    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        UTF8Bytes.firstIndex(of: needle, in: haystack[...], from: 0) != nil
    }

    /// The keys of the titles that may anchor the headline: from `titleAnchorMinimum` to
    /// `titleKeyMaximum` letters and digits. Each heading is looked for inside each title, so a
    /// longer title would cost its length for every heading of the page: time growing with the
    /// square of the page (a 635 KB page of a long `<title>` and short headings took minutes).
    func anchorKeys(_ titles: [String?]) -> [[UInt8]] {
        titles.compactMap { $0.map { normalizedKey(Array($0.utf8)) } }
            .filter { $0.count >= Self.titleAnchorMinimum && $0.count <= Self.titleKeyMaximum }
    }

    /// Whether a title is past `titleKeyMaximum`, so it anchors no headline (the cleanup stage
    /// counts such pages).
    func isTooLongToAnchor(_ title: String?) -> Bool {
        guard let title, title.utf8.count > Self.titleKeyMaximum else { return false }
        return normalizedKey(Array(title.utf8)).count > Self.titleKeyMaximum
    }

    /// Bytes of text outside links a title anchor may hold at most: a page whose best container
    /// scores under `weakScore` has no longer article, so a bigger anchor is the page wrapper
    /// with its comments.
    static let anchorMaximum = 8 * weakScore

    /// A weak choice inside the title anchor is the article's body when it holds at least this
    /// share of the anchor's prose; with less it is a note beside the body (a comment form's
    /// rules under a short story), and the anchor is taken.
    static let bodyShare = 0.5

    /// Bytes of text outside links and headings a title anchor needs (a one-line post).
    static let anchorMinimum = 20

    /// Letters and digits a heading needs to anchor the article by matching the title.
    static let titleAnchorMinimum = 12
    /// Letters and digits a title may have at most to anchor the article: no headline is that
    /// long, and each heading of the page is looked for inside the title.
    static let titleKeyMaximum = 1_000
    /// Letters and digits a shorter heading needs to anchor the article by being a whole part
    /// of the title.
    static let shortHeadlineMinimum = 6

    private func isShortHeadline(_ key: [UInt8]) -> Bool {
        key.count >= Self.shortHeadlineMinimum && key.count < Self.titleAnchorMinimum
    }

    /// The separators that join a page title's parts ("Headline - Site", "Site | Section").
    static let titleSeparators = [" - ", " | ", " – ", " — ", " :: ", " » ", " · ", ": "]

    /// A title and the parts its separators join: "City chic - Ritzy Bee blog" gives itself,
    /// "City chic" and "Ritzy Bee blog".
    static func titleParts(_ title: String) -> [String] {
        var parts = [title]
        for separator in titleSeparators {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        return parts.count > 1 ? [title] + parts : parts
    }

    /// A positive class/id hint below this (one generic word) does not override a boilerplate
    /// ancestor.
    static let strongHint: Int32 = 25

    /// A comments or related-stories label ends the article only when the prose before it is
    /// at least this share of the prose after it (a label above the article is a panel's).
    static let sectionEndShare = 1.0 / 16

    /// Link bytes a comments or related-stories label may hold: one linked mark ("»", "›").
    static let labelMarkLink: Int32 = 3

    /// A best container scoring less than this is a weak choice (about two sentences of prose).
    static let weakScore = 400.0
    /// A class/id hint at least this strong names the article (`post-body entry-content`,
    /// `article-body`); one generic word (`content`, `post`) does not.
    static let namedHint: Int32 = 40
    /// Bytes of text outside links a named element needs to be taken on a weak choice.
    static let namedMinimum = 60

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

    /// What a block adds to the score of the elements that hold it, and its class: prose
    /// (ends like a sentence, or long) is good, link-heavy text is bad, the rest is neutral.
    private func value(_ b: TextBlock, text: UnsafeBufferPointer<UInt8>) -> (Double, BlockClass) {
        let len = Double(b.length)
        let ld = Double(b.linkBytes) / max(len, 1)
        // Link-heavy text is navigation, unless enough words stand outside the links (a list
        // item that starts with a linked headline and goes on in prose).
        if ld > settings.maxLinkDensity && b.length - Int(b.linkBytes) < 2 * settings.shortBlock { return (-len, .bad) }
        // A teaser (a linked headline, then a summary) is a pointer to another page: it neither
        // makes nor breaks a container, and it stays only inside the article's text.
        // A link the sentence runs on past ("<a>Officials confirmed it on Monday,</a> saying …")
        // is prose that starts with a link, not a headline.
        // So is a summary that ends in a link to the rest of its story ("… Read more…").
        if isTeaser(b, text) || (b.length >= Self.readMoreSummaryMinimum
            && settings.readMoreLinks.endsBlock(text, start: Int(b.start), end: Int(b.end), link: Int(b.lastLinkStart)..<Int(b.lastLinkEnd))) { return (0, .neutral) }
        let sentence = endsLikeSentence(text, Int(b.end))
        if b.length >= settings.shortBlock && sentence {
            var v = len * (1 - 2 * ld)
            if b.kind == .caption || b.kind == .figure { v *= 0.3 }
            return (v, ld < 0.3 ? .good : .neutral)
        }
        if b.length >= 5 * settings.shortBlock { return (0.5 * len * (1 - 2 * ld), ld < 0.3 ? .good : .neutral) }
        // A line of Chinese or Japanese without a stop (blogs write prose as lines, a space
        // between clauses) says as much as a long unpunctuated Latin block: prose too.
        if b.linkBytes == 0 && Self.isIdeographicLine(text, Int(b.start), Int(b.end)) { return (0.5 * len, .good) }
        // Short text: page furniture (dates, labels) costs a little; table cells and list items
        // without links are data (a results table) and cost nothing.
        if (b.kind == .cell || b.kind == .listItem) && ld == 0 { return (0, .neutral) }
        return (-5, .neutral)
    }

    /// Whether a link-heavy block is linked prose: a sentence that cites its sources in links
    /// ("Here's <a>what the agency's chief economist told the committee</a> (emphasis mine):")
    /// still holds `linkedProseMinimum` bytes of its own words outside the links, where a
    /// link list's item, a headline or a "Read more" holds none or a word or two. Such a block
    /// between two paragraphs of the article is part of it; elsewhere it is navigation.
    private func isLinkedProse(_ b: TextBlock) -> Bool {
        Double(b.linkBytes) > settings.maxLinkDensity * Double(b.length) && b.length - Int(b.linkBytes) >= Self.linkedProseMinimum
    }

    /// Bytes a block ending in a "Read more" link needs to be a teaser's summary (`ReadMoreLinks`):
    /// a shorter one is the link alone or a label with it.
    static let readMoreSummaryMinimum = 40

    /// Bytes of text outside links a link-heavy block needs to be linked prose (`isLinkedProse`).
    static let linkedProseMinimum = 20

    /// Whether a block has a teaser's shape: it starts with a linked headline (at least 20 bytes)
    /// that text follows, and the sentence does not run on past the link.
    private func isTeaser(_ b: TextBlock, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        b.leadingLinkBytes >= 20 && b.leadingLinkBytes < b.length
            && !Self.sentenceRunsPastLink(text, Int(b.start), Int(b.start) + Int(b.leadingLinkBytes), Int(b.end))
    }

    /// A sentence whose subject is a link ("<a>Acme's new theme</a> is a clean design …"): it
    /// starts with a link (at least 20 bytes) followed by a lower-case word, ends like a
    /// sentence, and is not mostly links. A teaser's summary starts a sentence of its own after
    /// the headline; a call to action under the article ("<a>Join our forums</a> to talk …")
    /// still counts as a teaser for the score, so this only keeps such a sentence when it comes
    /// before the article's first prose block.
    private func opensWithLinkedSubject(_ b: TextBlock, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.leadingLinkBytes >= 20, Int(b.leadingLinkBytes) < b.length,
              Double(b.linkBytes) <= settings.maxLinkDensity * Double(b.length), endsLikeSentence(text, Int(b.end)) else { return false }
        var next = Int(b.start) + Int(b.leadingLinkBytes)
        while next < Int(b.end) && text[next] == 0x20 { next += 1 }
        return next < Int(b.end) && text[next] >= 0x61 && text[next] <= 0x7A
    }

    /// Whether the sentence goes on past a link that starts a block (`text[start..<linkEnd]`,
    /// text follows it before `end`): the link ends in a comma or semicolon, in the middle of a
    /// sentence. A teaser's linked headline ends where its summary starts.
    static func sentenceRunsPastLink(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ linkEnd: Int, _ end: Int) -> Bool {
        var last = min(linkEnd, end) - 1
        while last > start && text[last] == 0x20 { last -= 1 }
        return text[last] == 0x2C || text[last] == 0x3B
    }

    /// Characters of a script written without spaces between words (Chinese, Japanese) a line
    /// needs to count as prose without a stop: about ten English words.
    static let ideographicLineMinimum = 15

    /// Whether `text[start..<end]` holds at least `ideographicLineMinimum` characters from
    /// U+3000–U+D7FF or the full-width forms (three UTF-8 bytes each, lead byte E3–ED or EF) and
    /// those make at least two thirds of its bytes.
    static func isIdeographicLine(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end - start >= 3 * ideographicLineMinimum else { return false }
        var characters = 0
        for i in start..<end {
            let c = text[i]
            if (c >= 0xE3 && c <= 0xED) || c == 0xEF { characters += 1 }
        }
        return characters >= ideographicLineMinimum && 3 * characters * 3 >= 2 * (end - start)
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
        var inQuote = false
        func close() {
            let span = Span(paragraphStart, out.text.count)
            out.paragraphs.append(span)
            if inQuote { out.blockquotes.append(span) }
        }
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
                    close()
                    out.text.append(contentsOf: [0x0A, 0x0A])
                    paragraphStart = out.text.count
                    inQuote = false
                }
                out.text.append(contentsOf: slice)
                if b.kind == .quote { inQuote = true }
                previousOwner = b.owner
            }
        }
        if !out.text.isEmpty { close() }
        return out
    }
}
