import LicitCLI

/// Horizontal bar charts as inline SVG: no script, no external asset. Each bar is stacked segments
/// against a limit (a mark at 100 %); its figures ride on data attributes and a title, so a screen
/// reader and a test read what the eye sees. A table with the same figures follows every chart.
enum Chart {
    struct Bar {
        let label: String
        /// Stacked quantities (mg) with their CSS class.
        let segments: [(Int64, String)]
        let limit: Int64
        let data: [String: String]
    }

    static let rowHeight = 22
    static let labelWidth = 300
    static let barWidth = 420

    static func svg(id: String, title: String, bars: [Bar], say: Tongue) -> String {
        guard !bars.isEmpty else { return "<p>\(h(say("Nothing to chart.")))</p>" }
        // The scale: the longest of the limits and the stacked totals, so every bar fits.
        let longest = max(1, bars.map { max($0.limit, $0.segments.reduce(0) { $0 + $1.0 }) }.max() ?? 1)
        let height = bars.count * Self.rowHeight + 30
        let width = Self.labelWidth + Self.barWidth + 20
        func x(_ milligrams: Int64) -> Int { Int(Double(milligrams) / Double(longest) * Double(Self.barWidth)) }
        let rows = bars.enumerated().map { index, bar in
            let y = index * Self.rowHeight + 4
            var offset = Self.labelWidth
            var rectangles: [String] = []
            for (quantity, kind) in bar.segments where quantity > 0 {
                rectangles.append(
                    "<rect class=\"\(kind)\" x=\"\(offset)\" y=\"\(y)\" width=\"\(max(1, x(quantity)))\" height=\"\(Self.rowHeight - 6)\"/>"
                )
                offset += x(quantity)
            }
            let limit =
                bar.limit > 0
                ? "<line class=\"limit\" x1=\"\(Self.labelWidth + x(bar.limit))\" x2=\"\(Self.labelWidth + x(bar.limit))\" y1=\"\(y - 2)\" y2=\"\(y + Self.rowHeight - 4)\"/>"
                : ""
            let figures =
                bar.segments.map { "\(say($0.1)) \(QuantityInput.format($0.0))" }
                + (bar.limit > 0 ? ["\(say("limit")) \(QuantityInput.format(bar.limit))"] : [])
            let attributes = bar.data.sorted { $0.key < $1.key }.map { " data-\($0.key)=\"\(h($0.value))\"" }.joined()
            return """
                <g class="bar"\(attributes)><title>\(h(bar.label)): \(h(figures.joined(separator: ", ")))</title>
                <text x="\(Self.labelWidth - 6)" y="\(y + Self.rowHeight - 9)" text-anchor="end">\(h(bar.label))</text>
                \(rectangles.joined())\(limit)</g>
                """
        }
        let legend = [
            ("imported", say("imported")), ("authorized", say("authorized, not used")),
            ("exported", say("exported, not yet endorsed")),
        ]
        .filter { kind, _ in bars.contains { $0.segments.contains { $0.1 == kind } } }
        .enumerated().map { index, item in
            let x = Self.labelWidth + index * 170
            return "<rect class=\"\(item.0)\" x=\"\(x)\" y=\"\(height - 18)\" width=\"12\" height=\"12\"/>"
                + "<text x=\"\(x + 16)\" y=\"\(height - 8)\">\(h(item.1))</text>"
        }.joined()
        return """
            <figure class="chart">
            <svg id="\(id)" role="img" aria-label="\(h(title))" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" xmlns="http://www.w3.org/2000/svg">
            \(rows.joined(separator: "\n"))
            \(legend)
            </svg>
            <figcaption>\(h(title)). \(h(say("A vertical mark is the limit.")))</figcaption>
            </figure>
            """
    }
}
