/// Pages of a made-up auction site that share most of their text (navigation, a notice, a
/// footer) around five lots of their own: every page is unique (two pages share about three
/// quarters of their shingles, under dedup's 0.8 threshold) but all land in the same LSH
/// buckets. The hostile case for near-duplicate search, used by `textmill-bench dedup
/// --templated` and the growth tests.
public enum TemplatedPages {
    public static let template = """
        Riverside Auction House. Home, current sales, past results, how to bid, contact us. \
        You are viewing a page of the weekly estate catalogue. Every lot is sold as seen, and \
        buyers are responsible for collection within five working days of the end of the sale. \
        A buyer's premium of twenty per cent is added to the hammer price of every lot, and \
        payment is due within two days by bank transfer or card. Viewing takes place on \
        Thursday and Friday from ten in the morning until four in the afternoon at the main \
        saleroom on Mill Lane. Condition reports are available on request from the front desk \
        and should be read before bidding, since descriptions are given in good faith but are \
        not guaranteed. Absentee bids must reach us by noon on the day before the sale. \
        Shipping can be arranged through our approved carriers, whose quotes are sent on \
        request. Sign up for the newsletter to hear about new sales, or follow us for the \
        latest results. Copyright Riverside Auction House, all rights reserved. Terms of \
        business, privacy notice, cookie settings, accessibility statement, site map.
        """
    public static let things = ["oak table", "brass lamp", "silver teapot", "oil painting", "walnut chest", "china vase",
                         "mantel clock", "rosewood box", "pine dresser", "copper kettle", "glass decanter", "leather chair"]

    /// Page `n`: the template and five lots with their own numbers.
    public static func page(_ n: Int) -> String {
        var state = UInt64(n) &* 0x9e37_79b9_7f4a_7c15 | 1
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        var lots: [String] = []
        for k in 0..<5 {
            lots.append("Lot \(n * 10 + k): \(things[next(things.count)]), estimate \(100 + next(9000)) to \(10_000 + next(90_000)) pounds, reserve \(next(5000)).")
        }
        return "Catalogue page \(n), sale \(7000 + n).\n\n" + template + "\n\n" + lots.joined(separator: "\n")
    }

}
