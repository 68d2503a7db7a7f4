import Foundation
import Histogram

/// The figures of a load run: printed, written as JSON, or drawn as a self-contained HTML page.
public struct LoadReport: Codable, Sendable {
    public struct Latency: Codable, Sendable {
        public var count: UInt64
        public var errors: Int
        public var p50Ms: Double
        public var p90Ms: Double
        public var p99Ms: Double
        public var p999Ms: Double
        public var maxMs: Double
    }

    public struct Second: Codable, Sendable {
        public var second: Int
        public var count: Int
        public var errors: Int
        public var p50Ms: Double
        public var p99Ms: Double
    }

    public struct Point: Codable, Sendable {
        public var percentile: Double
        public var ms: Double
    }

    public struct Machine: Codable, Sendable {
        public var host: String
        public var cores: Int
        public var memoryBytes: UInt64
        public var system: String
    }

    /// One step of a ramp: the rate offered and what the exchange made of it.
    public struct RampStep: Codable, Sendable {
        public var offeredPerSecond: Double
        public var answeredPerSecond: Double
        public var count: Int
        /// Errors other than the planned mistakes' refusals.
        public var errors: Int
        public var p50Ms: Double
        public var p99Ms: Double
        public var keptUp: Bool

        init(_ step: LoadRecorder.RampStep, ramp: LoadRamp) {
            self.offeredPerSecond = step.rate
            self.answeredPerSecond = step.elapsedSeconds > 0 ? Double(step.count) / step.elapsedSeconds : 0
            self.count = step.count
            self.errors = step.errors
            self.p50Ms = LoadReport.ms(step.latencies.valueAtPercentile(50))
            self.p99Ms = LoadReport.ms(step.latencies.valueAtPercentile(99))
            // Poisson arrivals put about the rate × the step's time inside it: the share is of those.
            let sentPerSecond = Double(step.sent) / ramp.stepSeconds
            self.keptUp =
                self.answeredPerSecond >= ramp.minimumShare * sentPerSecond && self.p99Ms <= ramp.p99LimitMs
                && Double(step.errors) <= 0.01 * Double(max(1, step.count))
        }

        var line: String {
            String(
                format: "ramp %8.0f/s offered  %8.0f/s answered  p50 %7.2f ms  p99 %8.2f ms  %d errors  %@",
                self.offeredPerSecond,
                self.answeredPerSecond,
                self.p50Ms,
                self.p99Ms,
                self.errors,
                self.keptUp ? "kept up" : "saturated"
            )
        }
    }

    public var settings: LoadSettings
    public var machine: Machine
    public var startedAt: Date
    public var elapsedSeconds: Double
    public var total: Latency
    public var throughputPerSecond: Double
    public var operations: [String: Latency]
    /// `code/reason` (or the client's outcome: indeterminate, unavailable …) → count.
    public var errorsByStatus: [String: Int]
    /// Rejections by method and status code, to compare with the exchange's own counters.
    public var rejectedByMethod: [String: [String: Int]]
    public var series: [Second]
    public var distribution: [Point]
    /// A ramp's steps, in order (the last one saturated unless the ramp ended first).
    public var ramp: [RampStep]?
    /// The highest rate of the ramp the exchange kept up with; nil when it kept up with none.
    public var sustainedPerSecond: Double?

    init(settings: LoadSettings, startedAt: Date, elapsedSeconds: Double, recorder: LoadRecorder) {
        let state = recorder.snapshot
        func latency(_ histogram: Histogram<UInt64>, errors: Int) -> Latency {
            Latency(
                count: histogram.totalCount,
                errors: errors,
                p50Ms: Self.ms(histogram.valueAtPercentile(50)),
                p90Ms: Self.ms(histogram.valueAtPercentile(90)),
                p99Ms: Self.ms(histogram.valueAtPercentile(99)),
                p999Ms: Self.ms(histogram.valueAtPercentile(99.9)),
                maxMs: Self.ms(histogram.max)
            )
        }
        self.settings = settings
        self.machine = Machine(
            host: ProcessInfo.processInfo.hostName,
            cores: ProcessInfo.processInfo.activeProcessorCount,
            memoryBytes: ProcessInfo.processInfo.physicalMemory,
            system: ProcessInfo.processInfo.operatingSystemVersionString
        )
        self.startedAt = startedAt
        self.elapsedSeconds = elapsedSeconds
        self.total = latency(state.all, errors: state.errors.values.reduce(0, +))
        self.throughputPerSecond = elapsedSeconds > 0 ? Double(state.all.totalCount) / elapsedSeconds : 0
        self.operations = Dictionary(
            uniqueKeysWithValues: state.histograms.map {
                ($0.key.rawValue, latency($0.value, errors: state.errors[$0.key] ?? 0))
            }
        )
        self.errorsByStatus = state.errorsByStatus
        self.rejectedByMethod = state.rejectedByMethod
        self.series = state.seconds.keys.sorted().map { second in
            let bucket = state.seconds[second]!
            return Second(
                second: second,
                count: bucket.count,
                errors: bucket.errors,
                p50Ms: Self.ms(bucket.latencies.valueAtPercentile(50)),
                p99Ms: Self.ms(bucket.latencies.valueAtPercentile(99))
            )
        }
        if let ramp = settings.ramp {
            let steps = state.steps.map { RampStep($0, ramp: ramp) }
            self.ramp = steps
            self.sustainedPerSecond = steps.filter(\.keptUp).map(\.offeredPerSecond).max()
        }
        self.distribution = [0, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100].map { percentile in
            Point(percentile: percentile, ms: Self.ms(state.all.valueAtPercentile(percentile)))
        }
    }

    static func ms(_ micros: UInt64) -> Double { Double(micros) / 1000 }

    public var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)) ?? Data()
    }

    public var text: String {
        let mode =
            self.settings.ramp.map { "open loop ramped from \($0.from)/s by \($0.step)/s every \($0.stepSeconds) s" }
            ?? self.settings.rate.map { "open loop at \($0)/s" } ?? "closed loop"
        var lines = [
            "licit-sim load: \(self.settings.authorities) authorities, \(self.settings.connections) connections, \(mode), seed \(self.settings.seed)",
            String(
                format: "%.1f s, %llu operations, %.1f/s, %d errors",
                self.elapsedSeconds,
                self.total.count,
                self.throughputPerSecond,
                self.total.errors
            ),
            "",
            "operation       count  errors     p50 ms     p90 ms     p99 ms   p99.9 ms     max ms",
        ]
        for (name, latency) in self.operations.sorted(by: { $0.key < $1.key }) + [("all", self.total)] {
            lines.append(
                name.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + String(
                        format: " %8llu %7d %10.2f %10.2f %10.2f %10.2f %10.2f",
                        latency.count,
                        latency.errors,
                        latency.p50Ms,
                        latency.p90Ms,
                        latency.p99Ms,
                        latency.p999Ms,
                        latency.maxMs
                    )
            )
        }
        if let ramp = self.ramp {
            lines.append("")
            lines += ramp.map(\.line)
            lines.append(
                self.sustainedPerSecond.map { String(format: "sustained: %.0f operations/s", $0) }
                    ?? "sustained: none of the ramp's rates (start lower)"
            )
        }
        lines.append("")
        lines.append("answered per second: " + self.series.prefix(120).map { "\($0.count)" }.joined(separator: " "))
        if !self.errorsByStatus.isEmpty {
            lines.append("")
            lines.append("errors by status")
            for (status, count) in self.errorsByStatus.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(status): \(count)")
            }
        }
        lines.append("")
        lines.append(
            "machine: \(self.machine.cores) cores, \(self.machine.memoryBytes / 1_048_576) MiB, \(self.machine.system)"
        )
        return lines.joined(separator: "\n")
    }
}
