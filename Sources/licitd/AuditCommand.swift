import ArgumentParser
import Foundation
import LicitDaemon
import LicitStorage
import LicitStoragePostgres
import LicitStorageSQLite

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the exchange's audit trail and documents.",
        subcommands: [Verify.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Recompute the audit chain and check every document against it; list every problem and exit 1 if any.",
            discussion: """
                Checks, on the database file itself: SQLite's integrity; the hash chain of the audit trail
                (an altered, deleted or reordered record breaks it); and that every row of the exchange's state
                (documents, history, balances, estimates, prohibitions, the catalogue, traders, scans, inboxes,
                idempotency records, the sandbox clock) is exactly as the last audited write left it. It opens
                the database read-only, so it runs beside the daemon serving it. On a sandbox or a deployment:
                  licitd audit verify --data ./sandbox
                  licitd audit verify --config /etc/licit/licitd.json
                """
        )

        @OptionGroup var location: DatabaseLocation

        func run() async throws {
            switch try self.location.choice() {
            case .sqlite(let path): try Self.verify(sqlite: path)
            case .postgres(let database): try await Self.verify(postgres: database)
            }
        }

        static func verify(sqlite path: String) throws {
            guard FileManager.default.fileExists(atPath: path) else {
                throw ValidationFailure("no database at \(path)")
            }
            // Read-only: it runs beside a daemon serving the database.
            let report = try SQLiteStore.verify(path: path)
            guard report.isIntact else {
                print("BROKEN: \(path)")
                for problem in report.problems { print("  \(problem)") }
                throw ExitCode(1)
            }
            print("intact: \(report.records) audit records chained, \(report.rows) rows match the trail")
        }

        /// On PostgreSQL: the hash chain of the whole trail, and the head the database keeps
        /// (deleting the last records leaves it pointing past them).
        static func verify(postgres database: PostgresStoreConfiguration) async throws {
            let (records, head) = try await PostgresBackend.withStore(database) { store in
                (try await store.auditRecords(), try await store.auditHead())
            }
            var problems: [String] = []
            if let broken = AuditChain.verify(records) { problems.append("the audit chain is broken: \(broken)") }
            if head.sequence != records.last?.sequence ?? 0 || head.hash != records.last?.hash ?? AuditChain.genesisHash
            {
                problems.append("the chain's head (record \(head.sequence)) is not the trail's last record")
            }
            guard problems.isEmpty else {
                print("BROKEN: \(database.displayURL)")
                for problem in problems { print("  \(problem)") }
                throw ExitCode(1)
            }
            print("intact: \(records.count) audit records chained, the head matches (\(database.displayURL))")
        }
    }
}
