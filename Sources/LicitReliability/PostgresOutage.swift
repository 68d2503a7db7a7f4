import Foundation
import LicitClient

/// PostgreSQL stops under load (a crash: `pg_ctl stop -m immediate`) and starts again a moment
/// later, several times, while writers keep writing through three daemons. During an outage a
/// write is answered `storage_unavailable` or is indeterminate — never acknowledged; the daemons
/// stay up and serve again once the database is back; every write then resolves with its request
/// id, every acknowledged one there exactly once, and the audit chain intact.
struct PostgresOutage {
    let lab: Lab
    static let outages = 3

    func run() async throws -> Findings {
        var findings = Findings()
        let cluster = try await DaemonCluster.make(
            self.lab,
            "outage",
            count: 3,
            limits: ["authority_writes_per_second": 100_000, "authority_write_burst": 100_000]
        )
        defer { cluster.stopAll() }
        try await cluster.startAll()
        let book = WriteBook()
        let inFlight = Counter()
        let writers = (0..<CrashCycles.writers).map { AuthorizationWriter(index: $0, book: book, inFlight: inFlight) }
        let before = try await withLicitClient(try cluster.configuration("fr-signer", first: 0)) {
            try await $0.balances(substance: "CODEINE").first
        }
        let done = StopSignal()
        var outagesWithWritesInFlight = 0
        var recoveries: [Duration] = []
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, writer) in writers.enumerated() {
                group.addTask {
                    // Each writer on its own daemon, reconnecting (and failing over) after every failure.
                    let france = try cluster.configuration("fr-signer", first: index % 3)
                    let india = try cluster.configuration("in-signer", first: (index + 1) % 3)
                    while !done.isRaised, !Task.isCancelled {
                        _ = try? await withLicitClient(france) { fr in
                            try await withLicitClient(india) { ind in
                                await writer.run(france: fr, india: ind) { done.isRaised }
                            }
                        }
                        try? await Task.sleep(for: .milliseconds(50))
                    }
                }
            }
            for outage in 1...Self.outages {
                try await Task.sleep(for: .milliseconds(Int.random(in: 300...900)))
                if inFlight.value > 0 { outagesWithWritesInFlight += 1 }
                try cluster.postgres.stop(mode: "immediate")
                try await Task.sleep(for: .seconds(2))
                try cluster.postgres.start()
                let back = ContinuousClock.now
                try await self.waitForWrites(cluster, book: book)
                recoveries.append(ContinuousClock.now - back)
                self.lab.say("outage \(outage)/\(Self.outages): \(book.acknowledged) writes acknowledged")
            }
            for daemon in cluster.daemons {
                findings.check(daemon.isRunning, "a daemon exited during the outages; see \(daemon.log.path)")
            }
            done.raise()
            try await group.waitForAll()
        }
        findings.figures["outages"] = Double(Self.outages)
        findings.figures["outages_with_writes_in_flight"] = Double(outagesWithWritesInFlight)
        findings.figures["database_back_to_writes_acknowledged_ms_mean"] = recoveries.meanMilliseconds
        findings.figures["database_back_to_writes_acknowledged_ms_max"] = recoveries.maxMilliseconds
        try await CrashCycles.settleAndCheck(
            writers,
            book: book,
            france: try cluster.configuration("fr-signer", first: 2),
            india: try cluster.configuration("in-signer", first: 0),
            codeineBefore: before,
            into: &findings
        )
        findings.check(
            (findings.figures["answered_storage_unavailable"] ?? 0) + (findings.figures["indeterminate"] ?? 0) > 0,
            "no write met the outage: the outage was not under load"
        )
        let verified = try cluster.daemons[0].auditVerify()
        findings.figures["audit_verify_intact"] = verified.status == 0 ? 1 : 0
        findings.check(verified.status == 0, "audit verify after the outages: \(verified.output)")
        cluster.stopAll(checking: &findings)
        return findings
    }

    /// Waits until writes are acknowledged again after the database came back (60 s at most).
    private func waitForWrites(_ cluster: DaemonCluster, book: WriteBook) async throws {
        let before = book.acknowledged
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while book.acknowledged < before + 3 {
            guard ContinuousClock.now < deadline else {
                throw ProbeError("no write was acknowledged within 60 s of PostgreSQL's restart")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
