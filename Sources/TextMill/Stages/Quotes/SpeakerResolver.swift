/// Links speakers written as pronouns, relative pronouns or bare surnames to the full name
/// they stand for, and turns the extractor's findings into `Quote`s.
///
/// - "he"/"she": the nearest named speaker before it whose gender does not clash (gender from
///   honorifics, first names, gendered surname endings and earlier links); when no speaker was
///   named yet, the nearest person name in the text before it.
/// - "it": the nearest speaker that is an organisation or a document ("the embassy").
/// - "they": the nearest plural or organisation speaker.
/// - "which"/"who": the noun phrase before it (found with the speaker).
/// - "Bapi", "Mr. Bown": the latest full name before it that ends with the same word.
/// "I", "we" and "you" stay as written. The speaker's `span` becomes the antecedent and
/// `resolvedFrom` the word written next to the cue.
///
/// Then every speaker gets its entity (`SpeakerGrouping`): a pronoun left unresolved is marked
/// so and has no name; a document ("the indictment", "a UN report") is marked so and has no
/// entity or name; a relative pronoun left unresolved (a "who" whose phrase before it is no
/// person) is no speaker; a common
/// noun phrase whose head cannot speak ("the door", "angry reactions") is no speaker at all.
struct SpeakerResolver {
    let analysis: QuoteAnalysis
    let enabled: Bool

    private var tokens: MeteredArray<Token> { analysis.tokens }

    /// A named speaker seen so far.
    private struct Antecedent {
        var first: Int
        var last: Int
        /// The word the phrase is about; for a name, its last word.
        var head: Int
        /// A name (capitalized words or a handle) rather than a common noun phrase.
        var isName: Bool
        var roleFirst: Int
        var roleLast: Int
        var gender: WordFlags
        var isPerson: Bool
        var isPlural: Bool
    }

    func quotes(from found: [FoundQuote]) -> [Quote] {
        var out: [Quote] = []
        out.reserveCapacity(found.count)
        var seen: [Antecedent] = []
        var learned: [String: WordFlags] = [:]
        var people: [(first: Int, last: Int)]?
        var references: [SpeakerGrouping.Reference] = []
        // Each speaker adds at most one entry to each: room for all at once, not grown 1, 2, 4, 8.
        let speakers = found.reduce(0) { $0 + ($1.speaker == nil ? 0 : 1) }
        seen.reserveCapacity(speakers)
        references.reserveCapacity(speakers)
        for f in found {
            // The quote is made where it is appended, its speaker and cue moved into it (a quote
            // built in a local and appended was copied, its speaker's strings retained, and freed).
            let cue = f.cue.map { Mention(span: analysis.span($0.first, $0.last)) }
            guard let s = f.speaker else { out.append(Quote(span: f.span, kind: f.kind, cue: cue, content: f.content)); continue }
            var mention = Mention(span: analysis.span(s.first, s.last))
            if s.roleFirst >= 0 && s.roleLast >= s.roleFirst { mention.role = roleSpan(s.roleFirst, s.roleLast) }
            if s.form == .pronoun { mention.span = pronounSpan(s.first) }
            let written = mention.span
            // What the written speaker stands for, if it is not the name itself.
            var target: Antecedent?
            var relativeDocument = false
            if enabled {
                switch s.form {
                case .pronoun:
                    let t = tokens[s.head]
                    if t.flags.contains(.objectPronoun) { analysis.note(QuoteRules.objectPronounSpeaker, f.span, analysis.words(s.first, s.last)) }
                    let gender = t.flags.intersection([.male, .female])
                    if t.flags.contains(.selfReference) { break }
                    target = antecedent(for: t.flags, at: s.first, in: seen, learned: learned)
                    if target == nil && !gender.isEmpty {
                        if people == nil { people = analysis.personNames() }
                        if let p = nearestPerson(before: s.first, gender: gender, people: people!, learned: learned) {
                            target = Antecedent(first: p.first, last: p.last, head: p.last, isName: true, roleFirst: -1, roleLast: -1, gender: gender, isPerson: true, isPlural: false)
                        }
                    }
                    if let a = target, !gender.isEmpty { learned[key(a.first, a.last)] = gender }
                case .relative:
                    if let a = s.antecedent {
                        let phrase = SpeakerPhrase(first: a.first, last: a.last, head: a.last, form: analysis.isNameWord(a.last) ? .name : .common)
                        // "a diplomatic note sent by the Chinese Consulate General …, which": the
                        // note speaks, a document (who/whom stand only for people).
                        relativeDocument = !tokens[s.head].flags.contains(.personal) && analysis.isDocument(head: a.head, isName: false)
                        if people == nil { people = analysis.personNames() }
                        let full = fullName(for: phrase, in: seen, people: people!)
                        // "who" stands for a person: "workers in western Kazakhstan, who" is not Kazakhstan.
                        if full == nil && tokens[s.head].flags.contains(.personal) && !analysis.whoCanStandFor(phrase) {
                            analysis.note(QuoteRules.whoIsAPerson, f.span, analysis.words(a.first, a.last))
                            break
                        }
                        target = full ?? antecedentFor(phrase, learned: learned)
                    }
                case .name:
                    if isSurnameOnly(s) {
                        if people == nil { people = analysis.personNames() }
                        target = fullName(for: s, in: seen, people: people!)
                    }
                default:
                    break
                }
            }
            var reference: SpeakerGrouping.Reference?
            if let a = target, analysis.trace != nil {
                let rule = s.form == .pronoun ? QuoteRules.pronounResolution : s.form == .relative ? QuoteRules.relativeResolution : QuoteRules.surnameResolution
                analysis.note(rule, f.span, "\(analysis.words(s.first, s.last)) → \(analysis.words(a.first, a.last))")
            }
            if let a = target {
                guard analysis.canSpeak(head: a.head, isName: a.isName) else {
                    analysis.note(QuoteRules.thingsNeverSpeak, f.span, analysis.words(a.first, a.last))
                    out.append(Quote(span: f.span, kind: f.kind, cue: cue, content: f.content))
                    continue
                }
                let role = mention.role ?? (a.roleFirst >= 0 ? roleSpan(a.roleFirst, a.roleLast) : nil)
                mention = Mention(span: analysis.span(a.first, a.last), resolvedFrom: written, role: role)
                // What a relative pronoun stands for may name no one: "dozens of women who
                // claim" (a quantity word alone), "A letter this month …, which urged" (grammar words).
                if s.form == .relative && !a.isName {
                    if a.first == a.last && isNoOneInParticular(tokens[a.head].flags) {
                        mention.entity = .unresolved
                        analysis.note(QuoteRules.indefiniteSpeaker, f.span, analysis.words(a.first, a.last))
                        out.append(Quote(span: f.span, kind: f.kind, speaker: mention, cue: cue, content: f.content))
                        continue
                    }
                    if analysis.isGrammarWordsOnly(a.first, a.last) {
                        analysis.note(QuoteRules.grammarWordSpeaker, f.span, analysis.words(a.first, a.last))
                        out.append(Quote(span: f.span, kind: f.kind, cue: cue, content: f.content))
                        continue
                    }
                }
                seen.append(a)
                if relativeDocument || analysis.isDocument(head: a.head, isName: a.isName) {
                    mention.entity = .document
                    analysis.note(QuoteRules.documentSpeaker, f.span, analysis.words(a.first, a.last))
                } else {
                    reference = SpeakerGrouping.Reference(quote: out.count, first: a.first, last: a.last, head: a.head, isName: a.isName,
                                                          roleFirst: a.roleFirst, roleLast: a.roleLast)
                }
            } else if s.form != .handle && s.form != .pronoun && s.form != .relative && analysis.isTitleAlone(s.first, s.last) {
                mention.entity = .unresolved
                analysis.note(QuoteRules.titleAlone, f.span, analysis.words(s.first, s.last))
            } else if s.form != .relative && analysis.isDemonstrativeAlone(s.first, s.last) {
                mention.entity = .unresolved
                analysis.note(QuoteRules.demonstrativeSpeaker, f.span, analysis.words(s.first, s.last))
            } else if s.form != .handle && (s.first == s.last && isNoOneInParticular(tokens[s.head].flags) || isNumberAlone(s)) {
                mention.entity = .unresolved
                analysis.note(QuoteRules.indefiniteSpeaker, f.span, analysis.words(s.first, s.last))
            } else if (s.form == .name || s.form == .common) && analysis.isGrammarWordsOnly(s.first, s.last) {
                analysis.note(QuoteRules.grammarWordSpeaker, f.span, analysis.words(s.first, s.last))
                out.append(Quote(span: f.span, kind: f.kind, cue: cue, content: f.content))
                continue
            } else if s.form == .name || s.form == .handle || s.form == .common {
                guard analysis.canSpeak(head: s.head, isName: s.form != .common) else {
                    analysis.note(QuoteRules.thingsNeverSpeak, f.span, analysis.words(s.first, s.last))
                    out.append(Quote(span: f.span, kind: f.kind, cue: cue, content: f.content))
                    continue
                }
                seen.append(antecedentFor(s, learned: learned))
                if analysis.isDocument(head: s.head, isName: s.form != .common) {
                    mention.entity = .document
                    analysis.note(QuoteRules.documentSpeaker, f.span, analysis.words(s.first, s.last))
                } else {
                    reference = SpeakerGrouping.Reference(quote: out.count, first: s.first, last: s.last, head: s.head, isName: s.form != .common,
                                                          roleFirst: s.roleFirst, roleLast: s.roleLast)
                }
            } else if s.form == .relative || tokens[s.head].flags.contains(.relative) {
                // A relative pronoun is never a speaker: with no phrase it stands for, there is none.
                analysis.note(QuoteRules.relativeNeverSpeaks, f.span, analysis.words(s.first, s.last))
                out.append(Quote(span: f.span, kind: f.kind, cue: cue, content: f.content))
                continue
            } else {
                mention.entity = .unresolved
                analysis.note(QuoteRules.unresolvedPronoun, f.span, analysis.words(s.first, s.last))
            }
            if let reference { references.append(reference) }
            out.append(Quote(span: f.span, kind: f.kind, speaker: mention, cue: cue, content: f.content))
        }
        SpeakerGrouping(analysis: analysis).assign(references, to: &out, people: people)
        if analysis.trace != nil {
            for q in out { if let e = q.speaker?.entity, let id = e.id { analysis.note(QuoteRules.speakerEntity, q.span, "entity \(id): \(e.name ?? "")") } }
        }
        return out
    }

    /// A word that, as the whole speaker, stands for no one in particular: an indefinite pronoun
    /// ("Everyone", `indefinite_pronouns`), a determiner alone: a quantity word ("Most said …",
    /// `determiners` `@plural`) or a number word ("one in five say …", read to its last word; until
    /// session 37 "five" and "four" were entities), but not the relative "that"; or a
    /// transcript's label for an unnamed asker ("Q:", `turn_labels` `@anonymous`). Rule
    /// `indefinite-speaker`.
    private func isNoOneInParticular(_ flags: WordFlags) -> Bool {
        flags.contains(.indefinite) || flags.contains(.determiner) && !flags.contains(.relative) || flags.contains(.anonymousTurn)
    }

    /// `indefinite-speaker` too: a common phrase whose head is a number, with no noun after it
    /// and no capitalized word but its first ("43 said …", "Six in 10 say …", "At least 40 told
    /// …"), counts people without naming anyone; "news affiliate ABC 7" is a name. Until session
    /// 33 "10" and "43" were entities named by the number.
    private func isNumberAlone(_ s: SpeakerPhrase) -> Bool {
        guard s.form == .common, tokens[s.head].kind == .number else { return false }
        var k = s.first + 1
        while k < s.head {
            if tokens[k].kind == .word && (tokens[k].shape.contains(.capitalized) || tokens[k].shape.contains(.allCaps)) { return false }
            k += 1
        }
        return true
    }

    /// The pronoun itself, without an auxiliary written onto it ("He" of "He’s claiming").
    private func pronounSpan(_ i: Int) -> Span {
        let t = tokens[i]
        var end = Int(t.start)
        let text = analysis.text
        while end < Int(t.end) && text[end] != 0x27 && !(text[end] == 0xE2 && end + 2 < Int(t.end) && text[end + 2] == 0x99) { end += 1 }
        return Span(Int(t.start), end > Int(t.start) ? end : Int(t.end))
    }

    private func roleSpan(_ first: Int, _ last: Int) -> Span? {
        var a = first, b = last
        while b >= a && (tokens[b].kind == .punct || tokens[b].kind == .dash || tokens[b].kind == .mark) { b -= 1 }
        while a <= b && (tokens[a].kind == .punct || tokens[a].kind == .dash) { a += 1 }
        return a <= b ? analysis.span(a, b) : nil
    }

    private func key(_ first: Int, _ last: Int) -> String {
        var s = ""
        for i in first...last where analysis.isNameWord(i) { s += analysis.word(i) + " " }
        return s
    }

    /// "Opponents said", "Critics say": one capitalized plural opening its sentence is a group, not a person.
    private func isCapitalizedPlural(_ s: SpeakerPhrase) -> Bool {
        guard s.first == s.last, s.first == analysis.sentenceTokens[Int(analysis.tokenSentence[s.first])].lowerBound else { return false }
        return analysis.isPluralName(s.first)
    }

    private func antecedentFor(_ s: SpeakerPhrase, learned: [String: WordFlags]) -> Antecedent {
        let groupName = s.form == .name && isCapitalizedPlural(s)
        let person = s.form == .name && !analysis.isDeterminer(s.first) && !isOrganisation(s) && !groupName
        var gender: WordFlags = []
        if person { gender = self.gender(s.first, s.last, role: s.roleFirst...max(s.roleFirst, s.roleLast), learned: learned) }
        let plural = (s.form == .common && analysis.isPlural(s.head)) || groupName
        return Antecedent(first: s.first, last: s.last, head: s.head, isName: s.form != .common, roleFirst: s.roleFirst, roleLast: s.roleLast, gender: gender,
                          isPerson: person || s.form == .handle || (s.form == .common && tokens[s.head].flags.contains(.speakerNoun) && !plural && !isOrganisationWord(s.head)),
                          isPlural: plural)
    }

    /// Words such as "Ministry", "Embassy", "Watch": a name run whose last word is a speaker
    /// noun for a body, or written with a determiner, is an organisation.
    private func isOrganisation(_ s: SpeakerPhrase) -> Bool {
        isOrganisationWord(s.last)
    }

    private func isOrganisationWord(_ i: Int) -> Bool {
        tokens[i].flags.contains(.organisation)
    }

    /// The gender of a name: honorific, first name, surname ending or an earlier link.
    private func gender(_ first: Int, _ last: Int, role: ClosedRange<Int>, learned: [String: WordFlags]) -> WordFlags {
        // The key is a string: made only when something was learned.
        if !learned.isEmpty, let g = learned[key(first, last)] { return g }
        let f = tokens[first]
        // An honorific tagged in the `honorifics` list ("mr. @male", "mrs. @female").
        if f.flags.contains(.honorific) {
            if f.flags.contains(.maleName) && !f.flags.contains(.femaleName) { return .male }
            if f.flags.contains(.femaleName) && !f.flags.contains(.maleName) { return .female }
        }
        // A first name after honorifics and titles ("Councillor James Whitfield").
        var k = first
        while k < last && (tokens[k].flags.contains(.honorific) || tokens[k].flags.contains(.title)
                           || !(tokens[k].flags.contains(.maleName) || tokens[k].flags.contains(.femaleName)) && k < last - 1) { k += 1 }
        if tokens[k].flags.contains(.maleName) && !tokens[k].flags.contains(.femaleName) { return .male }
        if tokens[k].flags.contains(.femaleName) && !tokens[k].flags.contains(.maleName) { return .female }
        if last > first {
            let t = tokens[last]
            // Only the word's last bytes are read: a word may be as long as the text.
            let length = Int(t.end - t.start)
            for e in analysis.lexicon.surnameEndings where length > e.ending.count + 2 {
                let tail = analysis.text[(Int(t.end) - e.ending.count)..<Int(t.end)]
                if tail.lazy.map({ $0 | 0x20 }).elementsEqual(e.ending) { return e.gender }
            }
        }
        return []
    }

    private func antecedent(for pronoun: WordFlags, at position: Int, in seen: [Antecedent], learned: [String: WordFlags]) -> Antecedent? {
        let paragraph = Int(analysis.tokenParagraph[position])
        for a in seen.suffix(300).reversed() where a.last < position {
            if paragraph - Int(analysis.tokenParagraph[a.last]) > 6 { break }
            if pronoun.contains(.male) || pronoun.contains(.female) {
                guard a.isPerson else { continue }
                let g = (learned.isEmpty ? nil : learned[key(a.first, a.last)]) ?? a.gender
                if !g.isEmpty && g.intersection([.male, .female]) != pronoun.intersection([.male, .female]) { continue }
                return a
            }
            if pronoun.contains(.thing) {
                if !a.isPerson && !a.isPlural { return a }
                continue
            }
            if pronoun.contains(.plural) {
                if a.isPlural || !a.isPerson { return a }
                continue
            }
        }
        return nil
    }

    /// A speaker written as one name word (or an honorific and one word): "Bapi", "Mr. Bown".
    private func isSurnameOnly(_ s: SpeakerPhrase) -> Bool {
        guard s.form == .name, !analysis.isDeterminer(s.first) else { return false }
        var words = 0
        for i in s.first...s.last where analysis.isNameWord(i) && !tokens[i].flags.contains(.honorific) { words += 1 }
        return words == 1
    }

    /// The latest earlier speaker, or else person named in the text, whose full name ends
    /// with this surname.
    private func fullName(for s: SpeakerPhrase, in seen: [Antecedent], people: [(first: Int, last: Int)]) -> Antecedent? {
        guard isSurnameOnly(s) else { return nil }
        // The nearest few hundred speakers and names are enough, and keep a long text linear.
        for a in seen.suffix(300).reversed() where a.last < s.first && a.last > a.first && sameWord(a.last, s.last) {
            var words = 0
            for i in a.first...a.last where analysis.isNameWord(i) && !tokens[i].flags.contains(.honorific) { words += 1 }
            if words >= 2 { return a }
        }
        // Counted in place: a filtered array here was one allocation a candidate.
        let named = { (p: (first: Int, last: Int)) -> Bool in
            var words = 0
            for i in p.first...p.last where self.analysis.isNameWord(i) && !self.tokens[i].flags.contains(.honorific) { words += 1 }
            return words >= 2
        }
        // People are in text order: start from the last one before the speaker.
        var lo = 0, hi = people.count
        while lo < hi { let mid = (lo + hi) / 2; if people[mid].last < s.first { lo = mid + 1 } else { hi = mid } }
        if let p = people[max(0, lo - 300)..<lo].last(where: { $0.last > $0.first && sameWord($0.last, s.last) && named($0) }) {
            return Antecedent(first: p.first, last: p.last, head: p.last, isName: true, roleFirst: -1, roleLast: -1,
                              gender: gender(p.first, p.last, role: 0...0, learned: [:]), isPerson: true, isPlural: false)
        }
        return nil
    }

    private func sameWord(_ a: Int, _ b: Int) -> Bool {
        let ta = tokens[a], tb = tokens[b]
        // Compare without a possessive ending ("Bapi’s"), on the text itself: a copy of each
        // word into an array was two allocations a comparison.
        func bytes(_ t: Token) -> Slice<UnsafeBufferPointer<UInt8>> {
            var end = Int(t.end)
            if t.shape.contains(.possessive) {
                end -= analysis.text[end - 2] == 0x27 ? 2 : 4
            }
            return analysis.text[Int(t.start)..<end]
        }
        // A transcript's label in capitals ("WALLACE:") is the same word as "Wallace".
        return bytes(ta).elementsEqual(bytes(tb)) { ($0 &- 0x41 < 26 ? $0 | 0x20 : $0) == ($1 &- 0x41 < 26 ? $1 | 0x20 : $1) }
    }

    private func nearestPerson(before position: Int, gender: WordFlags, people: [(first: Int, last: Int)], learned: [String: WordFlags]) -> (first: Int, last: Int)? {
        let paragraph = Int(analysis.tokenParagraph[position])
        var lo = 0, hi = people.count
        while lo < hi { let mid = (lo + hi) / 2; if people[mid].last < position { lo = mid + 1 } else { hi = mid } }
        for p in people[max(0, lo - 300)..<lo].reversed() {
            if paragraph - Int(analysis.tokenParagraph[p.last]) > 3 { break }
            let g = self.gender(p.first, p.last, role: 0...0, learned: learned)
            if g.isEmpty || g == gender { return p }
        }
        return nil
    }
}

extension QuoteAnalysis {
    /// The room `personNames` makes at the first person it finds: a short news story names a
    /// handful (more grow the array as usual).
    static let peopleCapacity = 16

    /// Runs of two or more name words with a known first name or an honorific: people named in the text.
    /// A run ends before a capitalized reporting verb that is not its base form
    /// (`endsPersonName`): a headline in title case names "Donald Trump", not "Donald Trump Calls Out
    /// Ted Cruz", which was the fullest name of every mention of Trump in its story until session 33.
    func personNames() -> [(first: Int, last: Int)] {
        var out: [(first: Int, last: Int)] = []
        var i = 0
        let n = tokens.count
        while i < n {
            // Most tokens are neither capitalized words nor handles: skipped without the full test.
            i = nextCapitalizedWord(from: i)
            guard i < n, isNameWord(i) else { i += 1; continue }
            var j = i
            while j + 1 < n && j + 1 - i < QuoteReach.nameWords && isNameWord(j + 1)
                    && tokenParagraph[j + 1] == tokenParagraph[i] && !endsPersonName(j + 1) { j += 1 }
            var first = i
            while first < j && tokens[first].flags.contains(.title) && !tokens[first].flags.contains(.honorific) { first += 1 }
            let f = tokens[first]
            if j > first && (f.flags.contains(.maleName) || f.flags.contains(.femaleName) || f.flags.contains(.honorific)) {
                // Room for a short story's people at the first one, not grown 1, 2, 4, 8.
                if out.isEmpty { out.reserveCapacity(Self.peopleCapacity) }
                out.append((first, j))
            }
            i = j + 1
        }
        return out
    }

    /// Part of rule `speaker-entity` (a person's fullest name): a form of a reporting verb in its
    /// -s or past form ("Says", "Calls", "Slammed"; not "Post", a base form that is also a
    /// noun, nor a title or a speaker noun) is the headline's verb after a person's name, not a
    /// word of the name.
    func endsPersonName(_ i: Int) -> Bool {
        let f = tokens[i].flags
        return f.contains(.cue) && !f.contains(.baseForm) && !f.contains(.ingForm) && !f.contains(.participle)
            && !f.contains(.speakerNoun) && !f.contains(.title)
    }

    /// The first token from `from` on that is a capitalized word or a handle (the only ones
    /// `isNameWord` can accept), or the token count: a load and a test a token, in place.
    @inline(__always)
    func nextCapitalizedWord(from: Int) -> Int {
        tokens.elements.withUnsafeBufferPointer { t in
            var k = from
            while k < t.count {
                let u = t[k]
                if u.kind == .word && (u.shape.contains(.capitalized) || u.shape.contains(.handle)) { break }
                meter.step()
                k += 1
            }
            return k
        }
    }
}
