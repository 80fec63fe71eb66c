internal import CLibXML2

/// Bounds what the entity references of a parsed XML document expand to, before anything reads
/// its text (`xmlNodeGetContent`, attribute values, XPath strings all expand references).
///
/// A document's own `<!ENTITY …>` declarations can make a few hundred bytes stand for gigabytes
/// ("billion laughs": entities of ten references to the entity before), or one large entity can be
/// referenced tens of thousands of times. libxml2 keeps such references as nodes in the tree and
/// expands them only when text is read, so the tree is measured here first: every entity's
/// expanded size once (memoised, so the measure is linear in the tree and the declarations), then
/// every reference in content and attribute values. A document over either limit fails alone with
/// a reason that names entity expansion; nothing is expanded.
struct EntityExpansionLimits: Sendable {
    /// Most bytes all references of a document may expand to: `amplification` times the file's
    /// size, but never less than `floorBytes` (libxml2's own rule is 10×).
    var amplification: Int = 10
    var floorBytes: Int = 1 << 20
    /// Most references expanded in a document, nested ones counted each time they are reached.
    var maxReferences: Int = 100_000
    /// Deepest nesting of entities within entities (libxml2 stops at 40).
    var maxDepth: Int = 40

    /// The byte budget for a file of `inputBytes` bytes.
    func maxBytes(inputBytes: Int) -> Int {
        let (scaled, overflow) = inputBytes.multipliedReportingOverflow(by: amplification)
        return max(floorBytes, overflow ? Int.max : scaled)
    }

    static let standard = EntityExpansionLimits()
}

/// What a document's entity references expand to.
struct EntityExpansion: Sendable, Equatable {
    /// Bytes of text the references expand to (saturating).
    var bytes = 0
    /// References expanded, nested ones counted each time (saturating).
    var references = 0
    /// True when an entity refers to itself, or nesting passes the depth limit.
    var loopOrTooDeep = false

    mutating func add(_ other: EntityExpansion, times: Int = 1) {
        bytes = EntityExpansion.saturatingAdd(bytes, EntityExpansion.saturatingMultiply(other.bytes, times))
        references = EntityExpansion.saturatingAdd(references, EntityExpansion.saturatingMultiply(other.references, times))
        loopOrTooDeep = loopOrTooDeep || other.loopOrTooDeep
    }

    static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    static func saturatingMultiply(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : product
    }

    /// Measures every entity reference of `doc` (content and attribute values).
    static func measure(_ doc: xmlDocPtr, limits: EntityExpansionLimits = .standard) -> EntityExpansion {
        var meter = Meter(doc: doc, limits: limits)
        return meter.measureList(doc.pointee.children, depth: 0)
    }

    /// Throws a `DocumentError` naming entity expansion when `doc`'s references expand past the
    /// limits for a file of `inputBytes` bytes.
    static func check(_ doc: xmlDocPtr, inputBytes: Int, limits: EntityExpansionLimits = .standard) throws(DocumentError) {
        let expansion = measure(doc, limits: limits)
        let budget = limits.maxBytes(inputBytes: inputBytes)
        if expansion.loopOrTooDeep {
            throw DocumentError("XML entity expansion refused: an entity refers to itself or entities nest more than \(limits.maxDepth) deep; the file is refused unread")
        }
        if expansion.bytes > budget || expansion.references > limits.maxReferences {
            let size = expansion.bytes == Int.max ? "more than \(Int.max >> 20) MB" : "\(MessageText.megabytes(expansion.bytes, up: true)) MB"
            let refs = expansion.references == Int.max ? "more than \(Int.max)" : "\(expansion.references)"
            throw DocumentError("XML entity expansion refused: the file's entity references would expand to \(size) in \(refs) references, above the limit of \(MessageText.megabytes(budget)) MB (\(limits.amplification)× the file, at least \(limits.floorBytes >> 20) MB) or \(limits.maxReferences) references (an entity-expansion bomb such as 'billion laughs'); the file is refused unread")
        }
    }

    /// Walks node lists without recursion into elements (documents can nest deeply); recursion
    /// happens only into entity declarations, whose depth is bounded by `maxDepth`.
    private struct Meter {
        let doc: xmlDocPtr
        let limits: EntityExpansionLimits
        /// Expanded size of each entity declaration met so far.
        var known: [UnsafeMutableRawPointer: EntityExpansion] = [:]
        /// Entities being measured (a reference back to one is a loop).
        var open: Set<UnsafeMutableRawPointer> = []

        init(doc: xmlDocPtr, limits: EntityExpansionLimits) {
            self.doc = doc
            self.limits = limits
        }

        /// The expansion of a sibling list and everything below it.
        mutating func measureList(_ first: xmlNodePtr?, depth: Int) -> EntityExpansion {
            var total = EntityExpansion()
            guard let first else { return total }
            let top = first.pointee.parent
            var node: xmlNodePtr? = first
            while let n = node {
                switch n.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if depth > 0, let content = n.pointee.content {
                        total.bytes = saturatingAdd(total.bytes, Int(xmlStrlen(content)))
                    }
                case XML_ENTITY_REF_NODE:
                    total.add(reference(n, depth: depth))
                case XML_ELEMENT_NODE:
                    var attr = n.pointee.properties
                    while let a = attr {
                        if let children = a.pointee.children {
                            total.add(measureList(children, depth: depth))
                        }
                        attr = a.pointee.next
                    }
                default:
                    break
                }
                if total.loopOrTooDeep || total.references > limits.maxReferences { return total }
                // Next node in document order, staying below `top`; entity references are
                // measured through their declaration, never by walking into them.
                if n.pointee.type != XML_ENTITY_REF_NODE, n.pointee.type != XML_ATTRIBUTE_NODE,
                   let child = n.pointee.children, n.pointee.type == XML_ELEMENT_NODE {
                    node = child
                    continue
                }
                var cursor: xmlNodePtr? = n
                node = nil
                while let c = cursor {
                    if let next = c.pointee.next { node = next; break }
                    let parent = c.pointee.parent
                    if parent == top || parent == nil { break }
                    cursor = parent
                }
            }
            return total
        }

        /// One reference: one more reference, plus its entity's expansion.
        mutating func reference(_ ref: xmlNodePtr, depth: Int) -> EntityExpansion {
            var result = EntityExpansion(bytes: 0, references: 1)
            guard let name = ref.pointee.name, let entity = xmlGetDocEntity(doc, name) else { return result }
            let key = UnsafeMutableRawPointer(entity)
            if let measured = known[key] {
                result.add(measured)
                return result
            }
            if open.contains(key) || depth >= limits.maxDepth {
                result.loopOrTooDeep = true
                return result
            }
            open.insert(key)
            var inner = measureList(entity.pointee.children, depth: depth + 1)
            if entity.pointee.children == nil, let content = entity.pointee.content {
                // Never parsed into nodes (used only where libxml2 copies the text): its literal text.
                inner.bytes = saturatingAdd(inner.bytes, Int(xmlStrlen(content)))
            }
            open.remove(key)
            known[key] = inner
            result.add(inner)
            return result
        }
    }
}
