/// Rule `cue-then-content`: a speaker, a verb cue, then the content: "X said (that) CONTENT.",
/// "X told reporters on Tuesday that CONTENT.", "X asked whether CONTENT.", "X denied the
/// allegations" (a verb whose object is its message, `@np`), and with the subject shared by an
/// earlier verb ("…, the mayor said, adding that CONTENT", "X accused … and asserted that …").
///
/// Where the content starts is decided by `contentStart`: after "that", at a content opener
/// (`content_openers`: whether, if, how, …), or at the start of a clause (a subject and its
/// verb). A noun phrase that is not a clause is no content ("said Friday", "told reporters"),
/// except as the content of quoted words later in it ("dismissed Estonia as being in the
/// “suburbs”": then it only serves those words, `quotedOnly`). Naming verbs ("called the
/// charges “too harsh”") read content only in that loose way. A cue that opens its sentence
/// ("Asked whether the plan would pass, the mayor said …", "While saying that …, he …") has its
/// content end before the main clause (`contentLimit`).
extension QuoteAnalysis {
    func cueThenContentSpeech(_ v: VerbCue, sentence: Range<Int>) -> ReportedSpeech? {
        let hi = sentence.upperBound
        guard let (start, quoted) = contentStart(afterCue: v.first, cueLast: v.last, upper: hi),
              // `quoted-content-after-that`: "told reporters in Greenport that “…”" reads from after "that".
              let c = (quoted && !v.naming ? quotedContentAfterThat(v, start: start, sentence: sentence) : nil)
                  ?? trimmedContent(start, contentLimit(cue: v.first, start: start, sentence: sentence)) else { return nil }
        // `infinitive-cue`: "continued to say" is the cue.
        let cueLast = v.naming ? v.last : infinitiveCueEnd(after: v.last, upper: hi)
        if cueLast != v.last { note(QuoteRules.infinitiveCue, span(c.0, c.1), "cue: \(words(v.first, cueLast))") }
        return ReportedSpeech(speaker: v.speaker, cue: (v.first, cueLast), contents: [c], quotedOnly: quoted || v.naming,
                              rule: QuoteRules.cueThenContent)
    }
}
