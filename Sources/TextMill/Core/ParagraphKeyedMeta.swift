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

    /// A list of `places` in a document's `meta`, and its length.
    struct List: Equatable {
        var object: String, list: String, count: Int
        /// As a user reads it: `meta.language.paragraphs`.
        var name: String { "meta.\(object).\(list)" }
    }

    /// The lists of `places` that hold one entry a paragraph of `document` as it stands.
    static func listsInStep(_ document: Document) -> [List] {
        var found: [List] = []
        var paragraphs: Int?
        for place in places {
            guard let list = document.meta[place.object]?.objectValue?[place.list]?.arrayValue else { continue }
            let count = paragraphs ?? paragraphCount(document)
            paragraphs = count
            if list.count == count { found.append(List(object: place.object, list: place.list, count: count)) }
        }
        return found
    }

    /// Why a list in step with the paragraphs before a stage (`listsInStep`) is not after it, or
    /// nil when each still is (or is gone): the stage made the paragraphs anew (an exec plugin
    /// answering with its own), and the entries would stand for paragraphs no longer there.
    static func drift(_ document: Document, from before: [List], stage: String) -> String? {
        guard !before.isEmpty else { return nil }
        let paragraphs = paragraphCount(document)
        // A list the stage removed stands for no paragraphs: only one left the wrong length is wrong.
        for b in before {
            guard let entries = document.meta[b.object]?.objectValue?[b.list]?.arrayValue?.count, entries != paragraphs else { continue }
            return "\(MessageText.quoted(stage)) changed the paragraphs (\(b.count) before it, \(paragraphs) after), but \(b.name) "
                + "(one entry a paragraph, as 'language' with paragraphs: true writes it) holds \(MessageText.counted(entries, "entry", plural: "entries")): "
                + "its entries would no longer stand for the paragraphs; have the stage answer with \(b.name) in step with its paragraphs "
                + "(or leave the paragraphs as they were, or drop the list), or move the stage that writes it below \(MessageText.quoted(stage))"
        }
        return nil
    }

    /// The paragraphs of a document: its own, or its blank-line paragraphs when no stage set
    /// them (as `language` counts them).
    private static func paragraphCount(_ document: Document) -> Int {
        document.paragraphs?.count ?? Paragraphs.spans(in: document.text).count
    }
}
