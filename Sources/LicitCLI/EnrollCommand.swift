import ArgumentParser
import Crypto
import Foundation
import LicitClient
import LicitWire
import SwiftASN1
import X509

extension AdminCommand {
    /// `licit admin enroll`: a new account whose private key is made here and never sent.
    struct Enroll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Enrol a new account: make its key here, have the exchange's CA certify it, write its identity folder.",
            discussion: """
                The private key never leaves this machine: the exchange sees only a signed certificate
                request. A country admin enrols accounts of its own country's CNAs; the Board any. Example:
                  licit admin enroll --name fr-officer-2 --role officer --out ./fr-officer-2
                  licit profile add fr-officer-2 --server 127.0.0.1:7443 \\
                      --ca sandbox/ca/cert.pem --identity ./fr-officer-2
                """
        )
        static let roles: [String: Licit_V1_Role] = [
            "board_admin": .boardAdmin, "board_observer": .boardObserver, "country_admin": .countryAdmin,
            "officer": .officer, "signer": .signer, "viewer": .viewer,
        ]

        @Option(name: .long, help: "The new account's name (a-z, 0-9 and -).")
        var name: String

        @Option(name: .long, help: "officer, signer, viewer, country_admin, board_admin or board_observer.")
        var role: String

        @Option(name: .long, help: ArgumentHelp("The account's CNA (default: yours).", valueName: "code"))
        var authority: String?

        @Option(name: .long, help: ArgumentHelp("The identity folder to create (cert.pem, key.pem).", valueName: "dir"))
        var out: String

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            guard let role = Self.roles[self.role] else {
                throw CLIError.usage(
                    "unknown role \(self.role)",
                    hint: "one of " + Self.roles.keys.sorted().joined(separator: ", ")
                )
            }
            let folder = URL(fileURLWithPath: self.out)
            for file in ["cert.pem", "key.pem"]
            where FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path) {
                throw CLIError.usage("\(self.out) already holds \(file): choose a new folder for the new identity")
            }
            let key = P256.Signing.PrivateKey()
            let request = try Self.certificateRequest(name: self.name, key: key)
            try Issuing.ask("enrol \(self.name) as \(self.role)", write: self.write)
            let response = try await self.connection.withClient { client in
                try await client.enrollAccount(
                    name: self.name,
                    role: role,
                    authority: self.authority?.uppercased() ?? "",
                    certificateRequest: request,
                    requestID: self.write.resolvedRequestID
                )
            }
            try Self.writeIdentity(folder, certificatePEM: response.certificatePem, keyPEM: key.pemRepresentation)
            if self.output.json {
                Output.print(json: [
                    "account": Output.value(response.account), "identity": folder.standardizedFileURL.path,
                ])
            } else {
                Console.current.out(
                    "enrolled \(response.account.name) at \(response.account.authority); identity in \(folder.path)\n"
                        + "certificate \(response.account.certificateFingerprint)"
                        + (response.account.pendingApproval
                            ? "\nawaiting the Board's approval: it can connect once a board admin approves it"
                            : "")
                )
            }
        }

        /// A PKCS #10 request for `key`, signed with it, in DER.
        static func certificateRequest(name: String, key: P256.Signing.PrivateKey) throws -> Data {
            let request = try CertificateSigningRequest(
                version: .v1,
                subject: try DistinguishedName { CommonName(name) },
                privateKey: .init(key),
                attributes: CertificateSigningRequest.Attributes(),
                signatureAlgorithm: .ecdsaWithSHA256
            )
            var serializer = DER.Serializer()
            try serializer.serialize(request)
            return Data(serializer.serializedBytes)
        }

        static func writeIdentity(_ folder: URL, certificatePEM: String, keyPEM: String) throws {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let keyFile = folder.appendingPathComponent("key.pem")
                _ = FileManager.default.createFile(
                    atPath: keyFile.path,
                    contents: nil,
                    attributes: [.posixPermissions: 0o600]
                )
                try Data(keyPEM.utf8).write(to: keyFile)
                try Data(certificatePEM.utf8).write(to: folder.appendingPathComponent("cert.pem"))
            } catch {
                throw CLIError.usage(
                    "the account was enrolled but its identity could not be written to \(folder.path): \(error.localizedDescription)",
                    hint: "the certificate is useless without the key: ask an admin to revoke it and enrol again"
                )
            }
        }
    }
}
