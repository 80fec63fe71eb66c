internal import CLibXML2

/// Small read-only helpers over libxml2 nodes. They never copy more than asked for.
extension UnsafeMutablePointer where Pointee == xmlNode {
    /// True for element nodes.
    var isElement: Bool { pointee.type == XML_ELEMENT_NODE }

    /// The local name as UTF-8 bytes (HTML names are lower case already).
    var nameBytes: UnsafeBufferPointer<UInt8> {
        guard let name = pointee.name else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: name, count: Int(xmlStrlen(name)))
    }

    /// The local name as a string.
    var localName: String { pointee.name.map { String(cString: $0) } ?? "" }

    /// The namespace URI of the element, if any.
    var namespaceURI: String? { pointee.ns?.pointee.href.map { String(cString: $0) } }

    /// The value of an attribute without namespace (`class`, `href`), or nil.
    func attribute(_ name: String) -> String? {
        guard let value = xmlGetNoNsProp(self, name) else { return nil }
        defer { tm_xmlFree(value) }
        return String(cString: value)
    }

    /// Calls `body` with the bytes of an attribute value, without copying when the value is a
    /// single text node (the usual case). Returns nil when the attribute is absent.
    func withAttribute<R>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        var attr = pointee.properties
        while let a = attr {
            if let n = a.pointee.name, Self.equal(n, name) {
                guard let child = a.pointee.children else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
                if child.pointee.next == nil, let content = child.pointee.content {
                    return body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                }
                guard let joined = xmlNodeListGetString(pointee.doc, child, 1) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
                defer { tm_xmlFree(joined) }
                return body(UnsafeBufferPointer(start: joined, count: Int(xmlStrlen(joined))))
            }
            attr = a.pointee.next
        }
        return nil
    }

    /// All text below this node, concatenated (libxml2's string value).
    var textContent: String {
        guard let content = xmlNodeGetContent(self) else { return "" }
        defer { tm_xmlFree(content) }
        return String(cString: content)
    }

    /// All text below this element, as `textContent` has it, but with a line break between two
    /// elements that stand side by side (nothing but a comment between them) inside an element
    /// that holds no text of its own: element content, as `<body><p>One.</p><p>Two.</p></body>`.
    /// `textContent` glued their words ("One.Two.", a list's items "onetwo") in XML written
    /// without white space between its elements; inside text (`<p>un<b>usual</b></p>`) nothing
    /// is added, and white space already between elements is kept as it is. Walks the tree
    /// without recursion: an XML file may nest elements thousands deep.
    var separatedTextContent: String {
        guard isElement else { return textContent }
        var out: [UInt8] = []
        // For each element entered, whether its children are element content.
        var elementContent: [Bool] = [holdsNoText]
        var node = pointee.children
        while let n = node {
            switch n.pointee.type {
            case XML_ELEMENT_NODE:
                if elementContent.last == true && n.followsElement { out.append(0x0A) }
                if let first = n.pointee.children {
                    elementContent.append(n.holdsNoText)
                    node = first
                    continue
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = n.pointee.content {
                    out.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                }
            case XML_ENTITY_REF_NODE:
                // The entity's text, as `textContent` takes it.
                if let content = xmlNodeGetContent(n) {
                    out.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                    tm_xmlFree(content)
                }
            default:
                break // comments and processing instructions hold no text of the document
            }
            // The next sibling, else the next of the nearest ancestor that has one, below self.
            var current = n
            while current.pointee.next == nil {
                guard let parent = current.pointee.parent, parent != self else { return String(decoding: out, as: UTF8.self) }
                elementContent.removeLast()
                current = parent
            }
            node = current.pointee.next
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether no child is text with a character other than white space (or an entity reference).
    private var holdsNoText: Bool {
        var child = pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content {
                    var i = 0
                    while content[i] != 0 {
                        let b = content[i]
                        if b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return false }
                        i += 1
                    }
                }
            case XML_ENTITY_REF_NODE:
                return false
            default:
                break
            }
            child = c.pointee.next
        }
        return true
    }

    /// Whether the sibling before this node, past comments and processing instructions, is an element.
    private var followsElement: Bool {
        var previous = pointee.prev
        while let p = previous {
            if p.isElement { return true }
            if p.pointee.type != XML_COMMENT_NODE && p.pointee.type != XML_PI_NODE { return false }
            previous = p.pointee.prev
        }
        return false
    }

    /// The markup of this node's children serialised back to text (for HTML held inside XML
    /// elements: `<content:encoded>`, Atom `type="xhtml"`).
    var innerMarkup: String {
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        var child = pointee.children
        while let c = child {
            xmlNodeDump(buffer, pointee.doc, c, 0, 0)
            child = c.pointee.next
        }
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }

    /// The element children, in order.
    var elementChildren: [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = pointee.children
        while let c = child {
            if c.isElement { out.append(c) }
            child = c.pointee.next
        }
        return out
    }

    /// The first element child with this local name.
    func firstChild(named name: String) -> xmlNodePtr? {
        var child = pointee.children
        while let c = child {
            if c.isElement && c.localName == name { return c }
            child = c.pointee.next
        }
        return nil
    }

    /// 1-based line of the node in its source (0 when unknown).
    var line: Int { Int(xmlGetLineNo(self)) }

    static func equal(_ a: UnsafePointer<xmlChar>, _ b: StaticString) -> Bool {
        let n = b.utf8CodeUnitCount
        let p = b.utf8Start
        for i in 0..<n where a[i] != p[i] { return false }
        return a[n] == 0
    }
}
