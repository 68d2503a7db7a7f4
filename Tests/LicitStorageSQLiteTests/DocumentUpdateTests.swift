import Foundation
import GRDB
import LicitModel
import LicitStorage
import Testing

@testable import LicitStorageSQLite

/// A write's document updates set only the columns that differ from the row as the write read or
/// last wrote it, and history rows and inbox events are bound from the values inserted. Whatever
/// the mix of reads, inserts, updates and refusals, each row must stand as if every column had
/// been written, and the trail must bind it.
@Suite("SQLite store: document updates set only the columns that change")
struct DocumentUpdateTests {
    typealias F = StoreFixtures

    enum Step: Sendable {
        case insert(StoredDocument)
        case read(DocumentKey)
        case update(StoredDocument)
    }

    @Test("random writes leave every row as a whole write would, and the trail intact", arguments: 0..<12)
    func rowsStandWhole(seed: UInt64) async throws {
        try await F.withSQLite { store, _ in
            _ = try await store.write(F.intent("reference", "reference")) { transaction in
                try F.reference(transaction)
                return Data()
            }
            var random = Draws(seed: seed)
            var model: [DocumentKey: StoredDocument] = [:]
            for write in 0..<25 {
                var planned = model
                var steps: [Step] = []
                for _ in 0..<random.int(1...5) {
                    let keys = planned.keys.sorted { $0.number < $1.number }
                    if keys.isEmpty || random.int(0...5) == 0 {
                        let document = F.importAuthorization("IA-\(write)-\(steps.count)")
                        planned[document.key] = document
                        steps.append(.insert(document))
                    } else if random.int(0...2) == 0 {
                        steps.append(.read(keys[random.int(0...(keys.count - 1))]))
                    } else {
                        var document = planned[keys[random.int(0...(keys.count - 1))]]!
                        Self.change(&document, random.int(0...6))
                        planned[document.key] = document
                        steps.append(.update(document))
                    }
                }
                let refused = random.int(0...4) == 0
                do {
                    _ = try await store.write(F.intent("write-\(write)", "write-\(write)")) { [steps] transaction in
                        for step in steps {
                            switch step {
                            case .insert(let document):
                                _ = try transaction.insert(document)
                                for (key, usage) in document.contribution {
                                    try transaction.adjustUsage(key, by: usage)
                                }
                            case .read(let key): _ = try transaction.document(key)
                            case .update(let document):
                                try transaction.update(document)
                                // With the rows that follow an update, bound from the values inserted.
                                try transaction.appendHistory(
                                    document.key,
                                    HistoryEntry(
                                        at: 1,
                                        action: "changed",
                                        status: "issued",
                                        authority: "FR-ANSM",
                                        detail: ""
                                    )
                                )
                                _ = try transaction.appendEvent(
                                    InboxEntry(
                                        recipient: "IN-NCB",
                                        kind: "changed",
                                        document: document.key,
                                        documentKind: .importAuthorization,
                                        at: 1,
                                        status: "issued",
                                        summary: "changed"
                                    )
                                )
                            }
                        }
                        if refused { throw ExchangeError("refused", "refused after its changes, to roll them back") }
                        return Data()
                    }
                    #expect(!refused)
                    model = planned
                } catch let error as ExchangeError where refused {
                    #expect(error.reason == "refused")
                }
                try await Self.expectRowsWhole(store, model, seed: seed, write: write)
            }
            let problems = try store.verify().problems
            #expect(problems.isEmpty, "seed \(seed): \(problems)")
        }
    }

    @Test("an update of a document that is not there is refused")
    func missing() async throws {
        try await F.withSQLite { store, _ in
            await #expect(throws: ExchangeError.self) {
                _ = try await store.write(F.intent("missing", "missing")) { transaction in
                    try transaction.update(F.importAuthorization("IA-NONE"))
                    return Data()
                }
            }
        }
    }

    /// One of a few changes (some of them none, or undoing another) to the columns of a document.
    static func change(_ document: inout StoredDocument, _ which: Int) {
        switch which {
        case 0:
            document.annotations.counterpartAuthority = document.annotations.counterpartAuthority == "" ? "IN-NCB" : ""
        case 1: document.annotations.recordedBy = document.annotations.recordedBy == "" ? "FR-ANSM" : ""
        case 2: document.annotations.notices.formSymmetricDifference(["expiring"])
        case 3:
            document.content =
                document.content.count % 2 == 0 ? document.content + Data([1]) : document.content.dropLast()
        case 4: document.seal = Data(repeating: document.seal.first == 7 ? 8 : 7, count: 64)
        case 5: document.annotations.issuedOn = document.annotations.issuedOn == nil ? F.day : nil
        default: break  // written unchanged
        }
    }

    /// Every row holds exactly the values a write of its whole document would have bound.
    static func expectRowsWhole(
        _ store: SQLiteStore,
        _ model: [DocumentKey: StoredDocument],
        seed: UInt64,
        write: Int
    ) async throws {
        try await store.pool.read { db in
            let ledger = SQLiteLedger(db)
            for (key, document) in model {
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT \(SQLiteLedger.digestedColumns) FROM document WHERE authority = ? AND number = ?",
                    arguments: [key.authority, key.number]
                )
                #expect(
                    row.map { Array($0.databaseValues) } == (try ledger.columns(of: document)),
                    "seed \(seed), after write \(write): \(key)"
                )
            }
        }
    }
}

/// A small linear congruential generator: a seed names one sequence of draws on every run.
struct Draws {
    private var state: UInt64

    init(seed: UInt64) { self.state = seed &+ 1 }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        self.state = self.state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return range.lowerBound + Int((self.state >> 33) % UInt64(range.count))
    }
}
