import Foundation
import LicitClient
import LicitPostgresTesting
import LicitTestSupport
import LicitWire
import Testing

/// `licitd migrate`: a sandbox's SQLite exchange, with documents and a trail, moved into PostgreSQL
/// and served from there as it was. Skipped where PostgreSQL is not installed (outside CI).
@Suite("licitd migrate, end to end", .serialized)
struct MigrateTests {
    /// An IA of `authority` (France's) for morphine from India, valid today.
    static func content(
        _ number: String = "IA-MIGRATE-1",
        importer authority: String
    )
        -> Licit_V1_ImportAuthorizationContent
    {
        let today = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withFullDate])
        return Licit_V1_ImportAuthorizationContent.with {
            $0.number = number
            $0.exportingCountry = "IN"
            $0.importer.id = "\(authority)-T1"
            $0.exporter = .with {
                $0.name = "Ganges Alkaloids Ltd"
                $0.address = "Ghazipur"
            }
            $0.lines = [
                .with {
                    $0.form = "MORPHINE"
                    $0.tradedMg = 1_000_000
                }
            ]
            $0.period = .with {
                $0.first = today
                $0.last = today
            }
        }
    }

    static func documents(_ client: LicitClient) async throws -> [Licit_V1_Document] {
        try await client.documents(Licit_V1_ListDocumentsRequest.with { $0.pageSize = 500 }).documents
    }

    @Test("documents, the trail, idempotency records and sequences are copied whole, verified, and served")
    func migrateAndServe() async throws {
        guard let cluster = try TestPostgres.shared() else {
            print("note: \(TestPostgres.skipReason)")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("licit-mig-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try cluster.createDatabase()
        let sqlite = directory.appendingPathComponent("exchange.sqlite").path

        // On SQLite: one IA issued, what France sees, and a refused migration while the file is in use.
        let (onSQLite, port) = try await TwoDaemonsTests.start(directory, database: nil)
        defer { if onSQLite.isRunning { onSQLite.terminate() } }
        let configuration = try TwoDaemonsTests.configuration(directory, "fr-signer", port: port)
        let (content, issued, before) = try await withLicitClient(configuration) { france in
            let content = Self.content(importer: try await france.recognisedAccount().authority)
            let issued = try await france.issueImportAuthorization(content, requestID: "migrate-ia")
            return (content, issued, try await Self.documents(france))
        }
        let busy = try SandboxDaemonTests.run(["migrate", "--from", "sqlite:\(sqlite)", "--to", database])
        #expect(busy.status != 0, "a database in use must not be copied: \(busy.output)")
        onSQLite.terminate()
        await onSQLite.exited()

        let migrated = try SandboxDaemonTests.run([
            "migrate", "--from", "sqlite:\(sqlite)", "--to", database,
            "--accounts", directory.appendingPathComponent("accounts.json").path,
        ])
        #expect(migrated.status == 0, "\(migrated.output)")
        #expect(migrated.output.contains("accounts and 0 revocations"))
        #expect(migrated.output.contains("every row read back matches the source"))
        #expect(migrated.output.contains("intact:"))
        let again = try SandboxDaemonTests.run(["migrate", "--from", "sqlite:\(sqlite)", "--to", database])
        #expect(again.status != 0 && again.output.contains("already holds an exchange"), "\(again.output)")

        // On PostgreSQL: the same documents, the retry answered from the copied record, and new
        // documents beside them.
        let (onPostgres, postgresPort) = try await TwoDaemonsTests.start(directory, database: database, after: port)
        defer { if onPostgres.isRunning { onPostgres.terminate() } }
        try await withLicitClient(try TwoDaemonsTests.configuration(directory, "fr-signer", port: postgresPort)) {
            france in
            #expect(try await Self.documents(france) == before)
            #expect(try await france.issueImportAuthorization(content, requestID: "migrate-ia") == issued)
            var next = content
            next.number = "IA-MIGRATE-2"
            _ = try await france.issueImportAuthorization(next)
            let after = try await Self.documents(france)
            #expect(after.count == before.count + 1 && after.contains(issued))
        }
        onPostgres.terminate()
        await onPostgres.exited()
    }
}
