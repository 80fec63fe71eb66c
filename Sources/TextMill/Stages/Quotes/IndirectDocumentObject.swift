/// Rule `document-object`: a document that shows or finds something reports its object, however
/// the words after the verb look: "The latest harbor poll showed [[the mayor leading the
/// field]].", "A survey of ferry riders found [[Mayor Ruiz with a lead of 48 percent]].",
/// "Recent polls have shown [[the mayor leading the field]].", "a new poll, which shows [[the
/// levy passing with room to spare]]". PolNeAR's annotators mark these objects as what the poll,
/// survey or video reports; with a that-clause or a clause after the verb `cue-then-content`
/// reads them already ("The poll found that …").
///
/// Tried after `pro-form-message`. Only verbs tagged `@document` in `reporting_verbs` (show,
/// find), and only when the speaker before the verb is a common noun phrase headed by a document
/// (`document_nouns`: poll, survey, study, report, data, records, video, …), a relative pronoun
/// standing for one ("which"; in "polls that show" the "that" is read as no speaker), or a
/// document noun alone opening the sentence ("Polls show …"). "The inspector found the cranes
/// unsafe" (a person) and "The Harbor Report found …" (a name) are read by no rule. The object
/// starts past adjuncts ("showed on Monday"), at a word or number that can open a message (not a
/// preposition, conjunction or relative pronoun: "found in the archive" is no object), and runs
/// to the end of its clause like any content after its cue; it needs at least two words ("showed
/// him ahead"), not one ("showed it").
extension QuoteAnalysis {
    /// The fewest words an object of `document-object` must have.
    static let documentObjectMinimumWords = 2

    func documentObjectSpeech(_ v: VerbCue, sentence: Range<Int>) -> ReportedSpeech? {
        let hi = sentence.upperBound
        guard !v.naming, tokens[v.first].flags.contains(.documentObject), let speaker = v.speaker,
              speaksAsDocument(speaker, sentenceStart: sentence.lowerBound) else { return nil }
        let j = skipAdjuncts(v.last + 1, upper: hi)
        guard j < hi, tokenQuotation[j] < 0, opensBareMessage(j) else { return nil }
        guard let c = trimmedContent(j, contentLimit(cue: v.first, start: j, sentence: sentence),
                                     minimumWords: Self.documentObjectMinimumWords) else { return nil }
        return ReportedSpeech(speaker: speaker, cue: (v.first, v.last), contents: [c], rule: QuoteRules.documentObject)
    }

    /// The speaker phrase is a document (`document-speaker`), a relative pronoun whose phrase is
    /// one ("polls that show"), or a document noun alone opening the sentence, capitalized only
    /// there ("Polls show …").
    private func speaksAsDocument(_ s: SpeakerPhrase, sentenceStart: Int) -> Bool {
        switch s.form {
        case .common: return isDocument(head: s.head, isName: false)
        case .name: return s.first == s.last && s.first == sentenceStart && isDocument(head: s.head, isName: false)
        case .relative: return s.antecedent.map { isDocument(head: $0.head, isName: false) } ?? false
        default: return false
        }
    }
}
