import Crypto
import Foundation

/// One entry of the exchange's audit trail: who (account and certificate), did what, to which
/// subject, with what outcome, when by the exchange's clock. Every state change and every denied
/// attempt is one record.
///
/// Records form a hash chain: each record's hash covers the previous record's hash and all of
/// its own fields, so altering, deleting or reordering any record breaks every link after it.
/// The order of the trail is `sequence`, never `at`.
public struct AuditRecord: Hashable, Sendable, Codable {
    public let sequence: UInt64
    /// Milliseconds since the Unix epoch, on the exchange's clock.
    public let at: Int64
    /// The account name ("" for the exchange itself).
    public let actor: String
    /// The hex SHA-256 fingerprint of the certificate the actor used.
    public let certificate: String
    /// What was attempted, for example "ia.issue" or "ea.cancel".
    public let action: String
    /// What it concerned, for example "FR-ANSM/FR-IA-2026-0001".
    public let subject: String
    /// "ok", or the refusal's reason ("permission_denied", "over_estimate" …).
    public let outcome: String
    public let detail: String
    /// The previous record's hash; 32 zero bytes for the first record.
    public let previousHash: Data
    public let hash: Data

    /// A record as stored; ``AuditChain/append(at:actor:certificate:action:subject:outcome:detail:)``
    /// makes new ones, with their hash.
    public init(
        sequence: UInt64,
        at: Int64,
        actor: String,
        certificate: String,
        action: String,
        subject: String,
        outcome: String,
        detail: String,
        previousHash: Data,
        hash: Data
    ) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.certificate = certificate
        self.action = action
        self.subject = subject
        self.outcome = outcome
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash a record with these fields must carry.
    ///
    /// SHA-256 over: the ASCII tag `licit.audit.v1`, the previous hash, the sequence (8 bytes,
    /// big-endian), `at` (8 bytes, big-endian, two's complement), then each text field as a
    /// 4-byte big-endian length and its UTF-8 bytes, in declaration order.
    public static func hash(
        previousHash: Data,
        sequence: UInt64,
        at: Int64,
        fields: [String]
    ) -> Data {
        var hasher = SHA256()
        hasher.update(utf8: "licit.audit.v1")
        hasher.update(data: previousHash)
        withUnsafeBytes(of: sequence.bigEndian) { hasher.update(bufferPointer: $0) }
        withUnsafeBytes(of: at.bigEndian) { hasher.update(bufferPointer: $0) }
        for field in fields {
            withUnsafeBytes(of: UInt32(field.utf8.count).bigEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(utf8: field)
        }
        return Data(hasher.finalize())
    }

    var fields: [String] {
        [self.actor, self.certificate, self.action, self.subject, self.outcome, self.detail]
    }

    /// The hash recomputed from the record's own fields.
    public var recomputedHash: Data {
        Self.hash(previousHash: self.previousHash, sequence: self.sequence, at: self.at, fields: self.fields)
    }
}
