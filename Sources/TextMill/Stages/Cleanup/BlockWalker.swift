internal import CLibXML2

/// One element of the page as the scorer sees it.
struct PageElement {
    /// Index of the parent element (-1 for the walk's root).
    var parent: Int32
    var tag: HTMLTag
    /// Summed class/id hint weight of this element alone.
    var hint: Int32
    /// True for `itemprop="articleBody"` / `role="main"` and similar explicit markers.
    var marked: Bool
}

/// A stretch of text between two block boundaries: what becomes one output paragraph.
struct TextBlock {
    /// The innermost block-level element that holds the text.
    var owner: Int32
    /// Byte range in `BlockWalker.text`.
    var start: Int32
    var end: Int32
    /// Bytes of the text that sit inside links.
    var linkBytes: Int32
    /// Bytes of the link the block starts with (0 when it starts with plain text): a teaser
    /// ("<a>Headline</a> summary…") starts with one.
    var leadingLinkBytes: Int32
    /// Byte range in `BlockWalker.text` of the block's last run of link text (empty when it has
    /// no link): a teaser's summary ends with a "Read more…" link.
    var lastLinkStart: Int32 = 0
    var lastLinkEnd: Int32 = 0
    /// Kind of the nearest heading/list/quote/pre/cell/caption ancestor, else the owner's kind.
    var kind: HTMLTag.Kind
    var length: Int { Int(end - start) }
}

/// Walks an HTML tree once, front to back without recursion (pages nest thousands deep), and
/// turns it into elements and text blocks. Whitespace is collapsed as a browser renders it,
/// `&#128;`–`&#159;` become the cp1252 characters browsers show (never C1 controls), no-break
/// spaces become spaces, and script/style/template/noscript/… are skipped with their content
/// (a noscript that swallowed the rest of the page is not: `holdsSwallowedPage`).
/// Block boundaries are decided here from the element names, not from libxml2's tree shape, so
/// HTML4 auto-closing (a `<figure>` that ends up inside a `<p>`) cannot merge two paragraphs.
struct BlockWalker {
    var elements: [PageElement] = []
    var blocks: [TextBlock] = []
    var text: [UInt8] = []

    private let hints: ClassHints
    private let dropHidden: Bool
    /// Walk into `<head>` too (its `title`, `script`, … are still skipped): for pages whose
    /// body text libxml2 put inside the head after a stray tag.
    private let walkHead: Bool
    private var blockStart = 0
    private var blockLinks = 0
    /// Length of the link at the start of the current block, and whether it is still growing.
    private var leadingLink = 0
    private var leading = true
    /// Where the current block's last run of link text starts and ends.
    private var lastLinkStart = 0
    private var lastLinkEnd = 0
    private var pendingSpace = false
    private var linkDepth = 0
    /// For each open `<a>`, whether it is a link: a named anchor without `href` (`<a
    /// name="term">`, a place to jump to) shows its text as plain text. An `<a>` without either
    /// is still a link (a script's button: "Share", "Tweet").
    private var openAnchors: [Bool] = []
    /// Open block-level elements (innermost last) and the kind that labels their text.
    private var ownerStack: [(element: Int32, kind: HTMLTag.Kind)] = []

    init(hints: ClassHints, dropHidden: Bool, walkHead: Bool = false) {
        self.hints = hints
        self.dropHidden = dropHidden
        self.walkHead = walkHead
    }

    /// Walks everything below `root` (the root element itself included).
    mutating func walk(_ root: xmlNodePtr, capacity: Int) {
        text.reserveCapacity(capacity)
        elements.reserveCapacity(capacity / 64)
        blocks.reserveCapacity(capacity / 256)
        var stack: [Int32] = []  // element index for each open element node (-1: not scored)
        var node = root
        var descend = enter(root, &stack)
        walking: while true {
            if descend, let child = node.pointee.children {
                node = child
                descend = enter(child, &stack)
                continue
            }
            // `node` is done: leave it, then climb until a next sibling exists.
            var done = node
            while true {
                if done.pointee.type == XML_ELEMENT_NODE { leave(&stack) }
                if done == root { break walking }
                if let sibling = done.pointee.next {
                    node = sibling
                    descend = enter(sibling, &stack)
                    break
                }
                guard let parent = done.pointee.parent else { break walking }
                done = parent
            }
        }
        flush()
    }

    /// Handles a node on the way down; returns whether to walk its children.
    private mutating func enter(_ node: xmlNodePtr, _ stack: inout [Int32]) -> Bool {
        switch node.pointee.type {
        case XML_TEXT_NODE:
            if let content = node.pointee.content { appendText(content) }
            return false
        case XML_ELEMENT_NODE:
            break
        default:
            return false  // comments, CDATA, processing instructions, DTD nodes
        }
        let tag = HTMLTag.lookup(node.nameBytes)
        if tag.role == .skip && !(walkHead && tag.kind == .head) && !Self.holdsSwallowedPage(node) { stack.append(-1); return false }
        if dropHidden && isHidden(node) { stack.append(-1); return false }
        if tag.role == .lineBreak { flush(); stack.append(-1); return false }
        var hint = 0
        if node.pointee.properties != nil {
            hint += node.withAttribute("class") { hints.weight($0) } ?? 0
            hint += node.withAttribute("id") { hints.weight($0) } ?? 0
        }
        let marked = node.pointee.properties != nil && isMarkedArticle(node)
        let parent = stack.last(where: { $0 >= 0 }) ?? -1
        let index = Int32(elements.count)
        elements.append(PageElement(parent: parent, tag: tag, hint: Int32(clamping: hint), marked: marked))
        stack.append(index)
        if tag.role == .block {
            flush()
            let inherited = ownerStack.last?.kind ?? .other
            ownerStack.append((index, labelled(tag.kind, inside: inherited)))
        } else if tag.kind == .link {
            let isLink = node.pointee.properties == nil || node.withAttribute("href") { _ in true } == true
                || node.withAttribute("name") { _ in true } == nil
            openAnchors.append(isLink)
            if isLink { linkDepth += 1 }
        }
        return true
    }

    /// Whether `node` is a `<noscript>` that swallowed the page: libxml2 keeps a noscript open
    /// past its `</noscript>` when an element inside it was left unclosed (`<noscript><div
    /// id="nav"></noscript>`), and everything after it, the article included, then lies inside
    /// it. Such a noscript holds at least `swallowedPageMinimum` bytes of text and is walked like
    /// any element; a real one holds a line ("Please enable JavaScript") and a tracking image.
    /// Counting stops at the minimum, so a real noscript costs a look at its few nodes.
    static func holdsSwallowedPage(_ node: xmlNodePtr) -> Bool {
        guard node.nameBytes.elementsEqual("noscript".utf8, by: { $0 | 0x20 == $1 }), let first = node.pointee.children else { return false }
        var bytes = 0
        var current = first
        while true {
            var descend = false
            switch current.pointee.type {
            case XML_TEXT_NODE:
                if let content = current.pointee.content { bytes += Int(xmlStrlen(content)) }
                if bytes >= swallowedPageMinimum { return true }
            case XML_ELEMENT_NODE:
                descend = HTMLTag.lookup(current.nameBytes).role != .skip
            default:
                break
            }
            if descend, let child = current.pointee.children { current = child; continue }
            // Climb until a next sibling exists, never above the noscript.
            while current.pointee.next == nil {
                guard let parent = current.pointee.parent, parent != node else { return false }
                current = parent
            }
            current = current.pointee.next!
        }
    }

    /// Bytes of text a `<noscript>` holds when it swallowed the page (`holdsSwallowedPage`).
    static let swallowedPageMinimum = 2_000

    /// The label of text inside `kind` nested in `outer`: headings, captions, quotes and
    /// preformatted text keep their label inside wrappers (a `<p>` inside a `<blockquote>`).
    private func labelled(_ kind: HTMLTag.Kind, inside outer: HTMLTag.Kind) -> HTMLTag.Kind {
        switch outer {
        case .heading, .caption, .pre: return outer
        case .quote: return kind == .heading ? .heading : .quote
        case .figure: return kind == .paragraph || kind == .division || kind == .other ? .caption : kind
        default: return kind
        }
    }

    private mutating func leave(_ stack: inout [Int32]) {
        guard let index = stack.popLast(), index >= 0 else { return }
        let tag = elements[Int(index)].tag
        if tag.role == .block {
            flush()
            if ownerStack.last?.element == index { ownerStack.removeLast() }
        } else if tag.kind == .link {
            if openAnchors.popLast() == true { linkDepth -= 1 }
        }
    }

    /// Ends the current block.
    private mutating func flush() {
        pendingSpace = false
        guard text.count > blockStart else { return }
        let owner = ownerStack.last ?? (element: -1, kind: .other)
        blocks.append(TextBlock(owner: owner.element, start: Int32(blockStart), end: Int32(text.count),
                                linkBytes: Int32(blockLinks), leadingLinkBytes: Int32(leadingLink),
                                lastLinkStart: Int32(lastLinkStart), lastLinkEnd: Int32(lastLinkEnd), kind: owner.kind))
        blockStart = text.count
        blockLinks = 0
        leadingLink = 0
        leading = true
        lastLinkStart = 0
        lastLinkEnd = 0
    }

    /// Appends a text node's content with HTML whitespace collapsing.
    private mutating func appendText(_ content: UnsafePointer<xmlChar>) {
        let before = text.count
        var p = content
        while true {
            let c = p.pointee
            if c == 0 { break }
            if c > 0x20 && c != 0xC2 {
                // A run of bytes that need no look (no space, control or C2 lead byte): one copy.
                var q = p + 1
                while q.pointee > 0x20 && q.pointee != 0xC2 { q += 1 }
                if pendingSpace { text.append(0x20); pendingSpace = false }
                text.append(contentsOf: UnsafeBufferPointer(start: p, count: q - p))
                p = q
                continue
            }
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C {
                if text.count > blockStart { pendingSpace = true }
                p += 1
                continue
            }
            if c == 0xC2 {
                let d = p[1]
                if d == 0xA0 {  // no-break space
                    if text.count > blockStart { pendingSpace = true }
                    p += 2
                    continue
                }
                if d >= 0x80 && d <= 0x9F {  // C1 control from &#128;–&#159;: browsers show cp1252
                    if pendingSpace { text.append(0x20); pendingSpace = false }
                    UTF8Bytes.append(TextDecoding.cp1252Scalar(d), to: &text)
                    p += 2
                    continue
                }
            }
            if c < 0x20 { p += 1; continue }
            if pendingSpace { text.append(0x20); pendingSpace = false }
            text.append(c)
            p += 1
        }
        let added = text.count - before
        if linkDepth > 0 {
            blockLinks += added
            if leading { leadingLink += added }
            if added > 0 {
                if before != lastLinkEnd || lastLinkEnd == 0 { lastLinkStart = before }
                lastLinkEnd = text.count
            }
        } else if added > 0 {
            leading = false
        }
    }

    /// `hidden`, `aria-hidden="true"` or an inline `display:none` / `visibility:hidden`.
    private func isHidden(_ node: xmlNodePtr) -> Bool {
        guard node.pointee.properties != nil else { return false }
        var attr = node.pointee.properties
        while let a = attr {
            if let name = a.pointee.name {
                if UnsafeMutablePointer<xmlNode>.equal(name, "hidden") { return true }
                if UnsafeMutablePointer<xmlNode>.equal(name, "style") {
                    if node.withAttribute("style", { Self.styleHides($0) }) == true { return true }
                } else if UnsafeMutablePointer<xmlNode>.equal(name, "aria-hidden") {
                    if node.withAttribute("aria-hidden", { $0.count == 4 && $0[0] | 0x20 == 0x74 }) == true { return true }
                }
            }
            attr = a.pointee.next
        }
        return false
    }

    static func styleHides(_ style: UnsafeBufferPointer<UInt8>) -> Bool {
        // Squeeze out spaces and lower-case, then look for the two declarations.
        var squeezed: [UInt8] = []
        squeezed.reserveCapacity(style.count)
        for c in style where c != 0x20 && c != 0x09 { squeezed.append(c | (c >= 0x41 && c <= 0x5A ? 0x20 : 0)) }
        return contains(squeezed, "display:none") || contains(squeezed, "visibility:hidden")
    }

    private static func contains(_ hay: [UInt8], _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard hay.count >= n else { return false }
        let p = needle.utf8Start
        outer: for i in 0...(hay.count - n) {
            for k in 0..<n where hay[i + k] != p[k] { continue outer }
            return true
        }
        return false
    }

    /// `itemprop="articleBody"`, `role="main"` or `role="article"`.
    private func isMarkedArticle(_ node: xmlNodePtr) -> Bool {
        if node.withAttribute("itemprop", { Self.containsCaseless($0, "articlebody") }) == true { return true }
        return false
    }

    static func containsCaseless(_ hay: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard hay.count >= n else { return false }
        let p = needle.utf8Start
        outer: for i in 0...(hay.count - n) {
            for k in 0..<n where hay[i + k] | 0x20 != p[k] { continue outer }
            return true
        }
        return false
    }
}
