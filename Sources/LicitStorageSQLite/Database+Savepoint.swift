import GRDB

extension Database {
    /// Runs `body` in a savepoint of the current transaction, rolled back if `body` throws. The
    /// same as GRDB's `inSavepoint`, with its statements prepared once per connection: that one
    /// prepares two or three statements again on every call, and preparing costs about as much
    /// as running them.
    func inPreparedSavepoint(_ body: () throws -> Void) throws {
        precondition(self.isInsideTransaction, "a savepoint belongs inside the batch's transaction")
        try self.cachedStatement(sql: "SAVEPOINT licit_write").execute()
        do {
            try body()
        } catch {
            // When these fail, the transaction was rolled back as a whole (an I/O error) and its
            // commit fails in turn: nothing of this write is kept either way.
            _ = try? self.cachedStatement(sql: "ROLLBACK TO SAVEPOINT licit_write").execute()
            _ = try? self.cachedStatement(sql: "RELEASE SAVEPOINT licit_write").execute()
            throw error
        }
        try self.cachedStatement(sql: "RELEASE SAVEPOINT licit_write").execute()
    }
}
