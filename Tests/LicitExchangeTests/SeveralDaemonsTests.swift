import Foundation
import LicitExchange
import LicitModel
import LicitPostgresTesting
import LicitStorage
import LicitStoragePostgres
import Testing

/// Two daemons on one PostgreSQL database: two exchanges, each with its own connection pool,
/// seal key shared, clients going to either. Whatever holds for one daemon holds across both.
@Suite("Several daemons on one PostgreSQL database")
struct SeveralDaemonsTests {
    typealias World = ExchangeAPITests.World

    /// Runs `body` with two exchanges on one new database; skipped where PostgreSQL is absent
    /// (outside CI).
    static func withTwoDaemons(_ body: (World, World) async throws -> Void) async throws {
        guard let cluster = try TestPostgres.shared() else {
            print("note: \(TestPostgres.skipReason)")
            return
        }
        let configuration = try PostgresStoreConfiguration(url: try cluster.createDatabase())
        try await PostgresBackend.withStore(configuration) { first in
            try await PostgresBackend.withStore(configuration) { second in
                let a = try await World(storage: first)
                let b = try await World(storage: second, seed: false)
                try await body(a, b)
            }
        }
    }

    static func signer(_ world: World, _ country: String = "FR", _ authority: String = "FR-ANSM") -> Caller {
        world.caller("\(country.lowercased())-signer", country, authority)
    }

    @Test("a write retried on the other daemon with the same request id is applied once")
    func retryOnAnotherDaemon() async throws {
        try await Self.withTwoDaemons { a, b in
            let caller = Caller(Self.signer(a).account, requestID: "ia-once")
            let command = DocumentCommand.issueImport(
                a.morphine("IA-1", kilograms: 10),
                draftNumber: "",
                overrideJustification: ""
            )
            let first = try await a.exchange.perform(command, by: caller, payload: Data("IA-1".utf8)) { document, _ in
                Data("\(document.key) \(document.sequence)".utf8)
            }
            let retried = try await b.exchange.perform(command, by: caller, payload: Data("IA-1".utf8)) { _, _ in
                Data("applied twice".utf8)
            }
            #expect(retried == first)
            let balances = try await b.exchange.balances(
                country: "FR",
                year: nil,
                substance: "MORPHINE",
                by: Self.signer(b)
            )
            #expect(balances.first?.usage.authorizedNotUsed == Quantity.kilograms(10).milligrams)
        }
    }

    @Test("EAs racing on two daemons never commit more of an IA than it grants, and its number is taken once")
    func noOverCommitment() async throws {
        try await Self.withTwoDaemons { a, b in
            let ia = try await a.perform(
                .issueImport(a.morphine("IA-R", kilograms: 10), draftNumber: "", overrideJustification: ""),
                by: Self.signer(a)
            )
            // 12 EAs of 3 kg against 10 kg, half through each daemon, all at once: 3 fit.
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<12 {
                    let world = index.isMultiple(of: 2) ? a : b
                    group.addTask {
                        do {
                            _ = try await world.perform(
                                .issueExport(
                                    world.export("EA-\(index)", against: ia, kilograms: 3),
                                    overrideJustification: "",
                                    emergencyJustification: ""
                                ),
                                by: Self.signer(world, "IN", "IN-NCB")
                            )
                            return "ok"
                        } catch let refusal as ExchangeError {
                            return refusal.reason.code
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "ok" }.count == 3, "\(outcomes)")
            #expect(Set(outcomes) == ["ok", "over_remaining_ia"], "\(outcomes)")
            let stored = try await b.exchange.document(ia.key, by: Self.signer(b), action: "document.get")
            let committed = stored.annotations.exports?.committed.reduce(0, +) ?? 0
            #expect(committed == Quantity.kilograms(9).milligrams)

            // The same IA number issued through both daemons at once: one wins.
            async let first = Self.outcome {
                try await a.perform(
                    .issueImport(a.morphine("IA-N", kilograms: 1), draftNumber: "", overrideJustification: ""),
                    by: Self.signer(a)
                )
            }
            async let second = Self.outcome {
                try await b.perform(
                    .issueImport(b.morphine("IA-N", kilograms: 1), draftNumber: "", overrideJustification: ""),
                    by: Self.signer(b)
                )
            }
            #expect([await first, await second].sorted() == ["duplicate_number", "ok"])
        }
    }

    static func outcome<Value>(_ body: () async throws -> Value) async -> String {
        do {
            _ = try await body()
            return "ok"
        } catch let refusal as ExchangeError {
            return refusal.reason.code
        } catch {
            return "\(error)"
        }
    }

    @Test("concurrent writers on both daemons keep one intact audit chain")
    func oneAuditChain() async throws {
        try await Self.withTwoDaemons { a, b in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    let world = index.isMultiple(of: 2) ? a : b
                    group.addTask {
                        _ = await Self.outcome {
                            try await world.perform(
                                .draftImport(world.morphine("D-\(index)", kilograms: 1)),
                                by: world.caller("fr-officer", "FR", "FR-ANSM", .officer)
                            )
                        }
                        _ = await Self.outcome {
                            try await world.exchange.document(
                                DocumentKey(authority: "FR-ANSM", number: "D-\(index)"),
                                by: world.caller("de-viewer", "DE", "DE-BFARM", .viewer),
                                action: "document.get"
                            )
                        }
                    }
                }
                try await group.waitForAll()
            }
            let records = try await b.exchange.storage.auditRecords()
            #expect(records.count == 41, "the seed, 20 drafts and 20 audited denials")
            #expect(records.map(\.sequence) == Array(1...UInt64(records.count)))
            #expect(AuditChain.verify(records) == nil)
            let head = try await a.exchange.storage.auditHead()
            #expect(head.sequence == 41 && head.hash == records.last?.hash)
        }
    }
}
