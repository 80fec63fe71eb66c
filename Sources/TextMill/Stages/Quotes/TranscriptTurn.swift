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
    /// Titles opening the label are the speaker's role, as before a name written in the text
    /// ("SEN. JOHN SMITH": the name "JOHN SMITH", the role "SEN."), so "SEN. SMITH" is a surname
    /// that stands for the document's John Smith.
    func transcriptTurn(_ q: Quotation) -> (speaker: SpeakerPhrase, colon: Int)? {
        let start = q.first
        guard start < q.last, q.open >= 0 || start == paragraphTokens[q.paragraph].lowerBound else { return nil }
        var k = start, words = 0, head = -1
        while k < q.last && words < Self.turnLabelWords, isTurnLabelWord(k) {
            if !tokens[k].flags.contains(.title) && !tokens[k].flags.contains(.honorific) { head = k }
            words += 1; k += 1
        }
        guard head >= 0, let (colon, bracket) = turnLabelColon(at: k, before: q.last), head == colon - 1 || bracket else { return nil }
        var said = 0, lower = false
        for i in (colon + 1)..<q.last where tokens[i].kind == .word {
            said += 1
            if tokens[i].shape.contains(.lowercase) { lower = true }
        }
        guard said >= 3 && lower else { return nil }
        var first = start
        while first < head && tokens[first].flags.contains(.title) && !tokens[first].flags.contains(.honorific) { first += 1 }
        return first > start
            ? (SpeakerPhrase(first: first, last: head, head: head, form: .name, roleFirst: start, roleLast: first - 1), colon)
            : (SpeakerPhrase(first: start, last: head, head: head, form: .name), colon)
    }

    /// The colon that ends a turn label at token `k`, the token after its last word, before
    /// token `end`: `k` itself, or the token after a bracket that opens at `k` ("(R-Ohio):");
    /// nil when neither is a colon.
    func turnLabelColon(at k: Int, before end: Int) -> (colon: Int, bracket: Bool)? {
        var k = k, bracket = false
        if k < end && tokens[k].kind == .openBracket {
            var j = k + 1
            while j < end && j <= k + Self.turnLabelBracketTokens && tokens[j].kind != .closeBracket { j += 1 }
            guard j < end && tokens[j].kind == .closeBracket else { return nil }
            k = j + 1; bracket = true
        }
        guard k < end, tokens[k].isPunct(0x3A) else { return nil }
        return (k, bracket)
    }

    /// Part of rule `transcript-turn`: word `i` is inside a turn's label in capitals ("PSAKI" in
    /// "“MS. PSAKI: Well, …", "SMITH" in "SEN. JOHN SMITH (R-Ohio): …"): the label's words
    /// around it open their paragraph or follow a mark, and a colon ends them. Such a word is
    /// a name, though words in capitals next to each other are otherwise a heading's
    /// (`isNameWord`); before session 36 "MS. PSAKI" had no name word, so it stood for no one.
    func isInTurnLabel(_ i: Int) -> Bool {
        guard isTurnLabelWord(i) else { return false }
        let paragraph = tokenParagraph[i]
        var first = i
        while first > 0 && i - first + 1 < Self.turnLabelWords && tokenParagraph[first - 1] == paragraph && isTurnLabelWord(first - 1) { first -= 1 }
        guard first == 0 || tokenParagraph[first - 1] != paragraph || tokens[first - 1].kind == .mark else { return false }
        let end = paragraphTokens[Int(paragraph)].upperBound
        var k = i + 1
        while k < end && k - first < Self.turnLabelWords && isTurnLabelWord(k) { k += 1 }
        return turnLabelColon(at: k, before: end) != nil
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
