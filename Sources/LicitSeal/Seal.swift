import Crypto
import Foundation

/// The exchange's seal on an issued document: an Ed25519 signature over the document's exact
/// stored bytes, so that anyone holding the exchange's public key can verify a printed or
/// forwarded document offline (docs/ARCHITECTURE.md §5).
///
/// The signed message is the ASCII tag `licit.seal.v1`, one zero byte, then the document bytes
/// as stored — never a re-serialization, since protobuf encoding is not canonical. The tag keeps
/// a seal from ever being valid as a signature over anything else.
public enum Seal {
    static let tag = Data("licit.seal.v1".utf8) + Data([0])

    /// The bytes the signature covers.
    public static func message(for document: Data) -> Data {
        Self.tag + document
    }

    /// Signs `document` with the exchange's private key; 64 bytes.
    public static func sign(_ document: Data, with key: Curve25519.Signing.PrivateKey) throws -> Data {
        try key.signature(for: Self.message(for: document))
    }

    /// A seal key's id, as documents, checkpoints and GetSealKey name it: the first 8 bytes of the
    /// SHA-256 of the raw 32-byte public key, in lowercase hex.
    public static func keyID(of publicKey: Data) -> String {
        SHA256.hash(data: publicKey).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `signature` is the exchange's seal on exactly these `document` bytes.
    ///
    /// - Parameter publicKey: the exchange's 32-byte raw Ed25519 public key.
    public static func verify(_ document: Data, signature: Data, publicKey: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: Self.message(for: document))
    }
}
