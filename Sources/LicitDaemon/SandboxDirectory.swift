import Foundation
import LicitExchange
import LicitModel
import LicitPKI
import LicitServerCore
import LicitStorage

/// The files of a sandbox, all under one folder:
///
/// ```
/// DIR/manifest.json              address, CA file, accounts with their identity folders
/// DIR/accounts.json              fingerprint -> account, and the deny-list
/// DIR/ca/cert.pem, key.pem       the sandbox's private CA
/// DIR/server/cert.pem, key.pem   the daemon's certificate (localhost, 127.0.0.1, ::1)
/// DIR/identities/<name>/cert.pem, key.pem
/// DIR/exchange.sqlite            the exchange's database (WAL: also -wal and -shm files)
/// DIR/seal/key.b64               the exchange's seal key; its public half is in the manifest
/// DIR/audit-checkpoints.log      the audit trail's sealed checkpoints, one line each, appended
/// DIR/conformance/<name>.jsonl  what a faulted account's client did (licitd sandbox --faults)
/// ```
package struct SandboxDirectory {
    package let root: URL

    package init(root: URL) { self.root = root }

    package var manifestFile: URL { self.root.appendingPathComponent("manifest.json") }
    package var accountsFile: URL { self.root.appendingPathComponent("accounts.json") }
    package var authorityFolder: URL { self.root.appendingPathComponent("ca") }
    package var serverFolder: URL { self.root.appendingPathComponent("server") }
    package var databaseFile: URL { self.root.appendingPathComponent("exchange.sqlite") }
    package var sealKeyFile: URL { self.root.appendingPathComponent("seal/key.b64") }
    package var checkpointsFile: URL { self.root.appendingPathComponent("audit-checkpoints.log") }
    /// One conformance journal per faulted account (`licitd sandbox --faults`).
    package var conformanceFolder: URL { self.root.appendingPathComponent("conformance") }
    package func identityFolder(_ name: String) -> URL { self.root.appendingPathComponent("identities/\(name)") }

    package var exists: Bool { FileManager.default.fileExists(atPath: self.manifestFile.path) }

    /// Creates the CA, the server certificate and an identity for every sample account.
    package func create(host: String, port: Int, seeding: Bool = true, log: (String) -> Void) async throws {
        try FileManager.default.createDirectory(at: self.root, withIntermediateDirectories: true)
        let authority = try CertificateAuthority.make(name: "Licit Sandbox CA")
        try authority.identity.write(to: self.authorityFolder)
        let server = try authority.issueServerCertificate(
            commonName: "licitd sandbox",
            dnsNames: ["localhost"],
            ipAddresses: ["127.0.0.1", "::1"]
        )
        try server.write(to: self.serverFolder)
        let seeds = SandboxWorld.accounts
        var accounts = AccountsFile(accounts: [], revoked: [])
        for (index, seed) in seeds.enumerated() {
            // Ten years: a trainer moves the sandbox's clock by months, and certificates are
            // checked on that clock.
            let identity = try authority.issueClientCertificate(
                commonName: seed.name,
                notAfter: Date().addingTimeInterval(10 * 365 * 86400)
            )
            try identity.write(to: self.identityFolder(seed.name))
            try accounts.register(
                Account(
                    name: seed.name,
                    country: seed.country,
                    authority: seed.authority,
                    role: seed.role,
                    certificateFingerprint: try identity.fingerprint.hex
                )
            )
            if (index + 1) % 10 == 0 || index + 1 == seeds.count {
                log("issued \(index + 1)/\(seeds.count) sandbox identities")
            }
        }
        try accounts.write(self.accountsFile)
        _ = try SealKeyFile.readOrCreate(self.sealKeyFile.path, log: log)
        if seeding {
            let store = try Daemon.openStore(self.databaseFile.path)
            try await self.seed(into: store, log: log)
            try store.close()
        }
        try self.writeManifest(host: host, port: port, accounts: accounts.accounts)
    }

    /// Seeds the database with the training world's reference data.
    package func seed(into store: any Storage, log: (String) -> Void) async throws {
        let year = Day(Date()).year
        let reference = SandboxWorld.reference(years: [year, year + 1])
        let intent = WriteIntent(
            authority: "SANDBOX",
            requestID: "sandbox-seed",
            payload: Data(),
            actor: "licitd sandbox",
            certificate: "",
            action: "reference.import",
            subject: "sandbox world",
            at: Int64(Date().timeIntervalSince1970 * 1000)
        )
        _ = try await store.write(intent) { transaction in
            try reference.apply(to: transaction)
            return Data()
        }
        log(
            "seeded \(reference.countries.count) countries, \(reference.authorities.count) CNAs, \(reference.traders.count) traders, \(reference.substances.count) substances, \(reference.allowances.count) estimates and assessments"
        )
    }

    package func writeManifest(host: String, port: Int, accounts: [Account], adminURL: String? = nil) throws {
        let sealKey = try SealKeyFile.readOrCreate(self.sealKeyFile.path) { _ in }
        let manifest = SandboxManifest(
            address: "\(host):\(port)",
            host: host,
            port: port,
            caFile: self.authorityFolder.appendingPathComponent("cert.pem").path,
            sealPublicKey: sealKey.publicKey.base64EncodedString(),
            sealKeyIdentifier: sealKey.keyID,
            accounts: accounts.sorted { $0.name < $1.name }.map { account in
                SandboxManifest.Entry(
                    name: account.name,
                    country: account.country,
                    authority: account.authority,
                    role: account.role.rawValue,
                    identity: self.identityFolder(account.name).path,
                    certificateFingerprint: account.certificateFingerprint
                )
            },
            adminURL: adminURL
        )
        try JSONEncoder.pretty.encode(manifest).write(to: self.manifestFile, options: .atomic)
    }

    package func readManifest() throws -> SandboxManifest {
        try JSONDecoder.snakeCase.decode(SandboxManifest.self, from: Data(contentsOf: self.manifestFile))
    }

    package func authority() throws -> CertificateAuthority {
        CertificateAuthority(identity: try IssuedIdentity.read(from: self.authorityFolder))
    }
}

/// `manifest.json`: what a client needs to reach the sandbox as any of its accounts.
package struct SandboxManifest: Codable, Sendable {
    package struct Entry: Codable, Sendable {
        package let name: String
        package let country: String
        package let authority: String
        package let role: String
        /// Folder holding cert.pem and key.pem.
        package let identity: String
        package let certificateFingerprint: String
    }

    package let address: String
    package let host: String
    package let port: Int
    package let caFile: String
    /// The exchange's Ed25519 public key (base64 of 32 raw bytes), to verify seals offline.
    package let sealPublicKey: String
    package let sealKeyIdentifier: String
    package let accounts: [Entry]
    /// The operator's HTTP listener (`/metrics`, `/healthz`, `/readyz`) while the sandbox runs.
    package var adminURL: String?
}
