internal import CLibXML2

/// An XPath evaluator over one parsed document, with namespace prefixes registered.
final class XPathContext {
    private let context: xmlXPathContextPtr

    /// Makes a context; `namespaces` maps prefixes to URIs. The prefixes declared on the root
    /// element are registered too, so `dc:creator` works without configuration.
    init?(_ markup: ParsedMarkup, namespaces: [String: String]) {
        guard let ctx = xmlXPathNewContext(markup.doc) else { return nil }
        ctx.pointee.error = tm_silentStructuredError
        context = ctx
        if let root = markup.root {
            var ns = root.pointee.nsDef
            while let n = ns {
                if let prefix = n.pointee.prefix, let href = n.pointee.href { _ = xmlXPathRegisterNs(ctx, prefix, href) }
                ns = n.pointee.next
            }
        }
        for (prefix, uri) in namespaces { _ = xmlXPathRegisterNs(ctx, prefix, uri) }
    }

    deinit { xmlXPathFreeContext(context) }

    /// Checks that an expression compiles; returns libxml2's complaint otherwise.
    static func check(_ expression: String) -> String? {
        LibXML.initialize()
        guard let ctx = xmlXPathNewContext(nil) else { return nil }
        defer { xmlXPathFreeContext(ctx) }
        ctx.pointee.error = tm_silentStructuredError
        guard let compiled = xmlXPathCtxtCompile(ctx, expression) else { return "not a valid XPath expression" }
        xmlXPathFreeCompExpr(compiled)
        return nil
    }

    /// The nodes an expression selects (relative to `node` when given).
    func nodes(_ expression: String, from node: xmlNodePtr? = nil) -> [xmlNodePtr] {
        guard let result = evaluate(expression, node) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET, let set = result.pointee.nodesetval else { return [] }
        var out: [xmlNodePtr] = []
        for i in 0..<Int(set.pointee.nodeNr) {
            if let n = set.pointee.nodeTab[i] { out.append(n) }
        }
        return out
    }

    /// The string value of an expression (first node's text for node sets), or nil when empty.
    func string(_ expression: String, from node: xmlNodePtr? = nil) -> String? {
        guard let result = evaluate(expression, node) else { return nil }
        defer { xmlXPathFreeObject(result) }
        if result.pointee.type == XPATH_NODESET {
            guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let first = set.pointee.nodeTab[0] else { return nil }
            let s = first.textContent
            return s.isEmpty ? nil : s
        }
        guard let value = xmlXPathCastToString(result) else { return nil }
        defer { tm_xmlFree(value) }
        let s = String(cString: value)
        return s.isEmpty ? nil : s
    }

    private func evaluate(_ expression: String, _ node: xmlNodePtr?) -> xmlXPathObjectPtr? {
        if let node { return xmlXPathNodeEval(node, expression, context) }
        return xmlXPathEvalExpression(expression, context)
    }
}
