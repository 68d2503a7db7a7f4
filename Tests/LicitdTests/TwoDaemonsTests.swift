import Foundation
import LicitClient
import LicitPostgresTesting
import LicitTestSupport
import LicitWire
import Testing

/// Two `licitd sandbox` processes, on a sandbox folder and a copy of it, and one PostgreSQL database: two daemons
/// of one exchange. Skipped where PostgreSQL is not installed (outside CI).
@Suite("Two licitd daemons on PostgreSQL, end to end", .serialized)
struct TwoDaemonsTests {
    /// A `licitd sandbox --database URL` process on `directory`, once its manifest names a port
    /// other than `previous`.
    /// Without `database`, on the folder's SQLite file.
    static func start(
        _ directory: URL,
        database: String?,
        after previous: Int = 0,
        options: [String] = []
    ) async throws -> (Process, Int) {
        let daemon = Process()
        daemon.executableURL = SandboxDaemonTests.licitd
        daemon.arguments =
            ["sandbox", "--data", directory.path, "--port", "0", "--log-level", "warning"]
            + (database.map { ["--database", $0] } ?? []) + options
        let log = directory.deletingLastPathComponent().appendingPathComponent("licitd-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        daemon.standardError = try FileHandle(forWritingTo: log)
        try daemon.run()
        for _ in 0..<1200 where daemon.isRunning {
            if let manifest = try? SandboxDaemonTests.readManifest(directory), manifest.port != 0,
                manifest.port != previous
            {
                return (daemon, manifest.port)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        daemon.terminate()
        Issue.record("licitd did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        throw CancellationError()
    }

    static func configuration(_ directory: URL, _ account: String, port: Int) throws -> LicitClientConfiguration {
        var configuration = try SandboxDaemonTests.configuration(
            try SandboxDaemonTests.readManifest(directory),
            account: account
        )
        configuration.port = port
        return configuration
    }

    /// Runs `body` with two daemons on one sandbox folder and one new database; skipped where
    /// PostgreSQL is absent (outside CI). Both must stop cleanly on SIGTERM.
    static func withTwoDaemons(
        options: [String] = [],
        _ body: (URL, Int, Int) async throws -> Void
    ) async throws {
        guard let cluster = try TestPostgres.shared() else {
            print("note: \(TestPostgres.skipReason)")
            return
        }
        let database = try cluster.createDatabase()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("licit-two-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (first, portA) = try await Self.start(directory, database: database, options: options)
        defer { if first.isRunning { first.terminate() } }
        // The second daemon has a copy of the folder, and so its own accounts file, as a daemon on
        // another machine would: what the first learns reaches it through the database alone.
        let copy = directory.appendingPathExtension("b")
        try FileManager.default.copyItem(at: directory, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let (second, portB) = try await Self.start(copy, database: database, after: portA, options: options)
        defer { if second.isRunning { second.terminate() } }
        try await body(directory, portA, portB)
        for daemon in [first, second] {
            daemon.terminate()
            await daemon.exited()
            #expect(daemon.terminationStatus == 0)
        }
    }

    @Test("the sandbox clock is one clock: a day advanced through one daemon is read on the other within a second")
    func oneSandboxClock() async throws {
        try await Self.withTwoDaemons { directory, portA, portB in
            try await withLicitClient(try Self.configuration(directory, "board-admin", port: portB)) { onB in
                let before = try await onB.sandboxClock().nowMs
                let advanced = try await withLicitClient(try Self.configuration(directory, "board-admin", port: portA))
                {
                    try await $0.setSandboxClock(advanceSeconds: 86_400).nowMs
                }
                #expect(advanced >= before + 86_400_000)
                let deadline = ContinuousClock.now + .seconds(1)
                var seen = try await onB.sandboxClock().nowMs
                while seen < advanced && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                    seen = try await onB.sandboxClock().nowMs
                }
                #expect(seen >= advanced, "daemon B still reads \(seen), a day behind A's \(advanced), after 1 s")
            }
        }
    }

    @Test(
        "an identity issued in one daemon's accounts file reaches both, and revoked over the wire through one, is refused by the other within a second"
    )
    func accountsReachBoth() async throws {
        try await Self.withTwoDaemons { directory, portA, portB in
            let issued = try SandboxDaemonTests.run([
                "identity", "issue", "--data", directory.path, "--name", "fr-signer-2", "--country", "FR",
                "--authority", "FR-ANSM", "--role", "signer",
            ])
            #expect(issued.status == 0, "\(issued.output)")
            let onBConfiguration = try Self.configuration(directory, "fr-signer-2", port: portB)
            try await Self.waitUntilServed(onBConfiguration)
            try await withLicitClient(onBConfiguration) { onB in
                let fingerprint = try await onB.recognisedAccount().certificateFingerprint
                try await withLicitClient(try Self.configuration(directory, "fr-admin", port: portA)) { admin in
                    _ = try await admin.revokeCertificate(fingerprint: fingerprint, reason: "key lost")
                }
                let revoked = ContinuousClock.now
                let refused = await SandboxDaemonTests.isRefused(onB, within: .seconds(1))
                #expect(refused, "daemon B still served the certificate revoked through A 1 s later")
                print("revocation through daemon A to refusal on daemon B: \(ContinuousClock.now - revoked)")
            }
        }
    }

    /// Returns once an identity just issued is served on `configuration`'s daemon; fails after 1 s.
    static func waitUntilServed(_ configuration: LicitClientConfiguration) async throws {
        let issued = ContinuousClock.now
        while true {
            do {
                _ = try await withLicitClient(configuration) {
                    try await $0.echo(Data("hello".utf8), timeout: .seconds(1))
                }
                return
            } catch  where ContinuousClock.now - issued < .seconds(1) {
                try await Task.sleep(for: .milliseconds(50))
            } catch {
                Issue.record("the identity was not served within 1 s of its issue: \(error)")
                throw error
            }
        }
    }

    @Test("one authority writing through both daemons at once keeps one pace, not one per daemon")
    func onePaceAcrossDaemons() async throws {
        let rate = 5
        try await Self.withTwoDaemons(options: ["--writes-per-second", "\(rate)"]) { directory, portA, portB in
            let window = Duration.seconds(3)
            let answered = try await withThrowingTaskGroup(of: Int.self) { group in
                for port in [portA, portB] {
                    group.addTask {
                        try await withLicitClient(try Self.configuration(directory, "fr-officer", port: port)) {
                            client in
                            let authority = try await client.recognisedAccount().authority
                            let started = ContinuousClock.now
                            var answered = 0
                            while ContinuousClock.now - started < window {
                                do {
                                    _ = try await client.draftImportAuthorization(
                                        MigrateTests.content("IA-PACE-\(port)", importer: authority)
                                    )
                                    if ContinuousClock.now - started <= window { answered += 1 }
                                } catch let error as LicitClientError where error.status?.reason == "rate_limited" {
                                    continue
                                }
                            }
                            return answered
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            // A burst as large as the pace, then the pace: 5 + 5 × 3 s over both daemons together
            // (one pace per daemon would have let about twice as many through).
            let allowed = rate + rate * 3
            print("writes answered through two daemons in 3 s at a pace of \(rate)/s: \(answered) (allowed \(allowed))")
            #expect(answered <= allowed + 1)
            // At least the burst went through, so the bound above is not met by refusing everything
            // (how many more depends on how fast the machine answers).
            #expect(answered >= rate)
        }
    }

    @Test("an IA issued through one daemon reaches a subscriber on the other, and a retry there applies it once")
    func eventAcrossDaemons() async throws {
        try await Self.withTwoDaemons { directory, portA, portB in
            try await withLicitClient(try Self.configuration(directory, "in-signer", port: portB)) { exporter in
                let events = try await exporter.subscribe(
                    method: LicitMethod.Inbox.subscribe,
                    payload: try Licit_V1_SubscribeRequest.with { $0.fromCursor = true }.serializedData()
                )
                try await withLicitClient(try Self.configuration(directory, "fr-signer", port: portA)) { importer in
                    let authority = try await importer.recognisedAccount().authority
                    let content = MigrateTests.content("IA-TWO-1", importer: authority)
                    let requestID = "two-daemons-ia"
                    let issued = try await importer.issueImportAuthorization(content, requestID: requestID)
                    // Daemon B hears of A's commit through PostgreSQL's notification alone: nothing
                    // was written through B yet.
                    let started = ContinuousClock.now
                    let received = try await withThrowingTaskGroup(of: Licit_V1_InboxEvent?.self) { group in
                        group.addTask {
                            for try await event in events {
                                let decoded = try Licit_V1_InboxEvent(serializedBytes: event.payload)
                                if decoded.document.number == "IA-TWO-1" { return decoded }
                            }
                            return nil
                        }
                        group.addTask {
                            try await Task.sleep(for: .seconds(10))
                            return nil
                        }
                        defer { group.cancelAll() }
                        return try await group.next() ?? nil
                    }
                    #expect(received?.kind == "ia_received", "no event on daemon B within 10 s")
                    print("commit on daemon A to delivery on daemon B: \(ContinuousClock.now - started)")
                    // The same write retried through the other daemon is answered as the first time.
                    try await withLicitClient(try Self.configuration(directory, "fr-signer", port: portB)) { retrying in
                        let again = try await retrying.issueImportAuthorization(content, requestID: requestID)
                        #expect(again == issued)
                    }
                }
            }
        }
    }
}
