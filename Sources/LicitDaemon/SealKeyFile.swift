import Foundation
import LicitExchange
import LicitServerCore

/// The seal key on disk: base64 of the raw 32-byte Ed25519 private key, readable by its owner
/// only. Made on first run; losing it means documents sealed later verify against a new key.
package enum SealKeyFile {
    package static func readOrCreate(_ path: String, log: (String) -> Void) throws -> SealKey {
        let url = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: path) { return try Self.read(path) }
        let key = SealKey.generate()
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.write(key, to: path)
        log("created a new seal key at \(path) (key id \(key.keyID))")
        return key
    }

    /// Writes `key` (its private half, base64) to `path`, readable by its owner only, whole or
    /// not at all.
    static func write(_ key: SealKey, to path: String) throws {
        try AtomicFile.write(Data((key.rawRepresentation.base64EncodedString() + "\n").utf8), to: path, mode: 0o600)
    }

    /// The key at `path`, which must exist.
    package static func read(_ path: String) throws -> SealKey {
        let text = try DaemonConfiguration.readText(path, what: "seal key")
        guard let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let key = try? SealKey(rawRepresentation: raw)
        else {
            throw ValidationFailure("the seal key at \(path) is not the base64 of a 32-byte Ed25519 key")
        }
        return key
    }
}
