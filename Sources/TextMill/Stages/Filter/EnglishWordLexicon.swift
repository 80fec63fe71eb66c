/// The character classes and word lists behind `EnglishWords`, as data.
///
/// They follow the rules of the English tokenizer that datatrove's filters use (spaCy's blank
/// English pipeline: prefixes, suffixes, infixes and special cases), re-stated here from its
/// documented behaviour so that word counts agree with datatrove's.
enum EnglishWordLexicon {
    /// Punctuation split off either end of a word.
    static let punctuation: Set<Unicode.Scalar> = scalars(",:;!?¿؟¡()[]{}<>_#*&。？！，、；：～·।،۔؛٪…")
    /// Quotation marks and brackets split off either end of a word.
    static let quotes: Set<Unicode.Scalar> = scalars("'\"”“`‘´’‚,„»«「」『』（）〔〕【】《》〈〉〈〉⟦⟧")
    /// Currency signs split off the front of a word (and off the end after a digit).
    static let currency: Set<Unicode.Scalar> = scalars("$£€¥฿₽﷼₠₡₢₣₤₥₦₧₨₩₪₫₭₮₯₰₱₲₳₴₵₶₷₸₹₺₻₼₾₿")
    /// Split off the front only.
    static let prefixOnly: Set<Unicode.Scalar> = scalars("§%=—–")
    /// Split off the end only.
    static let suffixOnly: Set<Unicode.Scalar> = scalars("—–")
    /// Hyphens split between letters ("well-known" → well - known).
    static let hyphens: Set<Unicode.Scalar> = scalars("-–—~")
    /// Split between a letter or digit and a letter ("a/b", "x:y").
    static let joiners: Set<Unicode.Scalar> = scalars(":<>=/")
    /// Split between digits ("2020-21").
    static let arithmetic: Set<Unicode.Scalar> = scalars("+-*^")

    /// Units split off a number's end ("5km" → 5 km).
    static let units: Set<String> = Set(("km km² km³ m m² m³ dm dm² dm³ cm cm² cm³ mm mm² mm³ ha µm nm yd in ft kg g mg µg t lb oz "
        + "m/s km/h kmh mph hPa Pa mbar mb MB kb KB gb GB tb TB T G M K %").split(separator: " ").map(String.init))

    /// Clitics split off the end of a word ("Smith's" → Smith 's).
    static let possessives: [String] = ["'s", "'S", "’s", "’S"]

    /// Words that stay whole although they end in a period.
    static let abbreviations: Set<String> = Set((
        "Adm. Ak. Ala. Apr. Ariz. Ark. Aug. Bros. Calif. Co. Colo. Conn. Corp. D.C. Dec. Del. Dr. E.G. E.g. Feb. Fla. "
        + "Ga. Gen. Gov. I.E. I.e. Ia. Id. Ill. Inc. Ind. Jan. Jr. Jul. Jun. Kan. Kans. Ky. La. Ltd. Mar. Mass. Md. Messrs. "
        + "Mich. Minn. Miss. Mo. Mont. Mr. Mrs. Ms. Mt. N.C. N.D. N.H. N.J. N.M. N.Y. Neb. Nebr. Nev. Nov. Oct. Okla. "
        + "Ore. Pa. Ph.D. Prof. Rep. Rev. S.C. Sen. Sep. Sept. St. Tenn. Va. Wash. Wis. a.m. co. e.g. i.e. p.m. v.s. vs. "
        + "a. b. c. d. e. f. g. h. i. j. k. l. m. n. o. p. q. r. s. t. u. v. w. x. y. z. ä. ö. ü. "
        + "'' 'bout 'cause 'cos 'coz 'cuz 'em 'nuff and/or w/o C++ Ma'am ma'am o'clock O'clock "
        + ":) :( :-) :-( ;) ;-) :D :P :p :/ :| ): (: =) =( <3 :'( :-D :-P :-/"
    ).split(separator: " ").map(String.init))

    /// Verbs that take a "n't" clitic, lower case ("ca" for "can't", "wo" for "won't").
    static let negatable: Set<String> = Set(("ai are ca could dare did does do had has have is might must need ought sha should was were wo would may")
        .split(separator: " ").map(String.init))
    /// Verbs split from "nt" without an apostrophe ("dont" → do nt).
    static let negatableWithoutApostrophe: Set<String> = Set(("ai are ca could did does do had has have is might must need sha should was were wo would")
        .split(separator: " ").map(String.init))
    /// Words that take 'll, 're, 've, 'd and 'm clitics, lower case.
    static let cliticHosts: Set<String> = Set(("i you he she it we they who what where when why how that there these those this")
        .split(separator: " ").map(String.init))
    /// Clitics after `cliticHosts` (with ' or ’).
    static let clitics: [String] = ["ll", "re", "ve", "d", "m"]
    /// Whole words split in two, lower case: "cannot" → can not.
    static let fusedWords: [String: Int] = ["cannot": 3, "gonna": 3, "gotta": 3, "im": 1]

    static func scalars(_ text: String) -> Set<Unicode.Scalar> { Set(text.unicodeScalars) }
}
