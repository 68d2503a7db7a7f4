import ArgumentParser
import Foundation
import LicitDaemon
import LicitStoragePostgres
import LicitStorageSQLite

/// `licitd migrate`: moves an exchange from its SQLite file into PostgreSQL, whole and verified.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy an exchange from its SQLite file into a new PostgreSQL database, and verify the copy.",
        discussion: """
            Copies everything the database holds — documents and their histories, the audit trail as it is,
            idempotency records, inbox events and cursors, balances, estimates and reference data, scans, the
            sandbox clock, and the last sequence numbers — in one transaction, then reads every row back,
            compares it with the source, and recomputes the audit chain in PostgreSQL. Nothing is written
            unless the whole copy succeeds; the SQLite file is only read.
            Stop the daemon first (the file must not be in use). With --accounts, the accounts file's accounts
            and revocations are copied too: on PostgreSQL every daemon serves the accounts kept in the database
            (each daemon's own accounts file becomes a copy of them, and its edits reach every daemon). Without
            it, the first daemon started on the database copies its accounts file there. The seal key stays in
            its file: point the new daemons' configuration at it.
              licitd migrate --from sqlite:/var/lib/licit/exchange.sqlite --to postgres://licit@db:5432/licit \\
                --accounts /var/lib/licit/accounts.json
            """
    )

    @Option(help: "The SQLite database: sqlite:PATH (or a path).")
    var from: String

    @Option(help: "The empty PostgreSQL database: postgres://user@host:port/database[?sslmode=require].")
    var to: String

    @Option(help: "A file whose first line is the database password (instead of one in the URL).")
    var passwordFile: String?

    @Option(help: "The accounts file to copy into the database with the exchange.")
    var accounts: String?

    func run() async throws {
        let path = self.from.hasPrefix("sqlite:") ? String(self.from.dropFirst("sqlite:".count)) : self.from
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("--from: no SQLite database at \(path)")
        }
        var target: PostgresStoreConfiguration
        do {
            target = try PostgresStoreConfiguration(url: self.to)
        } catch {
            throw ValidationError("--to: \(error)")
        }
        if let file = self.passwordFile {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("--password-file: cannot read \(file)")
            }
            target.password = text.split(separator: "\n").first.map(String.init)
        }
        let accounts = try self.accounts.map { try AccountsFile.read(URL(fileURLWithPath: $0)) }
        let source = try Daemon.openStore(path)
        defer { try? source.close() }
        print("copying \(path) into \(target.displayURL)")
        let report: PostgresImport.Report
        do {
            report = try await PostgresImport.copy(source, to: target) { table, rows in
                print("  \(table): \(rows) rows")
            }
        } catch let error as PostgresImportError {
            throw ValidationFailure("migration failed: \(error) (the SQLite file is untouched)")
        } catch {
            throw ValidationFailure(
                "migration failed, nothing was written: \(String(reflecting: error)) (the SQLite file is untouched)"
            )
        }
        print("copied \(report.total) rows; every row read back matches the source")
        try await AuditCommand.Verify.verify(postgres: target)
        if let accounts {
            _ = try await PostgresBackend.withStore(target) { store in
                try await store.backend.changeAccountsDocument { _ in try JSONEncoder.pretty.encode(accounts) }
            }
            print("copied \(accounts.accounts.count) accounts and \(accounts.revoked.count) revocations")
        }
        print("done: serve it with \"database\": \"\(target.displayURL)\" in licitd's configuration")
    }
}
