/// The walk over an HTML page that finds each `<!` where libxml2's HTML parser reads markup:
/// not inside a comment, a processing instruction, a tag (its attribute values may hold `<!`),
/// or an element whose content is text or code (`rawText`). `DoctypeDeclaration` (subsets libxml2
/// would end too early) and `BogusComments` (`<![if …]>` it would keep as text) blank what they
/// find through it. Linear in the page.
enum MarkupDeclarationWalk {
    /// Calls `declaration` with the index of each `<!` that opens no comment, in page order; it
    /// returns the index to go on from (past what it read), or nil to stop the walk. `rawText`
    /// names (lower case) the elements whose content is skipped to their end tag.
    static func forEach(_ b: [UInt8], rawText: [StaticString], _ declaration: (Int) -> Int?) {
        var i = 0
        let n = b.count
        while i < n {
            guard let lt = b[i...].firstIndex(of: 0x3C) else { return }
            i = lt + 1
            if UTF8Bytes.starts(b, lt, "<!--") { i = UTF8Bytes.after(b, "-->", from: lt + 4) ?? n; continue }
            if UTF8Bytes.starts(b, lt, "<!") {
                guard let next = declaration(lt) else { return }
                i = next
                continue
            }
            if UTF8Bytes.starts(b, lt, "<?") { i = UTF8Bytes.after(b, ">", from: lt + 2) ?? n; continue }
            let closing = UTF8Bytes.starts(b, lt, "</")
            let nameStart = closing ? lt + 2 : lt + 1
            guard nameStart < n, DoctypeDeclaration.isLetter(b[nameStart]) else { continue }  // a "<" that is text
            i = DoctypeDeclaration.tagEnd(b, from: nameStart)
            if !closing, let name = rawText.first(where: { DoctypeDeclaration.nameIs(b, nameStart, $0) }) {
                let closer = Array("</".utf8) + UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
                i = UTF8Bytes.after(b, closer, from: i, caseless: true) ?? n
            }
        }
    }
}
