import Foundation
import LicitModel
import LicitPostgresTesting
import LicitStorage
import LicitStoragePostgres
import LicitStorageSQLite

/// The backends every conformance test runs against.
enum Backend: String, CaseIterable, CustomStringConvertible {
    /// In memory; SQLite; staged on an asynchronous backend (each fetch suspends); and PostgreSQL,
    /// on a throwaway cluster (skipped where PostgreSQL is not installed, outside CI).
    case memory, sqlite, staged, postgres

    var description: String { self.rawValue }

    /// Runs `body` with a fresh store of this kind (a SQLite file in a temporary folder).
    func with(_ body: (any Storage) async throws -> Void) async throws {
        switch self {
        case .memory:
            try await body(InMemoryStorage())
        case .sqlite:
            try await StoreFixtures.withSQLite { store, _ in try await body(store) }
        case .staged:
            try await body(StagedStorage(MemoryStagingBackend()))
        case .postgres:
            guard let cluster = try TestPostgres.shared() else {
                print("note: \(TestPostgres.skipReason)")
                return
            }
            let configuration = try PostgresStoreConfiguration(url: try cluster.createDatabase())
            try await PostgresBackend.withStore(configuration) { store in try await body(store) }
        }
    }
}

enum StoreFixtures {
    static func withSQLite(_ body: (SQLiteStore, String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "licit-store-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("exchange.sqlite").path
        try await body(try SQLiteStore(path: path), path)
    }

    static func intent(
        _ requestID: String,
        _ payload: String,
        authority: String = "FR-ANSM",
        action: String = "test.record"
    ) -> WriteIntent {
        WriteIntent(
            authority: authority,
            requestID: requestID,
            payload: Data(payload.utf8),
            actor: "fr-signer",
            certificate: String(repeating: "cd", count: 32),
            action: action,
            subject: payload,
            at: 1_772_452_800_000
        )
    }

    /// A write whose effect registers the country `code` (refused when the code is "XX").
    static func register(
        _ store: any Storage,
        _ requestID: String,
        _ code: String,
        authority: String = "FR-ANSM"
    ) async throws -> Data {
        try await store.write(Self.intent(requestID, code, authority: authority)) { transaction in
            if code == "XX" {
                throw ExchangeError(
                    "over_estimate",
                    "refused by the rules"
                )
            }
            try transaction.put(Country(code: code, name: "Country \(code)", participating: true))
            return Data("done:\(code)".utf8)
        }
    }

    static func countries(_ store: any Storage) async throws -> [String] {
        try await store.read { try $0.countries().map(\.code) }
    }

    static let day = Day(iso: "2026-03-02")!

    static func reference(_ transaction: any LedgerTransaction) throws {
        for code in ["FR", "IN", "DE"] { try transaction.put(Country(code: code, name: code, participating: true)) }
        try transaction.put(Authority(code: "FR-ANSM", country: "FR", name: "ANSM", conventions: [.narcotic1961]))
        try transaction.put(Authority(code: "IN-NCB", country: "IN", name: "NCB", conventions: [.narcotic1961]))
        try transaction.put(ReferenceCatalogue.substance("MORPHINE")!)
    }

    /// An issued IA of FR-ANSM addressed to IN-NCB.
    static func importAuthorization(_ number: String, kilograms: Int64 = 10) -> StoredDocument {
        var ia = ImportAuthorization(
            number: number,
            authority: "FR-ANSM",
            importingCountry: "FR",
            exportingCountry: "IN",
            importer: Trader(name: "Importer", address: "Paris", country: "FR"),
            exporter: Trader(name: "Exporter", address: "Delhi", country: "IN"),
            lines: [
                AuthorizationLine(
                    substance: "MORPHINE",
                    form: "MORPHINE",
                    traded: .kilograms(kilograms),
                    base: .kilograms(kilograms)
                )
            ],
            period: Period(from: Self.day, through: Self.day.adding(days: 90))!,
            consignments: .multiple
        )
        try! ia.issue(on: Self.day)
        var notes = DocumentAnnotations()
        notes.counterpartAuthority = "IN-NCB"
        notes.issuedOn = Self.day
        return StoredDocument(
            body: .importAuthorization(ia),
            content: Data(number.utf8),
            seal: Data(repeating: 7, count: 64),
            annotations: notes
        )
    }

    /// An EA of IN-NCB against `ia`.
    static func exportAuthorization(_ number: String, citing ia: StoredDocument, kilograms: Int64 = 4) -> StoredDocument
    {
        let ea = ExportAuthorization(
            number: number,
            authority: "IN-NCB",
            exportingCountry: "IN",
            importingCountry: "FR",
            importAuthorization: .init(number: ia.key.number, issuedOn: Self.day, authority: ia.key.authority),
            lines: [
                AuthorizationLine(
                    substance: "MORPHINE",
                    form: "MORPHINE",
                    traded: .kilograms(kilograms),
                    base: .kilograms(kilograms)
                )
            ],
            period: Period(from: Self.day, through: Self.day.adding(days: 30))!
        )
        var notes = DocumentAnnotations()
        notes.counterpartAuthority = "FR-ANSM"
        notes.issuedOn = Self.day
        return StoredDocument(
            body: .exportAuthorization(ea),
            content: Data(number.utf8),
            seal: Data(repeating: 8, count: 64),
            annotations: notes
        )
    }
}
