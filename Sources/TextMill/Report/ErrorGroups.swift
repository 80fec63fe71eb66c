import Foundation

/// Failed or filtered documents grouped by stage and reason, with the first few of each group
/// kept as examples for the page. Bounded: at most `maxGroups` groups (the rest share one) and
/// `examplesPerGroup` examples each.
public struct ErrorGroups: Sendable, Equatable {
    /// One document of a group, as the page lists it.
    public struct Example: Sendable, Equatable {
        public var id: String
        /// The reason as written (with its names and numbers), and the detail where there is one.
        public var reason: String
        /// "line 3, column 7" where the errors file says.
        public var position: String?
        /// Which embedded document the example is (`EmbeddedDocument.key`), when it is not an
        /// output record: a failed or dropped record may share its id with an output record,
        /// or with another failed record.
        public var key: String?

        public init(id: String, reason: String, position: String?, key: String? = nil) {
            self.id = id
            self.reason = reason
            self.position = position
            self.key = key
        }
    }

    /// The documents of one stage and reason.
    public struct Group: Sendable, Equatable {
        public var key: String
        public var count = 0
        public var examples: [Example] = []
    }

    public let maxGroups: Int
    public let examplesPerGroup: Int
    private var order: [String] = []
    private var byKey: [String: Group] = [:]

    /// The key of the group that takes documents once `maxGroups` are full.
    static let otherKey = "(other reasons)"

    public init(maxGroups: Int = 200, examplesPerGroup: Int = 10) {
        self.maxGroups = max(maxGroups, 1)
        self.examplesPerGroup = examplesPerGroup
    }

    /// Adds a document under `key`; returns true when it became one of the group's examples.
    @discardableResult
    public mutating func add(key: String, example: Example) -> Bool {
        var key = key
        if byKey[key] == nil {
            if order.count >= maxGroups { key = ErrorGroups.otherKey }
            if byKey[key] == nil {
                order.append(key)
                byKey[key] = Group(key: key)
            }
        }
        byKey[key]!.count += 1
        guard byKey[key]!.examples.count < examplesPerGroup else { return false }
        byKey[key]!.examples.append(example)
        return true
    }

    /// The groups, largest first (ties in the order they were first seen).
    public var groups: [Group] {
        // Written out with its types: as one chained expression of tuples the type checker took
        // 15 s of every build over this getter.
        let firstSeen: [(rank: Int, group: Group)] = order.enumerated().map { (rank: $0.offset, group: byKey[$0.element]!) }
        let largestFirst = firstSeen.sorted { (a: (rank: Int, group: Group), b: (rank: Int, group: Group)) -> Bool in
            a.group.count != b.group.count ? a.group.count > b.group.count : a.rank < b.rank
        }
        return largestFirst.map { $0.group }
    }

    /// Documents in every group.
    public var total: Int { byKey.values.reduce(0) { $0 + $1.count } }

    /// Longest reason kept in a group key.
    static let maxReasonLength = 160

    /// "stage: reason" with the reason masked (`ReasonMask`: what is quoted and numbers vary from
    /// document to document, the rest says what went wrong) when `mask` (an error's free-form
    /// reason), left as it is otherwise (a filter's rule name).
    public static func key(stage: String?, reason: String?, mask: Bool = true) -> String {
        // A text of at most N UTF-8 bytes has at most N characters: most reasons are short, and
        // counting characters was a fifth of the report's time on a big errors file.
        let whole = reason ?? "(no reason)"
        var text = whole.utf8.count <= maxReasonLength * 4 ? whole : String(whole.prefix(maxReasonLength * 4))
        if mask { text = ReasonMask.masked(text) }
        if text.utf8.count > maxReasonLength, text.count > maxReasonLength { text = String(text.prefix(maxReasonLength)) + "…" }
        return PageBounds.name(stage ?? "(no stage)") + ": " + text
    }
}
