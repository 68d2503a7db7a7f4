import Foundation
import LicitModel
import LicitStorage
import LicitStorageSQLite
import Synchronization
import Testing

/// `licitd backup` and `licitd restore` on SQLite: an online copy taken under load holds every
/// write acknowledged before it began, verifies, and restores in place of a stopped database.
@Suite("SQLite backups under load")
struct BackupTests {
    typealias F = StoreFixtures

    final class Acknowledged: Sendable {
        let ids = Mutex<[String]>([])
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("licit-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a backup taken while writes go on holds every write acknowledged before it, and restores")
    func underLoad() async throws {
        let folder = try Self.folder()
        let path = folder.appendingPathComponent("exchange.sqlite").path
        let acknowledged = Acknowledged()
        var before: [String] = []
        do {
            let store = try SQLiteStore(path: path)
            try await withThrowingTaskGroup(of: Void.self) { writers in
                for writer in 0..<4 {
                    writers.addTask {
                        var index = 0
                        while !Task.isCancelled {
                            let id = "w\(writer)-\(index)"
                            _ = try await store.write(F.intent(id, id)) { transaction in
                                try transaction.put(Country(code: "F\(writer)", name: id, participating: true))
                                return Data(id.utf8)
                            }
                            acknowledged.ids.withLock { $0.append(id) }
                            index += 1
                        }
                    }
                }
                // Let some writes through first (fsync pace varies with the machine's load).
                let deadline = ContinuousClock.now + .seconds(30)
                while acknowledged.ids.withLock({ $0.count }) <= 20, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                before = acknowledged.ids.withLock { $0 }
                let report = try SQLiteStore.backup(path: path, to: folder.appendingPathComponent("copy.sqlite").path)
                #expect(report.isIntact)
                let after = before.count
                while acknowledged.ids.withLock({ $0.count }) <= after, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                writers.cancelAll()
            }
            #expect(before.count > 20, "writes went on: \(before.count)")
            #expect(acknowledged.ids.withLock { $0.count } > before.count, "writes went on during the backup")
            let refused = #expect(throws: ExchangeError.self) {
                try SQLiteStore.restore(
                    from: folder.appendingPathComponent("copy.sqlite").path,
                    to: path,
                    replacing: true
                )
            }
            #expect(refused?.reason == "database_in_use", "a database still served is not replaced")
        }
        let copy = folder.appendingPathComponent("copy.sqlite").path
        #expect(throws: ExchangeError.self) { try SQLiteStore.backup(path: path, to: copy) }
        #expect(throws: ExchangeError.self) { try SQLiteStore.restore(from: copy, to: path, replacing: false) }
        _ = try SQLiteStore.restore(from: copy, to: path, replacing: true)
        let restored = try SQLiteStore(path: path)
        let trail = Set(try await restored.auditRecords().map(\.subject))
        let missing = before.filter { !trail.contains($0) }
        #expect(missing.isEmpty, "acknowledged before the backup but not in it: \(missing.prefix(5))")
        // Replayed, an acknowledged write answers its original response: its idempotency record came too.
        let first = try #require(before.first)
        let replay = try await restored.write(F.intent(first, first)) { _ in Data("again".utf8) }
        #expect(replay == Data(first.utf8))
    }

    @Test("a damaged backup is refused and the database left as it was")
    func damaged() async throws {
        let folder = try Self.folder()
        let path = folder.appendingPathComponent("exchange.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            _ = try await F.register(store, "r-1", "FR")
        }
        let copy = folder.appendingPathComponent("copy.sqlite").path
        _ = try SQLiteStore.backup(path: path, to: copy)
        let damaged = folder.appendingPathComponent("damaged.sqlite").path
        var bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
        bytes.replaceSubrange(0..<16, with: Data(repeating: 0, count: 16))
        try bytes.write(to: URL(fileURLWithPath: damaged))
        #expect(throws: (any Error).self) { try SQLiteStore.restore(from: damaged, to: path, replacing: true) }
        let store = try SQLiteStore(path: path)
        #expect(try await F.countries(store) == ["FR"])
    }
}
