import GRDB

extension SQLiteStore {
    /// Writes a consistent copy of the database to `path` with SQLite's online backup, while
    /// writes go on: the copy holds every transaction committed when it was taken.
    public func backup(to path: String) throws {
        let copy = try DatabaseQueue(path: path)
        defer { try? copy.close() }
        try self.pool.backup(to: copy)
    }
}
