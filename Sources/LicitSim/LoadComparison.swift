import Foundation

/// A load run beside a stored one (`licit-sim load --baseline run.json`): throughput, latency
/// and errors, overall and per operation, each flagged when it got worse beyond a tolerance.
public struct LoadComparison: Sendable {
    public struct Figure: Sendable {
        public let name: String
        public let baseline: Double
        public let now: Double
        /// Higher is better (throughput), or lower is (latency, errors).
        public let higherIsBetter: Bool
        public let tolerance: Double

        /// The change as a share of the baseline: +0.1 is 10 % more.
        public var change: Double { self.baseline == 0 ? (self.now == 0 ? 0 : 1) : self.now / self.baseline - 1 }

        public var isRegression: Bool {
            self.higherIsBetter ? self.change < -self.tolerance : self.change > self.tolerance
        }
    }

    public let figures: [Figure]

    /// Throughput may drop by `throughputTolerance` (5 %), percentiles rise by `latencyTolerance`
    /// (10 %); errors may not rise at all beyond the baseline's share.
    public init(
        _ now: LoadReport,
        baseline: LoadReport,
        throughputTolerance: Double = 0.05,
        latencyTolerance: Double = 0.10
    ) {
        var figures = [
            Figure(
                name: "throughput /s",
                baseline: baseline.throughputPerSecond,
                now: now.throughputPerSecond,
                higherIsBetter: true,
                tolerance: throughputTolerance
            )
        ]
        if let was = baseline.sustainedPerSecond, let is_ = now.sustainedPerSecond {
            figures.append(
                Figure(
                    name: "sustained /s",
                    baseline: was,
                    now: is_,
                    higherIsBetter: true,
                    tolerance: throughputTolerance
                )
            )
        }
        let operations =
            [("all", baseline.total, now.total)]
            + baseline.operations.keys.sorted().compactMap { name in
                now.operations[name].map { (name, baseline.operations[name]!, $0) }
            }
        for (name, was, is_) in operations {
            figures.append(
                Figure(
                    name: "\(name) p50 ms",
                    baseline: was.p50Ms,
                    now: is_.p50Ms,
                    higherIsBetter: false,
                    tolerance: latencyTolerance
                )
            )
            figures.append(
                Figure(
                    name: "\(name) p99 ms",
                    baseline: was.p99Ms,
                    now: is_.p99Ms,
                    higherIsBetter: false,
                    tolerance: latencyTolerance
                )
            )
            figures.append(
                Figure(
                    name: "\(name) error share",
                    baseline: Double(was.errors) / Double(max(1, was.count)),
                    now: Double(is_.errors) / Double(max(1, is_.count)),
                    higherIsBetter: false,
                    tolerance: 0.001
                )
            )
        }
        self.figures = figures
    }

    public var regressions: [Figure] { self.figures.filter(\.isRegression) }

    public var text: String {
        var lines = ["compared with the baseline", "figure                         baseline          now   change"]
        for figure in self.figures {
            lines.append(
                figure.name.padding(toLength: 26, withPad: " ", startingAt: 0)
                    + String(format: " %12.3f %12.3f %+7.1f%%", figure.baseline, figure.now, figure.change * 100)
                    + (figure.isRegression ? "  WORSE" : "")
            )
        }
        lines.append(
            self.regressions.isEmpty
                ? "no figure got worse beyond its tolerance (throughput 5 %, latency 10 %)"
                : "\(self.regressions.count) figure(s) got worse: \(self.regressions.map(\.name).joined(separator: ", "))"
        )
        return lines.joined(separator: "\n")
    }
}

extension LoadReport {
    /// Reads a report written with `--report-json`.
    public static func read(_ url: URL) throws -> LoadReport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(LoadReport.self, from: try Data(contentsOf: url))
        } catch {
            throw SimError(
                "cannot read the baseline \(url.path): \(error.localizedDescription) (write one with --report-json)"
            )
        }
    }
}
