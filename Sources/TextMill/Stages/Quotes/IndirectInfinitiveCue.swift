/// Rule `infinitive-cue`: a cue verb followed by "to" and the base form of a verb of saying
/// reports through that verb, and the cue is the whole chain: "Lewandowski continued to say he
/// had never touched Fields" (cue "continued to say"), "He went on to explain that …" (cue "went
/// on to explain"). The content already starts after the inner verb (`cue-then-content`); the
/// rule only moves the cue's end, so the quote names the verb that says what was said.
///
/// Accepts only "to" right after the cue (no adjunct between) and a base form on
/// `reporting_verbs` after it that is no belief ("continued to believe" stays "continued").
extension QuoteAnalysis {
    /// The last token of the cue at `first...last` with an infinitive of saying right after it
    /// ("continued" + "to say" → the token of "say"), or `last` when none follows.
    func infinitiveCueEnd(after last: Int, upper: Int) -> Int {
        let to = last + 1, verb = last + 2
        guard verb < upper, tokens[to].word == lexicon.words.to, tokenQuotation[verb] < 0 else { return last }
        let v = tokens[verb]
        guard v.kind == .word, v.flags.contains(.cue), v.flags.contains(.baseForm), !v.flags.contains(.thought),
              let end = cueEnd(at: verb, thoughts: false) else { return last }
        return end
    }
}
