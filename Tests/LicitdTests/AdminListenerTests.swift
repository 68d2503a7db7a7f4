import Foundation
import LicitClient
import Testing

/// The operator's listener of a sandbox (its address in the manifest): `/metrics` read by
/// Prometheus's own parser, `/healthz`, and `/readyz` through a drain.
@Suite("licitd's admin listener: metrics an operator can scrape, health and readiness")
struct AdminListenerTests {
    struct Scrape: Decodable {
        let status: Int
        let body: String
        let samples: [String: Double]
    }

    /// Fetches `path` of the admin listener through Tests/Tools/scrape.py (python3 with Debian's
    /// python3-prometheus-client, which parses `/metrics`).
    static func scrape(_ base: String, _ path: String) throws -> Scrape {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tools/scrape.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.path, base + path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ScrapeFailed(message: "scrape.py \(path) exited \(process.terminationStatus): \(complaint)")
        }
        return try JSONDecoder().decode(Scrape.self, from: data)
    }

    /// Whether Prometheus's parser is installed (Debian's python3-prometheus-client). Outside CI
    /// the tests that need it skip without it, saying so; in CI its absence fails them.
    static let parserAvailable: Bool = {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", "import prometheus_client"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        let available = process.terminationStatus == 0
        if !available {
            print("note: python3-prometheus-client is not installed: the admin listener's tests are skipped")
        }
        return available
    }()

    struct ScrapeFailed: Error, CustomStringConvertible {
        let message: String
        var description: String { self.message }
    }

    @Test(
        "/metrics parses with Prometheus's parser and its figures move as calls are made; /healthz and /readyz answer 200"
    )
    func metricsMove() async throws {
        try await SandboxDaemonTests.withSandbox { _, manifest in
            let admin = try #require(manifest.adminURL, "the manifest names the admin listener")
            #expect(try Self.scrape(admin, "/healthz").status == 200)
            let ready = try Self.scrape(admin, "/readyz")
            #expect(ready.status == 200, "\(ready.body)")
            let before = try Self.scrape(admin, "/metrics").samples
            let configuration = try SandboxDaemonTests.configuration(manifest, account: "fr-signer")
            try await withLicitClient(configuration) { france in
                for _ in 0..<3 { _ = try await france.echo(Data("metrics".utf8)) }
                let content = MigrateTests.content(importer: try await france.recognisedAccount().authority)
                _ = try await france.issueImportAuthorization(content, requestID: "metrics-ia")
                let during = try Self.scrape(admin, "/metrics").samples
                #expect((during["licit_connections_open"] ?? 0) >= 1, "an open connection is counted")
            }
            let after = try Self.scrape(admin, "/metrics").samples
            func moved(_ name: String, by least: Double) {
                let grew = (after[name] ?? 0) - (before[name] ?? 0)
                #expect(grew >= least, "\(name) grew by \(grew), expected at least \(least)")
            }
            moved(#"licit_calls_total{method="licit.v1.Session/Echo"}"#, by: 3)
            moved(#"licit_call_duration_seconds_count{method="licit.v1.Session/Echo"}"#, by: 3)
            moved(#"licit_calls_total{method="licit.v1.Documents/IssueImportAuthorization"}"#, by: 1)
            moved(#"licit_call_outcomes_total{method="licit.v1.Session/Echo",outcome="ok"}"#, by: 3)
            moved("licit_commit_batch_size_count", by: 1)
            moved("licit_commit_duration_seconds_count", by: 1)
            moved("licit_commit_sync_seconds_count", by: 1)
            moved("licit_connections_total", by: 1)
            #expect((after["licit_server_certificate_expiry_seconds"] ?? 0) > 86_400)
            #expect(after.keys.contains("licit_inbox_undelivered_events"), "\(after.keys.sorted())")
        }
    }

    @Test(
        "/readyz answers 503 draining while licitd waits for a call in flight, /healthz 200",
        .enabled(if: AdminListenerTests.parserAvailable)
    )
    func readinessThroughTheDrain() async throws {
        // fr-signer's calls are all held until their deadline (a faulty sandbox's delay), so the
        // drain has a call to wait for.
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("delay-\(UUID().uuidString).json")
        try Data(#"{"delay_past_deadline": 1.0}"#.utf8).write(to: profile)
        defer { try? FileManager.default.removeItem(at: profile) }
        try await SandboxDaemonTests.withSandbox(options: ["--faults-for", "fr-signer=\(profile.path)"]) {
            daemon,
            _,
            manifest in
            let admin = try #require(manifest.adminURL)
            let configuration = try SandboxDaemonTests.configuration(manifest, account: "fr-signer")
            try await withLicitClient(configuration) { france in
                let held = Task {
                    try await france.call(
                        method: "licit.v1.Documents/GetBalances",
                        payload: Data(),
                        timeout: .seconds(4)
                    )
                }
                // Once the exchange counts the call, it is in flight.
                let started = #"licit_calls_total{method="licit.v1.Documents/GetBalances"}"#
                for _ in 0..<100 {
                    if (try Self.scrape(admin, "/metrics").samples[started] ?? 0) >= 1 { break }
                    try await Task.sleep(for: .milliseconds(10))
                }
                daemon.terminate()
                var draining: Scrape?
                for _ in 0..<100 {
                    let answer = try Self.scrape(admin, "/readyz")
                    if answer.status == 503 {
                        draining = answer
                        break
                    }
                    try await Task.sleep(for: .milliseconds(20))
                }
                let answer = try #require(draining, "/readyz never answered 503 during the drain")
                #expect(answer.body.contains("draining"), "\(answer.body)")
                #expect(try Self.scrape(admin, "/healthz").status == 200, "alive while it drains")
                _ = await held.result
            }
        }
    }
}
