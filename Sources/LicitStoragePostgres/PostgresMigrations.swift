import Logging
import PostgresNIO

/// The schema, as append-only migrations written in SQL: a released migration is never edited; a
/// change is a new one. Each runs once, in its own transaction, under an advisory lock, so that
/// daemons starting together on a new database do not race. Constraints live here, not only in Swift.
enum PostgresMigrations {
    static let all: [(name: String, sql: [String])] = [
        ("v1: the exchange's ledger, audit trail and idempotency records", Self.v1),
        ("v2: the accounts every daemon serves; each authority's write pace", Self.v2),
        ("v3: inbox events about more than documents", Self.v3),
        ("v4: requests for supplementary estimates", Self.v4),
        ("v5: annual estimates", Self.v5),
        ("v6: statistical returns as filed", Self.v6),
        ("v7: authorities' addresses", Self.v7),
        ("v8: notification targets", Self.v8),
    ]

    /// Holds while migrations run: `pg_advisory_xact_lock` of this key.
    static let lockKey: Int64 = 0x4C49_4349_545F_4D49  // "LICIT_MI"

    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            "CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL)",
            logger: logger
        )
        for migration in Self.all {
            try await connection.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
                let applied = try await connection.query(
                    "SELECT 1 FROM schema_migration WHERE name = \(migration.name)",
                    logger: logger
                ).collect()
                guard applied.isEmpty else { return }
                for statement in migration.sql {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migration (name, applied_at) VALUES (\(migration.name), now())",
                    logger: logger
                )
            }
        }
    }

    static let v1 = [
        """
        CREATE TABLE audit (
            sequence bigint PRIMARY KEY CHECK (sequence > 0),
            at bigint NOT NULL,
            actor text NOT NULL,
            certificate text NOT NULL,
            action text NOT NULL,
            subject text NOT NULL,
            outcome text NOT NULL,
            detail text NOT NULL,
            previous_hash bytea NOT NULL CHECK (length(previous_hash) = 32),
            hash bytea NOT NULL UNIQUE CHECK (length(hash) = 32)
        )
        """,
        // One row: the audit chain's head, the exchange's clock floor (the latest time a write
        // carried) and the last sequences given to a document and an inbox event.
        """
        CREATE TABLE ledger_head (
            id int PRIMARY KEY CHECK (id = 1),
            audit_sequence bigint NOT NULL,
            audit_hash bytea NOT NULL CHECK (length(audit_hash) = 32),
            clock_floor bigint NOT NULL,
            document_sequence bigint NOT NULL,
            event_sequence bigint NOT NULL
        )
        """,
        "INSERT INTO ledger_head VALUES (1, 0, decode(repeat('00', 32), 'hex'), 0, 0, 0)",
        """
        CREATE TABLE request (
            authority text NOT NULL,
            request_id text NOT NULL CHECK (length(request_id) BETWEEN 1 AND 64),
            payload_digest bytea NOT NULL CHECK (length(payload_digest) = 32),
            response bytea NOT NULL,
            PRIMARY KEY (authority, request_id)
        )
        """,
        """
        CREATE TABLE document (
            sequence bigint PRIMARY KEY,
            authority text NOT NULL CHECK (length(authority) > 0),
            number text NOT NULL CHECK (length(number) BETWEEN 1 AND 64),
            kind text NOT NULL CHECK (kind IN ('ia', 'ea')),
            status text NOT NULL CHECK (status IN (
                'draft', 'issued', 'partly_used', 'used', 'expired', 'cancelled', 'superseded', 'endorsed')),
            issuing_country text NOT NULL,
            counterpart_country text NOT NULL,
            counterpart text NOT NULL,
            recorder text NOT NULL,
            cited_authority text,
            cited_number text,
            issued_on text,
            period_last text NOT NULL,
            substances text[] NOT NULL,
            state jsonb NOT NULL,
            content bytea NOT NULL,
            seal bytea NOT NULL CHECK (length(seal) IN (0, 64)),
            UNIQUE (authority, number),
            CHECK ((status = 'draft') = (length(seal) = 0)),
            CHECK (kind = 'ea' OR cited_number IS NULL)
        )
        """,
        "CREATE INDEX document_by_counterpart ON document (counterpart, sequence)",
        "CREATE INDEX document_by_recorder ON document (recorder, sequence) WHERE recorder <> ''",
        "CREATE INDEX document_by_citation ON document (cited_authority, cited_number) WHERE cited_number IS NOT NULL",
        """
        CREATE INDEX document_open_by_period ON document (period_last)
            WHERE status IN ('issued', 'partly_used', 'expired')
        """,
        """
        CREATE TABLE document_history (
            authority text NOT NULL,
            number text NOT NULL,
            position int NOT NULL,
            at bigint NOT NULL,
            action text NOT NULL,
            status text NOT NULL,
            by_authority text NOT NULL,
            detail text NOT NULL,
            PRIMARY KEY (authority, number, position)
        )
        """,
        """
        CREATE TABLE usage (
            country text NOT NULL,
            substance text NOT NULL,
            year int NOT NULL CHECK (year BETWEEN 1961 AND 9999),
            authorized_not_used bigint NOT NULL CHECK (authorized_not_used >= 0),
            imported bigint NOT NULL CHECK (imported >= 0),
            PRIMARY KEY (country, substance, year)
        )
        """,
        """
        CREATE TABLE country (
            code text PRIMARY KEY CHECK (length(code) = 2 AND code = upper(code)),
            name text NOT NULL,
            participating boolean NOT NULL,
            names jsonb NOT NULL
        )
        """,
        """
        CREATE TABLE authority (
            code text PRIMARY KEY CHECK (length(code) > 0),
            country text NOT NULL REFERENCES country (code),
            name text NOT NULL,
            conventions jsonb NOT NULL
        )
        """,
        "CREATE TABLE substance (code text PRIMARY KEY CHECK (length(code) > 0), body jsonb NOT NULL)",
        """
        CREATE TABLE allowance (
            country text NOT NULL REFERENCES country (code),
            substance text NOT NULL REFERENCES substance (code),
            year int NOT NULL CHECK (year BETWEEN 1961 AND 9999),
            initial bigint NOT NULL CHECK (initial >= 0),
            supplementary jsonb NOT NULL,
            PRIMARY KEY (country, substance, year)
        )
        """,
        """
        CREATE TABLE prohibition (
            country text NOT NULL REFERENCES country (code),
            substance text NOT NULL REFERENCES substance (code),
            PRIMARY KEY (country, substance)
        )
        """,
        """
        CREATE TABLE trader (
            id text PRIMARY KEY CHECK (length(id) > 0),
            authority text NOT NULL REFERENCES authority (code),
            name text NOT NULL CHECK (length(name) > 0),
            address text NOT NULL,
            country text NOT NULL REFERENCES country (code)
        )
        """,
        """
        CREATE TABLE inbox_event (
            sequence bigint PRIMARY KEY,
            recipient text NOT NULL,
            kind text NOT NULL,
            document_authority text NOT NULL,
            document_number text NOT NULL,
            document_kind text NOT NULL CHECK (document_kind IN ('ia', 'ea')),
            at bigint NOT NULL,
            status text NOT NULL,
            summary text NOT NULL
        )
        """,
        "CREATE INDEX inbox_event_by_recipient ON inbox_event (recipient, sequence)",
        """
        CREATE TABLE inbox_cursor (
            recipient text PRIMARY KEY,
            acknowledged bigint NOT NULL CHECK (acknowledged >= 0)
        )
        """,
        """
        CREATE TABLE attachment (
            sha256 text PRIMARY KEY CHECK (length(sha256) = 64),
            media_type text NOT NULL,
            bytes bytea NOT NULL
        )
        """,
        """
        CREATE TABLE sandbox_clock (
            id int PRIMARY KEY CHECK (id = 1),
            exchange_ms bigint NOT NULL,
            real_ms bigint NOT NULL,
            rate double precision NOT NULL CHECK (rate BETWEEN 1 AND 100000)
        )
        """,
    ]

    static let v2 = [
        // One row: the accounts document (the accounts file's content) every daemon serves from,
        // and its version, raised by each change so that daemons notice it.
        """
        CREATE TABLE accounts_document (
            id int PRIMARY KEY CHECK (id = 1),
            version bigint NOT NULL CHECK (version > 0),
            body jsonb NOT NULL
        )
        """,
        // Per authority, the instant (microseconds since 1970, the database's clock) its next write
        // is on pace. Unlogged: a pace need not outlive a crash, and keeping it costs no disk flush.
        "CREATE UNLOGGED TABLE write_pace (authority text PRIMARY KEY, due_us bigint NOT NULL)",
        // Takes a turn for one write of an authority (the token bucket in its GCRA form): granted
        // with the wait before it is on pace, or refused with how far past `max_wait_us` it is.
        """
        CREATE FUNCTION licit_reserve_write(
            p_authority text, p_interval_us bigint, p_tolerance_us bigint, p_max_wait_us bigint,
            OUT granted boolean, OUT wait_us bigint
        ) LANGUAGE plpgsql AS $$
        DECLARE
            now_us bigint;
            next_us bigint;
        BEGIN
            INSERT INTO write_pace VALUES (p_authority, 0) ON CONFLICT (authority) DO NOTHING;
            SELECT due_us INTO next_us FROM write_pace WHERE authority = p_authority FOR UPDATE;
            now_us := (extract(epoch FROM clock_timestamp()) * 1000000)::bigint;
            next_us := greatest(next_us, now_us);
            wait_us := greatest(0, next_us - p_tolerance_us - now_us);
            granted := wait_us <= p_max_wait_us;
            IF granted THEN
                UPDATE write_pace SET due_us = next_us + p_interval_us WHERE authority = p_authority;
            END IF;
        END
        $$
        """,
    ]

    /// Inbox events about more than documents (an account awaiting approval, an estimate request):
    /// `subject` names what such an event is about, and its document fields are empty.
    static let v3 = [
        "ALTER TABLE inbox_event DROP CONSTRAINT inbox_event_document_kind_check",
        "ALTER TABLE inbox_event ADD CONSTRAINT inbox_event_document_kind_check CHECK (document_kind IN ('ia', 'ea', ''))",
        "ALTER TABLE inbox_event ADD COLUMN subject text NOT NULL DEFAULT ''",
        "ALTER TABLE inbox_event ADD CONSTRAINT inbox_event_subject_check CHECK ((document_kind = '') = (subject <> ''))",
    ]

    /// A country's requests for supplementary estimates and the Board's decisions.
    static let v4 = [
        """
        CREATE TABLE estimate_request (
            id text PRIMARY KEY CHECK (length(id) > 0),
            country text NOT NULL REFERENCES country (code),
            body jsonb NOT NULL
        )
        """
    ]

    /// A country's annual estimates (Form B) for a year, one row per country and year.
    static let v5 = [
        """
        CREATE TABLE annual_estimate (
            id text PRIMARY KEY CHECK (length(id) > 0),
            country text NOT NULL REFERENCES country (code),
            year integer NOT NULL CHECK (year BETWEEN 1961 AND 9999),
            body jsonb NOT NULL
        )
        """
    ]

    /// A country's statistical returns as filed with the Board (forms C and P).
    static let v6 = [
        """
        CREATE TABLE return_filing (
            id text PRIMARY KEY CHECK (length(id) > 0),
            country text NOT NULL REFERENCES country (code),
            body jsonb NOT NULL
        )
        """
    ]

    /// A CNA's postal address, for prints.
    static let v7 = ["ALTER TABLE authority ADD COLUMN address text NOT NULL DEFAULT ''"]

    /// Where each inbox's events are delivered beyond it (webhooks, e-mail), and how far.
    static let v8 = [
        """
        CREATE TABLE notification_target (
            id text PRIMARY KEY CHECK (length(id) > 0),
            recipient text NOT NULL CHECK (length(recipient) > 0),
            body jsonb NOT NULL
        )
        """
    ]
}
