import Foundation
import LicitClient
import LicitTestSupport
import Testing

/// The daemon as a user runs it: `licitd sandbox --data DIR`, then the SDK with the manifest's identities.
@Suite("licitd sandbox, end to end", .serialized)
struct SandboxDaemonTests {
    typealias Manifest = LicitSandbox

    /// The licitd built beside this test bundle.
    static var licitd: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("licitd")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/licitd")
    }

    static func readManifest(_ directory: URL) throws -> Manifest {
        try LicitSandbox.read(sandbox: directory)
    }

    static func configuration(_ manifest: Manifest, account name: String) throws -> LicitClientConfiguration {
        var configuration = try manifest.configuration(for: try manifest.account(name))
        configuration.connectTimeout = .seconds(5)
        return configuration
    }

    /// Runs `program` (licitd by default) to its end: its status, and its output and errors together.
    static func run(
        _ arguments: [String],
        program: URL = Self.licitd,
        environment: [String: String]? = nil
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Starts `licitd sandbox` on a free port and waits until the manifest names it.
    static func withSandbox(options: [String] = [], _ body: (URL, Manifest) async throws -> Void) async throws {
        try await Self.withSandbox(options: options) { _, directory, manifest in try await body(directory, manifest) }
    }

    /// The same, with the daemon's process (to signal it).
    static func withSandbox(
        options: [String] = [],
        onDaemon body: (Process, URL, Manifest) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "licit-sandbox-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: directory) }
        let daemon = Process()
        daemon.executableURL = Self.licitd
        daemon.arguments = ["sandbox", "--data", directory.path, "--port", "0", "--log-level", "warning"] + options
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("licitd-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        daemon.standardError = try FileHandle(forWritingTo: log)
        try daemon.run()
        defer { if daemon.isRunning { daemon.terminate() } }
        var manifest: Manifest?
        // Making 51 identities takes seconds on a loaded 2-core machine: wait up to a minute.
        for _ in 0..<1200 {
            if let current = try? Self.readManifest(directory), current.port != 0 {
                manifest = current
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try await body(daemon, directory, try #require(manifest, "the sandbox did not write its manifest: \(output)"))
        daemon.terminate()  // SIGTERM: graceful shutdown
        await daemon.exited()
        #expect(daemon.terminationReason == .exit)
        #expect(daemon.terminationStatus == 0)
    }

    @Test("a new sandbox has the sample world and every identity in its manifest reaches its account")
    func sandboxIdentities() async throws {
        try await Self.withSandbox { _, manifest in
            #expect(manifest.accounts.count >= 50)
            #expect(Set(manifest.accounts.map(\.country)).subtracting([""]).count >= 12)
            #expect(
                Set(manifest.accounts.map(\.role)) == [
                    "board_admin", "board_observer", "country_admin", "officer", "signer", "viewer",
                ]
            )
            for name in ["board-admin", "fr-signer", "gh-viewer"] {
                try await withLicitClient(try Self.configuration(manifest, account: name)) { client in
                    let echoed = try await client.echo(Data(name.utf8))
                    #expect(echoed == Data(name.utf8))
                    #expect(client.account?.name == name)
                }
            }
            // The training world: countries with their CNAs and traders, the catalogue, estimates.
            try await withLicitClient(try Self.configuration(manifest, account: "in-signer")) { client in
                let reference = try await client.reference()
                #expect(reference.countries.filter(\.participating).count >= 12)
                #expect(reference.countries.contains { !$0.participating })
                #expect(reference.authorities.filter { $0.country == "IN" }.count == 2)
                #expect(reference.substances.count >= 19)
                #expect(reference.traders.map(\.authority).allSatisfy { $0 == "IN-NCB" })
                #expect(reference.traders.isEmpty == false)
                let balances = try await client.balances()
                #expect(
                    balances.contains { $0.substance == "MORPHINE" && $0.limitKind == "estimate" && $0.limitMg > 0 }
                )
                #expect(balances.contains { $0.substance == "MIDAZOLAM" && $0.limitKind == "assessment" })
            }
        }
    }

    @Test("an identity issued while the daemon runs can connect; revoking it closes its connection within a second")
    func issueAndRevoke() async throws {
        try await Self.withSandbox { directory, _ in
            let issued = try Self.run([
                "identity", "issue", "--data", directory.path, "--name", "fr-signer-2", "--country", "FR",
                "--authority", "FR-ANSM", "--role", "signer",
            ])
            #expect(issued.status == 0, "\(issued.output)")
            let manifest = try Self.readManifest(directory)
            let configuration = try Self.configuration(manifest, account: "fr-signer-2")
            try await Task.sleep(for: .milliseconds(1200))  // the daemon reloads accounts every 500 ms
            try await withLicitClient(configuration) { client in
                let echoed = try await client.echo(Data("hi".utf8))
                #expect(echoed == Data("hi".utf8))
                let revoked = try Self.run(["identity", "revoke", "--data", directory.path, "--name", "fr-signer-2"])
                #expect(revoked.status == 0, "\(revoked.output)")
                let refused = await Self.isRefused(client, within: .seconds(3))
                #expect(refused, "the revoked identity was still served 3 s after revocation")
            }
        }
    }

    /// Whether `client`'s calls are refused (its certificate revoked) within `limit`, asking every 20 ms.
    static func isRefused(_ client: LicitClient, within limit: Duration) async -> Bool {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < limit {
            do {
                _ = try await client.echo(Data("still?".utf8), timeout: .seconds(1))
                try await Task.sleep(for: .milliseconds(20))
            } catch {
                return true
            }
        }
        return false
    }

    @Test("a second licitd on a sandbox in use stops at once, naming the first; the first goes on")
    func oneDaemonPerDatabase() async throws {
        try await Self.withSandbox { directory, manifest in
            let second = try Self.run(["sandbox", "--data", directory.path, "--port", "0", "--log-level", "warning"])
            #expect(second.status != 0)
            #expect(second.output.contains("is already served by another licitd (process"), "\(second.output)")
            try await withLicitClient(try Self.configuration(manifest, account: "board-admin")) { client in
                let clock = try await client.setSandboxClock(advanceSeconds: 86_400)
                #expect(clock.nowMs > 0)
            }
            let verified = try Self.run(["audit", "verify", "--data", directory.path])
            #expect(verified.status == 0 && verified.output.contains("intact"), "\(verified.output)")
        }
    }

    @Test("licitd explains a missing configuration file instead of crashing")
    func missingConfiguration() throws {
        let result = try Self.run(["serve", "--config", "/nonexistent/licitd.json"])
        #expect(result.status != 0)
        #expect(result.output.contains("cannot read the configuration file /nonexistent/licitd.json"))
    }

    @Test("licitd sandbox --limits takes the limits of a file; a misspelt limit is refused, naming it")
    func limitsFile() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"authority_writes_per_secnd": 5}"#.utf8).write(to: file)
        let misspelt = try Self.run(["sandbox", "--data", "/nonexistent/sandbox", "--limits", file.path])
        #expect(misspelt.status != 0)
        #expect(misspelt.output.contains("names no such limit: authority_writes_per_secnd"), "\(misspelt.output)")

        // One write a second, no burst, and no waiting for a turn: the second write at once is refused.
        try Data(
            #"{"authority_writes_per_second": 1, "authority_write_burst": 1, "rate_limit_max_wait_ms": 1}"#.utf8
        ).write(to: file)
        try await Self.withSandbox(options: ["--limits", file.path]) { _, manifest in
            try await withLicitClient(try Self.configuration(manifest, account: "fr-officer")) { client in
                let authority = try await client.recognisedAccount().authority
                _ = try await client.draftImportAuthorization(MigrateTests.content("IA-LIMITS-1", importer: authority))
                let refusal = await #expect(throws: LicitClientError.self) {
                    _ = try await client.draftImportAuthorization(
                        MigrateTests.content("IA-LIMITS-2", importer: authority)
                    )
                }
                #expect(refusal?.status?.reason == "rate_limited")
            }
        }
    }
}
