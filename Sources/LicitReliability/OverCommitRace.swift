import Foundation
import LicitClient
import LicitWire

/// EAs racing against one IA through three daemons at once: per round, France issues an IA with
/// room for exactly three EAs, and India sends twelve, four through each daemon on its own
/// connection, all at the same moment. Exactly three are issued and the rest refused
/// `over_remaining_ia`, every round: no IA is ever committed beyond its quantity (the write lock
/// every daemon takes in PostgreSQL is what holds it), and none is refused while room was left.
struct OverCommitRace {
    let lab: Lab
    static let perDaemon = 4
    /// The crash writers' IA: 20 g of the salt, 14 734 mg of codeine base. Three EAs of 6 g fit in
    /// it, a fourth does not.
    static let iaTradedMg = AuthorizationWriter.tradedMg
    static let eaTradedMg: Int64 = 6_000
    static let fitting = 3

    func run() async throws -> Findings {
        var findings = Findings()
        let cluster = try await DaemonCluster.make(
            self.lab,
            "race",
            count: 3,
            limits: ["authority_writes_per_second": 100_000, "authority_write_burst": 100_000]
        )
        defer { cluster.stopAll() }
        try await cluster.startAll()
        let rounds = self.lab.scale.raceRounds
        var issued = 0
        var refusals: [String: Int] = [:]
        var overCommitted = 0
        var wrongCount = 0
        try await withLicitClient(try cluster.configuration("fr-signer", first: 0)) { france in
            try await withLicitClient(try cluster.configuration("in-signer", first: 0)) { india0 in
                try await withLicitClient(try cluster.configuration("in-signer", first: 1)) { india1 in
                    try await withLicitClient(try cluster.configuration("in-signer", first: 2)) { india2 in
                        for round in 1...rounds {
                            var content = SampleDocuments.importAuthorization(
                                number: "RACE-\(round)-IA",
                                importer: "FR-ANSM-T1",
                                tradedMg: Self.iaTradedMg
                            )
                            content.multipleConsignments = true
                            let ia = try await france.issueImportAuthorization(
                                content,
                                overrideJustification: "reliability harness: estimates are not under test"
                            )
                            let outcomes = await Self.race(
                                round: round,
                                ia: ia,
                                through: [india0, india1, india2]
                            )
                            let ok = outcomes.filter { $0 == "ok" }.count
                            issued += ok
                            for outcome in outcomes where outcome != "ok" { refusals[outcome, default: 0] += 1 }
                            if ok != Self.fitting { wrongCount += 1 }
                            let after = try await france.document(authority: "FR-ANSM", number: "RACE-\(round)-IA")
                            if (after.state.committedMg.first ?? 0) > AuthorizationWriter.iaBaseMg {
                                overCommitted += 1
                            }
                        }
                    }
                }
            }
        }
        findings.figures["rounds"] = Double(rounds)
        findings.figures["eas_sent"] = Double(rounds * 3 * Self.perDaemon)
        findings.figures["eas_issued"] = Double(issued)
        findings.figures["ia_over_committed"] = Double(overCommitted)
        findings.figures["rounds_with_other_than_\(Self.fitting)_issued"] = Double(wrongCount)
        for (reason, count) in refusals { findings.figures["refused_\(reason)"] = Double(count) }
        findings.check(overCommitted == 0, "\(overCommitted) IAs were committed beyond their quantity")
        findings.check(wrongCount == 0, "\(wrongCount) rounds did not issue exactly \(Self.fitting) EAs")
        for reason in refusals.keys where reason != "over_remaining_ia" {
            findings.fail("EAs were refused \(reason) (\(refusals[reason] ?? 0)), not over_remaining_ia")
        }
        let verified = try cluster.daemons[0].auditVerify()
        findings.figures["audit_verify_intact"] = verified.status == 0 ? 1 : 0
        findings.check(verified.status == 0, "audit verify after the race: \(verified.output)")
        cluster.stopAll(checking: &findings)
        return findings
    }

    /// Every EA of a round, sent at once through the daemons' clients: "ok" or the refusal's reason.
    static func race(round: Int, ia: Licit_V1_Document, through clients: [LicitClient]) async -> [String] {
        await withTaskGroup(of: String.self) { group in
            for (daemon, client) in clients.enumerated() {
                for index in 0..<Self.perDaemon {
                    group.addTask {
                        do {
                            _ = try await client.issueExportAuthorization(
                                SampleDocuments.exportAuthorization(
                                    number: "RACE-\(round)-EA-\(daemon)-\(index)",
                                    against: "RACE-\(round)-IA",
                                    of: "FR-ANSM",
                                    issuedOn: ia.importAuthorization?.issuedOn ?? SampleDocuments.day(0),
                                    tradedMg: Self.eaTradedMg
                                )
                            )
                            return "ok"
                        } catch let error as LicitClientError {
                            return error.status?.reason ?? "\(error.code)"
                        } catch {
                            return "\(error)"
                        }
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }
}
