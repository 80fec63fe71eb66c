extension QuoteRules {
    /// `transcript-turn`: a quotation (or a paragraph of one) that opens with a speaker label in
    /// capitals and a colon is one turn of a transcript ("“WALLACE: Do you think …", "MS. PSAKI:
    /// Well, …", "SEN. JOHN SMITH (R-Ohio): …", "Q: …"): the label is its speaker, the colon its
    /// cue, and the quoted words start after the colon. Tried before the rules that would give the
    /// turn the speaker of a neighbour (`floating-speaker`, pieces and paragraphs inherited).
    public static let transcriptTurn = QuoteRule(name: "transcript-turn", effect: .attributes,
        summary: "a label in capitals and a colon opens the quotation or its paragraph (WALLACE:, MS. PSAKI:, Q:): the label speaks the words after it")
}

extension QuoteAnalysis {
    /// The most words a turn label holds ("SEN. JOHN Q. SMITH"), its bracket not counted.
    static let turnLabelWords = 5
    /// The most tokens a bracket after a label's name holds ("(R-Ohio)").
    static let turnLabelBracketTokens = 8

    /// The label of the turn that opens quotation `q`, if any: the speaker it names and the
    /// colon after it. `q` opens with a mark or starts its paragraph; the label is titles and
    /// honorifics (`titles`, `honorifics`) and name words, every one in capitals (a one-letter
    /// label only from `turn_labels` `@anonymous`), none a section's label (`turn_labels`
    /// `@section`: "NOTE:", "UPDATE:") or a function word; a bracket may follow the name. After
    /// the colon the turn holds a sentence: three words or more, one of them in lower case.
    func transcriptTurn(_ q: Quotation) -> (speaker: SpeakerPhrase, colon: Int)? {
        let start = q.first
        guard start < q.last, q.open >= 0 || start == paragraphTokens[q.paragraph].lowerBound else { return nil }
        var k = start, words = 0, head = -1, bracket = false
        while k < q.last && words < Self.turnLabelWords, isTurnLabelWord(k) {
            if !tokens[k].flags.contains(.title) && !tokens[k].flags.contains(.honorific) { head = k }
            words += 1; k += 1
        }
        guard head >= 0 else { return nil }
        let last = head
        if k < q.last && tokens[k].kind == .openBracket {
            var j = k + 1
            while j < q.last && j <= k + Self.turnLabelBracketTokens && tokens[j].kind != .closeBracket { j += 1 }
            guard j < q.last && tokens[j].kind == .closeBracket else { return nil }
            k = j + 1; bracket = true
        }
        guard k < q.last, tokens[k].isPunct(0x3A), last == k - 1 || bracket else { return nil }
        let colon = k
        var said = 0, lower = false
        for i in (colon + 1)..<q.last where tokens[i].kind == .word {
            said += 1
            if tokens[i].shape.contains(.lowercase) { lower = true }
        }
        guard said >= 3 && lower else { return nil }
        return (SpeakerPhrase(first: start, last: last, head: head, form: .name), colon)
    }

    /// A word of a turn label: in capitals (one letter only from `turn_labels` `@anonymous`), a
    /// title or honorific, or a word that can be a name; no function word or section label.
    func isTurnLabelWord(_ i: Int) -> Bool {
        let t = tokens[i]
        guard t.kind == .word, t.shape.contains(.capitalized) else { return false }
        if t.flags.contains(.sectionLabel) || t.flags.contains(.function) || t.flags.contains(.pronoun) || t.flags.contains(.time) { return false }
        if t.flags.contains(.anonymousTurn) { return true }
        guard t.shape.contains(.allCaps) else { return false }
        if t.flags.contains(.cue) && !t.flags.contains(.title) && !t.flags.contains(.speakerNoun) { return false }
        return true
    }
}
