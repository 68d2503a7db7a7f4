import Foundation
import LicitClient
import LicitDaemon
import LicitWire
import Synchronization
import Testing

@testable import LicitSim

/// `licitd sandbox --faults` and `licit-sim conform`: the Swift SDK, used as its documentation
/// says (``LicitClient/retrying(requestID:policy:_:)``, ``LicitClient/followInbox(policy:_:)``),
/// passes under every fault; a client that ignores the rules is caught.
@Suite("faulty sandbox and conformance", .serialized)
struct ConformanceTests {
    /// Every fault, often: a short workload meets each of them.
    static var profile: FaultProfile {
        var profile = FaultProfile()
        profile.dropAfterCommit = 0.15
        profile.rateLimited = 0.15
        // Each fault checked below is drawn ~30 times: at 0.1 one went unmet in ~1 run in 25
        // (0.9^30); at 0.15–0.2 about 1 in 100–1,000.
        profile.delayPastDeadline = 0.2
        profile.drainMidCall = 0.05
        profile.duplicateEvent = 0.15
        profile.endSubscription = 0.2
        profile.retryAfterMs = 150
        profile.expiryWarningDays = 7
        return profile
    }

    static func importContent(
        _ number: String,
        importer: String,
        from exporting: String,
        today: String
    )
        -> Licit_V1_ImportAuthorizationContent
    {
        .with {
            $0.number = number
            $0.exportingCountry = exporting
            $0.importer.id = "\(importer)-T1"
            $0.exporter = .with {
                $0.name = "Conformance Exporter"
                $0.address = "1 Test Street"
            }
            $0.lines = [
                .with {
                    $0.form = "MORPHINE"
                    $0.tradedMg = 1_000
                }
            ]
            $0.period = .with {
                $0.first = today
                $0.last = CalendarDay.adding(days: 90, to: today)
            }
            $0.multipleConsignments = true
        }
    }

    @Test("the Swift SDK retries, resumes and acknowledges as the protocol asks: conform passes")
    func sdkPasses() async throws {
        let root = try await InProcessSandbox.start(
            "conform-sdk",
            faults: .init(accounts: ["de-signer": Self.profile], seed: 7)
        )
        let manifest = try SimManifest.read(sandbox: root)
        var faulted = try manifest.configuration(for: try manifest.account("de-signer"))
        faulted.defaultTimeout = .seconds(1)
        let partner = try manifest.configuration(for: try manifest.account("fr-signer"))
        let count = 30
        let seen = Seen()
        try await withLicitClient(faulted) { client in
            let today = String(ISO8601DateFormatter().string(from: try await client.exchangeTime()).prefix(10))
            try await withThrowingTaskGroup(of: Void.self) { follower in
                follower.addTask {
                    try await client.followInbox { event in
                        seen.handled.withLock { $0.append(event.sequence) }
                        if event.kind == "ia_received" {
                            seen.received.withLock { _ = $0.insert(event.document.number) }
                        }
                    }
                }
                try await withThrowingTaskGroup(of: Void.self) { writers in
                    writers.addTask {
                        for index in 0..<count {
                            let content = Self.importContent(
                                "CF-DE-\(index)",
                                importer: "DE-BFARM",
                                from: "FR",
                                today: today
                            )
                            _ = try await client.retrying { id in
                                try await client.issueImportAuthorization(content, requestID: id)
                            }
                        }
                    }
                    writers.addTask {
                        try await withLicitClient(partner) { fr in
                            for index in 0..<count {
                                let content = Self.importContent(
                                    "CF-FR-\(index)",
                                    importer: "FR-ANSM",
                                    from: "DE",
                                    today: today
                                )
                                _ = try await fr.issueImportAuthorization(content)
                            }
                        }
                    }
                    try await writers.waitForAll()
                }
                let deadline = ContinuousClock.now + .seconds(60)
                while seen.received.withLock({ $0.count }) < count, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(100))
                }
                try await Task.sleep(for: .seconds(3))  // acknowledgements settle past the checks' grace
                follower.cancelAll()
            }
        }
        #expect(seen.received.withLock { $0.count } == count)
        let sequences = seen.handled.withLock { $0 }
        #expect(sequences == sequences.sorted() && Set(sequences).count == sequences.count, "each event handled once")
        let report = try Self.conform(root, "de-signer")
        #expect(report.verdict == "pass", "\(report.text)")
        for fault in [
            "drop_after_commit", "rate_limited", "delay_past_deadline", "duplicate_event", "end_subscription",
        ] {
            #expect((report.faults[fault] ?? 0) > 0, "\(fault) was never met")
        }
    }

    @Test("a client that sends an indeterminate write again under a new id, and retries too soon, fails")
    func careless() async throws {
        var profile = FaultProfile()
        profile.dropAfterCommit = 0.3
        profile.rateLimited = 0.3
        profile.retryAfterMs = 500
        let root = try await InProcessSandbox.start("conform-careless", faults: .init(accounts: ["de-signer": profile]))
        let manifest = try SimManifest.read(sandbox: root)
        try await withLicitClient(try manifest.configuration(for: try manifest.account("de-signer"))) { client in
            let today = String(ISO8601DateFormatter().string(from: try await client.exchangeTime()).prefix(10))
            for index in 0..<20 {
                let content = Self.importContent("CF-X-\(index)", importer: "DE-BFARM", from: "FR", today: today)
                // Wrong on purpose: a fresh request id for every try, and no pause.
                for _ in 0..<5 {
                    do {
                        _ = try await client.issueImportAuthorization(content)
                        break
                    } catch let error as LicitClientError where error.status?.reason == "duplicate_number" {
                        break
                    } catch {}
                }
            }
        }
        let report = try Self.conform(root, "de-signer")
        #expect(report.verdict == "fail", "\(report.text)")
        let failed = Set(report.checks.filter { $0.status == "fail" }.map(\.id))
        #expect(failed.contains("no_new_request_id"), "\(report.text)")
        #expect(failed.contains("retry_after_respected"), "\(report.text)")
        #expect(failed.contains("indeterminate_writes_retried"), "\(report.text)")
    }

    @Test("without faults for the account there is no journal, and conform says how to make one")
    func noJournal() async throws {
        let root = try await InProcessSandbox.start("conform-none")
        #expect(throws: ConformanceJournal.Problem.self) { try Self.conform(root, "de-signer") }
    }

    /// What the followed inbox handed over.
    final class Seen: Sendable {
        let handled = Mutex<[UInt64]>([])
        let received = Mutex<Set<String>>([])
    }

    static func conform(_ root: URL, _ account: String) throws -> ConformanceReport {
        let journal = try ConformanceJournal.read(sandbox: root, account: account)
        return ConformanceChecks(journal: journal, connectionAllowance: 4).report(account: account)
    }
}
