import ArgumentParser
import Foundation
import LicitDaemon
import LicitModel
import LicitStorageSQLite

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy a running SQLite exchange to a file, consistently, without stopping it.",
        discussion: """
            The copy holds every write acknowledged before the backup began; it is verified like
            `licitd audit verify` before it is kept. Examples:
              licitd backup --data ./sandbox --to sandbox-2026-12-06.sqlite
              licitd backup --config /etc/licit/licitd.json --to /backups/licit.sqlite
            """
    )

    @OptionGroup var location: DatabaseLocation

    @Option(name: .long, help: ArgumentHelp("The new backup file (must not exist).", valueName: "file"))
    var to: String

    func run() throws {
        let path = try self.location.sqlitePath()
        do {
            let report = try SQLiteStore.backup(path: path, to: self.to)
            let size = (try? FileManager.default.attributesOfItem(atPath: self.to)[.size] as? Int) ?? 0
            print("backed up \(path) to \(self.to): \(size) bytes, \(report.records) audit records chained, intact")
        } catch let error as ExchangeError {
            throw ValidationFailure(error.message)
        }
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup in place of an exchange's SQLite database (its daemon stopped).",
        discussion: """
            The backup is verified first; nothing changes if it does not verify, if a daemon still serves
            the database, or if the database exists and --replace is not given. Example:
              licitd restore --from sandbox-2026-12-06.sqlite --data ./sandbox --replace
            """
    )

    @OptionGroup var location: DatabaseLocation

    @Option(name: .long, help: ArgumentHelp("The backup file.", valueName: "file"))
    var from: String

    @Flag(name: .long, help: "Overwrite an existing database.")
    var replace = false

    func run() throws {
        let path = try self.location.sqlitePath()
        do {
            let report = try SQLiteStore.restore(from: self.from, to: path, replacing: self.replace)
            print("restored \(self.from) to \(path): \(report.records) audit records chained, intact")
        } catch let error as ExchangeError {
            throw ValidationFailure(error.message)
        }
    }
}
