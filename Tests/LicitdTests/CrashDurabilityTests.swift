import Foundation
import LicitClient
import LicitTestSupport
import LicitWire
import Synchronization
import Testing

/// docs/ARCHITECTURE.md §4 as a user would check it: kill -9 in the middle of a write load, restart, and
/// every acknowledged write is there exactly once; the audit trail verifies; a row altered in
/// the database file is named.
@Suite("licitd: crash durability and tamper detection", .serialized)
struct CrashDurabilityTests {
    typealias Sandbox = SandboxDaemonTests

    /// What a writer learned about each request it sent.
    enum Outcome: Sendable {
        case acknowledged(number: String, requestID: String)
        case indeterminate(number: String, requestID: String)
        case refused(String)
    }

    static func start(_ directory: URL, port: Int) throws -> Process {
        let daemon = Process()
        daemon.executableURL = Sandbox.licitd
        daemon.arguments = ["sandbox", "--data", directory.path, "--port", "\(port)", "--log-level", "error"]
        daemon.standardError = FileHandle.nullDevice
        try daemon.run()
        return daemon
    }

    static func content(_ number: String, day: String, last: String) -> Licit_V1_ImportAuthorizationContent {
        .with {
            $0.number = number
            $0.exportingCountry = "IN"
            $0.importer.id = "FR-ANSM-T1"
            $0.exporter = .with {
                $0.name = "India Pharma Ltd"
                $0.address = "Mumbai"
            }
            $0.lines = [
                .with {
                    $0.form = "CODEINE-PHOSPHATE-HEMIHYDRATE"
                    $0.tradedMg = 1_000
                }
            ]
            $0.period = .with {
                $0.first = day
                $0.last = last
            }
            $0.multipleConsignments = true
        }
    }

    static func waitUntilServing(_ configuration: LicitClientConfiguration) async throws {
        for _ in 0..<200 {
            if (try? await withLicitClient(configuration, { try await $0.echo(Data()) })) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the restarted daemon did not serve within 10 s")
    }

    @Test(
        "SIGKILL during a write load: every acknowledged IA present exactly once after restart, the audit chain intact; then a tampered row is named"
    )
    func killDuringLoad() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "licit-crash-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: directory) }
        var daemon = try Self.start(directory, port: 0)
        defer { if daemon.isRunning { daemon.terminate() } }
        var manifest: Sandbox.Manifest?
        for _ in 0..<1200 where manifest == nil {
            manifest = (try? Sandbox.readManifest(directory)).flatMap { $0.port == 0 ? nil : $0 }
            if manifest == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let ready = try #require(manifest)
        let configuration = try Sandbox.configuration(ready, account: "fr-signer")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let today = formatter.string(from: Date())
        let last = formatter.string(from: Date().addingTimeInterval(60 * 86_400))

        // Four writers issue IAs as fast as they can; the daemon dies under them, once at least 40
        // writes were acknowledged (a count, not a time: the machine may be slow) and a little later.
        let pid = daemon.processIdentifier
        let acknowledgedSoFar = Tally()
        let outcomes = try await withLicitClient(configuration) { client in
            try await withThrowingTaskGroup(of: [Outcome].self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        var outcomes: [Outcome] = []
                        for index in 0..<400 {
                            let number = "K\(writer)-\(index)"
                            let requestID = "req-\(number)"
                            do {
                                _ = try await client.issueImportAuthorization(
                                    Self.content(number, day: today, last: last),
                                    requestID: requestID
                                )
                                outcomes.append(.acknowledged(number: number, requestID: requestID))
                                acknowledgedSoFar.add()
                            } catch let error as LicitClientError where error.code == .indeterminate {
                                outcomes.append(.indeterminate(number: number, requestID: requestID))
                                return outcomes
                            } catch {
                                outcomes.append(.refused("\(error)"))
                                return outcomes
                            }
                        }
                        return outcomes
                    }
                }
                group.addTask {
                    try await eventually(timeout: .seconds(60)) { acknowledgedSoFar.value >= 40 }
                    try await Task.sleep(for: .milliseconds(Int.random(in: 0...150)))
                    kill(pid, SIGKILL)
                    return []
                }
                return try await group.reduce(into: [Outcome]()) { $0 += $1 }
            }
        }
        await daemon.exited()
        #expect(daemon.terminationReason == .uncaughtSignal)
        let acknowledged = outcomes.compactMap { if case .acknowledged(let number, _) = $0 { number } else { nil } }
        let indeterminate = outcomes.compactMap {
            if case .indeterminate(let number, let id) = $0 { (number, id) } else { nil }
        }
        #expect(acknowledged.count >= 40, "the load ran before the kill")

        // Restart on the same data; retry the indeterminate writes with their request ids.
        daemon = try Self.start(directory, port: ready.port)
        try await Self.waitUntilServing(configuration)
        let present = try await withLicitClient(configuration) { client in
            for (number, requestID) in indeterminate {
                let document = try await client.issueImportAuthorization(
                    Self.content(number, day: today, last: last),
                    requestID: requestID
                )
                #expect(document.importAuthorization?.number == number)
            }
            var numbers: [String] = []
            var page = Licit_V1_ListDocumentsRequest.with { $0.pageSize = 500 }
            repeat {
                let response = try await client.documents(page)
                numbers += response.documents.compactMap { $0.importAuthorization?.number }
                page.pageToken = response.nextPageToken
            } while !page.pageToken.isEmpty
            let balance = try await client.balances(substance: "CODEINE").first
            #expect(balance?.authorizedNotUsedMg == Int64(numbers.count) * 737, "each IA counted once (1 g at 0.7367)")
            return numbers
        }
        #expect(Set(acknowledged).isSubset(of: Set(present)), "every acknowledged write survived")
        #expect(present.count == Set(present).count, "nothing is there twice")
        #expect(present.count == acknowledged.count + indeterminate.count)
        daemon.terminate()
        await daemon.exited()

        let verified = try Sandbox.run(["audit", "verify", "--data", directory.path])
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.output.contains("intact"))

        // Alter one IA's state directly in the file: verification names it and fails.
        let victim = try #require(acknowledged.first)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        python.arguments = [
            "-c",
            "import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute(\"UPDATE document SET state=replace(state,'\\\"imported\\\"','\\\"importe\\\"') || ' ' WHERE number=?\", (sys.argv[2],)); db.commit()",
            directory.appendingPathComponent("exchange.sqlite").path, victim,
        ]
        try python.run()
        await python.exited()
        #expect(python.terminationStatus == 0)
        let broken = try Sandbox.run(["audit", "verify", "--data", directory.path])
        #expect(broken.status == 1)
        #expect(broken.output.contains("document/FR-ANSM/\(victim): altered outside the exchange"), "\(broken.output)")
    }
}

/// A count shared by concurrent tasks.
final class Tally: Sendable {
    private let count = Mutex(0)
    func add() { self.count.withLock { $0 += 1 } }
    var value: Int { self.count.withLock { $0 } }
}
