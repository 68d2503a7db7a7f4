import ArgumentParser
import Foundation
import LicitDaemon
import LicitExchange
import LicitSeal
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

                With --checkpoints FILE (the exchange's checkpoint file, or checkpoints the Board kept from
                its inbox, one line each), also checks that every record a checkpoint sealed is still the
                one sealed: a trail rewritten consistently up to any checkpoint, which the hash chain alone
                cannot show, is reported. Checkpoints are verified with the exchange's seal keys (the
                current and the retired ones), or with each --seal-public-key given (base64, as GetSealKey
                and the manifest give it).
                  licitd audit verify --config /etc/licit/licitd.json --checkpoints /var/lib/licit/checkpoints.log
                """
        )

        @OptionGroup var location: DatabaseLocation

        @Option(help: "A file of sealed checkpoints to check the trail against.")
        var checkpoints: String?

        @Option(help: "A seal public key (base64) the checkpoints may be sealed with (repeatable).")
        var sealPublicKey: [String] = []

        func run() async throws {
            let checkpoints = try self.checkpointsToCheck()
            switch try self.location.choice() {
            case .sqlite(let path): try Self.verify(sqlite: path, checkpoints)
            case .postgres(let database): try await Self.verify(postgres: database, checkpoints)
            }
        }

        /// The checkpoints and the keys that may have sealed them, when --checkpoints is given.
        func checkpointsToCheck() throws -> Checkpoints? {
            guard let file = self.checkpoints else { return nil }
            let read: [AuditCheckpoint]
            do {
                read = try AuditCheckpoint.read(URL(fileURLWithPath: file))
            } catch let error as UnreadableCheckpoint {
                throw ValidationFailure("\(error)")
            } catch {
                throw ValidationFailure("cannot read the checkpoints \(file): \(error.localizedDescription)")
            }
            var keys: [String: Data] = [:]
            if self.sealPublicKey.isEmpty {
                let (keyPath, retiredPath) = try self.location.sealKeyPaths()
                let own = try SealKeyFile.read(keyPath)
                keys[own.keyID] = own.publicKey
                for retired in try RetiredSealKeys.read(retiredPath) { keys[retired.keyID] = retired.publicKey }
            }
            for text in self.sealPublicKey {
                guard let key = Data(base64Encoded: text), key.count == 32 else {
                    throw ValidationFailure("--seal-public-key \(text) is not the base64 of a 32-byte Ed25519 key")
                }
                keys[Seal.keyID(of: key)] = key
            }
            return Checkpoints(file: file, checkpoints: read, keys: keys)
        }

        struct Checkpoints {
            let file: String
            let checkpoints: [AuditCheckpoint]
            let keys: [String: Data]

            func problems(_ records: [AuditRecord]) -> [String] {
                AuditCheckpoint.problems(
                    self.checkpoints,
                    hashes: Dictionary(records.map { ($0.sequence, $0.hash) }, uniquingKeysWith: { first, _ in first }),
                    last: records.last?.sequence ?? 0,
                    keys: self.keys
                )
            }

            var summary: String { "; \(self.checkpoints.count) checkpoints of \(self.file) hold" }
        }

        static func verify(sqlite path: String, _ checkpoints: Checkpoints?) throws {
            guard FileManager.default.fileExists(atPath: path) else {
                throw ValidationFailure("no database at \(path)")
            }
            // Read-only: it runs beside a daemon serving the database.
            let report = try SQLiteStore.verify(path: path) { checkpoints?.problems($0) ?? [] }
            guard report.isIntact else {
                print("BROKEN: \(path)")
                for problem in report.problems { print("  \(problem)") }
                throw ExitCode(1)
            }
            print(
                "intact: \(report.records) audit records chained, \(report.rows) rows match the trail\(checkpoints?.summary ?? "")"
            )
        }

        /// On PostgreSQL: the hash chain of the whole trail, and the head the database keeps
        /// (deleting the last records leaves it pointing past them).
        static func verify(
            postgres database: PostgresStoreConfiguration,
            _ checkpoints: Checkpoints? = nil
        ) async throws {
            let (records, head) = try await PostgresBackend.withStore(database) { store in
                (try await store.auditRecords(), try await store.auditHead())
            }
            var problems: [String] = []
            if let broken = AuditChain.verify(records) { problems.append("the audit chain is broken: \(broken)") }
            if head.sequence != records.last?.sequence ?? 0 || head.hash != records.last?.hash ?? AuditChain.genesisHash
            {
                problems.append("the chain's head (record \(head.sequence)) is not the trail's last record")
            }
            problems += checkpoints?.problems(records) ?? []
            guard problems.isEmpty else {
                print("BROKEN: \(database.displayURL)")
                for problem in problems { print("  \(problem)") }
                throw ExitCode(1)
            }
            print(
                "intact: \(records.count) audit records chained, the head matches (\(database.displayURL))\(checkpoints?.summary ?? "")"
            )
        }
    }
}
