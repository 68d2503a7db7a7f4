import Foundation
import LicitClient
import LicitWire

/// docs/ARCHITECTURE.md §4 under SIGKILL: writers carry authorizations through their whole life (IA, EA,
/// short export, endorsement) with one request id per write; the daemon is killed at a random
/// moment and restarted, again and again; writers retry what they could not settle with the same
/// id. At the end every acknowledged write is there exactly once, nothing unacknowledged shows,
/// no IA is over-committed, and `licitd audit verify` finds the file intact.
struct CrashCycles {
    let lab: Lab
    static let writers = 3

    func run() async throws -> Findings {
        var findings = Findings()
        let daemon = try await LicitdProcess.sandbox(
            self.lab,
            in: try self.lab.folder("crash"),
            limits: ["authority_writes_per_second": 100_000, "authority_write_burst": 100_000]
        )
        let france = try daemon.configuration("fr-signer")
        let india = try daemon.configuration("in-signer")
        let book = WriteBook()
        let inFlight = Counter()
        let writers = (0..<Self.writers).map { AuthorizationWriter(index: $0, book: book, inFlight: inFlight) }

        try await daemon.startServing()
        let before = try await withLicitClient(france) { try await $0.balances(substance: "CODEINE").first }
        var restarts: [Duration] = []
        var killedDuringWrites = 0
        for cycle in 1...self.lab.scale.crashCycles {
            if cycle > 1 { restarts.append(try await daemon.startServing()) }
            let killedWhileWriting = try await withLicitClient(france) { fr in
                try await withLicitClient(india) { ind in
                    await withTaskGroup(of: Bool.self) { group in
                        for writer in writers {
                            group.addTask {
                                await writer.run(france: fr, india: ind); return false
                            }
                        }
                        group.addTask {
                            try? await Task.sleep(for: .milliseconds(Int.random(in: 5...250)))
                            let writing = inFlight.value > 0
                            daemon.kill()
                            return writing
                        }
                        return await group.reduce(false) { $0 || $1 }
                    }
                }
            }
            if killedWhileWriting { killedDuringWrites += 1 }
            if cycle % 20 == 0 {
                self.lab.say(
                    "crash: \(cycle)/\(self.lab.scale.crashCycles) kills, \(book.acknowledged) writes acknowledged"
                )
            }
        }

        // The last restart: settle every write still pending, then look at everything.
        restarts.append(try await daemon.startServing())
        findings.figures["cycles"] = Double(self.lab.scale.crashCycles)
        findings.figures["kills_with_writes_in_flight"] = Double(killedDuringWrites)
        findings.figures["restart_to_serving_ms_mean"] = restarts.meanMilliseconds
        findings.figures["restart_to_serving_ms_max"] = restarts.maxMilliseconds
        findings.check(
            killedDuringWrites * 2 >= self.lab.scale.crashCycles,
            "only \(killedDuringWrites) kills hit writes in flight"
        )
        try await Self.settleAndCheck(
            writers,
            book: book,
            france: france,
            india: india,
            codeineBefore: before,
            into: &findings
        )
        daemon.stop()
        let verified = try daemon.auditVerify()
        findings.figures["audit_verify_intact"] = verified.status == 0 ? 1 : 0
        findings.check(verified.status == 0, "audit verify after the kills: \(verified.output)")
        return findings
    }

    /// Settles every write still pending (with its request id), then checks the whole ledger: each
    /// acknowledged write there once, nothing else, no IA over-committed, France's imports grown by
    /// exactly the acknowledged endorsements.
    static func settleAndCheck(
        _ writers: [AuthorizationWriter],
        book: WriteBook,
        france: LicitClientConfiguration,
        india: LicitClientConfiguration,
        codeineBefore before: Licit_V1_Balance?,
        into findings: inout Findings
    ) async throws {
        try await withLicitClient(france) { fr in
            try await withLicitClient(india) { ind in
                for writer in writers { await writer.settle(france: fr, india: ind) }
            }
        }
        let after = try await withLicitClient(france) { try await $0.balances(substance: "CODEINE").first }
        let documents = try await withLicitClient(france) { try await Self.allDocuments($0) }
        findings.figures.merge(book.figures()) { _, new in new }
        findings.check(findings.figures["indeterminate_unresolved"] == 0, "indeterminate writes left unresolved")
        for rejection in book.rejections() { findings.fail("a write was refused: \(rejection)") }
        Self.checkLedger(documents, writers: writers, book: book, into: &findings)
        let endorsed = writers.flatMap(\.writes).filter { $0.kind == .endorse && book.outcome($0) == .acknowledged }
            .count
        let imported = (after?.importedMg ?? 0) - (before?.importedMg ?? 0)
        findings.check(
            imported == Int64(endorsed) * AuthorizationWriter.importedMg,
            "France's codeine imports grew by \(imported) mg; \(endorsed) acknowledged endorsements make \(Int64(endorsed) * AuthorizationWriter.importedMg)"
        )
    }

    static func allDocuments(_ client: LicitClient) async throws -> [Licit_V1_Document] {
        var documents: [Licit_V1_Document] = []
        var page = Licit_V1_ListDocumentsRequest.with { $0.pageSize = 500 }
        repeat {
            let response = try await client.documents(page)
            documents += response.documents
            page.pageToken = response.nextPageToken
        } while !page.pageToken.isEmpty
        return documents
    }

    /// Every acknowledged write's effect present once; nothing a writer did not make; no IA over-committed.
    private static func checkLedger(
        _ documents: [Licit_V1_Document],
        writers: [AuthorizationWriter],
        book: WriteBook,
        into findings: inout Findings
    ) {
        var byKey: [String: [Licit_V1_Document]] = [:]
        for document in documents {
            let key =
                document.importAuthorization.map { "IA \($0.number)" } ?? document.exportAuthorization.map {
                    "EA \($0.number)"
                } ?? "?"
            byKey[key, default: []].append(document)
        }
        let prefix = AuthorizationWriter.prefix
        let ours = byKey.filter { $0.key.contains(prefix) }
        let duplicated = ours.values.filter { $0.count > 1 }.count
        var lost = 0
        var phantom = 0
        var overCommitted = 0
        var expected: Set<String> = []
        for write in writers.flatMap(\.writes) {
            let acknowledged = book.outcome(write) == .acknowledged
            switch write.kind {
            case .importAuthorization:
                let ia = byKey["IA \(write.number)"]?.first
                if acknowledged { expected.insert("IA \(write.number)") }
                if acknowledged, ia == nil { lost += 1 }
                if let ia, (ia.state.committedMg.first ?? 0) > AuthorizationWriter.iaBaseMg { overCommitted += 1 }
            case .exportAuthorization:
                if acknowledged { expected.insert("EA \(write.number)") }
                if acknowledged, byKey["EA \(write.number)"] == nil { lost += 1 }
            case .recordExported:
                let state = byKey["EA \(write.number)"]?.first?.state
                if acknowledged, state?.exportedMg != [AuthorizationWriter.exportedMg] { lost += 1 }
            case .endorse:
                let state = byKey["EA \(write.number)"]?.first?.state
                if acknowledged, state?.status != "endorsed" || state?.importedMg != [AuthorizationWriter.importedMg] {
                    lost += 1
                }
            }
        }
        for key in ours.keys where !expected.contains(key) { phantom += 1 }
        findings.figures["documents_checked"] = Double(ours.count)
        findings.figures["lost"] = Double(lost)
        findings.figures["duplicated"] = Double(duplicated)
        findings.figures["present_without_acknowledgement"] = Double(phantom)
        findings.figures["ia_over_committed"] = Double(overCommitted)
        findings.check(lost == 0, "\(lost) acknowledged writes are missing")
        findings.check(duplicated == 0, "\(duplicated) documents are there twice")
        findings.check(phantom == 0, "\(phantom) documents are there that no acknowledged write made")
        findings.check(overCommitted == 0, "\(overCommitted) IAs are committed beyond their quantity")
    }
}

extension [Duration] {
    var meanMilliseconds: Double {
        guard !self.isEmpty else { return 0 }
        return (self.map(\.milliseconds).reduce(0, +) / Double(self.count)).rounded()
    }
    var maxMilliseconds: Double { (self.map(\.milliseconds).max() ?? 0).rounded() }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = self.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
