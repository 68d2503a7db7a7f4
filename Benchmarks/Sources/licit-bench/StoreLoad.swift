import ArgumentParser
import Foundation
import GRDB
import LicitStorage
import LicitStorageSQLite

/// Durable writes per second through SQLiteStore (group commit) beside SQLite's own commit
/// rates on the same disk: one row per transaction, and 100 rows per transaction.
struct StoreLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "Measure durable write rates.")

    @Option(help: "A folder on the disk to measure.") var directory: String
    @Option var seconds = 3.0

    func run() async throws {
        let folder = URL(fileURLWithPath: self.directory).appendingPathComponent("bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try self.report("sqlite 1 row/transaction", rate: try self.rawRate(folder, rowsPerTransaction: 1))
        try self.report("sqlite 100 rows/transaction", rate: try self.rawRate(folder, rowsPerTransaction: 100))
        for writers in [1, 64] {
            try self.report("store \(writers) writer(s)", rate: try await self.storeRate(folder, writers: writers))
        }
    }

    private func report(_ label: String, rate: (rows: Double, p50: Double, p99: Double)) throws {
        print(
            String(
                format: "{\"case\":\"%@\",\"per_second\":%.0f,\"p50_us\":%.0f,\"p99_us\":%.0f}",
                label,
                rate.rows,
                rate.p50,
                rate.p99
            )
        )
    }

    private func rawRate(_ folder: URL, rowsPerTransaction: Int) throws -> (rows: Double, p50: Double, p99: Double) {
        let pool = try DatabasePool(path: folder.appendingPathComponent("raw-\(rowsPerTransaction).sqlite").path)
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)")
        }
        let payload = Data(repeating: 7, count: 200)
        var latencies: [UInt64] = []
        var rows = 0
        let end = ContinuousClock.now + .milliseconds(Int64(self.seconds * 1000))
        while ContinuousClock.now < end {
            let started = DispatchTime.now().uptimeNanoseconds
            try pool.write { db in
                for _ in 0..<rowsPerTransaction {
                    try db.execute(sql: "INSERT INTO t (payload) VALUES (?)", arguments: [payload])
                }
            }
            latencies.append(DispatchTime.now().uptimeNanoseconds - started)
            rows += rowsPerTransaction
        }
        return (Double(rows) / self.seconds, Self.percentile(latencies, 0.5), Self.percentile(latencies, 0.99))
    }

    private func storeRate(_ folder: URL, writers: Int) async throws -> (rows: Double, p50: Double, p99: Double) {
        let store = try SQLiteStore(path: folder.appendingPathComponent("store-\(writers).sqlite").path)
        let payload = Data(repeating: 7, count: 200)
        let end = ContinuousClock.now + .milliseconds(Int64(self.seconds * 1000))
        let latencies = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var measured: [UInt64] = []
                    var index = 0
                    while ContinuousClock.now < end {
                        let started = DispatchTime.now().uptimeNanoseconds
                        let intent = WriteIntent(
                            authority: "A\(writer)",
                            requestID: "r-\(index)",
                            payload: payload,
                            actor: "bench",
                            certificate: "",
                            action: "bench.write",
                            subject: "\(writer)/\(index)",
                            at: Int64(Date().timeIntervalSince1970 * 1000)
                        )
                        _ = try await store.write(intent) { _ in payload }
                        measured.append(DispatchTime.now().uptimeNanoseconds - started)
                        index += 1
                    }
                    return measured
                }
            }
            return try await group.reduce(into: [UInt64]()) { $0 += $1 }
        }
        return (
            Double(latencies.count) / self.seconds, Self.percentile(latencies, 0.5), Self.percentile(latencies, 0.99)
        )
    }

    static func percentile(_ values: [UInt64], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1000
    }
}
