import ArgumentParser
import Foundation
import LicitClient
import LicitWire
import Synchronization

/// `licit-reliability flood`: one account writing as fast as it can on several connections,
/// ignoring every refusal, until its time is up or it is interrupted; writes its counts as JSON.
/// The write-fairness probe runs it as a separate process, so that the flood's own CPU is not
/// the victim's client's.
struct Flood: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flood",
        abstract: "Flood the exchange with one account's writes (used by the network category).",
        shouldDisplay: false
    )

    @Option(help: "The sandbox folder.") var sandbox: String
    @Option(help: "The account that floods.") var account: String
    @Option(help: "Seconds to flood at most.") var seconds: Double = 10
    @Option(help: "Connections.") var connections = 4
    @Option(help: "Writes in flight per connection.") var concurrency = 16
    @Option(help: "Where to write the counts.") var counts: String

    func run() async throws {
        let manifest = try LicitSandbox.read(sandbox: URL(fileURLWithPath: self.sandbox))
        let account = try manifest.account(self.account)
        let configuration = try manifest.configuration(for: account)
        let tally = FloodTally()
        let deadline = ContinuousClock.now.advanced(by: .seconds(self.seconds))
        let started = ContinuousClock.now
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT)
        interrupt.setEventHandler { tally.stop() }
        interrupt.resume()
        let importer = "\(account.authority)-T1"
        let concurrency = self.concurrency
        await withTaskGroup(of: Void.self) { group in
            for connection in 0..<self.connections {
                group.addTask {
                    _ = try? await withLicitClient(configuration) { client in
                        await withTaskGroup(of: Void.self) { writers in
                            for writer in 0..<concurrency {
                                writers.addTask {
                                    var index = 0
                                    while ContinuousClock.now < deadline, !tally.stopped {
                                        index += 1
                                        let outcome: String
                                        do {
                                            _ = try await client.issueImportAuthorization(
                                                SampleDocuments.importAuthorization(
                                                    number:
                                                        "FLOOD-\(connection)-\(writer)-\(index)-\(UUID().uuidString.prefix(6))",
                                                    importer: importer
                                                ),
                                                overrideJustification: "reliability flood"
                                            )
                                            outcome = "acknowledged"
                                        } catch let error as LicitClientError {
                                            outcome = error.status?.reason ?? "\(error.code)"
                                        } catch {
                                            outcome = "error"
                                        }
                                        tally.count(outcome)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var figures = tally.counts
        let elapsed = (ContinuousClock.now - started).milliseconds / 1000
        figures["seconds"] = (elapsed * 10).rounded() / 10
        figures["acknowledged_per_second"] = ((figures["acknowledged"] ?? 0) / max(elapsed, 0.001)).rounded()
        try JSONSerialization.data(withJSONObject: figures, options: .sortedKeys).write(
            to: URL(fileURLWithPath: self.counts)
        )
    }
}

/// The flood's outcomes by reason, and whether it was told to stop.
final class FloodTally: Sendable {
    private let state = Mutex<(counts: [String: Double], stopped: Bool)>(([:], false))
    func count(_ outcome: String) { self.state.withLock { $0.counts[outcome, default: 0] += 1 } }
    func stop() { self.state.withLock { $0.stopped = true } }
    var stopped: Bool { self.state.withLock { $0.stopped } }
    var counts: [String: Double] { self.state.withLock { $0.counts } }
}
