/// Lists in `meta` that hold one entry a paragraph, in the order of the paragraphs
/// (`meta.language.paragraphs`: `language` with `paragraphs: true`), kept in step with the
/// paragraphs when an edit removes some of them.
///
/// dedup's boilerplate removal cuts whole paragraphs out of the text: each entry of a paragraph
/// that vanishes goes with it, so the entries still stand for the paragraphs left (before, a
/// page of English, a newsletter line and French kept ["en", "en", "fr"] beside its two
/// paragraphs once the line was cut, the French one under "en"). A stage that makes the
/// paragraphs anew (normalize) cannot be followed: the config checker refuses it after such a
/// stage (`StageTraits.perParagraphOption`).
enum ParagraphKeyedMeta {
    /// Where such lists are: an object of `meta` by its key, and the list's key inside it.
    static let places: [(object: String, list: String)] = [("language", "paragraphs")]

    /// Drops from each list the entries of the paragraphs that `map` removes.
    ///
    /// `paragraphs` are the paragraphs before the edit (the document's, or its blank-line
    /// paragraphs when no stage set them, as `language` counts them). A list whose length is not
    /// the paragraphs' count was not written for them (a field of the input) and is left as it is.
    static func carry(_ meta: inout JSONObject, paragraphs: () -> [Span], through map: OffsetMap) {
        var before: [Span]?
        for place in places {
            guard var object = meta[place.object]?.objectValue, let list = object[place.list]?.arrayValue else { continue }
            let spans = before ?? paragraphs()
            before = spans
            guard list.count == spans.count else { continue }
            var kept: [JSONValue] = []
            kept.reserveCapacity(list.count)
            for (entry, span) in zip(list, spans) where map.remap(span) != nil { kept.append(entry) }
            guard kept.count != list.count else { continue }
            object[place.list] = .array(kept)
            meta[place.object] = .object(object)
        }
    }
}
