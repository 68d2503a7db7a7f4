import Foundation

/// Appends records to the audit hash chain and verifies a chain read back from storage.
public struct AuditChain: Sendable {
    public static let genesisHash = Data(count: 32)

    /// The hash and sequence the next record links to.
    public private(set) var head: (sequence: UInt64, hash: Data)
    /// The latest time of any record so far (the exchange's clock never reads earlier).
    public private(set) var latest: Int64 = 0

    /// A chain continuing after `last` (nil for an empty trail).
    public init(after last: AuditRecord? = nil) {
        self.head = last.map { ($0.sequence, $0.hash) } ?? (0, Self.genesisHash)
    }

    /// A chain continuing after the record `sequence` whose hash is `hash` (0 and the genesis
    /// hash for an empty trail).
    public init(sequence: UInt64, hash: Data, latest: Int64 = 0) {
        self.head = (sequence, hash)
        self.latest = latest
    }

    /// The next record, linked to the head; the head moves to it.
    public mutating func append(
        at: Int64,
        actor: String,
        certificate: String,
        action: String,
        subject: String,
        outcome: String,
        detail: String = ""
    ) -> AuditRecord {
        let sequence = self.head.sequence + 1
        let fields = [actor, certificate, action, subject, outcome, detail]
        let hash = AuditRecord.hash(previousHash: self.head.hash, sequence: sequence, at: at, fields: fields)
        let record = AuditRecord(
            sequence: sequence,
            at: at,
            actor: actor,
            certificate: certificate,
            action: action,
            subject: subject,
            outcome: outcome,
            detail: detail,
            previousHash: self.head.hash,
            hash: hash
        )
        self.head = (sequence, hash)
        self.latest = max(self.latest, at)
        return record
    }

    /// The first place the chain is broken.
    public struct BrokenLink: Error, Hashable, Sendable, CustomStringConvertible {
        public enum Kind: String, Hashable, Sendable {
            /// The record's fields no longer produce its hash: it was altered.
            case altered
            /// The record does not follow the one before it: one was deleted, inserted or moved.
            case misplaced
        }

        public let sequence: UInt64
        public let kind: Kind
        public let message: String

        public var description: String { "record \(self.sequence): \(self.message)" }
    }

    /// Checks `records` (in the order stored) from the genesis: returns the first broken link.
    public static func verify(_ records: some Sequence<AuditRecord>) -> BrokenLink? {
        var expected = (sequence: UInt64(1), hash: Self.genesisHash)
        for record in records {
            if record.sequence != expected.sequence || record.previousHash != expected.hash {
                return BrokenLink(
                    sequence: record.sequence,
                    kind: .misplaced,
                    message:
                        "expected record \(expected.sequence) linking to the previous hash; a record was deleted, inserted or reordered"
                )
            }
            if record.recomputedHash != record.hash {
                return BrokenLink(
                    sequence: record.sequence,
                    kind: .altered,
                    message: "its fields do not match its hash; the record was altered"
                )
            }
            expected = (record.sequence + 1, record.hash)
        }
        return nil
    }
}
