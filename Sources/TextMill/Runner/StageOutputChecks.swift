/// What a check of a stage's work is given besides the document: the stage's name, the text's
/// size before the stage, the run's text limit and the one-entry-a-paragraph lists that were in
/// step before it (`ParagraphKeyedMeta.listsInStep`).
struct StageOutputFacts {
    let stage: String
    let bytesBefore: Int
    let maxDocumentBytes: Int
    let listsInStep: [ParagraphKeyedMeta.List]
}

/// One named check of what a stage left in a document (`Pipeline.run`): it returns why the
/// document cannot go on (the errors file's reason), or nil.
struct StageOutputCheck: Sendable {
    /// The stages a check applies to.
    enum Scope: Sendable {
        /// Every stage, built-in or not.
        case allStages
        /// Stages from outside TextMill (`Pipeline.Step.checksSpans`): the built-in ones are held
        /// to these rules by their tests, and `exec` checks what its program answers itself.
        case stagesFromOutside
    }

    let name: String
    let scope: Scope
    let refusal: @Sendable (Document, StageOutputFacts) -> String?

    /// The checks, applied in this order; the first refusal fails the document.
    static let all: [StageOutputCheck] = [.textGrowth, .spansFitText, .paragraphListsInStep, .noExtraFieldTheWriterOwns,
                                          .valuesWritable, .textValidUTF8, .metaTypesAsSchema]

    /// Refuses a text that grew past `max_document_mb` in this stage (a text already above it, as
    /// read, is not the stage's doing): the reader bounds every document by it, and a stage
    /// must not undo that bound. All stages.
    static let textGrowth = StageOutputCheck(name: "text growth", scope: .allStages) { doc, facts in
        guard doc.text.count > facts.maxDocumentBytes && doc.text.count > facts.bytesBefore else { return nil }
        return TextGrowth.error(bytes: doc.text.count, stage: facts.stage, limit: facts.maxDocumentBytes).message
    }

    /// Refuses a span outside the text or cutting a character in two (`Document.firstInvalidSpan`):
    /// the writer would write offsets that point at nothing, or at half a character.
    /// Stages from outside only.
    static let spansFitText = StageOutputCheck(name: "spans fit the text", scope: .stagesFromOutside) { doc, facts in
        doc.firstInvalidSpan().map { "\(MessageText.quoted(facts.stage)) left a span that does not fit the text: \($0)" }
    }

    /// Refuses paragraphs made anew while a one-entry-a-paragraph list (`meta.language.paragraphs`)
    /// keeps the old count (`ParagraphKeyedMeta.drift`): its entries would stand for paragraphs no
    /// longer there. All stages.
    static let paragraphListsInStep = StageOutputCheck(name: "paragraph lists in step", scope: .allStages) { doc, facts in
        ParagraphKeyedMeta.drift(doc, from: facts.listsInStep, stage: facts.stage)
    }

    /// Refuses an extra field the writer writes itself (`Document.extraFieldTheWriterOwns`): the
    /// record would hold the key twice, and readers take either. Stages from outside only.
    static let noExtraFieldTheWriterOwns = StageOutputCheck(name: "no extra field the writer owns", scope: .stagesFromOutside) { doc, facts in
        doc.extraFieldTheWriterOwns().map {
            "\(MessageText.quoted(facts.stage)) put \(MessageText.quoted($0)) among the document's extra fields, a field TextMill writes itself (the record would hold it twice): set the document's own property, or give the field another name"
        }
    }

    /// Refuses a `meta` or extra value that cannot be written as JSON that reads back (NaN, nesting
    /// too deep: `Document.firstUnwritableValue`). Stages from outside only.
    static let valuesWritable = StageOutputCheck(name: "values writable", scope: .stagesFromOutside) { doc, facts in
        doc.firstUnwritableValue().map {
            "\(MessageText.quoted(facts.stage)) left a value the record cannot hold, in its \($0): build numbers with JSONValue(Int) or JSONValue(Double), and nest values less deeply"
        }
    }

    /// Refuses text that is not valid UTF-8 (`Document.firstInvalidTextByte`): the writer would
    /// copy the bytes into the output as they are. Stages from outside only.
    static let textValidUTF8 = StageOutputCheck(name: "text valid UTF-8", scope: .stagesFromOutside) { doc, facts in
        doc.firstInvalidTextByte().map {
            "\(MessageText.quoted(facts.stage)) left text that is not valid UTF-8 (\($0)): a document's text must stay valid UTF-8; decode what the stage adds, e.g. Array(String(decoding: bytes, as: UTF8.self).utf8)"
        }
    }

    /// Refuses a `meta` value of another type than the record's schema gives its key
    /// (`Document.firstSchemaRefusal`): the record would not validate. Stages from outside only.
    static let metaTypesAsSchema = StageOutputCheck(name: "meta types as the schema", scope: .stagesFromOutside) { doc, facts in
        doc.firstSchemaRefusal().map {
            "\(MessageText.quoted(facts.stage)) left \($0): set a value of that type, remove it, or use a key of your own"
        }
    }

    /// The checks of `checks` that apply to a stage (`fromOutside`: `Step.checksSpans`), in order:
    /// chosen once when the pipeline is built (`Pipeline.Step.outputChecks`), not for every
    /// document (looping over all seven copied each check, its name and closure retained and
    /// released, for two that apply to a built-in stage).
    static func applying(fromOutside: Bool, checks: [StageOutputCheck] = all) -> [StageOutputCheck] {
        checks.filter { fromOutside || $0.scope == .allStages }
    }

    /// The first refusal of `checks` that apply to a stage (`fromOutside`: `Step.checksSpans`).
    static func firstRefusal(_ doc: Document, _ facts: StageOutputFacts, fromOutside: Bool,
                             checks: [StageOutputCheck] = all) -> String? {
        firstRefusal(doc, facts, of: applying(fromOutside: fromOutside, checks: checks))
    }

    /// The first refusal of `checks` (already chosen for the stage: `applying`).
    static func firstRefusal(_ doc: Document, _ facts: StageOutputFacts, of checks: [StageOutputCheck]) -> String? {
        for k in checks.indices {
            if let refusal = checks[k].refusal(doc, facts) { return refusal }
        }
        return nil
    }
}
