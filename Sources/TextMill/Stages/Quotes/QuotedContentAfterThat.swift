extension QuoteRules {
    /// `quoted-content-after-that`: `cue-then-content` reads the words after a cue loosely, as
    /// the content of quoted words later in them, when no clause starts right after the cue
    /// ("told reporters outside the harbor office in Greenport that “…”"). When the words
    /// between the cue and a "that" only say where, when or to whom it was said (the stretch of
    /// `that-after-adjuncts`: no verb, a name, time word, pronoun, comma or closing mark before
    /// "that"), the content is the clause after "that", as `that-after-adjuncts` reads it: the
    /// hearer and the adjuncts are the reporter's, not what the speaker said.
    public static let quotedContentAfterThat = QuoteRule(name: "quoted-content-after-that", effect: .attributes,
        summary: "a content read for quoted words later in it starts after a that past the cue's hearer and adjuncts")
}

extension QuoteAnalysis {
    /// `quoted-content-after-that` (`QuoteRules.quotedContentAfterThat`): the content after the
    /// cue `v` that `that-after-adjuncts` reads, when it starts after `start` (the loose
    /// content's start); nil otherwise.
    @inline(never)
    func quotedContentAfterThat(_ v: VerbCue, start: Int, sentence: Range<Int>) -> (Int, Int)? {
        guard let c = thatAfterAdjunctsSpeech(v, sentence: sentence)?.contents.first, c.0 > start else { return nil }
        if trace != nil { noteQuotedContentAfterThat(content: c, leftOut: (start, c.0 - 1)) }
        return c
    }

    /// Trace notes of `quoted-content-after-that` on each quotation that opens in `content`.
    @inline(never)
    func noteQuotedContentAfterThat(content: (Int, Int), leftOut: (Int, Int)) {
        for k in content.0...content.1 where tokens[k].kind == .mark && tokenQuotation[k] >= 0 {
            let q = quotations[Int(tokenQuotation[k])]
            guard q.open == k else { continue }
            note(QuoteRules.quotedContentAfterThat, q.inner, "the content starts after “" + words(leftOut.0, leftOut.1) + "”")
        }
    }
}
