import Crypto
import Foundation
import LicitClient
import SwiftASN1
import X509

/// Everything the console needs to serve: where the exchange is, whose identities it may act with,
/// how people sign in, and its own HTTPS listener.
public struct ConsoleSetup: Sendable {
    /// How a person proves who they are to the console.
    public enum SignIn: Sendable, Equatable {
        /// A sandbox: choose any of its accounts (training only: anyone who reaches the console may).
        case chooseAccount
        /// The browser presents a client certificate signed by the exchange's CA; the person acts as
        /// the identity given to the console with the same certificate.
        case clientCertificate
    }

    /// An identity the console was given: a folder with cert.pem and key.pem.
    public struct Identity: Sendable {
        public let name: String
        /// What the sandbox says of it (authority, role), and the country it is listed under at
        /// sign-in; the exchange's word on who it is is taken at sign-in.
        public let label: String
        public let group: String
        public let folder: URL
        /// SHA-256 of the certificate's DER, lowercase hex, as the exchange names certificates.
        public let fingerprint: String
    }

    public var signIn: SignIn
    public var identities: [Identity]
    public var exchangeHost: String
    public var exchangePort: Int
    /// The CA that signed the exchange's certificate (and, in a sandbox, every account's).
    public var exchangeCAPEM: String
    public var listenHost: String
    public var listenPort: Int
    /// The console's own certificate chain and key, PEM.
    public var tlsCertificatePEM: String
    public var tlsKeyPEM: String
    /// A signed-in session ends after this long without a request.
    public var sessionIdleLimit: Duration = .seconds(30 * 60)
    /// A session ends this long after sign-in, however busy.
    public var sessionLifetime: Duration = .seconds(12 * 3600)
    /// Sessions open at once, at most: each holds a connection to the exchange.
    public var maxSessions = 500
    /// The sandbox the console serves, if it serves one: its trainees play scenarios.
    public var sandboxFolder: URL?
    /// Multiplies training scenarios' waits and time limits: 1 for a class, less for a rehearsal.
    public var trainingPace: Double = 1

    /// A sandbox made by `licitd sandbox`: its accounts to choose from, and a certificate for the
    /// console made once and kept in `DIR/console/`.
    public static func sandbox(_ folder: URL, listenHost: String, listenPort: Int) throws -> ConsoleSetup {
        let manifest = try LicitSandbox.read(sandbox: folder)
        let identities = try manifest.accounts.map { account in
            let identityFolder = URL(fileURLWithPath: account.identity)
            return Identity(
                name: account.name,
                label: "\(account.authority) · \(account.role)",
                group: account.country.isEmpty ? "Board" : account.country,
                folder: identityFolder,
                fingerprint: try Self.fingerprint(ofCertificateIn: identityFolder)
            )
        }
        let (certificate, key) = try ConsoleCertificate.loadOrMake(
            in: folder.appendingPathComponent("console"),
            hostname: listenHost
        )
        var setup = ConsoleSetup(
            signIn: .chooseAccount,
            identities: identities,
            exchangeHost: manifest.host,
            exchangePort: manifest.port,
            exchangeCAPEM: try Self.read(manifest.caFile, what: "the exchange's CA certificate"),
            listenHost: listenHost,
            listenPort: listenPort,
            tlsCertificatePEM: certificate,
            tlsKeyPEM: key
        )
        setup.sandboxFolder = folder
        return setup
    }

    /// A real exchange: every sub-folder of `identities` with a cert.pem and key.pem is an identity
    /// the console may act with, for the person whose browser presents the same certificate.
    public static func certificates(
        exchangeHost: String,
        exchangePort: Int,
        exchangeCAFile: String,
        identities folder: URL,
        listenHost: String,
        listenPort: Int,
        tlsCertificateFile: String,
        tlsKeyFile: String
    ) throws -> ConsoleSetup {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let identities = try entries.sorted().compactMap { name -> Identity? in
            let identityFolder = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: identityFolder.appendingPathComponent("key.pem").path) else {
                return nil
            }
            return Identity(
                name: name,
                label: name,
                group: "",
                folder: identityFolder,
                fingerprint: try Self.fingerprint(ofCertificateIn: identityFolder)
            )
        }
        guard !identities.isEmpty else {
            throw ConsoleError.setup(
                "\(folder.path) holds no identity (a folder with cert.pem and key.pem for each person)"
            )
        }
        return ConsoleSetup(
            signIn: .clientCertificate,
            identities: identities,
            exchangeHost: exchangeHost,
            exchangePort: exchangePort,
            exchangeCAPEM: try Self.read(exchangeCAFile, what: "the exchange's CA certificate"),
            listenHost: listenHost,
            listenPort: listenPort,
            tlsCertificatePEM: try Self.read(tlsCertificateFile, what: "the console's certificate"),
            tlsKeyPEM: try Self.read(tlsKeyFile, what: "the console's private key")
        )
    }

    /// A client configuration that reaches the exchange as `identity`.
    func clientConfiguration(for identity: Identity) throws -> LicitClientConfiguration {
        var configuration = LicitClientConfiguration(
            host: self.exchangeHost,
            port: self.exchangePort,
            identity: try ClientIdentity.loading(fromDirectory: identity.folder),
            trustedAuthorityPEM: self.exchangeCAPEM
        )
        configuration.defaultTimeout = .seconds(20)
        return configuration
    }

    func identity(named name: String) -> Identity? {
        self.identities.first { $0.name == name }
    }

    func identity(withFingerprint fingerprint: String) -> Identity? {
        self.identities.first { $0.fingerprint == fingerprint }
    }

    static func fingerprint(ofCertificateIn folder: URL) throws -> String {
        let pem = try Self.read(folder.appendingPathComponent("cert.pem").path, what: "a certificate")
        return try Self.fingerprint(pem: pem)
    }

    static func fingerprint(pem: String) throws -> String {
        let document = try PEMDocument(pemString: pem)
        return Self.fingerprint(der: document.derBytes)
    }

    static func fingerprint(der: [UInt8]) -> String {
        SHA256.hash(data: der).map { String(format: "%02x", $0) }.joined()
    }

    private static func read(_ path: String, what: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConsoleError.setup("cannot read \(what) at \(path): \(error.localizedDescription)")
        }
    }
}

/// Why the console cannot start.
public enum ConsoleError: Error, CustomStringConvertible {
    case setup(String)

    public var description: String {
        switch self {
        case .setup(let message): message
        }
    }
}
