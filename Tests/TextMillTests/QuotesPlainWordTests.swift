import Testing
@testable import TextMill

/// The quotes tokenizer's short cut for plain words (`QuoteTokenizer.plainWord`, issue 17):
/// one to sixteen ASCII letters read eight bytes at a time, with a sentence's period after
/// them. Every token it makes must be the
/// token the byte-by-byte `word` makes, wherever the word stands (paragraph ends inside the
/// eight bytes, the text's last bytes) and whatever follows it.
@Suite struct QuotesPlainWordTests {
    let lexicon = QuotesLexicon.standard

    /// Everything a token holds, to compare two tokenizations field by field.
    struct Fields: Equatable, CustomStringConvertible {
        var start, end: Int32
        var kind, punct, mark, shape: UInt8
        var word: Int32
        var flags: UInt64
        init(_ t: Token) {
            start = t.start; end = t.end; kind = t.kind.rawValue; punct = t.punct
            mark = t.mark.rawValue; shape = t.shape.rawValue; word = t.word; flags = t.flags.rawValue
        }
        var description: String { "\(start)..<\(end) kind \(kind) shape \(shape) word \(word)" }
    }

    func tokens(_ bytes: [UInt8], _ start: Int, _ end: Int, plain: Bool) -> [Fields] {
        var tokens: [Token] = []
        bytes.withUnsafeBufferPointer {
            QuoteTokenizer(lexicon: lexicon, readsPlainWords: plain).tokenize($0, start, end, into: &tokens)
        }
        return tokens.map(Fields.init)
    }

    static let texts = [
        """
        “We’re done,” Spokesman Pérez told REPORTERS on Tuesday, adding that the U.S. Embassy \
        and Mr. Okafor’s statement (released by Gov. Hale, R-Ky.) said nothing. Spokeswoman \
        Nkechi said: the naïve plan, which officials’ reports described, was “rejected.”
        """,
        "AT&T and RFE/RL said the well-known G7 plan, worth $3,000 at 3:25 p.m., don't work; Smith's aides agreed.",
        "He said \"no.\" She said 'yes'. They SAID: «non» — OK? I.e. e.g. etc. Inc., (D-Mo.) x y z",
        "abcdefg abcdefgh abcdefghi ABCDEFGH Abcdefgh aBcDeFgH said\nsaid\tsaid\r\nsaid\u{00A0}said",
        "spokeswomen SPOKESWOMEN Spokeswomen abcdefghijklmnop abcdefghijklmnopq ABCDEFGHIJKLMNOp government, governments.",
        "internationally—and ADMINISTRATIONS” officials’ counterterrorism… abcdefghijklmno7 Kazakhstan’s",
        "officials told reporters that spokespeople reported, adding the prosecutors' statement",
        "@kamaluga #news said@ said# x@y under_score said~ said| said[ said] said{ said} said` said^",
        "Élodie and ÜMIT agreed; saidé saidé2 said’s said’ s said'",
    ]

    /// The fixtures, every paragraph end that cuts them (so a word ends at `end` inside the
    /// eight bytes read), and random texts of letters, marks and joiners: both ways of reading
    /// give the same tokens.
    @Test func plainWordsAreTokenizedAsByteByByte() {
        var compared = 0
        for text in Self.texts {
            let bytes = Array(text.utf8)
            for end in stride(from: bytes.count, through: 1, by: -1) {
                expectEqual(tokens(bytes, 0, end, plain: true), tokens(bytes, 0, end, plain: false), "\(text.prefix(30)) to \(end)")
                compared += 1
            }
            for start in 0..<min(bytes.count, 40) {
                expectEqual(tokens(bytes, start, bytes.count, plain: true), tokens(bytes, start, bytes.count, plain: false))
            }
        }
        let pieces = ["said", "Said", "SAID", "a", "I", "told", "reporters", "Mr", "government", "SPOKESWOMEN", "abcdefgh", " ", " ", "\n", ".", ",", "'", "’",
                      "-", "&", "/", "7", ":", "é", "“", "”", "\"", "(", ")", "…", "s", "U", "S", "—", "–", "‘", "\u{200D}"]
        var seed: UInt64 = 0x9E37
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<24 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int((seed >> 33) % UInt64(pieces.count))]
            }
            let bytes = Array(text.utf8)
            let end = Int((seed >> 20) % UInt64(bytes.count + 1))
            expectEqual(tokens(bytes, 0, end, plain: true), tokens(bytes, 0, end, plain: false), "\(text)")
            compared += 1
        }
        #expect(compared > 1000)
    }

    /// Every ASCII byte after a plain word (and after one of eight and of sixteen letters, where
    /// the short cut's loads end), and the masks the short cut tests it with: the same tokens
    /// as `word`, and the masks are the tokenizer's own definitions (a letter or a digit carries
    /// the word on, so do `continuesWord`'s joiners; white space is `isSpace`).
    @Test func everyASCIIByteAfterAPlainWordIsReadAsByteByByte() {
        for c in UInt8(0)..<0x80 {
            let ends = c < 64 ? QuoteTokenizer.endsPlainWordBelow64 >> UInt64(c) & 1 != 0
                              : QuoteTokenizer.endsPlainWordFrom64 >> UInt64(c - 64) & 1 != 0
            let joins = c < 64 && QuoteTokenizer.continuesWord >> UInt64(c) & 1 != 0
            expectEqual(ends, !(QuoteTokenizer.isAlnum(c) || joins), "byte \(c)")
            expectEqual((c < 64 && QuoteTokenizer.asciiSpaces >> UInt64(c) & 1 != 0), QuoteTokenizer.isSpace(c), "byte \(c)")
            for word in ["said", "Reporte", "REPORTER", "governmentsxyzab", "Mr"] {
                let bytes = Array(word.utf8) + [c] + Array(" the minister said on Tuesday".utf8)
                for end in [bytes.count, word.utf8.count + 1, word.utf8.count + 2] {
                    expectEqual(tokens(bytes, 0, end, plain: true), tokens(bytes, 0, end, plain: false), "\(word) byte \(c) to \(end)")
                }
            }
        }
    }

    /// The short cut's commonest case (`shortPlainWord`: one to seven letters, the byte after
    /// them read from the same eight bytes): words of one to nine letters in every casing, in
    /// and out of the lexicon, after the paragraph start, a space, a bracket, a curly mark or a
    /// non-ASCII letter, before every ASCII byte and before non-ASCII characters, with the
    /// paragraph ending at the word, one byte after it or further on: the same tokens, every
    /// field, as `word` makes byte by byte; and the case is taken only where it should be.
    @Test func shortPlainWordsAreReadAsByteByByte() {
        let words = ["a", "I", "He", "MR", "Mr", "said", "SAID", "SaId", "told", "xqzvk", "Reporte", "REPORTS",
                     "reports", "Minister", "officials", "xqzvkwjpb"]
        let before = ["", " ", "(", "“", "é", "7", "x."]
        var after = (UInt8(0)..<0x80).map { [$0] }
        after += ["’s", "”", "é", "—", "\u{00A0}", "…"].map { Array($0.utf8) }
        var compared = 0, taken = 0
        for word in words {
            for lead in before {
                for follow in after {
                    let bytes = Array(lead.utf8) + Array(word.utf8) + follow + Array(" the minister said on Tuesday".utf8)
                    let wordStart = lead.utf8.count, wordEnd = wordStart + word.utf8.count
                    for end in [wordEnd, wordEnd + 1, bytes.count] {
                        expectEqual(tokens(bytes, 0, end, plain: true), tokens(bytes, 0, end, plain: false),
                                    "\(lead)\(word) then \(follow) to \(end)")
                        compared += 1
                    }
                    // Taken: a word of one to seven letters before an ASCII byte that ends it
                    // and is no period, inside the paragraph (a letter after it makes it longer).
                    let c = follow[0]
                    if c < 0x80 && ((c | 0x20) &- 0x61) < 26 { continue }
                    let ends = c < 0x80 && !QuoteTokenizer.isAlnum(c) && c != 0x2E
                        && !(c < 64 && QuoteTokenizer.continuesWord >> UInt64(c) & 1 != 0)
                    let expected = word.utf8.count < 8 && ends ? wordEnd : -1
                    var sinkTokens: [Token] = []
                    let read = bytes.withUnsafeBufferPointer { b in
                        TokenSink.writing(into: &sinkTokens) { sink in
                            QuoteTokenizer(lexicon: lexicon).shortPlainWord(b, wordStart, 0, bytes.count, afterSpace: false,
                                                                            lexicon.index.shortKeys, &sink)
                        }
                    }
                    expectEqual(read, expected, "\(lead)\(word) then \(follow)")
                    // Where the word starts a token of its own (not after a letter, a digit or
                    // "x.", which `word` joins to it), that token is the one appended.
                    if read >= 0 && ["", " ", "(", "“"].contains(lead) {
                        taken += 1
                        var all: [Token] = []
                        bytes.withUnsafeBufferPointer { QuoteTokenizer(lexicon: lexicon, readsPlainWords: false).tokenize($0, 0, bytes.count, into: &all) }
                        let own = all.first { Int($0.start) == wordStart }.map(Fields.init)
                        expectEqual(sinkTokens.map(Fields.init), own.map { [$0] } ?? [], "\(lead)\(word) then \(follow)")
                    }
                }
            }
        }
        #expect(compared > 10_000)
        #expect(taken > 2_000)
    }

    /// Abbreviations of eight to fifteen letters with their period (none in the built-in lists,
    /// but a config may add them): the short cut finds them through the index's long keys as
    /// `word` finds them through the table, before white space or the paragraph end.
    @Test func longAbbreviationsBeforeASentenceEndAreReadAsByteByByte() throws {
        let extended = try QuotesLexicon(extra: ["titles": ["sergeant.", "brigadier.", "superintendent."]])
        let text = "They met Sergeant. Brigadier. Superintendent. Superintendents. SERGEANT. sergeants. brigadier.\nOK brigadier."
        let bytes = Array(text.utf8)
        func read(_ plain: Bool, end: Int) -> [Fields] {
            var tokens: [Token] = []
            bytes.withUnsafeBufferPointer {
                QuoteTokenizer(lexicon: extended, readsPlainWords: plain).tokenize($0, 0, end, into: &tokens)
            }
            return tokens.map(Fields.init)
        }
        for end in stride(from: bytes.count, through: 1, by: -1) {
            expectEqual(read(true, end: end), read(false, end: end), "to \(end)")
        }
        let abbreviations = read(true, end: bytes.count).filter { $0.shape & Token.Shape.abbreviation.rawValue != 0 }
        #expect(abbreviations.map { String(decoding: bytes[Int($0.start)..<Int($0.end)], as: UTF8.self) }
                == ["Sergeant.", "Brigadier.", "Superintendent.", "SERGEANT.", "brigadier.", "brigadier."])
        #expect(abbreviations.allSatisfy { $0.word >= 0 })
    }

    /// Which words the short cut takes: up to sixteen letters ending at a byte that cannot
    /// carry the word on, with the text going on far enough to read them eight bytes at a
    /// time; all others go to `word`.
    @Test func theShortCutTakesPlainWordsOnly() {
        func taken(_ text: String, end: Int? = nil) -> Bool {
            let bytes = Array(text.utf8)
            var tokens: [Token] = []
            return bytes.withUnsafeBufferPointer { b in
                TokenSink.writing(into: &tokens) { sink in
                    QuoteTokenizer(lexicon: lexicon).plainWord(b, 0, 0, end ?? b.count, afterSpace: false, lexicon.index.shortKeys, &sink) != nil
                }
            }
        }
        for text in ["said, he added", "Said the minister", "REPORTER” said", "told\nthem so", "abcdefgh ok then",
                     "said—and then", "said… and", "said“ no", "said. Then", "said.\nThen", "Mr. Smith", "H. Smith",
                     "Gov. Hale", "gov. hale", "MR. SMITH", "abcdefg. x", "abcdefgh. xxxxxxxx", "government. The end",
                     "Abcdefghijklmno. xxxxxxxx",
                     "abcdefghi said it", "REPORTERS” said", "spokeswomen, said", "Abcdefghijklmnop x", "ABCDEFGHIJKLMNOP x"] {
            #expect(taken(text), "\(text)")
        }
        // A run of plain words one space apart (or after a comma and a space) is read in one
        // call, up to the first that is not plain.
        let run = Array("the minister said on Tuesday, U.S. officials".utf8)
        var tokens: [Token] = []
        let stop = run.withUnsafeBufferPointer { b in
            TokenSink.writing(into: &tokens) { sink in QuoteTokenizer(lexicon: lexicon).plainWords(b, 0, 0, b.count, &sink) }
        }
        expectEqual(stop, 29)
        expectEqual(tokens.map { String(decoding: run[Int($0.start)..<Int($0.end)], as: UTF8.self) },
                    ["the", "minister", "said", "on", "Tuesday", ","])
        // The paragraph ends inside the eight bytes: the word ends there (or after its period).
        #expect(taken("said.xxxxx", end: 4))
        #expect(taken("said.xxxxx", end: 5))
        // A sentence's period: the word alone, or with its period when it is an initial or a
        // listed abbreviation.
        // (Blanks after the paragraph's end, so that its last word is read eight bytes at a time.)
        let sentence = Array("He met Mr. Okafor and H. Hale in Kyiv. They said. Negotiations.".utf8)
        var read: [Token] = []
        (sentence + Array(repeating: 0x20, count: 8)).withUnsafeBufferPointer { b in
            let tokenizer = QuoteTokenizer(lexicon: lexicon)
            var at = 0
            TokenSink.writing(into: &read) { sink in
                while at < sentence.count {
                    if let e = tokenizer.plainWords(b, at, 0, sentence.count, &sink) { at = e } else { at += 1 }
                }
            }
        }
        // (The sentences' periods before a space and a letter are read in the run too.)
        #expect(read.map { String(decoding: sentence[Int($0.start)..<Int($0.end)], as: UTF8.self) }
                == ["He", "met", "Mr.", "Okafor", "and", "H.", "Hale", "in", "Kyiv", ".", "They", "said", ".", "Negotiations"])
        expectEqual(read.map { $0.shape.contains(.abbreviation) },
                    [false, false, true, false, false, true, false, false, false, false, false, false, false, false])
        for text in ["U.S. officials", "don't know", "G7 leaders", "well-known", "AT&T said", "RFE/RL said",
                     "Pérez said", "Okafor’s aide", "7 people", "said", "said‘ no", "saidé xxxx",
                     "abcdefghijklmnop. xxxxxxxx", "Inc., said", "etc.) said", "said... then", "said.” then", "a.m. then",
                     "abcdefghijklmnopq x", "abcdefghijklmnop7 x", "abcdefghi.xxxxxxxx", "abcdefghi"] {
            #expect(!taken(text), "\(text)")
        }
    }

    /// A run of plain words reads on across `, ; : . ? !` glued to a word when one space and a
    /// letter follow (`punctuationInRun`), and stops at any other byte, at two spaces, and where
    /// the paragraph ends before the next word's letter; the tokens, every field, are those the
    /// byte-by-byte reading makes, with every paragraph end that cuts the text.
    @Test func punctuationInARunIsReadAsByteByByte() {
        var across = 0, compared = 0
        for c in UInt8(0x21)..<0x80 where !QuoteTokenizer.isAlnum(c) {
            for follow in [" then", "  then", " 7", " “then", "\nthen", " "] {
                let text = Array("they said".utf8) + [c] + Array(follow.utf8) + Array(" it".utf8)
                for end in stride(from: text.count, through: 1, by: -1) {
                    expectEqual(tokens(text, 0, end, plain: true), tokens(text, 0, end, plain: false), "said\(c)\(follow) to \(end)")
                    compared += 1
                }
                var read: [Token] = []
                let stop = (text + Array(repeating: 0x20, count: 16)).withUnsafeBufferPointer { b in
                    TokenSink.writing(into: &read) { sink in QuoteTokenizer(lexicon: lexicon).plainWords(b, 0, 0, text.count, &sink) }
                }
                // Read across: the run's tokens are all of the text's, the punctuation's among them.
                let expected = ",;:.?!".utf8.contains(c) && follow == " then"
                let all = tokens(text, 0, text.count, plain: false)
                #expect((stop == text.count) == expected, "byte \(c)\(follow)")
                if expected {
                    across += 1
                    expectEqual(read.map(Fields.init), all, "byte \(c)")
                    expectEqual(all.count, 5)
                } else {
                    // Otherwise the run ends at "said" or, where the byte joins it, before it.
                    #expect(stop.map { $0 <= 9 } ?? false, "byte \(c)\(follow)")
                }
            }
        }
        expectEqual(across, 6)
        #expect(compared > 2_000)
    }

    /// The index's long keys (issue 17): every word of the lexicon of nine to sixteen ASCII
    /// letters, as listed, capitalized or in capitals, is found by `lookup(packed:rest:)` as the
    /// table finds it, and so are the words one letter off (mostly not listed: -1 both ways).
    @Test func theLongKeysAnswerAsTheTable() {
        let table = lexicon.table, index = lexicon.index
        func pack(_ bytes: ArraySlice<UInt8>) -> UInt64 {
            bytes.enumerated().reduce(0) { $0 | UInt64($1.element | 0x20) << (8 * UInt64($1.offset)) }
        }
        var long = 0
        for id in 0..<table.count {
            let key = table.key(Int32(id))
            guard key.count > 8, key.count <= 16, key.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else { continue }
            long += 1
            let upper = key.map { $0 & ~0x20 }
            let capitalized = [key[0] & ~0x20] + key.dropFirst()
            var changed = key
            changed[key.count - 1] = changed[key.count - 1] == 0x7A ? 0x61 : changed[key.count - 1] + 1
            for word in [key, upper, capitalized, changed, Array(key.dropLast())] where word.count > 8 {
                let expected = word.withUnsafeBufferPointer { table.lookup($0, 0, $0.count) }
                expectEqual(index.lookup(packed: pack(word[0..<8]), rest: pack(word[8...])), expected,
                        "\(String(decoding: word, as: UTF8.self))")
            }
            expectEqual(index.lookup(packed: pack(key[0..<8]), rest: pack(key[8...])), Int32(id))
        }
        // The lexicon has such words ("spokeswoman", "prosecutors").
        #expect(long > 50)
    }

    /// The index's slots carry each word's flags beside its id (issue 17: the plain-word short
    /// cut reads both from one slot): for every ASCII key of up to sixteen letters the entry is
    /// the id the table gives and `lexicon.flags` of that id; a word not listed has id -1 and
    /// no flags.
    @Test func theIndexEntriesCarryTheLexiconFlags() {
        let table = lexicon.table, index = lexicon.index
        func pack(_ bytes: ArraySlice<UInt8>) -> UInt64 {
            bytes.enumerated().reduce(0) { $0 | UInt64($1.element | 0x20) << (8 * UInt64($1.offset)) }
        }
        var short = 0, long = 0, flagged = 0
        for id in 0..<table.count {
            let key = table.key(Int32(id))
            guard key.count <= 16, key.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else { continue }
            let entry = key.count <= 8 ? index.entry(packed: pack(key[...]))
                                       : index.entry(packed: pack(key[0..<8]), rest: pack(key[8...]))
            expectEqual(entry.id, Int32(id), "\(String(decoding: key, as: UTF8.self))")
            expectEqual(entry.flags, lexicon.flags[id], "\(String(decoding: key, as: UTF8.self))")
            if key.count <= 8 { short += 1 } else { long += 1 }
            if !entry.flags.isEmpty { flagged += 1 }
        }
        #expect(short > 500 && long > 50 && flagged > 500)
        for word in ["zqxv", "abcdefghijklmno"] {
            let key = Array(word.utf8)
            let entry = key.count <= 8 ? index.entry(packed: pack(key[...]))
                                       : index.entry(packed: pack(key[0..<8]), rest: pack(key[8...]))
            #expect(entry.id == -1 && entry.flags.isEmpty)
        }
        // "said" is a cue in the lexicon, and its entry says so.
        let said = index.entry(packed: pack(Array("said".utf8)[...]))
        #expect(said.id >= 0 && said.flags.contains(.cue))
    }
}
