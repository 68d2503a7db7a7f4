import Foundation

/// A training sandbox as a client sees it, from the `manifest.json` that `licitd sandbox` writes:
/// where the exchange listens, its CA, its seal key, and every account with its identity folder.
public struct LicitSandbox: Decodable, Sendable {
    public struct Account: Decodable, Sendable {
        public let name: String
        public let country: String
        public let authority: String
        public let role: String
        /// A folder with cert.pem and key.pem.
        public let identity: String
    }

    /// Why a sandbox could not be used.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public let host: String
    public let port: Int
    public let caFile: String
    /// The exchange's Ed25519 seal key, base64.
    public let sealPublicKey: String?
    public let accounts: [Account]
    /// The operator's HTTP listener (`/metrics`, `/healthz`, `/readyz`) while the sandbox runs.
    public let adminURL: String?

    enum CodingKeys: String, CodingKey {
        case host, port, caFile, sealPublicKey, accounts
        // The manifest's snake case, as the decoder converts it.
        case adminURL = "adminUrl"
    }

    /// Reads `DIR/manifest.json`.
    public static func read(sandbox: URL) throws -> LicitSandbox {
        let url = sandbox.appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Problem(
                description:
                    "no sandbox manifest at \(url.path): start one with `licitd sandbox --data \(sandbox.path)`"
            )
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(LicitSandbox.self, from: data)
        } catch {
            throw Problem(description: "\(url.path) is not a sandbox manifest: \(error)")
        }
    }

    public func account(_ name: String) throws -> Account {
        guard let account = self.accounts.first(where: { $0.name == name }) else {
            throw Problem(description: "the sandbox has no account \(name)")
        }
        return account
    }

    /// A client configuration that reaches the sandbox as `account`.
    public func configuration(for account: Account, timeout: Duration = .seconds(30)) throws -> LicitClientConfiguration
    {
        var configuration = LicitClientConfiguration(
            host: self.host,
            port: self.port,
            identity: try ClientIdentity.loading(fromDirectory: URL(fileURLWithPath: account.identity)),
            trustedAuthorityPEM: try String(contentsOfFile: self.caFile, encoding: .utf8)
        )
        configuration.defaultTimeout = timeout
        return configuration
    }
}
