/// Rule `group-answer`: a content after its cue ends before a second group's answer, as polls
/// report them side by side: "About three in 10 said [they want a change], but six in 10 said
/// [they want the same policies]", "74 percent say [they back the toll], compared with 64
/// percent who say [the same of the tunnel]", "one in three said [the fares are too high] and
/// one in four said [they are fair]". Each group's cue reports its own answer; without the cut
/// the first content swallows the second group, its cue and its answer, which then reads
/// nothing.
///
/// The second group is a ratio ("six in 10", "one in four") or a phrase with a number and
/// "who" ("64 percent who", "four in 10 who"), after a comma, "and" or "but" and at most three
/// lower-case words of comparison ("compared with", "a drop from", "about"). Its
/// cue is a finite verb of saying (not a belief, not an -ing form), and what follows it opens
/// a clause as for `next-attribution` or is a message pro-form (`message_proforms`: "the
/// same", "so"). `next-attribution` does not take these groups: its speaker must start at the
/// boundary, where a ratio is read as its last number and "who" is a relative pronoun.
extension QuoteAnalysis {
    /// The token at which a content after its cue, through at most `last`, ends because a second
    /// group's answer starts after boundary `k` (a comma, "and" or "but" outside quotation marks,
    /// as `next-attribution` found it), its words from `s`: `k - 1`, or nil when none starts there.
    func groupAnswerCut(boundary k: Int, start s: Int, last: Int) -> Int? {
        // Most boundaries have no number and no ratio in their first four words: read no further.
        guard let firstCount = (s..<min(last, s + 4)).first(where: { opensCount($0) }) else { return nil }
        // The first lower-case cue within a subject's reach, over words and numbers only.
        var c = firstCount + 1
        while c <= last && c - s <= QuoteReach.subjectTokens {
            let u = tokens[c]
            if u.kind != .word && u.kind != .number || tokenQuotation[c] >= 0 { return nil }
            if u.kind == .word, u.flags.contains(.cue), u.shape.contains(.lowercase) { break }
            c += 1
        }
        guard c <= last, c - s <= QuoteReach.subjectTokens else { return nil }
        let cue = tokens[c]
        guard !cue.flags.contains(.thought), !cue.flags.contains(.ingForm), !cue.flags.contains(.intransitive),
              tokens[c - 1].word != lexicon.words.to else { return nil }
        let g = skipFillersBackward(c - 1, lower: s)
        guard g >= s, let groupFirst = answeringGroupStart(endingAt: g, lower: s), groupFirst - s <= 3,
              let cueLast = cueEnd(at: c, thoughts: false), opensAnswer(afterCue: c, cueLast: cueLast, upper: last + 1) else { return nil }
        // Any words between the boundary and the group are lower-case words of comparison.
        for w in s..<groupFirst where !(tokens[w].kind == .word && tokens[w].shape.contains(.lowercase) && !tokens[w].flags.contains(.cue)) {
            return nil
        }
        return k - 1
    }

    /// The first token of a group that answers, ending at `g`: a ratio ("six in 10", "one in
    /// four"), or a phrase holding a number or ratio and then "who" ("64 percent who", "four in
    /// 10 who"); nil otherwise.
    private func answeringGroupStart(endingAt g: Int, lower: Int) -> Int? {
        if let r = ratioStart(endingAt: g, lower: lower) { return r }
        guard tokens[g].kind == .word, tokens[g].word == lexicon.words.who, g - 1 >= lower else { return nil }
        // "64 percent who", "four in 10 who", "76 percent of voters who": a number within three words.
        var k = g - 1
        while k >= lower && g - k <= 4 {
            if let r = ratioStart(endingAt: k, lower: lower) { return r }
            if tokens[k].kind == .number { return k }
            guard tokens[k].kind == .word, tokens[k].shape.contains(.lowercase) else { return nil }
            k -= 1
        }
        return nil
    }

    /// A ratio ending at `g`: a number or number word, "in", a number or number word ("six in
    /// 10", "one in four"); its first token, or nil.
    private func ratioStart(endingAt g: Int, lower: Int) -> Int? {
        guard g - 2 >= lower, isCount(g), tokens[g - 1].kind == .word, tokens[g - 1].word == lexicon.words.inWord,
              tokens[g - 1].shape.contains(.lowercase), isCount(g - 2) else { return nil }
        return g - 2
    }

    /// A number, or a number word before "in" ("one in four"): where a group's count starts.
    private func opensCount(_ i: Int) -> Bool {
        tokens[i].kind == .number || (isCount(i) && tokens[i + 1].kind == .word && tokens[i + 1].word == lexicon.words.inWord)
    }

    /// A number, or a word of `determiners` that is no quantity word (`@plural`): at the end of a
    /// ratio right before a cue or "who" only a number word stands there ("one in four said").
    private func isCount(_ i: Int) -> Bool {
        let t = tokens[i]
        return t.kind == .number || (t.kind == .word && t.flags.contains(.determiner) && !t.flags.contains(.plural) && !t.shape.contains(.possessive))
    }

    /// What follows the cue at `cue` opens an answer: a clause, as for `next-attribution`, "it"
    /// and an auxiliary or be-form ("said it had never come"; no object there), or right after
    /// the cue (past adjuncts) a message pro-form ("said the same", "said so").
    private func opensAnswer(afterCue cue: Int, cueLast: Int, upper: Int) -> Bool {
        let j = skipAdjuncts(cueLast + 1, upper: upper)
        if j < upper, tokenQuotation[j] < 0, messageProformEnd(at: j) != nil { return true }
        guard let start = strictContentStart(afterCue: cue, cueLast: cueLast, upper: upper) else { return false }
        if tokens[start].word == lexicon.words.it, start + 1 < upper, tokens[start + 1].shape.contains(.lowercase),
           isBeForm(start + 1) || tokens[start + 1].flags.contains(.auxiliary) { return true }
        return opensClause(start, upper: upper)
    }
}
