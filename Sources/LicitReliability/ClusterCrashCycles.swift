import Foundation
import LicitClient

/// The crash cycles on PostgreSQL with three daemons: writers carry authorizations through their
/// whole life, each cycle through daemons chosen at random (France on one, India on another, the
/// others as fail-over endpoints); one daemon, any of the three, is killed with SIGKILL at a
/// random moment and restarted on the next cycle. A write cut off is retried with its request id,
/// often through another daemon. At the end every acknowledged write is there exactly once, nothing
/// unacknowledged shows, no IA is over-committed, and `licitd audit verify` finds one intact chain.
struct ClusterCrashCycles {
    let lab: Lab
    static let daemons = 3

    func run() async throws -> Findings {
        var findings = Findings()
        let cluster = try await DaemonCluster.make(
            self.lab,
            "cluster-crash",
            count: Self.daemons,
            limits: ["authority_writes_per_second": 100_000, "authority_write_burst": 100_000]
        )
        defer { cluster.stopAll() }
        let book = WriteBook()
        let inFlight = Counter()
        let writers = (0..<CrashCycles.writers).map { AuthorizationWriter(index: $0, book: book, inFlight: inFlight) }
        try await cluster.startAll()
        let before = try await withLicitClient(try cluster.configuration("fr-signer", first: 0)) {
            try await $0.balances(substance: "CODEINE").first
        }
        let cycles = self.lab.scale.clusterCrashCycles
        var restarts: [Duration] = []
        var killedDuringWrites = 0
        var kills = Array(repeating: 0, count: Self.daemons)
        for cycle in 1...cycles {
            for daemon in cluster.daemons where !daemon.isRunning { restarts.append(try await daemon.startServing()) }
            let france = try cluster.configuration("fr-signer", first: Int.random(in: 0..<Self.daemons))
            let india = try cluster.configuration("in-signer", first: Int.random(in: 0..<Self.daemons))
            let victim = Int.random(in: 0..<Self.daemons)
            let stop = StopSignal()
            let killedWhileWriting = try await withLicitClient(france) { fr in
                try await withLicitClient(india) { ind in
                    await withTaskGroup(of: Bool.self) { group in
                        for writer in writers {
                            group.addTask {
                                await writer.run(france: fr, india: ind) { stop.isRaised }
                                return false
                            }
                        }
                        group.addTask {
                            try? await Task.sleep(for: .milliseconds(Int.random(in: 5...250)))
                            let writing = inFlight.value > 0
                            cluster.daemons[victim].kill()
                            // The writers on the surviving daemons go on a little, then the cycle ends.
                            try? await Task.sleep(for: .milliseconds(50))
                            stop.raise()
                            return writing
                        }
                        return await group.reduce(false) { $0 || $1 }
                    }
                }
            }
            kills[victim] += 1
            if killedWhileWriting { killedDuringWrites += 1 }
            if cycle % 20 == 0 {
                self.lab.say("cluster crash: \(cycle)/\(cycles) kills, \(book.acknowledged) writes acknowledged")
            }
        }
        try await cluster.startAll()
        findings.figures["daemons"] = Double(Self.daemons)
        findings.figures["cycles"] = Double(cycles)
        findings.figures["kills_with_writes_in_flight"] = Double(killedDuringWrites)
        for (index, count) in kills.enumerated() { findings.figures["kills_of_daemon_\(index)"] = Double(count) }
        findings.figures["restart_to_serving_ms_mean"] = restarts.meanMilliseconds
        findings.figures["restart_to_serving_ms_max"] = restarts.maxMilliseconds
        findings.check(killedDuringWrites * 2 >= cycles, "only \(killedDuringWrites) kills hit writes in flight")
        findings.check(kills.allSatisfy { $0 > 0 }, "not every daemon was killed: \(kills)")
        try await CrashCycles.settleAndCheck(
            writers,
            book: book,
            france: try cluster.configuration("fr-signer", first: 1),
            india: try cluster.configuration("in-signer", first: 2),
            codeineBefore: before,
            into: &findings
        )
        let verified = try cluster.daemons[0].auditVerify()
        findings.figures["audit_verify_intact"] = verified.status == 0 ? 1 : 0
        findings.check(verified.status == 0, "audit verify on PostgreSQL after the kills: \(verified.output)")
        cluster.stopAll(checking: &findings)
        return findings
    }
}
