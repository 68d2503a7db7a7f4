import Foundation

/// Collected round-trip times and the figures reported from them.
struct Latencies {
    var nanoseconds: [UInt64] = []

    mutating func merge(_ other: [UInt64]) { self.nanoseconds += other }

    /// `duration` in whole nanoseconds, as the samples are kept.
    static func nanoseconds(_ duration: Duration) -> UInt64 {
        UInt64(duration.components.seconds) * 1_000_000_000 + UInt64(duration.components.attoseconds / 1_000_000_000)
    }

    func report(label: String, seconds: Double) -> String {
        let sorted = self.nanoseconds.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1000
        }
        let rate = Double(sorted.count) / seconds
        return String(
            format:
                "{\"case\":\"%@\",\"round_trips\":%d,\"per_second\":%.0f,\"p50_us\":%.1f,\"p99_us\":%.1f,\"max_us\":%.1f}",
            label,
            sorted.count,
            rate,
            percentile(0.5),
            percentile(0.99),
            percentile(1.0)
        )
    }
}
