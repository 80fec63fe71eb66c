/// Plural subjects written as names, for the rules on base forms (`cue-base-subject`,
/// `cue-base-noun-subject`): "Democrats say", "Mr. King and Mr. Schultz say", "advisers to
/// Mr. Obama say".
enum CueSubjectReach {
    /// Name words and honorifics skipped back from a name to the linking preposition of a
    /// plural head ("advisers to Mr. Barack Obama say").
    static let nameWordsBeforeLink = 4
    /// Name words and honorifics looked back over for an "and" ("Mr. King and Mr. Schultz say").
    static let coordinatedNameWords = 5
    /// The shortest capitalized plural, in bytes ("Reps" yes, "Bus" no).
    static let shortestPluralName = 4
}

extension QuoteAnalysis {
    /// A name word that can be the subject of a base form: a plural name, or a name in a
    /// coordination or after a plural head and its preposition.
    func isPluralSubjectName(_ i: Int) -> Bool {
        isNameWord(i) && (isPluralName(i) || coordinatedBefore(i) || pluralHeadBefore(i))
    }

    /// "advisers to Mr. Obama say", "supporters in Congress say": a plural head before the
    /// name and its linking preposition.
    func pluralHeadBefore(_ i: Int) -> Bool {
        var k = i - 1
        while k >= 0 && k >= i - CueSubjectReach.nameWordsBeforeLink && tokenParagraph[k] == tokenParagraph[i]
                && (isNameWord(k) || tokens[k].flags.contains(.honorific)) { k -= 1 }
        guard k >= 1, tokenParagraph[k] == tokenParagraph[i], tokens[k].flags.contains(.nounLink) || tokens[k].word == lexicon.words.to else { return false }
        return isPlural(k - 1)
    }

    /// "Mr. King and Mr. Schultz say": an "and" among the few words before a name.
    func coordinatedBefore(_ i: Int) -> Bool {
        var k = i - 1
        while k >= 0 && k >= i - CueSubjectReach.coordinatedNameWords && tokenParagraph[k] == tokenParagraph[i] {
            if tokens[k].word == lexicon.words.and { return true }
            if !(isNameWord(k) || tokens[k].flags.contains(.honorific)) { return false }
            k -= 1
        }
        return false
    }

    /// A capitalized plural ("Democrats", "Republicans") that can take "say": ends in one "s"
    /// ("Congress" does not), not a possessive.
    func isPluralName(_ i: Int) -> Bool {
        let t = tokens[i]
        let s = UInt8(ascii: "s")
        return Int(t.end - t.start) >= CueSubjectReach.shortestPluralName && text[Int(t.end) - 1] == s && text[Int(t.end) - 2] != s
            && !t.shape.contains(.possessive)
    }
}

extension Token {
    /// A comma: a clause boundary before a cue ("…, say officials").
    var isComma: Bool { isPunct(UInt8(ascii: ",")) }
}
