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
        migrator.registerMigration("v2: documents, balances, inboxes and reference data") { db in
            try db.execute(sql: Self.exchangeSchema)
        }
        migrator.registerMigration("v3: country names in French and Spanish") { db in
            // JSON object of language code to name, e.g. {"fr":"Inde","es":"India"}.
            try db.execute(
                sql: "ALTER TABLE country ADD COLUMN names TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(names))"
            )
        }
        // The chain's head, moved in every commit: deleting the last audit records (which no
        // link after them would betray) leaves the head pointing at a record that is gone.
        migrator.registerMigration("v4: the audit chain's head") { db in
            try db.execute(
                sql: """
                    CREATE TABLE audit_head (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        sequence INTEGER NOT NULL,
                        hash BLOB NOT NULL
                    ) STRICT;
                    INSERT INTO audit_head (id, sequence, hash)
                    SELECT 1, coalesce(max(sequence), 0),
                        coalesce((SELECT hash FROM audit ORDER BY sequence DESC LIMIT 1), zeroblob(32))
                    FROM audit;
                    """
            )
        }
        // The exchange's clock is state: the latest time any write carried (a floor the clock never
        // reads below, even after a restart or a step back of the machine's clock), a sandbox clock's
        // setting, and whether the rows written before rows were bound to the trail have been bound.
        migrator.registerMigration("v5: the exchange's clock, and every row bound to the trail") { db in
            try db.execute(
                sql: """
                    ALTER TABLE audit_head ADD COLUMN clock_floor INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE audit_head ADD COLUMN rows_bound INTEGER NOT NULL DEFAULT 0 CHECK (rows_bound IN (0, 1));
                    UPDATE audit_head SET clock_floor = coalesce((SELECT max(at) FROM audit), 0);
                    CREATE TABLE sandbox_clock (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        exchange_ms INTEGER NOT NULL,
                        real_ms INTEGER NOT NULL,
                        rate REAL NOT NULL CHECK (rate BETWEEN 1 AND 100000)
                    ) STRICT;
                    """
            )
        }
        // Inbox events about more than documents (an account awaiting approval, an estimate
        // request): `subject` names what such an event is about, and its document fields are empty.
        migrator.registerMigration("v6: inbox events about more than documents") { db in
            try db.execute(
                sql: """
                    CREATE TABLE inbox_event_v6 (
                        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                        recipient TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        document_authority TEXT NOT NULL,
                        document_number TEXT NOT NULL,
                        document_kind TEXT NOT NULL CHECK (document_kind IN ('ia', 'ea', '')),
                        at INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        summary TEXT NOT NULL,
                        subject TEXT NOT NULL DEFAULT '',
                        CHECK ((document_kind = '') = (subject <> ''))
                    ) STRICT;
                    INSERT INTO inbox_event_v6 (sequence, recipient, kind, document_authority, document_number,
                        document_kind, at, status, summary)
                    SELECT sequence, recipient, kind, document_authority, document_number, document_kind, at, status,
                        summary
                    FROM inbox_event;
                    DROP TABLE inbox_event;
                    ALTER TABLE inbox_event_v6 RENAME TO inbox_event;
                    CREATE INDEX inbox_event_by_recipient ON inbox_event (recipient, sequence);
                    """
            )
            try SQLiteStore.rebind(db, tables: ["inbox_event"], because: "schema v6: inbox events gained a subject")
        }
        // A country's requests for supplementary estimates and the Board's decisions: the body is
        // the request as JSON (EstimateRequest), the columns what it is found by.
        migrator.registerMigration("v7: requests for supplementary estimates") { db in
            try db.execute(
                sql: """
                    CREATE TABLE estimate_request (
                        id TEXT PRIMARY KEY CHECK (length(id) > 0),
                        country TEXT NOT NULL REFERENCES country(code),
                        body TEXT NOT NULL CHECK (json_valid(body))
                    ) STRICT;
                    """
            )
        }
        // A country's annual estimates (Form B) for a year, one row per country and year.
        migrator.registerMigration("v8: annual estimates") { db in
            try db.execute(
                sql: """
                    CREATE TABLE annual_estimate (
                        id TEXT PRIMARY KEY CHECK (length(id) > 0),
                        country TEXT NOT NULL REFERENCES country(code),
                        year INTEGER NOT NULL CHECK (year BETWEEN 1961 AND 9999),
                        body TEXT NOT NULL CHECK (json_valid(body))
                    ) STRICT;
                    """
            )
        }
        // A CNA's postal address, for prints; the reshaped rows are bound to the trail again.
        migrator.registerMigration("v10: authorities' addresses") { db in
            try db.execute(sql: "ALTER TABLE authority ADD COLUMN address TEXT NOT NULL DEFAULT ''")
            try SQLiteStore.rebind(db, tables: ["authority"], because: "schema v10: authorities gained an address")
        }
        // A country's statistical returns as filed with the Board (forms C and P).
        migrator.registerMigration("v9: statistical returns as filed") { db in
            try db.execute(
                sql: """
                    CREATE TABLE return_filing (
                        id TEXT PRIMARY KEY CHECK (length(id) > 0),
                        country TEXT NOT NULL REFERENCES country(code),
                        body TEXT NOT NULL CHECK (json_valid(body))
                    ) STRICT;
                    """
            )
        }
        // Where each inbox's events are delivered beyond it (webhooks, e-mail), and how far.
        migrator.registerMigration("v11: notification targets") { db in
            try db.execute(
                sql: """
                    CREATE TABLE notification_target (
                        id TEXT PRIMARY KEY CHECK (length(id) > 0),
                        recipient TEXT NOT NULL CHECK (length(recipient) > 0),
                        body TEXT NOT NULL CHECK (json_valid(body))
                    ) STRICT;
                    """
            )
        }
        return migrator
    }

    static let exchangeSchema = """
        CREATE TABLE document (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            authority TEXT NOT NULL CHECK (length(authority) > 0),
            number TEXT NOT NULL CHECK (length(number) BETWEEN 1 AND 64),
            kind TEXT NOT NULL CHECK (kind IN ('ia', 'ea')),
            status TEXT NOT NULL CHECK (status IN (
                'draft', 'issued', 'partly_used', 'used', 'expired', 'cancelled', 'superseded', 'endorsed')),
            issuing_country TEXT NOT NULL,
            counterpart_country TEXT NOT NULL,
            counterpart TEXT NOT NULL,
            recorder TEXT NOT NULL,
            cited_authority TEXT,
            cited_number TEXT,
            issued_on TEXT,
            period_last TEXT NOT NULL,
            -- every substance code of the lines, each between commas: ",MORPHINE,CODEINE,"
            substances TEXT NOT NULL,
            state TEXT NOT NULL,
            content BLOB NOT NULL,
            seal BLOB NOT NULL CHECK (length(seal) IN (0, 64)),
            UNIQUE (authority, number),
            CHECK ((status = 'draft') = (length(seal) = 0)),
            CHECK (kind = 'ea' OR cited_number IS NULL)
        ) STRICT;
        CREATE INDEX document_by_counterpart ON document (counterpart, sequence);
        CREATE INDEX document_by_recorder ON document (recorder, sequence) WHERE recorder <> '';
        CREATE INDEX document_by_citation ON document (cited_authority, cited_number) WHERE cited_number IS NOT NULL;
        CREATE INDEX document_open_by_period ON document (period_last)
            WHERE status IN ('issued', 'partly_used', 'expired');

        CREATE TABLE document_history (
            authority TEXT NOT NULL,
            number TEXT NOT NULL,
            position INTEGER NOT NULL,
            at INTEGER NOT NULL,
            action TEXT NOT NULL,
            status TEXT NOT NULL,
            by_authority TEXT NOT NULL,
            detail TEXT NOT NULL,
            PRIMARY KEY (authority, number, position)
        ) STRICT;

        CREATE TABLE usage (
            country TEXT NOT NULL,
            substance TEXT NOT NULL,
            year INTEGER NOT NULL CHECK (year BETWEEN 1961 AND 9999),
            authorized_not_used INTEGER NOT NULL CHECK (authorized_not_used >= 0),
            imported INTEGER NOT NULL CHECK (imported >= 0),
            PRIMARY KEY (country, substance, year)
        ) STRICT;

        CREATE TABLE country (
            code TEXT PRIMARY KEY CHECK (length(code) = 2 AND code = upper(code)),
            name TEXT NOT NULL,
            participating INTEGER NOT NULL CHECK (participating IN (0, 1))
        ) STRICT;

        CREATE TABLE authority (
            code TEXT PRIMARY KEY CHECK (length(code) > 0),
            country TEXT NOT NULL REFERENCES country(code),
            name TEXT NOT NULL,
            conventions TEXT NOT NULL
        ) STRICT;

        CREATE TABLE substance (
            code TEXT PRIMARY KEY CHECK (length(code) > 0),
            body TEXT NOT NULL
        ) STRICT;

        CREATE TABLE allowance (
            country TEXT NOT NULL REFERENCES country(code),
            substance TEXT NOT NULL REFERENCES substance(code),
            year INTEGER NOT NULL CHECK (year BETWEEN 1961 AND 9999),
            initial INTEGER NOT NULL CHECK (initial >= 0),
            supplementary TEXT NOT NULL,
            PRIMARY KEY (country, substance, year)
        ) STRICT;

        CREATE TABLE prohibition (
            country TEXT NOT NULL REFERENCES country(code),
            substance TEXT NOT NULL REFERENCES substance(code),
            PRIMARY KEY (country, substance)
        ) STRICT;

        CREATE TABLE trader (
            id TEXT PRIMARY KEY CHECK (length(id) > 0),
            authority TEXT NOT NULL REFERENCES authority(code),
            name TEXT NOT NULL CHECK (length(name) > 0),
            address TEXT NOT NULL,
            country TEXT NOT NULL REFERENCES country(code)
        ) STRICT;

        CREATE TABLE inbox_event (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            recipient TEXT NOT NULL,
            kind TEXT NOT NULL,
            document_authority TEXT NOT NULL,
            document_number TEXT NOT NULL,
            document_kind TEXT NOT NULL CHECK (document_kind IN ('ia', 'ea')),
            at INTEGER NOT NULL,
            status TEXT NOT NULL,
            summary TEXT NOT NULL
        ) STRICT;
        CREATE INDEX inbox_event_by_recipient ON inbox_event (recipient, sequence);

        CREATE TABLE inbox_cursor (
            recipient TEXT PRIMARY KEY,
            acknowledged INTEGER NOT NULL CHECK (acknowledged >= 0)
        ) STRICT;

        CREATE TABLE attachment (
            sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
            media_type TEXT NOT NULL,
            bytes BLOB NOT NULL
        ) STRICT;
        """
}
