/// What a sentence-starter entry marks.
public enum StarterKind: UInt8, Sendable, CaseIterable {
    /// A word that often begins a sentence and is rarely part of a name ("The", "He", "However").
    case starter = 1
    /// A preposition: also a starter, and a sentence that begins with one and has only a few
    /// words when it reaches an abbreviation is a fronted phrase ("At 7 a.m. Mr. Okafor opened…"),
    /// so the abbreviation does not end it.
    case preposition = 2

    /// The word used for this kind in lexicon files and options.
    public var word: String {
        switch self {
        case .starter: return "starter"
        case .preposition: return "preposition"
        }
    }
}

/// The sentence-starter lexicon: capitalised words after an ambiguous abbreviation ("U.S.",
/// "Inc.", "a.m.", an initial) that show a new sentence has begun ("…in the U.S. Where do you live?"),
/// where any other capitalised word is taken as part of a name ("the U.S. Government").
///
/// Format, one word a line, optionally followed by its kind (`starter`, the default, or
/// `preposition`); `#` starts a comment. Words match in any capitalisation.
public enum SentenceStarterLexicon {
    /// One parsed entry.
    public struct Entry: Sendable, Hashable {
        /// The word, matched in any capitalisation.
        public var word: String
        /// A plain starter or a preposition.
        public var kind: StarterKind
    }

    /// Parses lexicon text. `source` names the text in error messages.
    public static func parse(_ text: String, source: String) throws -> [Entry] {
        var out: [Entry] = []
        for line in LexiconText.entries(text) {
            out.append(try entry(line.fields.map(String.init), where: "\(source), line \(line.line)"))
        }
        return out
    }

    /// Parses one entry given inline ("However" or "Across preposition").
    public static func entry(_ text: String, where place: String) throws -> Entry {
        try entry(text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init), where: place)
    }

    static func entry(_ fields: [String], where place: String) throws -> Entry {
        guard fields.count == 1 || fields.count == 2 else {
            throw LexiconError("\(place): expected a word and at most one kind, found \(MessageText.quoted(fields.joined(separator: " ")))")
        }
        let word = fields[0]
        guard word.utf8.count <= WordTable.maxLength else {
            throw LexiconError("\(place): \(MessageText.quoted(word)) is longer than \(WordTable.maxLength) bytes")
        }
        var kind = StarterKind.starter
        if fields.count == 2 {
            guard let k = StarterKind.allCases.first(where: { $0.word == fields[1].lowercased() }) else {
                throw LexiconError("\(place): unknown kind \(MessageText.quoted(fields[1])) for \(MessageText.quoted(word)) (kinds: \(StarterKind.allCases.map(\.word).joined(separator: ", ")))")
            }
            kind = k
        }
        return Entry(word: word, kind: kind)
    }

    /// The built-in English entries.
    public static let builtin: [Entry] = {
        do { return try parse(englishData, source: "built-in sentence starters") } catch {
            preconditionFailure("\(error)")
        }
    }()

    /// Built-in English sentence starters. Words that are also common first names or parts of
    /// names ("Will", "May", "Bill", "Mark", "Grace", "Women" as in "U.N. Women") are left out
    /// on purpose.
    static let englishData = """
    # Pronouns and determiners.
    I
    He
    She
    It
    We
    They
    You
    This
    That
    These
    Those
    There
    Here
    His
    Her
    Its
    Our
    Their
    My
    Your
    The
    A
    An
    Some
    Many
    Most
    All
    Both
    Each
    Every
    Any
    No
    None
    Neither
    Either
    Few
    Several
    Such
    Another
    Other
    Others
    One
    Two
    Three
    Four
    Five
    Nothing
    Everything
    Everyone
    Someone
    Nobody

    # Question words.
    Who
    What
    When
    Where
    Why
    How
    Which
    Whose

    # Conjunctions and sentence adverbs.
    But
    And
    Or
    Nor
    So
    Yet
    However
    Meanwhile
    Moreover
    Furthermore
    Nevertheless
    Nonetheless
    Instead
    Also
    Still
    Then
    Now
    Today
    Yesterday
    Tomorrow
    Tonight
    Later
    Earlier
    Finally
    Thus
    Therefore
    Hence
    Besides
    Otherwise
    Indeed
    Perhaps
    Maybe
    While
    Although
    Though
    Because
    If
    Unless
    Whether
    Once
    Even
    Only
    Just
    Not
    Yes
    Please
    Let
    According
    Asked
    Speaking
    Last
    Next
    First
    Second
    Third

    # Auxiliaries (questions).
    Is
    Are
    Was
    Were
    Do
    Does
    Did
    Has
    Have
    Had
    Can
    Could
    Would
    Should
    Shall
    Must
    Might

    # Courtesy titles begin a new noun phrase, not a name that goes on ("…at 9 P.M. Mr. Okafor then…").
    Mr
    Mrs
    Ms
    Messrs

    # Plural subjects that open news sentences.
    Officials
    Analysts
    Investors
    Police
    Authorities
    Experts
    Critics
    Residents
    Witnesses
    Protesters
    Lawmakers
    Voters
    Economists
    Traders
    Shares
    Stocks
    Prices
    Sales
    Earnings
    Profits
    Markets
    Companies
    People
    Workers
    Students
    Families
    Doctors
    Scientists
    Researchers
    Prosecutors
    Activists
    Troops
    Soldiers

    # Prepositions: starters, and the head of a fronted phrase.
    At preposition
    In preposition
    On preposition
    By preposition
    From preposition
    For preposition
    With preposition
    Without preposition
    About preposition
    Above preposition
    Across preposition
    After preposition
    Against preposition
    Along preposition
    Among preposition
    Around preposition
    Before preposition
    Behind preposition
    Below preposition
    Beside preposition
    Between preposition
    Beyond preposition
    Despite preposition
    During preposition
    Inside preposition
    Into preposition
    Like preposition
    Near preposition
    Of preposition
    Outside preposition
    Over preposition
    Since preposition
    Through preposition
    Throughout preposition
    Toward preposition
    Towards preposition
    Under preposition
    Unlike preposition
    Until preposition
    Upon preposition
    Within preposition
    """
}
