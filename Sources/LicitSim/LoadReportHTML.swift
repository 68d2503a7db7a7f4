import Foundation

/// A load report as one self-contained HTML page: tables, and two inline SVG plots — latency
/// over time (p50 and p99 per second) and the latency distribution by percentile.
extension LoadReport {
    public var html: String {
        let rows = (self.operations.sorted { $0.key < $1.key } + [("all", self.total)]).map { name, latency in
            "<tr><td>\(name)</td><td>\(latency.count)</td><td>\(latency.errors)</td>"
                + [latency.p50Ms, latency.p90Ms, latency.p99Ms, latency.p999Ms, latency.maxMs]
                .map { String(format: "<td>%.2f</td>", $0) }.joined() + "</tr>"
        }
        let errors = self.errorsByStatus.sorted { $0.key < $1.key }.map {
            "<tr><td>\(Self.escape($0.key))</td><td>\($0.value)</td></tr>"
        }
        let mode = self.settings.rate.map { "open loop at \($0) operations per second" } ?? "closed loop"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>licit-sim load report</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #111; }
            table { border-collapse: collapse; margin: 1rem 0; }
            th, td { border: 1px solid #bbb; padding: 0.25rem 0.6rem; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            svg { border: 1px solid #ddd; margin: 0.5rem 0; }
            </style>
            </head>
            <body>
            <h1>Load report</h1>
            <p>\(self.settings.authorities) authorities over \(self.settings.connections) TLS connections, \(mode), seed \(self.settings.seed);
            \(String(format: "%.1f", self.elapsedSeconds)) s, \(self.total.count) operations, \(String(format: "%.1f", self.throughputPerSecond)) per second, \(self.total.errors) errors.
            Machine: \(self.machine.cores) cores, \(self.machine.memoryBytes / 1_048_576) MiB, \(Self.escape(self.machine.system)).</p>
            <h2>Latency by operation (ms)</h2>
            <table>
            <tr><th>operation</th><th>count</th><th>errors</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr>
            \(rows.joined(separator: "\n"))
            </table>
            <h2>Latency over time</h2>
            \(self.timeSeriesSVG)
            <h2>Latency by percentile</h2>
            \(self.distributionSVG)
            <h2>Errors by status</h2>
            <table>
            <tr><th>status</th><th>count</th></tr>
            \(errors.isEmpty ? "<tr><td>none</td><td>0</td></tr>" : errors.joined(separator: "\n"))
            </table>
            </body>
            </html>

            """
    }

    /// p50 and p99 per second, on a linear scale.
    var timeSeriesSVG: String {
        let points50 = self.series.map { (Double($0.second), $0.p50Ms) }
        let points99 = self.series.map { (Double($0.second), $0.p99Ms) }
        return Self.plot(
            [("p50", "#1f77b4", points50), ("p99", "#d62728", points99)],
            xLabel: "second of the run",
            xTicks: nil
        )
    }

    /// Latency against percentile, the x axis stretched towards the tail (−log10(1 − p)).
    var distributionSVG: String {
        let points = self.distribution.filter { $0.percentile < 100 }.map { (-log10(1 - $0.percentile / 100), $0.ms) }
        let ticks = [(0.0, "0"), (1.0, "90"), (2.0, "99"), (3.0, "99.9"), (4.0, "99.99")]
        return Self.plot([("all operations", "#2ca02c", points)], xLabel: "percentile", xTicks: ticks)
    }

    static func plot(
        _ lines: [(name: String, color: String, points: [(Double, Double)])],
        xLabel: String,
        xTicks: [(Double, String)]?
    ) -> String {
        let (width, height, left, bottom, top, right) = (640.0, 280.0, 60.0, 40.0, 20.0, 20.0)
        let all = lines.flatMap(\.points)
        let maxX = max(all.map(\.0).max() ?? 1, xTicks?.map(\.0).max() ?? 0, 1)
        let maxY = max(all.map(\.1).max() ?? 1, 0.001) * 1.1
        func x(_ value: Double) -> Double { left + value / maxX * (width - left - right) }
        func y(_ value: Double) -> Double { height - bottom - value / maxY * (height - bottom - top) }
        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">",
            "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\" stroke=\"#333\"/>",
            "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(height - bottom)\" stroke=\"#333\"/>",
        ]
        for fraction in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let value = maxY / 1.1 * fraction
            svg.append(
                String(
                    format: "<text x=\"%.0f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%.1f ms</text>",
                    left - 4,
                    y(value) + 3,
                    value
                )
            )
        }
        let ticks =
            xTicks ?? stride(from: 0.0, through: maxX, by: max(1, (maxX / 5).rounded())).map { ($0, String(Int($0))) }
        for (value, label) in ticks {
            svg.append(
                String(
                    format: "<text x=\"%.1f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"middle\">",
                    x(value),
                    height - bottom + 14
                )
                    + label + "</text>"
            )
        }
        svg.append(
            "<text x=\"\((width + left) / 2)\" y=\"\(height - 6)\" font-size=\"11\" text-anchor=\"middle\">\(xLabel)</text>"
        )
        for (index, line) in lines.enumerated() {
            let path = line.points.map { String(format: "%.1f,%.1f", x($0.0), y($0.1)) }.joined(separator: " ")
            svg.append("<polyline fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\" points=\"\(path)\"/>")
            svg.append(
                "<text x=\"\(left + 10)\" y=\"\(top + 12 + Double(index) * 14)\" font-size=\"11\" fill=\"\(line.color)\">\(line.name)</text>"
            )
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
