import Foundation
import LicitSeal
import Synchronization

/// The exchange's seal keys: the current one, which seals from now on, and the retired ones, kept
/// (public halves only) so that what they sealed keeps verifying. The current key can be replaced
/// while the exchange serves: a document is sealed with the key current when it is written.
public final class SealKeyRing: Sendable {
    private let keys: Mutex<(current: SealKey, retired: [RetiredSealKey])>

    public init(current: SealKey, retired: [RetiredSealKey] = []) {
        self.keys = Mutex((current, retired))
    }

    public var current: SealKey { self.keys.withLock { $0.current } }

    /// Both, read together (a rotation never shows between them); the retired keys oldest first.
    public var all: (current: SealKey, retired: [RetiredSealKey]) { self.keys.withLock { $0 } }

    /// Makes `current` the key that seals, with `retired` the keys before it.
    public func replace(current: SealKey, retired: [RetiredSealKey]) {
        self.keys.withLock { $0 = (current, retired) }
    }
}

/// A seal key no longer used to seal: its public half, and when it was current.
public struct RetiredSealKey: Codable, Sendable, Hashable {
    public let keyID: String
    /// Base64 of the raw 32-byte Ed25519 public key.
    public let publicKey: Data
    /// Milliseconds since 1970: when it began sealing, when known.
    public let validFromMs: Int64?
    /// When it stopped sealing.
    public let validUntilMs: Int64

    // As the snake_case coders of the daemon's files convert `key_id`.
    enum CodingKeys: String, CodingKey {
        case keyID = "keyId"
        case publicKey, validFromMs, validUntilMs
    }

    public init(publicKey: Data, validFromMs: Int64?, validUntilMs: Int64) {
        self.keyID = Seal.keyID(of: publicKey)
        self.publicKey = publicKey
        self.validFromMs = validFromMs
        self.validUntilMs = validUntilMs
    }
}
