/// How an abbreviation behaves when its period is followed by a capitalised word.
///
/// The splitter never ends a sentence at an abbreviation followed by a lower-case word, a comma
/// or the like; the kind decides the cases where the next word is capitalised or a number.
public enum AbbreviationKind: UInt8, Sendable, CaseIterable {
    /// Written before a name ("Mr.", "Gen.", "Mt."): never ends a sentence inside a paragraph.
    case title = 1
    /// Only ever inside a sentence ("e.g.", "i.e.", "vs.", "cf."): never ends one.
    case inner = 2
    /// Ends a sentence only when the next word is a sentence starter ("U.S. How…" but not
    /// "U.S. Government"), starts a new line, or opens a quotation. Never before a number
    /// ("No. 5", "Jan. 2019"). The default kind.
    case general = 3
    /// Usually closes its sentence ("etc.", "mln.", "pct."): ends one before any capitalised
    /// word, but not before a number.
    case final = 4

    /// The word used for this kind in lexicon files and options.
    public var word: String {
        switch self {
        case .title: return "title"
        case .inner: return "inner"
        case .general: return "general"
        case .final: return "final"
        }
    }
}

/// A lexicon line that could not be read.
public struct LexiconError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and where ("abbreviations.txt, line 3: unknown kind 'often' …").
    public var message: String
    /// An error with its message.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// The abbreviation lexicon: built-in English entries (news usage) plus the user's.
///
/// Format, one entry a line, `#` starts a comment:
///
///     Gen. title      # abbreviation (the final period is optional), then its kind
///     Calif.          # kind omitted: general
///     Yahoo!          # a name written with its own "!", which then ends a sentence only
///                     # as its kind says
///
/// An entry written with a capital first letter matches only capitalised words ("Mass." the
/// state, not "mass."); an entry written in lower case matches any capitalisation.
public enum AbbreviationLexicon {
    /// One parsed entry.
    public struct Entry: Sendable, Hashable {
        /// The abbreviation without its final period ("U.S", "Gen").
        public var word: String
        /// How the abbreviation behaves before a capitalised word or a number.
        public var kind: AbbreviationKind
        /// True when only capitalised occurrences match.
        public var capitalOnly: Bool
    }

    /// Parses lexicon text. `source` names the text in error messages (a file path, an option).
    public static func parse(_ text: String, source: String) throws -> [Entry] {
        var out: [Entry] = []
        for line in LexiconText.entries(text) {
            let fields = line.fields
            let n = line.line - 1
            guard fields.count <= 2 else {
                throw LexiconError("\(source), line \(n + 1): expected an abbreviation and at most one kind, found \(MessageText.quoted(line.text))")
            }
            out.append(try entry(String(fields[0]), kind: fields.count == 2 ? String(fields[1]) : nil,
                                 where: "\(source), line \(n + 1)"))
        }
        return out
    }

    /// Parses one entry given inline ("Gen." or "Gen. title").
    public static func entry(_ text: String, where place: String) throws -> Entry {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 1 || fields.count == 2 else {
            throw LexiconError("\(place): expected an abbreviation and at most one kind, found \(MessageText.quoted(text))")
        }
        return try entry(String(fields[0]), kind: fields.count == 2 ? String(fields[1]) : nil, where: place)
    }

    static func entry(_ word: String, kind: String?, where place: String) throws -> Entry {
        var w = Substring(word)
        if w.hasSuffix(".") { w = w.dropLast() }
        guard !w.isEmpty else { throw LexiconError("\(place): an abbreviation needs at least one letter") }
        guard w.utf8.count <= WordTable.maxLength else {
            throw LexiconError("\(place): \(MessageText.quoted(word)) is longer than \(WordTable.maxLength) bytes")
        }
        var k = AbbreviationKind.general
        if let kind {
            guard let found = AbbreviationKind.allCases.first(where: { $0.word == kind.lowercased() }) else {
                throw LexiconError("\(place): unknown kind \(MessageText.quoted(kind)) for \(MessageText.quoted(word)) (kinds: \(AbbreviationKind.allCases.map(\.word).joined(separator: ", ")))")
            }
            k = found
        }
        let first = w.unicodeScalars.first!
        return Entry(word: String(w), kind: k, capitalOnly: first.properties.isUppercase)
    }

    /// The built-in English entries.
    public static let builtin: [Entry] = {
        do { return try parse(englishData, source: "built-in abbreviations") } catch {
            preconditionFailure("\(error)")
        }
    }()

    /// Built-in English abbreviations, news usage first. Multi-period abbreviations made of
    /// one- or two-letter parts ("U.S.", "Ph.D.", "a.m.") and single letters (initials) are
    /// recognised by their shape and need no entry unless their kind differs from `general`.
    static let englishData = """
    # Titles and ranks: written before a name.
    Mr title
    Mrs title
    Ms title
    Mx title
    Messrs title
    Mmes title
    Mme title
    Mlle title
    Dr title
    Drs title
    Prof title
    Profs title
    Rev title
    Revd title
    Hon title
    Rt title
    Fr title
    Msgr title
    Gen title
    Lt title
    Col title
    Maj title
    Capt title
    Cmdr title
    Cdr title
    Adm title
    Brig title
    Sgt title
    Cpl title
    Pvt title
    Pfc title
    Spc title
    Ens title
    Gov title
    Sen title
    Sens title
    Rep title
    Reps title
    Pres title
    Supt title
    Det title
    Insp title
    Atty title
    Amb title
    Ald title
    Mt title
    Ft title
    Ste title
    Sra title
    Srta title
    Dra title
    Hr title
    Hrn title

    # Only inside a sentence.
    e.g inner
    i.e inner
    vs inner
    viz inner
    cf inner
    ca inner
    approx inner
    appr inner
    esp inner
    incl inner
    a.k.a inner
    w.r.t inner

    # Companies and organisations.
    Inc
    Corp
    Co
    Cos
    Ltd
    Plc
    Pty
    Pte
    Bhd
    Bros
    Cie
    Hldgs
    Assn
    Assoc
    Dept
    Univ
    Inst
    Natl
    Intl
    Govt
    Admin
    Mfg
    Est
    Jr
    Sr
    Esq
    al

    # Names written with their own exclamation mark (looked up with the "!").
    Yahoo!
    Jeopardy!
    E!

    # Places and streets.
    St
    Ave
    Blvd
    Rd
    Hwy
    Sq
    Pl
    Ct
    Ln
    Pkwy
    Mtn

    # Months and days.
    Jan
    Feb
    Mar
    Apr
    Jun
    Jul
    Aug
    Sep
    Sept
    Oct
    Nov
    Dec
    Mon
    Tue
    Tues
    Wed
    Thu
    Thur
    Thurs
    Fri
    Sat
    Sun

    # U.S. states (AP style).
    Ala
    Ariz
    Ark
    Calif
    Colo
    Conn
    Del
    Fla
    Ga
    Ill
    Ind
    Kan
    Kans
    Ky
    La
    Md
    Mass
    Mich
    Minn
    Miss
    Mo
    Mont
    Neb
    Nebr
    Nev
    Okla
    Ore
    Pa
    Tenn
    Tex
    Vt
    Va
    Wash
    Wis
    Wyo

    # Before numbers and in references.
    no
    nos
    Nr
    nº
    n°
    p
    pp
    pg
    vol
    vols
    fig
    figs
    art
    arts
    ch
    chap
    sec
    sect
    para
    paras
    op
    ed
    eds
    trans
    ibid
    tel
    ext
    min
    max

    # Usually close their sentence (amounts, units, lists).
    etc final
    mln final
    bln final
    bn final
    trln final
    dlrs final
    pct final
    yrs final
    mos final
    hrs final
    mins final
    secs final
    lbs final
    oz final
    kg final
    km final
    sq final
    ft final
    yds final
    cts final
    """
}

