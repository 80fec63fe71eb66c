/// Letter and e-mail closings: a line holding only one of these and a comma (`Sincerely,`
/// before the signature `Traci` on the next line) ends its sentence, where any other line
/// ending in a comma goes on.
enum LetterClosingLexicon {
    /// The closings, matched in any capitalisation.
    static let closings: [String] = [
        "sincerely", "yours sincerely", "sincerely yours", "yours truly", "yours", "regards", "best regards",
        "kind regards", "warm regards", "warmest regards", "best wishes", "best", "all the best", "cheers",
        "thanks", "many thanks", "thanks again", "thank you", "love", "respectfully", "cordially",
        "take care", "with thanks", "with love",
    ]

    /// The closings as a table (payload 1), built once.
    static let table = WordTable(closings.map { (Array($0.utf8), 1) })
}
