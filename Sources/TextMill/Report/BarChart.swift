/// A horizontal bar chart drawn as inline SVG: one row per label, the bar's length in
/// proportion to the largest value, the value at its end. Every label is escaped.
public struct BarChart: Sendable {
    /// The chart's name, used for its element id (`chart-NAME`) and data attributes.
    public var name: String
    public var title: String
    public var rows: [(label: String, count: Int)]
    /// A line under the title ("approximate", what a row means).
    public var note: String?

    /// Drawing sizes, in SVG user units.
    static let width = 520, labelWidth = 190, rowHeight = 22, barHeight = 16, valueWidth = 60
    /// Longest label drawn in full (a longer one is cut with "…"; its `<title>` has it whole).
    static let maxLabelCharacters = 30

    public init(name: String, title: String, rows: [(label: String, count: Int)], note: String? = nil) {
        self.name = name
        self.title = title
        self.rows = rows
        self.note = note
    }

    /// The chart as a `<figure>` holding its SVG, or a line saying there is nothing to show.
    public var html: String {
        var out = "<figure class=\"chart\" id=\"chart-\(HTMLText.escape(name))\"><figcaption>\(HTMLText.escape(title))</figcaption>"
        if let note { out += "<p class=\"note\">\(HTMLText.escape(note))</p>" }
        let largest = rows.map(\.count).max() ?? 0
        guard !rows.isEmpty, largest > 0 else { return out + "<p class=\"empty\">nothing to show</p></figure>" }
        let height = rows.count * Self.rowHeight + 4
        let barSpace = Double(Self.width - Self.labelWidth - Self.valueWidth)
        out += "<svg viewBox=\"0 0 \(Self.width) \(height)\" width=\"\(Self.width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
        for (i, row) in rows.enumerated() {
            let y = i * Self.rowHeight + 2
            let length = row.count == 0 ? 0 : max(1, Int((Double(row.count) / Double(largest) * barSpace).rounded()))
            let label = row.label.count > Self.maxLabelCharacters ? String(row.label.prefix(Self.maxLabelCharacters - 1)) + "…" : row.label
            let textY = y + Self.barHeight - 4
            out += "<g class=\"bar\" data-label=\"\(HTMLText.escape(row.label))\" data-value=\"\(row.count)\">"
            out += "<title>\(HTMLText.escape(row.label)): \(row.count)</title>"
            out += "<text class=\"label\" x=\"\(Self.labelWidth - 6)\" y=\"\(textY)\" text-anchor=\"end\">\(HTMLText.escape(label))</text>"
            out += "<rect x=\"\(Self.labelWidth)\" y=\"\(y)\" width=\"\(length)\" height=\"\(Self.barHeight)\" rx=\"2\"></rect>"
            out += "<text class=\"value\" x=\"\(Self.labelWidth + length + 4)\" y=\"\(textY)\">\(row.count)</text></g>"
        }
        return out + "</svg></figure>"
    }
}
