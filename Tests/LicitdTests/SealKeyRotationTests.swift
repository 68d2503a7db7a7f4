import Foundation
import LicitClient
import LicitDaemon
import LicitPKI
import Testing

/// A new seal key made current while the daemon serves: what the old one sealed keeps verifying,
/// documents, checkpoints and prints alike.
@Suite("Seal key rotation without downtime")
struct SealKeyRotationTests {
    @Test(
        "licitd seal-key rotate: the daemon seals with the new key within seconds, and everything the old one sealed verifies"
    )
    func rotate() async throws {
        try await SandboxDaemonTests.withSandbox { directory, manifest in
            let france = try SandboxDaemonTests.configuration(manifest, account: "fr-signer")
            let data = ["--data", directory.path]
            try await withLicitClient(france) { client in
                let old = try await client.sealKey()
                let authority = try await client.recognisedAccount().authority
                let first = try await client.issueImportAuthorization(
                    MigrateTests.content("IA-ROTATE-1", importer: authority),
                    requestID: "rotate-1"
                )
                #expect(first.isSealValid(publicKey: old.publicKey))

                let rotated = try SandboxDaemonTests.run(["seal-key", "rotate"] + data)
                #expect(rotated.status == 0, "\(rotated.output)")
                var new = old
                for _ in 0..<100 where new.keyID == old.keyID {
                    try await Task.sleep(for: .milliseconds(100))
                    new = try await client.sealKey()
                }
                #expect(new.keyID != old.keyID, "the daemon did not take the new key up")
                #expect(new.keys.map(\.keyID) == [old.keyID, new.keyID], "both listed, the current last")
                #expect(new.keys.first?.validUntilMs ?? 0 > 0 && new.keys.last?.validUntilMs == 0)

                let second = try await client.issueImportAuthorization(
                    MigrateTests.content("IA-ROTATE-2", importer: authority),
                    requestID: "rotate-2"
                )
                #expect(second.isSealValid(publicKey: new.publicKey))
                #expect(!second.isSealValid(publicKey: old.publicKey))
                let again = try await client.document(authority: authority, number: "IA-ROTATE-1")
                #expect(again.isSealValid(publicKey: old.publicKey), "what the old key sealed still verifies")

                // Prints: verified with the key set, by the key id each names.
                let licit = SandboxDaemonTests.licitd.deletingLastPathComponent().appendingPathComponent("licit")
                let connection = [
                    "--server", "\(manifest.host):\(manifest.port)", "--ca", manifest.caFile, "--identity",
                    try #require(manifest.accounts.first { $0.name == "fr-signer" }).identity,
                ]
                // No profile: the keys are given.
                let environment = ["HOME": directory.path, "PATH": "/usr/bin:/bin"]
                let keys = [old, new].flatMap { ["--public-key", $0.publicKey.base64EncodedString()] }
                for number in ["IA-ROTATE-1", "IA-ROTATE-2"] {
                    let print = directory.appendingPathComponent("\(number).txt").path
                    let exported = try SandboxDaemonTests.run(
                        ["export", "\(authority)/\(number)", "--format", "text", "--output", print] + connection,
                        program: licit,
                        environment: environment
                    )
                    #expect(exported.status == 0, "\(exported.output)")
                    let verified = try SandboxDaemonTests.run(
                        ["verify", print] + keys,
                        program: licit,
                        environment: environment
                    )
                    #expect(verified.status == 0, "\(number): \(verified.output)")
                }
                let oldPrint = directory.appendingPathComponent("IA-ROTATE-1.txt").path
                let onlyNew = try SandboxDaemonTests.run(
                    ["verify", oldPrint, "--public-key", new.publicKey.base64EncodedString()],
                    program: licit,
                    environment: environment
                )
                #expect(
                    onlyNew.status == 4 && onlyNew.output.contains("names seal key \(old.keyID)"),
                    "\(onlyNew.output)"
                )
            }
            // The checkpoint sealed with the old key at start, and one with the new key, both hold.
            let board = try SandboxDaemonTests.configuration(manifest, account: "board-admin")
            _ = try await withLicitClient(board) { try await $0.deliverAuditCheckpoint() }
            let file = directory.appendingPathComponent("audit-checkpoints.log").path
            let verified = try SandboxDaemonTests.run(["audit", "verify"] + data + ["--checkpoints", file])
            #expect(verified.status == 0, "\(verified.output)")
            let listed = try SandboxDaemonTests.run(["seal-key", "list"] + data)
            #expect(listed.output.contains("retired") && listed.output.contains("current"), "\(listed.output)")
        }
    }
}

/// A renewed server certificate served without a restart.
@Suite("Server certificate renewal without downtime")
struct ServerCertificateRenewalTests {
    @Test(
        "a certificate and key written over the old ones are served to new connections within seconds",
        .enabled(if: AdminListenerTests.parserAvailable)
    )
    func renew() async throws {
        try await SandboxDaemonTests.withSandbox { directory, manifest in
            let admin = try #require(manifest.adminURL)
            let server = directory.appendingPathComponent("server")
            let authority = CertificateAuthority(
                identity: try IssuedIdentity.read(from: directory.appendingPathComponent("ca"))
            )
            let renewed = try authority.issueServerCertificate(
                commonName: "licitd sandbox renewed",
                dnsNames: ["localhost"],
                ipAddresses: ["127.0.0.1", "::1"],
                notAfter: Date().addingTimeInterval(400 * 86_400)
            )
            try renewed.write(to: server)
            var expiry = 0.0
            for _ in 0..<100 {
                expiry =
                    try AdminListenerTests.scrape(admin, "/metrics").samples["licit_server_certificate_expiry_seconds"]
                    ?? 0
                if abs(expiry - 400 * 86_400) < 86_400 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(
                abs(expiry - 400 * 86_400) < 86_400,
                "the daemon did not take the renewed certificate up: \(expiry) s left"
            )
            let identity = try #require(manifest.accounts.first { $0.name == "fr-signer" }).identity
            let served = try SandboxDaemonTests.run(
                [
                    "-c",
                    "openssl s_client -connect 127.0.0.1:\(manifest.port) -CAfile \(manifest.caFile) -cert \(identity)/cert.pem -key \(identity)/key.pem -alpn licit/1 </dev/null 2>/dev/null | openssl x509 -noout -subject",
                ],
                program: URL(fileURLWithPath: "/bin/sh")
            ).output
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") {
                #expect(served.contains("licitd sandbox renewed"), "a new connection got: \(served)")
            }
            let configuration = try SandboxDaemonTests.configuration(manifest, account: "fr-signer")
            let echoed = try await withLicitClient(configuration) { try await $0.echo(Data("renewed".utf8)) }
            #expect(echoed == Data("renewed".utf8))
        }
    }
}

/// A CA rollover: the CA file holds the new CA and the old, both trusted through the overlap.
@Suite("CA rollover")
struct CertificateAuthorityRolloverTests {
    @Test("a CA file of two certificates: leaves of both are accepted, the new one issues, others are refused")
    func overlap() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ca-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = try CertificateAuthority.make(name: "Licit CA 2026")
        let new = try CertificateAuthority.make(name: "Licit CA 2027")
        let stranger = try CertificateAuthority.make(name: "Someone else's CA")
        let bundle = folder.appendingPathComponent("ca.pem")
        try Data((try new.identity.certificatePEM + "\n" + old.identity.certificatePEM).utf8).write(to: bundle)
        let newKey = folder.appendingPathComponent("new-key.pem")
        try Data(try new.identity.privateKeyPEM.utf8).write(to: newKey)

        var configuration = DaemonConfiguration.everySetting
        configuration.caCertificate = bundle.path
        configuration.caKey = newKey.path
        let trusted = try configuration.trustedAuthorities()
        #expect(trusted == [new.identity.certificate, old.identity.certificate])
        #expect(try configuration.certificateAuthority()?.identity.certificate == new.identity.certificate)

        let verifier = ClientCertificateVerifier(authorities: trusted)
        for (issuer, accepted) in [(old, true), (new, true), (stranger, false)] {
            let leaf = try issuer.issueClientCertificate(commonName: "fr-signer")
            let verified = verifier.verify(chain: [try leaf.derEncoded], at: Date())
            switch verified {
            case .success: #expect(accepted, "\(issuer.identity.certificate.subject) accepted")
            case .failure(let rejection):
                #expect(!accepted && rejection.reason == "unknown_issuer", "\(rejection)")
            }
        }

        // The old CA's key with only the new CA listed: refused, naming the mismatch.
        let oldKey = folder.appendingPathComponent("old-key.pem")
        try Data(try old.identity.privateKeyPEM.utf8).write(to: oldKey)
        try Data(try new.identity.certificatePEM.utf8).write(to: bundle)
        configuration.caKey = oldKey.path
        #expect(throws: ValidationFailure.self) { try configuration.certificateAuthority() }
    }
}
