import Crypto
import Foundation
import LicitWire

/// Verifies the audit trail's hash chain record by record, as `licit audit export` receives it,
/// without trusting the exchange's own verification (PROTOCOL.md §15.7): each record's hash is
/// recomputed from its fields, each must link to the record before it, and the last must be the
/// head the exchange reports.
struct AuditChainCheck {
    /// The previous hash of the first record.
    static let genesisHash = Data(count: 32)

    /// The sequence the next record must carry.
    private(set) var expectedSequence: UInt64
    /// The hash the next record must link to; nil when the check starts after the first record
    /// and takes the first record's link as given.
    private(set) var expectedHash: Data?
    /// Records checked.
    private(set) var count = 0
    /// The last record checked.
    private(set) var last: (sequence: UInt64, hash: Data)?
    /// The first problem found, naming its record; nil while the chain is intact.
    private(set) var firstBreak: String?

    /// A check of the records after `sequence`: from the genesis when it is 0.
    init(after sequence: UInt64) {
        self.expectedSequence = sequence + 1
        self.expectedHash = sequence == 0 ? Self.genesisHash : nil
    }

    /// The hash a record with these fields must carry: SHA-256 over the ASCII tag
    /// `licit.audit.v1`, the previous hash, the sequence (8 bytes big-endian), `at_ms` (8 bytes
    /// big-endian, two's complement), then actor, certificate, action, subject, outcome and
    /// detail, each as a 4-byte big-endian length and its UTF-8 bytes.
    static func hash(of entry: Licit_V1_AuditEntry) -> Data {
        var hasher = SHA256()
        hasher.update(data: Data("licit.audit.v1".utf8))
        hasher.update(data: entry.previousHash)
        withUnsafeBytes(of: entry.sequence.bigEndian) { hasher.update(bufferPointer: $0) }
        withUnsafeBytes(of: entry.atMs.bigEndian) { hasher.update(bufferPointer: $0) }
        for field in [entry.actor, entry.certificate, entry.action, entry.subject, entry.outcome, entry.detail] {
            let bytes = Data(field.utf8)
            withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: bytes)
        }
        return Data(hasher.finalize())
    }

    /// Checks the next record. After a break the check goes on from the record received, so
    /// that only the first break is reported.
    mutating func add(_ entry: Licit_V1_AuditEntry) {
        if entry.sequence != self.expectedSequence {
            self.broken(
                "record \(entry.sequence): expected record \(self.expectedSequence) — "
                    + "a record was deleted, inserted or reordered"
            )
        } else if let expected = self.expectedHash, entry.previousHash != expected {
            self.broken(
                "record \(entry.sequence): its previous hash is not the hash of record \(entry.sequence - 1) — "
                    + "a record before it was replaced"
            )
        } else if Self.hash(of: entry) != entry.hash {
            self.broken("record \(entry.sequence): its fields do not match its hash — the record was altered")
        }
        self.count += 1
        self.expectedSequence = entry.sequence + 1
        self.expectedHash = entry.hash
        self.last = (entry.sequence, entry.hash)
    }

    /// Checks that the records received end at the head the exchange reported with the last page.
    mutating func finish(headSequence: UInt64, headHash: Data) {
        guard let last = self.last else {
            // Nothing after the starting point: the head must not be beyond it.
            if headSequence >= self.expectedSequence {
                self.broken(
                    "record \(self.expectedSequence): missing — the exchange's head is record \(headSequence)"
                )
            }
            return
        }
        if last.sequence != headSequence {
            self.broken(
                "record \(last.sequence + 1): missing — the trail received ends at record \(last.sequence), "
                    + "the exchange's head is record \(headSequence)"
            )
        } else if last.hash != headHash {
            self.broken(
                "record \(last.sequence): its hash is not the head the exchange recorded "
                    + "(\(Self.hex(headHash))) — the end of the trail was altered"
            )
        }
    }

    private mutating func broken(_ problem: String) {
        if self.firstBreak == nil { self.firstBreak = problem }
    }

    /// Lowercase hexadecimal.
    static func hex(_ bytes: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
