import Foundation
import LicitModel
import LicitStorage
import Synchronization
import Testing

/// What the staged store adds to the storage contract: an effect is run again until it misses
/// nothing, and only the complete run counts.
@Suite("Staged store")
struct StagedStorageTests {
    typealias F = StoreFixtures

    @Test("a write that reads what was not fetched runs again, and its complete run alone is applied")
    func missesAreFetchedAndRunAgain() async throws {
        let store = StagedStorage(MemoryStagingBackend())
        _ = try await store.write(F.intent("ref", "FR")) {
            try F.reference($0); return Data()
        }
        let ia = F.importAuthorization("FR-IA-1")
        let before = store.rounds
        let runs = Counter()
        let response = try await store.write(F.intent("ia", "FR")) { transaction in
            runs.add()
            let stored = try transaction.insert(ia)
            try transaction.adjustUsage(
                UsageKey(country: "FR", substance: "MORPHINE", year: 2026),
                by: Usage(authorizedNotUsed: 10)
            )
            return Data("\(stored.sequence)".utf8)
        }
        #expect(response == Data("1".utf8), "the sequence the staged run assigned is the stored one")
        #expect(store.rounds > before && runs.value == store.rounds - before + 1, "one run per round, and a last")
        let stored = try await store.read { try $0.document(ia.key) }
        #expect(stored?.sequence == 1)
        let usage = try await store.read { try $0.usage(UsageKey(country: "FR", substance: "MORPHINE", year: 2026)) }
        #expect(usage.authorizedNotUsed == 10, "the change applied once, not once per run")
    }

    @Test("an effect that swallows a missing read still acts on the row once it is fetched")
    func swallowedMissesAreNotTrusted() async throws {
        let store = StagedStorage(MemoryStagingBackend())
        _ = try await store.write(F.intent("ref", "FR")) {
            try F.reference($0); return Data()
        }
        _ = try await store.write(F.intent("ia", "FR")) {
            try $0.insert(F.importAuthorization("FR-IA-1")); return Data()
        }
        let seen = try await store.write(F.intent("look", "FR")) { transaction in
            // `try?` hides the miss from the effect: it would answer "absent" if that run counted.
            let found = (try? transaction.document(DocumentKey(authority: "FR-ANSM", number: "FR-IA-1"))) ?? nil
            return Data((found == nil ? "absent" : "present").utf8)
        }
        #expect(seen == Data("present".utf8))
    }

    @Test("a list read after the run changed documents still has its first `limit`, as the database would")
    func listsAfterChanges() async throws {
        let store = StagedStorage(MemoryStagingBackend())
        _ = try await store.write(F.intent("ref", "FR")) {
            try F.reference($0); return Data()
        }
        for number in ["FR-IA-1", "FR-IA-2", "FR-IA-3"] {
            _ = try await store.write(F.intent(number, "FR")) {
                try $0.insert(F.importAuthorization(number)); return Data()
            }
        }
        let listed = try await store.write(F.intent("cancel-newest", "FR")) { transaction in
            var newest = try #require(try transaction.document(DocumentKey(authority: "FR-ANSM", number: "FR-IA-3")))
            guard case .importAuthorization(var ia) = newest.body else { return Data() }
            try ia.cancel(reason: "withdrawn")
            newest.body = .importAuthorization(ia)
            try transaction.update(newest)
            var issued = DocumentQuery(visibleTo: "FR-ANSM", limit: 1)
            issued.statuses = ["issued"]
            return Data(try transaction.documents(issued).map(\.key.number).joined().utf8)
        }
        #expect(listed == Data("FR-IA-2".utf8), "the newest issued IA once FR-IA-3 is cancelled")
    }

    @Test("a number taken in the database but never fetched is still refused as a duplicate")
    func duplicatesNeedTheRow() async throws {
        let store = StagedStorage(MemoryStagingBackend())
        _ = try await store.write(F.intent("ref", "FR")) {
            try F.reference($0); return Data()
        }
        _ = try await store.write(F.intent("ia", "FR")) {
            try $0.insert(F.importAuthorization("FR-IA-1")); return Data()
        }
        await #expect(throws: ExchangeError.duplicateNumber(DocumentKey(authority: "FR-ANSM", number: "FR-IA-1"))) {
            _ = try await store.write(F.intent("again", "FR")) {
                try $0.insert(F.importAuthorization("FR-IA-1")); return Data()
            }
        }
        #expect(try await store.auditRecords().last?.outcome == "duplicate_number", "the refusal is audited")
    }

    @Test("concurrent writes share sessions (group commit); a refusal in a batch fails only itself")
    func groupCommit() async throws {
        let store = StagedStorage(MemoryStagingBackend())
        _ = try await store.write(F.intent("ref", "FR")) {
            try F.reference($0); return Data()
        }
        _ = try await store.write(F.intent("ia-0", "FR")) {
            try $0.insert(F.importAuthorization("FR-IA-0")); return Data()
        }
        let before = store.commitStatistics
        // Forty writes at once, one in four a duplicate of FR-IA-0: every other one is applied.
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 1...40 {
                group.addTask {
                    let number = index % 4 == 0 ? "FR-IA-0" : "FR-IA-\(index)"
                    return
                        (try? await store.write(F.intent("ia-\(index)", "FR")) {
                            try $0.insert(F.importAuthorization(number)); return Data()
                        }) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        let after = store.commitStatistics
        #expect(outcomes.filter { $0 }.count == 30 && outcomes.filter { !$0 }.count == 10)
        #expect(after.writes - before.writes == 40)
        #expect(after.transactions - before.transactions < 40, "some sessions carried several writes")
        let numbers = try await store.read { reader in
            try reader.documents(DocumentQuery(visibleTo: "FR-ANSM", limit: 100)).map(\.key.number)
        }
        #expect(Set(numbers).count == 31 && numbers.count == 31)
        let trail = try await store.auditRecords()
        #expect(trail.count == 42 && trail.filter { $0.outcome == "duplicate_number" }.count == 10)
        #expect(trail.map(\.sequence) == Array(1...42), "one contiguous chain")
    }
}

/// Counts an effect's runs, which may happen on any thread.
final class Counter: Sendable {
    private let count = Mutex(0)
    func add() { self.count.withLock { $0 += 1 } }
    var value: Int { self.count.withLock { $0 } }
}
