import CoreMetrics
import Foundation
import LicitServerCore
import Prometheus
import Synchronization

/// The daemon's metrics, exposed in Prometheus's text format on the admin listener's `/metrics`.
/// Every swift-metrics counter, timer and meter the exchange records lands in one registry, which
/// the process bootstraps once, before any metric is made.
package enum DaemonMetrics {
    /// The registry, bootstrapping swift-metrics on first use.
    package static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["licit_call_duration_seconds"] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5), .seconds(30),
        ]
        let commitBuckets: [Duration] = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
            .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(100), .seconds(1),
        ]
        factory.durationHistogramBuckets["licit_commit_duration_seconds"] = commitBuckets
        factory.durationHistogramBuckets["licit_commit_sync_seconds"] = commitBuckets
        factory.durationHistogramBuckets["licit_wal_checkpoint_seconds"] = commitBuckets
        factory.valueHistogramBuckets["licit_commit_batch_size"] = [1, 2, 4, 8, 16, 32, 64, 128, 256]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// When the server's certificate ends; shown as seconds left on every scrape.
    package static let serverCertificateExpiry = Mutex<Date?>(nil)

    /// The exchange's count of answered calls by method and status code, read at each scrape.
    package static let callTally = Mutex<CallTally?>(nil)

    /// Makes sure swift-metrics is bootstrapped before the exchange makes its metrics.
    package static func start(serverCertificateExpiry: Date?) {
        _ = Self.registry
        Self.serverCertificateExpiry.withLock { $0 = serverCertificateExpiry }
    }

    /// The text exposition of every metric now.
    package static func exposition() -> String {
        if let expiry = Self.serverCertificateExpiry.withLock({ $0 }) {
            Self.registry.makeGauge(
                name: "licit_server_certificate_expiry_seconds",
                help: "Seconds until the server's TLS certificate expires"
            ).set(expiry.timeIntervalSinceNow)
        }
        return Self.registry.emitToString() + Self.outcomes()
    }

    /// `licit_call_outcomes_total{method,outcome}` from the call tally the exchange keeps anyway,
    /// written at the scrape rather than counted again on every call.
    static func outcomes() -> String {
        guard let tally = Self.callTally.withLock({ $0 }) else { return "" }
        var text = """
            # HELP licit_call_outcomes_total Calls answered, by method and status code
            # TYPE licit_call_outcomes_total counter

            """
        for (method, codes) in tally.snapshot.sorted(by: { $0.key < $1.key }) {
            for (code, count) in codes.sorted(by: { $0.key < $1.key }) {
                text += "licit_call_outcomes_total{method=\"\(method)\",outcome=\"\(code)\"} \(count)\n"
            }
        }
        return text
    }
}
