import Foundation
import LicitClient

extension LicitClientConfiguration {
    /// The SDK's configuration for a sandbox identity folder on a local daemon's `port`, trusting
    /// the sandbox CA's PEM `authority`.
    static func sandbox(_ folder: String, port: Int, authority: String) throws -> LicitClientConfiguration {
        var configuration = LicitClientConfiguration(
            host: "127.0.0.1",
            port: port,
            identity: try ClientIdentity.loading(fromDirectory: URL(fileURLWithPath: folder)),
            trustedAuthorityPEM: authority
        )
        configuration.serverHostname = "localhost"
        return configuration
    }
}
