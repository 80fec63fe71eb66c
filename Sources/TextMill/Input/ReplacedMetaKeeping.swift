/// Keeping a `meta` value a stage replaces: the record's `input` object holds it (DESIGN.md: an
/// input field whose name TextMill owns "is never dropped silently: what becomes of it is
/// documented and counted"). The `language` stage replaces `meta.language` (and
/// `meta.declared_language`) with its own answer; the value the record came with is kept under
/// `input.meta`, as the reader keeps a `meta` value the schema does not accept
/// (`MetaValueTypes`), and counted under `run.input_fields_moved` as `meta`.
extension Document {
    /// The `input` objects a replaced value goes to, in order: `meta`, or `metadata` when
    /// `input.meta` already holds the key (the reader kept `meta`'s own value there, so the
    /// replaced one was merged from `metadata`).
    static let replacedMetaPlaces = ["meta", "metadata"]

    /// Keeps `value`, the `meta` value under `key` a stage is about to replace, under
    /// `input.meta` (or `input.metadata`, see `replacedMetaPlaces`). Returns the name of the
    /// `input` object to count when it is new to the record, else nil. When `input` is no object
    /// or both places hold the key (only a plugin's fields can make that), the value stays
    /// where it is and the result is nil: the caller must then not replace it.
    mutating func keepReplacedMeta(_ key: String, _ value: JSONValue) -> (kept: Bool, counted: String?) {
        let given = extra[InputFields.key]
        guard given == nil || given?.objectValue != nil else { return (false, nil) }
        let input = given?.objectValue ?? JSONObject()
        guard let place = Self.replacedMetaPlaces.first(where: { name in
            input[name] == nil || input[name]?.objectValue.map { $0[key] == nil } == true
        }) else { return (false, nil) }
        var kept = input[place]?.objectValue ?? JSONObject()
        kept[key] = value
        // The members from the changed one on, in the reader's order (`meta`, then `metadata`):
        // written anew by the reader, so the text of those before them is kept as it came.
        var pairs = Array(input)
        let index: Int
        if let at = pairs.firstIndex(where: { $0.key == place }) {
            index = at
            pairs[at].value = .object(kept)
        } else {
            index = place == "meta" ? pairs.firstIndex(where: { $0.key == "metadata" }) ?? pairs.count : pairs.count
            pairs.insert((place, .object(kept)), at: index)
        }
        let updated = JSONObject(pairs.map { ($0.key, $0.value) })
        if given == nil {
            extra.appendUnchecked(InputFields.key, .object(updated))
        } else {
            extra[InputFields.key] = .object(updated)
        }
        if let written = extraText[InputFields.key] {
            extraText[InputFields.key] = Self.rewritten(written, as: updated, from: index)
        }
        return (true, input[place] == nil && place == "meta" ? place : nil)
    }

    /// `written` (an object's text) with its members from `index` on written as `updated`'s, or
    /// nil when its text does not end in those members written anew (the object is then written
    /// anew whole).
    static func rewritten(_ written: WrittenValue, as updated: JSONObject, from index: Int) -> WrittenValue? {
        guard let old = written.value.objectValue else { return nil }
        func tail(_ o: JSONObject) -> [UInt8] {
            var w = JSONWriter()
            for (n, (k, v)) in o.enumerated() where n >= index {
                if n > 0 { w.byte(0x2C) }
                w.key(k)
                w.value(v)
            }
            w.byte(0x7D)
            return w.bytes
        }
        let text = Array(written.text.utf8), oldTail = tail(old)
        guard text.count >= oldTail.count, text.suffix(oldTail.count).elementsEqual(oldTail) else { return nil }
        return WrittenValue(value: .object(updated), text: String(decoding: text.dropLast(oldTail.count) + tail(updated), as: UTF8.self))
    }
}
