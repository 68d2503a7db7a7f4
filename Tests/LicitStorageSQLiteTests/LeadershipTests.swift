import Foundation
import LicitPostgresTesting
import LicitStoragePostgres
import Synchronization
import Testing

/// The notifier's election among daemons sharing PostgreSQL: a session advisory lock held on a
/// connection of its own.
@Suite("PostgreSQL: one daemon of several leads, and another takes over when it stops")
struct LeadershipTests {
    static let key: Int64 = 0x4C49_4349_545F_5445  // "LICIT_TE"

    @Test("of three contenders exactly one leads at a time; each stop hands the lead to another")
    func takeover() async throws {
        guard let cluster = try TestPostgres.shared() else {
            print("note: \(TestPostgres.skipReason)")
            return
        }
        let configuration = try PostgresStoreConfiguration(url: try cluster.createDatabase())
        let leading = Leading()
        var contenders: [String: Task<Void, any Error>] = [:]
        for name in ["a", "b", "c"] {
            let backend = PostgresBackend(configuration)
            contenders[name] = Task {
                try await backend.whileHoldingLock(Self.key, heartbeat: .milliseconds(100)) {
                    leading.names.withLock { $0.append(name) }
                    defer { leading.names.withLock { $0.removeAll { $0 == name } } }
                    try await Task.sleep(for: .seconds(3600))
                }
            }
        }
        var leaders: [String] = []
        for _ in 0..<2 {
            let leader = try await Self.soleLeader(leading, other: leaders)
            leaders.append(leader)
            contenders.removeValue(forKey: leader)?.cancel()
        }
        #expect(try await Self.soleLeader(leading, other: leaders) == contenders.keys.first)
        for task in contenders.values { task.cancel() }
    }

    @Test("a leader whose database restarts steps down; one leads again, and each stops when cancelled")
    func databaseRestart() async throws {
        guard let cluster = try TestPostgres.separate() else {
            print("note: \(TestPostgres.skipReason)")
            return
        }
        defer { try? cluster.stop(mode: "immediate") }
        let configuration = try PostgresStoreConfiguration(url: try cluster.createDatabase())
        let leading = Leading()
        let contenders = ["a", "b"].map { name in
            let backend = PostgresBackend(configuration)
            return Task {
                try await backend.whileHoldingLock(Self.key, heartbeat: .milliseconds(100)) {
                    leading.names.withLock { $0.append(name) }
                    defer { leading.names.withLock { $0.removeAll { $0 == name } } }
                    try await Task.sleep(for: .seconds(3600))
                }
            }
        }
        _ = try await Self.soleLeader(leading, other: [])
        try cluster.stop(mode: "immediate")
        try await Self.waitUntil("the leader stepped down") { leading.names.withLock { $0.isEmpty } }
        try cluster.start()
        _ = try await Self.soleLeader(leading, other: [])
        for task in contenders { task.cancel() }
        let stopped = Stopped()
        Task {
            for task in contenders { _ = await task.result }
            stopped.done.withLock { $0 = true }
        }
        try await Self.waitUntil("every contender returned once cancelled") { stopped.done.withLock { $0 } }
    }

    static func waitUntil(_ what: String, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw LeadershipTimeout(waitingFor: what) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until one contender other than `other` (the leaders stopped before, which may take a
    /// moment to step down) leads alone, checks that it stays the only one for a while, and names it.
    static func soleLeader(_ leading: Leading, other: [String]) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let now = leading.names.withLock { $0 }
            if now.count == 1, !other.contains(now[0]) { break }
            guard ContinuousClock.now < deadline else { throw LeadershipTimeout(waitingFor: "a sole leader") }
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(400))
        let now = leading.names.withLock { $0 }
        #expect(now.count == 1, "\(now)")
        return try #require(now.first)
    }

    /// Who leads now.
    final class Leading: Sendable {
        let names = Mutex<[String]>([])
    }

    final class Stopped: Sendable {
        let done = Mutex(false)
    }

    struct LeadershipTimeout: Error {
        let waitingFor: String
    }
}
