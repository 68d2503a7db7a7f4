import Foundation
import GRDB
import LicitModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Online backups of a SQLite exchange, and restoring one.
extension SQLiteStore {
    /// Writes a consistent copy of the database to `path` with SQLite's online backup, while
    /// writes go on: the copy holds every transaction committed when it was taken.
    public func backup(to path: String) throws {
        let copy = try DatabaseQueue(path: path)
        defer { try? copy.close() }
        try self.pool.backup(to: copy)
    }

    /// Copies the database at `path` to a new file `destination` while it keeps serving: SQLite's
    /// backup API reads one snapshot (in WAL mode writers go on meanwhile), so the copy holds every
    /// write committed before the backup began and none half-done. The copy is written beside
    /// `destination`, checked like `licitd audit verify`, then moved into place.
    public static func backup(path: String, to destination: String) throws -> AuditReport {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ExchangeError("database_unavailable", "no database at \(path)")
        }
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw ExchangeError("database_unavailable", "\(destination) exists: give a new file to back up to")
        }
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        defer { try? FileManager.default.removeItem(atPath: partial) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            let source = try DatabaseQueue(path: path, configuration: configuration)
            let copy = try DatabaseQueue(path: partial)
            try source.backup(to: copy)
            // One self-contained file: the copy needs no -wal beside it.
            try copy.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
            try source.close()
        } catch let error as DatabaseError {
            throw ExchangeError("database_unavailable", "the backup of \(path) failed: \(error.message ?? "\(error)")")
        }
        let report = try Self.verify(path: partial)
        guard report.isIntact else {
            throw ExchangeError(
                "database_unavailable",
                "the copy of \(path) does not verify: \(report.problems.prefix(3).joined(separator: "; "))"
            )
        }
        try FileManager.default.moveItem(atPath: partial, toPath: destination)
        return report
    }

    /// Puts the backup `backup` in place of the database at `path`, which no daemon may be serving
    /// (its writer lock is taken for the while). The backup is verified first; an existing database
    /// is replaced only when `replacing` is true.
    public static func restore(from backup: String, to path: String, replacing: Bool) throws -> AuditReport {
        guard FileManager.default.fileExists(atPath: backup) else {
            throw ExchangeError("database_unavailable", "no backup at \(backup)")
        }
        let report = try Self.verify(path: backup)
        guard report.isIntact else {
            throw ExchangeError(
                "database_unavailable",
                "\(backup) does not verify, nothing was restored: \(report.problems.prefix(3).joined(separator: "; "))"
            )
        }
        let lock = try WriterLock(database: path)
        defer { lock.release() }
        if FileManager.default.fileExists(atPath: path), !replacing {
            throw ExchangeError(
                "database_unavailable",
                "\(path) exists: stop its daemon and give --replace to overwrite it"
            )
        }
        let partial = path + ".restoring"
        try? FileManager.default.removeItem(atPath: partial)
        try FileManager.default.copyItem(atPath: backup, toPath: partial)
        for leftover in [path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: leftover) }
        // rename(2) replaces the old file at once: a crash leaves the old database or the new one.
        guard rename(partial, path) == 0 else {
            throw ExchangeError(
                "database_unavailable",
                "cannot put the backup in place of \(path): \(String(cString: strerror(errno)))"
            )
        }
        return report
    }
}
