import Foundation

/// Where the exchange is and who we are to it: one named entry of the config file.
package struct Profile: Codable, Sendable, Equatable {
    /// HOST:PORT.
    package var server: String
    /// The PEM file of the CA that signed the exchange's certificate.
    package var ca: String
    /// A folder with cert.pem and key.pem.
    package var identity: String
    /// The exchange's Ed25519 seal key (base64), for offline `licit verify`.
    package var sealPublicKey: String?
    /// Every key it has sealed with, retired ones included (base64), saved by `licit seal-key --save`.
    package var sealPublicKeys: [String]?
}

/// The config file, `$XDG_CONFIG_HOME/licit/config.json` (`~/.config/licit/config.json`), or `$LICIT_CONFIG`.
package struct ProfileFile: Codable, Sendable {
    package var current: String?
    package var profiles: [String: Profile] = [:]

    package static var location: URL {
        let environment = Console.current.environment
        if let explicit = environment["LICIT_CONFIG"], !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        return base.appendingPathComponent("licit/config.json")
    }

    package static func load() throws -> ProfileFile {
        let url = Self.location
        guard FileManager.default.fileExists(atPath: url.path) else { return ProfileFile() }
        do {
            return try JSONDecoder().decode(ProfileFile.self, from: Data(contentsOf: url))
        } catch {
            throw CLIError.usage(
                "cannot read the config file \(url.path): \(error)",
                hint: "fix or delete it; `licit profile add` writes a new one"
            )
        }
    }

    package func save() throws {
        let url = Self.location
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: url, options: .atomic)
    }
}
