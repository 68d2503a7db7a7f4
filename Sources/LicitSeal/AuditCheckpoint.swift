import Crypto
import Foundation

/// The exchange's signed statement of its audit trail's head at a moment (in the spirit of
/// Certificate Transparency's signed tree heads): record `sequence` has hash `headHash`. Kept
/// outside the database (the Board's inbox, an append-only file), it shows any later rewrite of
/// the trail up to that record, however consistent, when the trail is verified against it.
///
/// Signed with the seal key over the ASCII tag `licit.checkpoint.v1`, one zero byte, the sequence
/// (8 bytes, big-endian), the 32-byte head hash, the time in milliseconds since 1970 (8 bytes,
/// big-endian) and the key id in ASCII: never valid as a document's seal, nor the reverse.
public struct AuditCheckpoint: Sendable, Hashable {
    public let sequence: UInt64
    public let headHash: Data
    public let atMilliseconds: Int64
    public let keyID: String
    public let signature: Data

    static let tag = Data("licit.checkpoint.v1".utf8) + Data([0])
    static let prefix = "licit-checkpoint-v1"

    public init(sequence: UInt64, headHash: Data, atMilliseconds: Int64, keyID: String, signature: Data) {
        self.sequence = sequence
        self.headHash = headHash
        self.atMilliseconds = atMilliseconds
        self.keyID = keyID
        self.signature = signature
    }

    /// Seals the head `sequence`, `headHash` at `atMilliseconds` with `key`.
    public static func seal(
        sequence: UInt64,
        headHash: Data,
        atMilliseconds: Int64,
        keyID: String,
        with key: Curve25519.Signing.PrivateKey
    ) throws -> AuditCheckpoint {
        let message = Self.message(sequence: sequence, headHash: headHash, at: atMilliseconds, keyID: keyID)
        return AuditCheckpoint(
            sequence: sequence,
            headHash: headHash,
            atMilliseconds: atMilliseconds,
            keyID: keyID,
            signature: try key.signature(for: message)
        )
    }

    static func message(sequence: UInt64, headHash: Data, at milliseconds: Int64, keyID: String) -> Data {
        var message = Self.tag
        withUnsafeBytes(of: sequence.bigEndian) { message.append(contentsOf: $0) }
        message.append(headHash)
        withUnsafeBytes(of: milliseconds.bigEndian) { message.append(contentsOf: $0) }
        message.append(Data(keyID.utf8))
        return message
    }

    /// Whether the signature is the exchange's with the Ed25519 public key `publicKey` (32 raw bytes).
    public func isSealed(by publicKey: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        let message = Self.message(
            sequence: self.sequence,
            headHash: self.headHash,
            at: self.atMilliseconds,
            keyID: self.keyID
        )
        return key.isValidSignature(self.signature, for: message)
    }

    /// One line of text, as the checkpoint file and the Board's inbox carry it:
    /// `licit-checkpoint-v1 SEQUENCE HEAD-HASH-HEX AT-MS KEY-ID SIGNATURE-BASE64`.
    public var line: String {
        let hash = self.headHash.map { String(format: "%02x", $0) }.joined()
        return
            "\(Self.prefix) \(self.sequence) \(hash) \(self.atMilliseconds) \(self.keyID) \(self.signature.base64EncodedString())"
    }

    /// Reads a ``line``; nil when it is not one.
    public init?(line: some StringProtocol) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 6, fields[0] == Self.prefix,
            let sequence = UInt64(fields[1]),
            fields[2].count == 64, let hash = Self.bytes(hex: fields[2]),
            let at = Int64(fields[3]),
            !fields[4].isEmpty,
            let signature = Data(base64Encoded: String(fields[5])), signature.count == 64
        else { return nil }
        self.init(
            sequence: sequence,
            headHash: hash,
            atMilliseconds: at,
            keyID: String(fields[4]),
            signature: signature
        )
    }

    private static func bytes(hex: some StringProtocol) -> Data? {
        var bytes = Data()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}

extension AuditCheckpoint {
    /// The checkpoints of a file of ``line``s (blank lines and `#` comments skipped); throws on a
    /// line that is not one, naming it.
    public static func read(_ file: URL) throws -> [AuditCheckpoint] {
        let text = try String(contentsOf: file, encoding: .utf8)
        var checkpoints: [AuditCheckpoint] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let checkpoint = AuditCheckpoint(line: trimmed) else {
                throw UnreadableCheckpoint(file: file.path, line: index + 1)
            }
            checkpoints.append(checkpoint)
        }
        return checkpoints
    }

    /// What is wrong with a trail against these checkpoints: `hashes` are the trail's record hashes
    /// by sequence, `last` its last sequence, `keys` the exchange's seal public keys by key id. A
    /// checkpoint not sealed by a known key counts for nothing and is reported; a sealed one whose
    /// record is missing or has another hash means the trail was rewritten up to it.
    public static func problems(
        _ checkpoints: [AuditCheckpoint],
        hashes: [UInt64: Data],
        last: UInt64,
        keys: [String: Data]
    ) -> [String] {
        var problems: [String] = []
        for checkpoint in checkpoints {
            let when = Date(timeIntervalSince1970: Double(checkpoint.atMilliseconds) / 1000).formatted(.iso8601)
            let name = "checkpoint of record \(checkpoint.sequence) (\(when))"
            guard let key = keys[checkpoint.keyID] else {
                problems.append("\(name): sealed with key \(checkpoint.keyID), which is not one of the exchange's")
                continue
            }
            guard checkpoint.isSealed(by: key) else {
                problems.append("\(name): its seal is not the exchange's — the checkpoint itself was altered")
                continue
            }
            guard checkpoint.sequence <= last, let hash = hashes[checkpoint.sequence] else {
                problems.append(
                    "\(name): the trail ends at record \(last) — records the exchange had sealed were removed"
                )
                continue
            }
            if hash != checkpoint.headHash {
                problems.append(
                    "\(name): record \(checkpoint.sequence) is not the one sealed — the trail was rewritten at or before it"
                )
            }
        }
        return problems
    }
}

/// A line of a checkpoint file that is not a checkpoint.
public struct UnreadableCheckpoint: Error, CustomStringConvertible {
    public let file: String
    public let line: Int
    public var description: String {
        "\(self.file), line \(self.line): not a checkpoint (licit-checkpoint-v1 SEQUENCE HASH AT-MS KEY-ID SIGNATURE)"
    }
}
