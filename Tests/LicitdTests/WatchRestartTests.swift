import Foundation
import LicitCLI
import LicitClient
import LicitTestSupport
import LicitWire
import Testing

/// `licit watch` as a national system's pipe uses it: the exchange restarts under it, and it
/// subscribes again and goes on, printing each event once.
@Suite("licit watch across a restart of the exchange", .serialized)
struct WatchRestartTests {
    typealias Sandbox = SandboxDaemonTests

    @Test("watch subscribes again after the exchange restarts, and prints every event once; --give-up-after exits 3")
    func resubscribes() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "licit-watch-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: directory) }
        var daemon = try CrashDurabilityTests.start(directory, port: 0)
        defer { if daemon.isRunning { daemon.terminate() } }
        var manifest: Sandbox.Manifest?
        for _ in 0..<1200 where manifest == nil {
            manifest = (try? Sandbox.readManifest(directory)).flatMap { $0.port == 0 ? nil : $0 }
            if manifest == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let ready = try #require(manifest)
        let france = try Sandbox.configuration(ready, account: "fr-signer")
        let environment = [
            "HOME": directory.path, "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path,
            "LICIT_SERVER": "127.0.0.1:\(ready.port)", "LICIT_CA": ready.caFile,
            "LICIT_IDENTITY": try ready.account("in-signer").identity,
        ]
        let console = Console(capturingWith: environment)
        let watching = Task {
            await Console.$current.withValue(console) {
                await LicitCommand.run(["watch", "--count", "2", "--json", "--ack"])
            }
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let (today, last) = (formatter.string(from: Date()), formatter.string(from: Date().addingTimeInterval(5e6)))
        try await Task.sleep(for: .milliseconds(500))
        _ = try await withLicitClient(france) {
            try await $0.issueImportAuthorization(CrashDurabilityTests.content("W-1", day: today, last: last))
        }
        try await eventually(timeout: .seconds(20)) { console.standardOutput.contains("W-1") }

        // The exchange stops and starts again on the same port and data.
        daemon.terminate()
        await daemon.exited()
        daemon = try CrashDurabilityTests.start(directory, port: ready.port)
        try await CrashDurabilityTests.waitUntilServing(france)
        _ = try await withLicitClient(france) {
            try await $0.issueImportAuthorization(CrashDurabilityTests.content("W-2", day: today, last: last))
        }
        let status = await watching.value
        #expect(status == 0, "\(console.standardError)")
        let numbers = console.standardOutput.split(separator: "\n").compactMap { line in
            (try? Licit_V1_InboxEvent(jsonString: String(line)))?.document.number
        }
        #expect(numbers == ["W-1", "W-2"], "each event once: \(console.standardOutput)")
        #expect(console.standardError.contains("subscribing again"), "\(console.standardError)")

        // Asked to stop trying, it gives up once the exchange has been away that long.
        daemon.terminate()
        await daemon.exited()
        let impatient = Console(capturingWith: environment)
        let gaveUp = await Console.$current.withValue(impatient) {
            await LicitCommand.run(["watch", "--give-up-after", "1", "--timeout", "1"])
        }
        #expect(gaveUp == 3, "\(impatient.standardError)")
    }
}
