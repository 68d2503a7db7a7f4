import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// `licit-reliability shaped-writer`: run inside the client's network namespace by the shaped
/// link probe. Issues IAs one by one, each with its own request id, retrying what got no answer
/// with the same id; then lists them and counts what is missing or there twice.
struct ShapedWriter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shaped-writer",
        abstract: "Write across a shaped link (used by the network category).",
        shouldDisplay: false
    )

    @Option(help: "The sandbox folder.") var sandbox: String
    @Option(help: "The exchange's address from this namespace.") var host: String
    @Option(help: "How many IAs to issue.") var writes = 100
    @Option(help: "Where to write the counts.") var counts: String
    @Option(help: "The chance that the relay cuts the connection before a piece it forwards.")
    var cutProbability = 0.04

    func run() async throws {
        let manifest = try LicitSandbox.read(sandbox: URL(fileURLWithPath: self.sandbox))
        var configuration = try manifest.configuration(for: try manifest.account("fr-signer"))
        configuration.host = self.host
        configuration.port = manifest.port
        configuration.serverHostname = "localhost"  // a name the sandbox server certificate carries
        configuration.defaultTimeout = .seconds(3)
        configuration.connectTimeout = .seconds(5)
        // Cut connections are the point here: reconnect soon, not with a long backoff.
        configuration.reconnectBackoff = (.milliseconds(50), .seconds(1))
        try await Self.waitUntilServing(configuration)
        // From here on through the chaos relay: pieces, delays, and connections cut mid-stream.
        let relay = try ChaosRelay(to: self.host, port: manifest.port, cutProbability: self.cutProbability)
        let direct = configuration
        configuration.host = "127.0.0.1"
        configuration.port = relay.port
        var acknowledged: [String] = []
        var retries = 0
        var indeterminate = 0
        var latencies: [Double] = []
        let run = UUID().uuidString.prefix(6)
        var next = 0
        // A cut can also end the client itself: a new one carries on where the last one stopped.
        var clients = 0
        while next < self.writes, clients < 10 * self.writes {
            clients += 1
            try? await withLicitClient(configuration) { client in
                for index in next..<self.writes {
                    let number = "SHAPED-\(run)-\(index)"
                    let started = ContinuousClock.now
                    for attempt in 0..<30 {
                        if attempt > 0 { retries += 1 }
                        do {
                            _ = try await client.issueImportAuthorization(
                                SampleDocuments.importAuthorization(number: number, importer: "FR-ANSM-T1"),
                                overrideJustification: "reliability: shaped link",
                                requestID: "req-\(number)"
                            )
                            acknowledged.append(number)
                            break
                        } catch let error as LicitClientError where error.code != .rejected {
                            if error.code == .indeterminate || error.code == .deadlineExceeded { indeterminate += 1 }
                            try await Task.sleep(for: .milliseconds(200))
                        }
                    }
                    latencies.append((ContinuousClock.now - started).milliseconds)
                    next = index + 1
                }
            }
        }
        let present = try await withLicitClient(direct) { client in
            try await CrashCycles.allDocuments(client).compactMap { $0.importAuthorization?.number }
                .filter { $0.hasPrefix("SHAPED-\(run)-") }
        }
        let counted = Dictionary(present.map { ($0, 1) }, uniquingKeysWith: +)
        var figures: [String: Double] = [
            "writes": Double(self.writes),
            "acknowledged": Double(acknowledged.count),
            "retries_with_same_request_id": Double(retries),
            "indeterminate": Double(indeterminate),
            "lost": Double(acknowledged.filter { counted[$0] == nil }.count),
            "duplicated": Double(counted.values.filter { $0 > 1 }.count),
            "write_p50_ms": latencies.percentile(0.5),
            "write_p99_ms": latencies.percentile(0.99),
            "clients_opened": Double(clients),
        ]
        figures.merge(relay.figures) { _, new in new }
        try JSONSerialization.data(withJSONObject: figures, options: .sortedKeys).write(
            to: URL(fileURLWithPath: self.counts)
        )
    }

    static func waitUntilServing(_ configuration: LicitClientConfiguration) async throws {
        var lastError: (any Error)?
        for _ in 0..<120 {
            do {
                _ = try await withLicitClient(configuration) { try await $0.echo(Data()) }
                return
            } catch {
                lastError = error
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw ProbeError(
            "the exchange did not answer across the shaped link within a minute: \(lastError.map { "\($0)" } ?? "")"
        )
    }
}
