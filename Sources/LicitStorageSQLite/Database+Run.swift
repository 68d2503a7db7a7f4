import GRDB
import GRDBSQLite

extension Database {
    /// Runs `sql`, a statement that returns no rows (the writer's inserts), with `values` bound
    /// straight into SQLite's prepared statement, one per `?` in order.
    ///
    /// GRDB's `execute(arguments:)` first copies the values into `StatementArguments` and checks
    /// them against the statement; for the handful of rows every write inserts, that cost more
    /// than SQLite's own binding. A failure is thrown as GRDB throws it: a `DatabaseError` with
    /// SQLite's extended result code and message.
    func run(_ sql: String, _ values: [DatabaseValue]) throws {
        let handle = try self.cachedStatement(sql: sql).sqliteStatement
        guard Int(sqlite3_bind_parameter_count(handle)) == values.count else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE,
                message: "\(values.count) values for \(sqlite3_bind_parameter_count(handle)) parameters",
                sql: sql
            )
        }
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        for (index, value) in values.enumerated() {
            let code = Self.bind(value, at: Int32(index + 1), in: handle)
            guard code == SQLITE_OK else { throw self.lastError(sql) }
        }
        guard sqlite3_step(handle) == SQLITE_DONE else { throw self.lastError(sql) }
    }

    private static func bind(_ value: DatabaseValue, at position: Int32, in handle: OpaquePointer) -> Int32 {
        switch value.storage {
        case .null:
            return sqlite3_bind_null(handle, position)
        case .int64(let integer):
            return sqlite3_bind_int64(handle, position, integer)
        case .double(let double):
            return sqlite3_bind_double(handle, position, double)
        case .string(let text):
            // As GRDB binds a text: as a C string, up to its first NUL.
            return sqlite3_bind_text(handle, position, text, -1, Self.transient)
        case .blob(let data):
            // An empty buffer has no address, and a NULL address would bind NULL, not an empty blob.
            guard !data.isEmpty else { return sqlite3_bind_zeroblob(handle, position, 0) }
            return data.withUnsafeBytes { bytes in
                sqlite3_bind_blob(handle, position, bytes.baseAddress, Int32(bytes.count), Self.transient)
            }
        }
    }

    /// SQLite copies what is bound before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func lastError(_ sql: String) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: sqlite3_extended_errcode(self.sqliteConnection)),
            message: String(cString: sqlite3_errmsg(self.sqliteConnection)),
            sql: sql
        )
    }
}
