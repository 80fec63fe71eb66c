import Testing
@testable import TextMill

/// Own-written English texts, one group for each kind of rule that the golden rules of pySBD
/// and pragmatic_segmenter cover (they are measured, not tested, by `bench/sentences/run`).
/// Each text is pinned to its whole list of sentences.
struct SentenceRuleKind: Sendable, CustomTestStringConvertible {
    let kind: String
    let cases: [(text: String, sentences: [String])]
    var testDescription: String { kind }

    static let all: [SentenceRuleKind] = [
        SentenceRuleKind(kind: "Terminators", cases: [
            ("Good morning. The ferry leaves at noon.", ["Good morning.", "The ferry leaves at noon."]),
            ("Where is the harbour? It is past the old mill.", ["Where is the harbour?", "It is past the old mill."]),
            ("Look out! The tide is coming in.", ["Look out!", "The tide is coming in."]),
        ]),
        SentenceRuleKind(kind: "Initials", cases: [
            ("Our guide was Maria T. Alvarez.", ["Our guide was Maria T. Alvarez."]),
            ("The letter came from Samuel K. Osei.", ["The letter came from Samuel K. Osei."]),
            ("The winners were you and I. Did you meet Clara J. Brandt afterwards?", ["The winners were you and I.", "Did you meet Clara J. Brandt afterwards?"]),
        ]),
        SentenceRuleKind(kind: "Abbreviations inside a sentence", cases: [
            ("Read the note on p. 12.", ["Read the note on p. 12."]),
            ("Did Tom and co. stay for dinner?", ["Did Tom and co. stay for dinner?"]),
            ("We met Harlow, Finch & Co. before lunch.", ["We met Harlow, Finch & Co. before lunch."]),
            ("You can climb Mt. Kenya in a week.", ["You can climb Mt. Kenya in a week."]),
            ("St. Anne's School is on 3rd st. by the bridge.", ["St. Anne's School is on 3rd st. by the bridge."]),
            ("That is Rivera Jr.'s bicycle.", ["That is Rivera Jr.'s bicycle."]),
            ("Bring two things, e.g. a torch and a map.", ["Bring two things, e.g. a torch and a map."]),
            ("Tonight it is the Rovers vs. the Hawks at 8 p.m. Are you coming?", ["Tonight it is the Rovers vs. the Hawks at 8 p.m.", "Are you coming?"]),
            ("She wears no. 9 for the team.", ["She wears no. 9 for the team."]),
            ("I think Aug. is too hot, said Mrs. Lindqvist.", ["I think Aug. is too hot, said Mrs. Lindqvist."]),
        ]),
        SentenceRuleKind(kind: "Abbreviations that can end a sentence", cases: [
            ("Ask Tom and co. They will know.", ["Ask Tom and co.", "They will know."]),
            ("We signed with Harlow, Finch & Co. It took a month.", ["We signed with Harlow, Finch & Co.", "It took a month."]),
            ("My cousin lives in the U.S. Where do you live?", ["My cousin lives in the U.S.", "Where do you live?"]),
            ("My cousin lives in the E.U. Where do you live?", ["My cousin lives in the E.U.", "Where do you live?"]),
            ("My cousin went to the U.S.A. in May.", ["My cousin went to the U.S.A. in May."]),
            ("She works for the U.S. Navy in Norfolk.", ["She works for the U.S. Navy in Norfolk."]),
            ("She has worked in the U.S. for 12 years.", ["She has worked in the U.S. for 12 years."]),
            ("I moved to the U.S.A. I shop at J.C. Penney.", ["I moved to the U.S.A.", "I shop at J.C. Penney."]),
        ]),
        SentenceRuleKind(kind: "a.m. and p.m.", cases: [
            ("At 7 a.m. Mr. Okafor opened the clinic. He closed it at 9 P.M. Mr. Okafor then drove home.", ["At 7 a.m. Mr. Okafor opened the clinic.", "He closed it at 9 P.M.", "Mr. Okafor then drove home."]),
        ]),
        SentenceRuleKind(kind: "Numbers, money and decimals", cases: [
            ("The ticket costs $42.50 at the door.", ["The ticket costs $42.50 at the door."]),
            ("The ticket costs $42.50. It is cheaper online.", ["The ticket costs $42.50.", "It is cheaper online."]),
            ("He owes 2.000.00. Oh $.25 and .25! That makes 300.", ["He owes 2.000.00.", "Oh $.25 and .25!", "That makes 300."]),
            ("The date was 03.09.2021.", ["The date was 03.09.2021."]),
            ("Go to Box N°. 4417.208.11. The key is there.", ["Go to Box N°. 4417.208.11.", "The key is there."]),
            ("The train left.It was late.Mrs. Brandt counted 2,000.That was the crowd.", ["The train left.", "It was late.", "Mrs. Brandt counted 2,000.", "That was the crowd."]),
        ]),
        SentenceRuleKind(kind: "Parentheses", cases: [
            ("She coaches chess (She once played for 10 years in the national league.) at the youth club.", ["She coaches chess (She once played for 10 years in the national league.) at the youth club."]),
            ("The bound shown in (4) holds for every channel listed in Table II. We check it against the data in Section 5.", ["The bound shown in (4) holds for every channel listed in Table II.", "We check it against the data in Section 5."]),
        ]),
        SentenceRuleKind(kind: "Bracketed references", cases: [
            ("We built a method for letting buyers make their offers conditional on offers by other buyers [14]. Later, Ortiz and Mensah [22] at Yahoo! Labs extended this work.", ["We built a method for letting buyers make their offers conditional on offers by other buyers [14].", "Later, Ortiz and Mensah [22] at Yahoo! Labs extended this work."]),
        ]),
        SentenceRuleKind(kind: "E-mail addresses and URLs", cases: [
            ("His address is tom.baker@example.org. Write to him there.", ["His address is tom.baker@example.org.", "Write to him there."]),
            ("The form is at: https://forms.example.net/v2/apply_now.html. Fill it in today.", ["The form is at: https://forms.example.net/v2/apply_now.html.", "Fill it in today."]),
        ]),
        SentenceRuleKind(kind: "Quotations", cases: [
            ("He looked up, 'That was close.' he said.", ["He looked up, 'That was close.' he said."]),
            ("He looked up, \"That was close.\" he said.", ["He looked up, \"That was close.\" he said."]),
            ("He looked up, \"That was close.\" He put the rope away.", ["He looked up, \"That was close.\"", "He put the rope away."]),
            ("Gone, gone, gone. Would the rain NEVER stop! 'How long have we waited?' she asked. 'Hours,' he said.", ["Gone, gone, gone.", "Would the rain NEVER stop!", "'How long have we waited?' she asked.", "'Hours,' he said."]),
        ]),
        SentenceRuleKind(kind: "Repeated ! and ?", cases: [
            ("Wow!! That was fast.", ["Wow!!", "That was fast."]),
            ("Really?? Are you sure?", ["Really??", "Are you sure?"]),
            ("Hey!? Anyone home?", ["Hey!?", "Anyone home?"]),
            ("Hey?! Anyone home?", ["Hey?!", "Anyone home?"]),
        ]),
        SentenceRuleKind(kind: "Exclamation marks inside names", cases: [
            ("She ordered the book from Yahoo! last week.", ["She ordered the book from Yahoo! last week."]),
        ]),
        SentenceRuleKind(kind: "Lists", cases: [
            ("1.) Buy bread 2.) Buy milk", ["1.) Buy bread", "2.) Buy milk"]),
            ("1.) Buy bread. 2.) Buy milk.", ["1.) Buy bread.", "2.) Buy milk."]),
            ("1) Buy bread 2) Buy milk", ["1) Buy bread", "2) Buy milk"]),
            ("1) Buy bread. 2) Buy milk.", ["1) Buy bread.", "2) Buy milk."]),
            ("1. Buy bread 2. Buy milk", ["1. Buy bread", "2. Buy milk"]),
            ("1. Buy bread. 2. Buy milk.", ["1. Buy bread.", "2. Buy milk."]),
            ("• 7. Buy bread • 8. Buy milk", ["• 7. Buy bread", "• 8. Buy milk"]),
            ("⁃7. Buy bread ⁃8. Buy milk", ["⁃7. Buy bread", "⁃8. Buy milk"]),
            ("a. Buy bread b. Buy milk c. Buy some eggs", ["a. Buy bread", "b. Buy milk", "c. Buy some eggs"]),
            ("For item 1. above, send the form by June and for 2. above, no form is needed.", ["For item 1. above, send the form by June and for 2. above, no form is needed."]),
        ]),
        SentenceRuleKind(kind: "Ellipses", cases: [
            ("I never said that.... He walked out.", ["I never said that....", "He walked out."]),
            ("The report says, “the river will rise again. . . .”", ["The report says, “the river will rise again. . . .”"]),
            ("\"Darwin [...] kept notes on every finch [...]\" (Jones 12).", ["\"Darwin [...] kept notes on every finch [...]\" (Jones 12)."]),
            ("I was only ... well, you know...look . . . what I am trying to say is . . . I was tired.", ["I was only ... well, you know...look . . . what I am trying to say is . . . I was tired."]),
            ("When a quotation stops before its sentence does, end it with spaced dots and a final period . . . . Then go on.", ["When a quotation stops before its sentence does, end it with spaced dots and a final period . . . .", "Then go on."]),
            ("The old road that ran past the quarry . . . was closed to carts in the dry months. . . . The new one was never finished. . . .", ["The old road that ran past the quarry . . . was closed to carts in the dry months.", ". . . The new one was never finished. . . ."]),
        ]),
        SentenceRuleKind(kind: "Question and answer labels", cases: [
            ("Q. Where was she born? A. She was born in Accra.", ["Q. Where was she born?", "A. She was born in Accra."]),
        ]),
        SentenceRuleKind(kind: "Citations", cases: [
            ("Earlier field studies (Moran, 1987;Ibsen, 2003) looked at river birds and were later extended to lakes.", ["Earlier field studies (Moran, 1987;Ibsen, 2003) looked at river birds and were later extended to lakes."]),
        ]),
        SentenceRuleKind(kind: "Figure references", cases: [
            ("The arrow marks the peak. As shown in Fig. ??", ["The arrow marks the peak.", "As shown in Fig. ??"]),
        ]),
        SentenceRuleKind(kind: "Units", cases: [
            ("A metre is a unit of length. The short form of minute is min. The hour has sixty of them. Informally, a min. can mean a short while.", ["A metre is a unit of length.", "The short form of minute is min.", "The hour has sixty of them.", "Informally, a min. can mean a short while."]),
        ]),
        SentenceRuleKind(kind: "i.e. after a hyphen", cases: [
            ("Then we measure the lag of NODE 4 's reply time-i.e., the gap from a request (from/to a device in the grid) to the moment the reply is sent; after that, based on the lag, we bound NODE 4 peak load [12]-i.e., the number of requests per second. NODE 4 is written in C and runs on a small board.", ["Then we measure the lag of NODE 4 's reply time-i.e., the gap from a request (from/to a device in the grid) to the moment the reply is sent; after that, based on the lag, we bound NODE 4 peak load [12]-i.e., the number of requests per second.", "NODE 4 is written in C and runs on a small board."]),
        ]),
        SentenceRuleKind(kind: "Line breaks", cases: [
            ("The parcel was sent\nto the wrong street in town.", ["The parcel was sent\nto the wrong street in town."]),
            ("It was a long \nwalk to the station.", ["It was a long \nwalk to the station."]),
            ("tools\nsaw and hammer\nnails, glue\n", ["tools", "saw and hammer", "nails, glue"]),
            ("Book your scan early \nso that you have weeks to plan the trip with your nurse or doctor, well before \nthe date.", ["Book your scan early \nso that you have weeks to plan the trip with your nurse or doctor, well before \nthe date."]),
            ("7. Drink enough water \n \nYou have the best chance of a smooth recovery if you keep \na few simple habits:", ["7. Drink enough water", "You have the best chance of a smooth recovery if you keep \na few simple habits:"]),
        ]),
    ]
}

@Suite struct SentenceRuleKindTests {
    /// Every text of a kind splits into exactly its pinned sentences. Line breaks inside a
    /// sentence stay in it (spans point into the text as written).
    @Test(arguments: SentenceRuleKind.all)
    func ruleKind(_ kind: SentenceRuleKind) {
        for example in kind.cases {
            expectEqual(sentences(example.text), example.sentences, "\(example.text)")
        }
    }

    @Test func everyKindHasCases() {
        expectEqual(SentenceRuleKind.all.count, 20)
        #expect(SentenceRuleKind.all.allSatisfy { !$0.cases.isEmpty })
    }
}
