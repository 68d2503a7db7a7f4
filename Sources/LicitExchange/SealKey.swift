import Crypto
import Foundation
import LicitSeal
import LicitStorage

/// The exchange's Ed25519 signing key for seals (docs/ARCHITECTURE.md §5).
public struct SealKey: Sendable {
    /// Immutable once made, and signing does not mutate it.
    nonisolated(unsafe) let privateKey: Curve25519.Signing.PrivateKey
    /// The raw 32-byte public key anyone verifies seals with.
    public let publicKey: Data

    public init(rawRepresentation: Data) throws {
        self.privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation)
        self.publicKey = self.privateKey.publicKey.rawRepresentation
    }

    /// A new random key.
    public static func generate() -> SealKey {
        try! SealKey(rawRepresentation: Curve25519.Signing.PrivateKey().rawRepresentation)
    }

    public var rawRepresentation: Data { self.privateKey.rawRepresentation }

    /// A short, stable name for the key: the first 8 bytes of its SHA-256, in hex.
    public var keyID: String { Seal.keyID(of: self.publicKey) }

    func sign(_ content: Data) throws -> Data {
        try Seal.sign(content, with: self.privateKey)
    }
}
