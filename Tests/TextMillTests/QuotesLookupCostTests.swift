import Testing
@testable import TextMill

/// The `quotes` stage's cheaper word look-ups (issue 17): the tokenizer finds short ASCII words
/// through `QuoteWordIndex` and the English check stops reading once its verdict is certain.
/// Both must answer exactly what the full look-up and the full reading answer; the reading is
/// shown to be shorter by counting the words read, not by timing.
@Suite struct QuotesLookupCostTests {
    let lexicon = QuotesLexicon.standard

    /// What the table answers for `word` (the look-up the index stands in for).
    func tableID(_ word: [UInt8]) -> Int32 {
        word.withUnsafeBufferPointer { lexicon.table.lookup($0, 0, $0.count) }
    }

    /// What the index answers for `word`, or nil when the word is not one it takes (over eight
    /// bytes, or a byte above 0x7F).
    func indexID(_ word: [UInt8]) -> Int32? {
        guard word.count <= QuoteWordIndex.maximumLength, word.allSatisfy({ $0 < 0x80 }) else { return nil }
        return word.withUnsafeBufferPointer { lexicon.index.lookup($0, 0, $0.count) }
    }

    /// Every lexicon key, and near misses of each (other case, one byte more or less, one byte
    /// changed, a non-ASCII letter), gets the same id from the index as from the table.
    @Test func theIndexAnswersAsTheTableDoesForEveryWordAndNearMiss() {
        var asked = 0, found = 0
        for id in 0..<Int32(lexicon.table.count) {
            let key = lexicon.table.key(id)
            let upper = key.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
            let capitalized = key.isEmpty ? key : [upper[0]] + key.dropFirst()
            var variants = [key, upper, capitalized, key + [0x73], Array(key.dropLast()), key + Array("é".utf8)]
            if let last = key.last { variants.append(Array(key.dropLast()) + [last == 0x7A ? 0x61 : last + 1]) }
            for word in variants where !word.isEmpty {
                guard let id = indexID(word) else { continue }
                expectEqual(id, tableID(word), "\(String(decoding: word, as: UTF8.self))")
                asked += 1
                if id >= 0 { found += 1 }
            }
        }
        // The keys of at most eight ASCII bytes, in three cases each, are all found.
        let short = (0..<Int32(lexicon.table.count)).filter { id in
            let key = lexicon.table.key(id)
            return key.count <= 8 && key.allSatisfy { $0 < 0x80 }
        }
        #expect(short.count > 1000)
        #expect(found >= 3 * short.count)
        #expect(asked > found)
    }

    /// At the edge of the index: eight-byte words it takes, nine-byte ones go to the table, and
    /// words with ’ or a non-ASCII letter too; the tokenizer's id for every word token is the
    /// table's id for its bytes.
    @Test func theTokenizerGivesEveryWordTheTablesID() {
        let text = """
        “We’re done,” Spokesman Pérez told REPORTERS on Tuesday, adding that the U.S. Embassy \
        and Mr. Okafor’s statement (released by Gov. Hale, R-Ky.) said nothing. Spokeswoman \
        Nkechi said: the naïve plan, which officials’ reports described, was “rejected.” \
        Kazakhstan’s ministers, prosecutors and spokespeople reported; Élodie and ÜMIT agreed.
        """
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        bytes.withUnsafeBufferPointer { QuoteTokenizer(lexicon: lexicon).tokenize($0, 0, $0.count, into: &tokens) }
        let words = tokens.filter(\.isWord)
        expectEqual(words.count, 46)
        var known: [String] = []
        for t in words {
            let word = Array(bytes[Int(t.start)..<Int(t.end)])
            expectEqual(t.word, tableID(word), "\(String(decoding: word, as: UTF8.self))")
            if t.word >= 0 { known.append(String(decoding: word, as: UTF8.self)) }
        }
        // Short ASCII words in any case, eight-byte ("reported") and longer ones, abbreviations
        // with their period, and words with ’ are all found.
        for word in ["We’re", "Spokesman", "told", "REPORTERS", "adding", "Mr.", "Gov.", "Spokeswoman",
                     "officials", "ministers", "prosecutors", "reported", "on", "by"] {
            #expect(known.contains(word), "\(word)")
        }
    }

    /// Documents in several languages and of every length around the thresholds: the English
    /// check that stops once its verdict is certain decides each exactly as the full reading of
    /// `englishCheckWords` words does, and reads fewer words in all.
    @Test func theEarlyStoppingCheckDecidesEveryDocumentAsTheFullCheck() {
        let check = EnglishCheck.standard
        var documents = [QuotesLanguageTests.english, QuotesLanguageTests.german, QuotesLanguageTests.french,
                         QuotesLanguageTests.spanish, "", "Breaking news", "Der Präsident sagte nichts."]
        for language in [QuotesLanguageTests.english, QuotesLanguageTests.german, QuotesLanguageTests.french] {
            documents.append(String(repeating: language + "\n\n", count: 6))
        }
        documents.append(String(repeating: QuotesLanguageTests.german + " ", count: 3) + String(repeating: QuotesLanguageTests.english + " ", count: 5))
        // Texts of 0 to 260 words with every share of markers from none to all, near the
        // threshold above all: "the" is a marker, "quay" is not.
        var seed: UInt64 = 0x5EED
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        for _ in 0..<3000 {
            let length = next(261)
            let percent = next(4) == 0 ? next(101) : 6 + next(14)
            documents.append((0..<length).map { _ in next(100) < percent ? "the" : "quay" }.joined(separator: " "))
        }
        var english = 0, early = 0, full = 0
        for document in documents {
            let bytes = Array(document.utf8)
            let stopped = check.read(bytes, stopEarly: true)
            let whole = check.read(bytes, stopEarly: false)
            expectEqual(stopped.english, whole.english, "\(document.prefix(60))")
            #expect(stopped.words <= whole.words)
            if whole.english { english += 1 }
            early += stopped.words
            full += whole.words
        }
        // Both verdicts occur often, and the early stop reads fewer words.
        #expect(english > 500 && english < documents.count - 500)
        #expect(early < full)
        // A long English news text is certain after its 24th marker (64 words of 200); a long
        // German one once even 200 words could not reach the share (177 words).
        let longEnglish = Array(documents[7].utf8), longGerman = Array(documents[8].utf8)
        expectEqual(check.read(longEnglish, stopEarly: true), EnglishCheck.Reading(words: 64, hits: 24, english: true))
        expectEqual(check.read(longEnglish, stopEarly: false), EnglishCheck.Reading(words: 200, hits: 82, english: true))
        expectEqual(check.read(longGerman, stopEarly: true), EnglishCheck.Reading(words: 177, hits: 0, english: false))
        expectEqual(check.read(longGerman, stopEarly: false), EnglishCheck.Reading(words: 200, hits: 0, english: false))
        #expect(!check.looksEnglish(Array(QuotesLanguageTests.german.utf8)))
        #expect(check.looksEnglish(Array(QuotesLanguageTests.english.utf8)))
    }

    /// The check's verdict (`looksEnglish`, which reads marks as words first and reads again only
    /// a text that reading finds not English) is the verdict of the reading that takes marks
    /// and symbols written apart as no words, on texts of 0 to 300 words and marks with every
    /// share of markers near the threshold: many of them are not English when each mark counts
    /// as a word and English (or too short to judge) when marks are no words.
    @Test func theVerdictIsTheReadingsWithMarksAsNoWords() {
        let check = EnglishCheck.standard
        var seed: UInt64 = 0x3A84
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        let marks = ["—", "“", "”", "«", "»", "‘", "’", "€", "…", "“—”"]
        var english = 0, turned = 0
        for _ in 0..<3000 {
            let length = next(301)
            let markPercent = next(3) == 0 ? next(101) : next(60)
            let markerPercent = next(4) == 0 ? next(101) : 6 + next(14)
            var words: [String] = [], asWords: [String] = []
            for _ in 0..<length {
                if next(100) < markPercent {
                    words.append(marks[next(marks.count)])
                    asWords.append("quay")
                } else {
                    let word = next(100) < markerPercent ? "the" : (next(2) == 0 ? "quay" : "Hafenbrücke")
                    words.append(word)
                    asWords.append(word)
                }
            }
            let text = words.joined(separator: next(2) == 0 ? " " : "\n")
            let want = check.read(Array(text.utf8), stopEarly: false)
            expectEqual(check.looksEnglish(Array(text.utf8)), want.english, "\(text.prefix(80))")
            expectEqual(check.read(Array(text.utf8), stopEarly: true).english, want.english, "\(text.prefix(80))")
            if want.english { english += 1 }
            // The same text with each mark a word that is no marker ("quay").
            if want.english && !check.read(Array(asWords.joined(separator: " ").utf8), stopEarly: false).english { turned += 1 }
        }
        #expect(english > 500 && english < 2500)
        #expect(turned > 100)
    }

    /// The markers of the plain-reading tests.
    static let markerText = "the\nof\nsaid\nnevertheless\nbecause"
    static let markers = Set(markerText.split(separator: "\n").map { Array($0.utf8) })

    /// The plain reading of `bytes` for the markers of `markerText`: its words and markers.
    func reference(_ bytes: ArraySlice<UInt8>) -> (words: Int, hits: Int) {
        func isWordByte(_ b: UInt8) -> Bool { b >= 0x80 || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) }
        // A run with no letter (marks and symbols alone: lead bytes 0xC2 and 0xE2, continuation
        // bytes) is no word (session 33).
        func isLetterByte(_ b: UInt8) -> Bool {
            ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || (0xC3...0xE1).contains(b) || (0xE3...0xF4).contains(b)
        }
        var words = 0, hits = 0, i = bytes.startIndex
        while i < bytes.endIndex && words < QuotesLexiconData.englishCheckWords {
            while i < bytes.endIndex && !isWordByte(bytes[i]) { i += 1 }
            guard i < bytes.endIndex else { break }
            let start = i
            while i < bytes.endIndex && isWordByte(bytes[i]) { i += 1 }
            guard bytes[start..<i].contains(where: isLetterByte) else { continue }
            words += 1
            let word = bytes[start..<min(i, start + 32)].map { $0 < 0x80 ? $0 | 0x20 : $0 }
            if Self.markers.contains(word) { hits += 1 }
        }
        return (words, hits)
    }

    /// The English check counts the words and markers a plain reading written here counts (a
    /// word is a run of ASCII letters and bytes from 0x80 that holds a letter, lower-cased; a marker matches its
    /// whole word, a word of more than eight bytes by its first 32), on a text of English,
    /// German, digits, punctuation and long words, cut at every length, so every word meets the
    /// text's end at every offset.
    @Test func theCheckCountsTheWordsAndMarkersOfAPlainReading() {
        let check = EnglishCheck(words: Self.markerText)
        let text = Array(("THE minister said, 12 of them—Nevertheless—the Überprüfung der Straße; because "
            + "said7the of2of nevertheless,NEVERTHELESSNESS the… «said» théâtre of the city's becausebecause x of").utf8)
        var checked = 0
        for cut in 0...text.count {
            let slice = text[0..<cut]
            let got = check.read(Array(slice), stopEarly: false)
            let want = reference(slice)
            #expect(got.words == want.words && got.hits == want.hits, "cut at \(cut)")
            if want.hits > 0 { checked += 1 }
        }
        #expect(checked > text.count / 2)
        #expect(reference(text[...]) == (25, 12))
    }

    /// Every byte value between, inside and right after words, at every offset of the check's
    /// eight-byte reads (the text shifted by 0 to 8 bytes and cut at every length): the
    /// words and markers of the plain reading.
    @Test func everyByteValueIsReadAsThePlainReading() {
        let check = EnglishCheck(words: Self.markerText)
        for c in UInt8.min...UInt8.max {
            let byte = [c]
            for shift in 0...8 {
                let text = Array(repeating: UInt8(0x20), count: shift) + Array("THE".utf8) + byte + Array("said of".utf8) + byte + byte
                    + Array("because".utf8) + byte + Array("NeverTheless x".utf8)
                for cut in 0...text.count {
                    let got = check.read(Array(text[0..<cut]), stopEarly: false)
                    let want = reference(text[0..<cut])
                    #expect(got.words == want.words && got.hits == want.hits, "byte \(c) shift \(shift) cut \(cut)")
                }
            }
        }
    }

    /// The stopping table, checked against `verdict` over every count of words and markers
    /// read: it stops only when every way the text can go on (ending after any later word,
    /// each later word a marker or not, up to `englishCheckWords`) gives one verdict, and it
    /// always stops then.
    @Test func theCheckStopsExactlyWhenTheVerdictIsCertain() {
        let limit = QuotesLexiconData.englishCheckWords
        let certainty = EnglishCheck.certainty
        var stops = 0
        for words in 0...limit {
            for hits in 0...words {
                // The verdict is monotone in the markers: the fewest (no later marker) and the
                // most (every later word one) bound every way on.
                let fewest = (words...limit).map { EnglishCheck.verdict(words: $0, hits: hits) }
                let most = (words...limit).map { EnglishCheck.verdict(words: $0, hits: hits + $0 - words) }
                let certain: Bool? = fewest.allSatisfy { $0 } ? true : (most.allSatisfy { !$0 } ? false : nil)
                expectEqual(certainty.settled(words: words, hits: hits), certain, "\(words) words, \(hits) hits")
                if certain != nil { stops += 1 }
            }
        }
        #expect(stops > 1000)
    }
}
