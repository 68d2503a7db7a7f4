import ArgumentParser
import Foundation
import LicitDaemon
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

        @Option(name: .long, help: "A sandbox folder.")
        var data: String?

        @Option(name: .long, help: "A deployment's configuration file.")
        var config: String?

        func validate() throws {
            guard (self.data == nil) != (self.config == nil) else {
                throw ValidationError("give either --data DIR (a sandbox) or --config FILE (a deployment)")
            }
        }

        func run() async throws {
            let path =
                try self.data.map { SandboxDirectory(root: URL(fileURLWithPath: $0)).databaseFile.path }
                ?? DaemonConfiguration.read(self.config!).database
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
    }
}
