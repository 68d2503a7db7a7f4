import Foundation
import LicitExchange

/// The seal keys no longer used to seal, beside the seal key file: their public halves and when
/// they sealed, so that what they sealed keeps verifying. `licitd seal-key rotate` writes it;
/// the daemon reads it with the key.
///
/// ```json
/// { "retired": [ { "key_id": "3a5b9c0d1e2f3a4b", "public_key": "BASE64", "valid_until_ms": 1796594660861 } ] }
/// ```
package enum RetiredSealKeys {
    struct File: Codable {
        var retired: [RetiredSealKey]
    }

    /// The file beside `sealKeyPath` unless the configuration names another.
    package static func path(beside sealKeyPath: String, configured: String? = nil) -> String {
        configured
            ?? URL(fileURLWithPath: sealKeyPath).deletingLastPathComponent()
            .appendingPathComponent("retired-seal-keys.json").path
    }

    /// The retired keys, oldest first; none when the file does not exist.
    package static func read(_ path: String) throws -> [RetiredSealKey] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        do {
            return try JSONDecoder.snakeCase.decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
                .retired
        } catch {
            throw ValidationFailure("cannot read the retired seal keys \(path): \(ValidationFailure.explain(error))")
        }
    }

    static func write(_ keys: [RetiredSealKey], to path: String) throws {
        try AtomicFile.write(try JSONEncoder.pretty.encode(File(retired: keys)), to: path, mode: 0o644)
    }

    /// Makes a new key current: the current one is retired (valid until now) and the new one
    /// written in its place, each file replaced in one rename. Returns (retired, new).
    package static func rotate(
        sealKeyPath: String,
        retiredPath: String,
        now: Date = Date()
    ) throws -> (
        retired: SealKey, current: SealKey
    ) {
        let old = try SealKeyFile.read(sealKeyPath)
        var retired = try Self.read(retiredPath)
        let until = Int64(now.timeIntervalSince1970 * 1000)
        retired.append(
            RetiredSealKey(publicKey: old.publicKey, validFromMs: retired.last?.validUntilMs, validUntilMs: until)
        )
        let new = SealKey.generate()
        // The retired key first: a daemon that reads the new key finds the old one listed.
        try Self.write(retired, to: retiredPath)
        try SealKeyFile.write(new, to: sealKeyPath)
        return (old, new)
    }
}

/// Writes a file whole or not at all: a temporary file beside it, synced, then renamed over it.
enum AtomicFile {
    static func write(_ data: Data, to path: String, mode: Int) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: mode])
        else { throw ValidationFailure("cannot write \(temporary)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        try handle.synchronize()
        try handle.close()
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw ValidationFailure("cannot replace \(path): \(reason)")
        }
    }
}
