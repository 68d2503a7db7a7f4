import GRDB

/// The schema, as append-only migrations written in SQL: a released migration is never edited;
/// a change is a new one. Constraints live here, not only in Swift.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: audit trail and idempotency records") { db in
            try db.execute(
                sql: """
                    CREATE TABLE audit (
                        sequence INTEGER PRIMARY KEY CHECK (sequence > 0),
                        at INTEGER NOT NULL,
                        actor TEXT NOT NULL,
                        certificate TEXT NOT NULL,
                        action TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        outcome TEXT NOT NULL,
                        detail TEXT NOT NULL,
                        previous_hash BLOB NOT NULL CHECK (length(previous_hash) = 32),
                        hash BLOB NOT NULL UNIQUE CHECK (length(hash) = 32)
                    ) STRICT;

                    CREATE TABLE request (
                        authority TEXT NOT NULL,
                        request_id TEXT NOT NULL CHECK (length(request_id) BETWEEN 1 AND 64),
                        payload_digest BLOB NOT NULL CHECK (length(payload_digest) = 32),
                        response BLOB NOT NULL,
                        audit_sequence INTEGER NOT NULL REFERENCES audit(sequence),
                        PRIMARY KEY (authority, request_id)
                    ) STRICT;
                    """
            )
        }
        return migrator
    }
}
