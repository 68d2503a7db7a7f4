import Foundation
import LicitStorage
import Testing

@Suite("Audit hash chain")
struct AuditChainTests {
    static func trail(_ count: Int) -> [AuditRecord] {
        var chain = AuditChain()
        var records: [AuditRecord] = []
        for index in 0..<count {
            let actor = index % 3 == 0 ? "fr-signer" : "in-signer"
            let action = index % 2 == 0 ? "ia.issue" : "ea.issue"
            let outcome = index % 5 == 0 ? "over_estimate" : "ok"
            let record = chain.append(
                at: 1_795_939_200_000 + Int64(index),
                actor: actor,
                certificate: String(repeating: "ab", count: 32),
                action: action,
                subject: "FR-ANSM/FR-IA-\(index)",
                outcome: outcome,
                detail: "line 1"
            )
            records.append(record)
        }
        return records
    }

    /// The record with one field changed, keeping its stored hash (what a direct UPDATE does).
    static func altered(_ record: AuditRecord, field: Int) -> AuditRecord {
        func text(_ value: String, _ index: Int) -> String { index == field ? value + "x" : value }
        return AuditRecord(
            sequence: record.sequence,
            at: field == 6 ? record.at + 1 : record.at,
            actor: text(record.actor, 0),
            certificate: text(record.certificate, 1),
            action: text(record.action, 2),
            subject: text(record.subject, 3),
            outcome: text(record.outcome, 4),
            detail: text(record.detail, 5),
            previousHash: record.previousHash,
            hash: record.hash
        )
    }

    @Test("an untouched trail verifies, and a chain resumed after its last record continues it")
    func intact() {
        var records = Self.trail(50)
        #expect(AuditChain.verify(records) == nil)
        var resumed = AuditChain(after: records.last)
        records.append(
            resumed.append(
                at: 1,
                actor: "board-admin",
                certificate: "",
                action: "estimate.set",
                subject: "FR/MORPHINE/2026",
                outcome: "ok"
            )
        )
        #expect(AuditChain.verify(records) == nil)
        #expect(records.last?.sequence == 51)
    }

    @Test("altering any field of any record is detected at that record", arguments: 0..<7)
    func alteration(field: Int) {
        let records = Self.trail(20)
        for index in records.indices {
            var tampered = records
            tampered[index] = Self.altered(records[index], field: field)
            let broken = AuditChain.verify(tampered)
            #expect(broken?.sequence == records[index].sequence, "field \(field), record \(index)")
            #expect(broken?.kind == .altered)
        }
    }

    @Test("deleting any record but the last is detected at the record after it")
    func deletion() {
        let records = Self.trail(20)
        for index in records.indices.dropLast() {
            var tampered = records
            tampered.remove(at: index)
            let broken = AuditChain.verify(tampered)
            #expect(broken?.sequence == records[index + 1].sequence)
            #expect(broken?.kind == .misplaced)
        }
    }

    @Test("swapping any two neighbours is detected at the first of them")
    func reordering() {
        let records = Self.trail(20)
        for index in records.indices.dropLast() {
            var tampered = records
            tampered.swapAt(index, index + 1)
            #expect(AuditChain.verify(tampered)?.sequence == records[index + 1].sequence)
        }
    }

    @Test("a record rewritten with a recomputed hash still breaks the link of the next one")
    func rehashed() {
        let records = Self.trail(10)
        let original = records[4]
        let forgedHash = AuditRecord.hash(
            previousHash: original.previousHash,
            sequence: original.sequence,
            at: original.at,
            fields: ["mallory", original.certificate, original.action, original.subject, "ok", ""]
        )
        var tampered = records
        tampered[4] = AuditRecord(
            sequence: original.sequence,
            at: original.at,
            actor: "mallory",
            certificate: original.certificate,
            action: original.action,
            subject: original.subject,
            outcome: "ok",
            detail: "",
            previousHash: original.previousHash,
            hash: forgedHash
        )
        #expect(AuditChain.verify(tampered)?.sequence == 6)
        #expect(AuditChain.verify(tampered)?.kind == .misplaced)
    }

    @Test("the hash is fixed by the documented algorithm (a known answer)")
    func knownAnswer() {
        let hash = AuditRecord.hash(
            previousHash: AuditChain.genesisHash,
            sequence: 1,
            at: 0,
            fields: ["a", "", "b", "c", "ok", ""]
        )
        #expect(hash.count == 32)
        // Lengths prefix every field, so moving a character between fields changes the hash.
        let shifted = AuditRecord.hash(
            previousHash: AuditChain.genesisHash,
            sequence: 1,
            at: 0,
            fields: ["", "a", "b", "c", "ok", ""]
        )
        #expect(hash != shifted)
        #expect(hash.map { String(format: "%02x", $0) }.joined() == Self.knownHash)
    }

    /// Computed independently (Python hashlib) from the algorithm in AuditRecord.hash.
    static let knownHash = "9a87700987b12b51be1171df95ba9064166c2130670e17c8db3e52d42d3357e6"
}
