/// Words that show a new sentence has begun even when written in lower case, and words that
/// show a sentence goes on after `?` or `!`.
///
/// Informal text (e-mail, forums, chat) often starts sentences in lower case: `ring the desk at
/// 555-0142. they close at six`, `which bus goes there? the red one?`. A lower-case
/// word after a stop ends the sentence when the evidence says so:
///
/// - after `.`, the word before the stop is an ordinary word (not an abbreviation, an initial
///   or a multi-period shape), no closing quote or bracket stands between the stop and the word
///   (`“That was close.” he said.` goes on), and the next word is one of `periodStarters`, or
///   the word before has at least `longWord` bytes (too long for an abbreviation the lexicon
///   does not know) and the next word is not one of the `continuations`;
/// - after `?` or `!` with no closing mark, any lower-case word except the `continuations`
///   (`Yahoo! last week` is also caught by the abbreviation lexicon).
enum LowerCaseStartLexicon {
    /// Lower-case words that begin a sentence after a period: pronouns, question words,
    /// auxiliaries, possessives and the words of informal openings.
    static let periodStarters: [String] = """
        i you he she we they it this these those there here
        what where when why how who which
        do does did is are was were can could should would will
        have has had my your our their its
        if so please thanks thank call let maybe anyway also
        yes no ok okay oh lol hope just
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// Lower-case words that carry a sentence on after `?` or `!`: conjunctions, prepositions
    /// and verbs of saying (`Why? she asked` keeps `she` out: pronouns are not here, but a
    /// question followed by its attribution in lower case without a closing quote is rare).
    static let continuations: [String] = """
        and or nor but
        of in on at to for with from by as than
        said says asked asks cried shouted replied wrote
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// Shortest word before a period that is taken for a word, not an unknown abbreviation.
    static let longWord = 4

    /// The two tables (payload 1), built once.
    static let periodStarterTable = WordTable(periodStarters.map { (Array($0.utf8), 1) })
    static let continuationTable = WordTable(continuations.map { (Array($0.utf8), 1) })
}
