import Foundation
import LicitClient

/// What `licit-sim` reads from a sandbox's manifest.json: where it is, and every account.
public struct SimManifest: Decodable, Sendable {
    public struct Account: Decodable, Sendable {
        public let name: String
        public let country: String
        public let authority: String
        public let role: String
        public let identity: String
    }

    public let host: String
    public let port: Int
    public let caFile: String
    public let accounts: [Account]

    public static func read(sandbox: URL) throws -> SimManifest {
        let url = sandbox.appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SimError("no sandbox manifest at \(url.path): start one with `licitd sandbox --data \(sandbox.path)`")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(SimManifest.self, from: data)
        } catch {
            throw SimError("\(url.path) is not a sandbox manifest: \(error)")
        }
    }

    /// The signer of each country's first CNA (`fr-signer`, …), in manifest order.
    public var countrySigners: [Account] {
        self.accounts.filter { $0.role == "signer" && $0.name == "\($0.country.lowercased())-signer" }
    }

    public func account(_ name: String) throws -> Account {
        guard let account = self.accounts.first(where: { $0.name == name }) else {
            throw SimError("the sandbox has no account \(name)")
        }
        return account
    }

    public func configuration(for account: Account, timeout: Duration = .seconds(30)) throws -> LicitClientConfiguration
    {
        var configuration = LicitClientConfiguration(
            host: self.host,
            port: self.port,
            identity: try ClientIdentity.loading(fromDirectory: URL(fileURLWithPath: account.identity)),
            trustedAuthorityPEM: try String(contentsOfFile: self.caFile, encoding: .utf8)
        )
        configuration.defaultTimeout = timeout
        configuration.clientName = "licit-sim/0.1"
        return configuration
    }
}

/// A failure of the simulator itself, told in one line.
public struct SimError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// SplitMix64: small, fast and the same on every platform, so that a seed fixes a plan.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { self.state = seed }

    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
