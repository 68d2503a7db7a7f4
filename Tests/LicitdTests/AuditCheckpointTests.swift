import Crypto
import Foundation
import LicitClient
import LicitSeal
import Testing

/// Checkpoints of the audit trail end to end: delivered at start and on demand to the sandbox's
/// checkpoint file and the Board's inbox, fetched by the Board only, and `licitd audit verify
/// --checkpoints` holding the trail to them.
@Suite("Audit checkpoints: sealed heads kept outside the database, and the trail verified against them")
struct AuditCheckpointTests {
    @Test("delivered at start and on demand, in the file and the Board's inbox; verify holds the trail to them")
    func deliveredAndChecked() async throws {
        try await SandboxDaemonTests.withSandbox { directory, manifest in
            let file = directory.appendingPathComponent("audit-checkpoints.log")
            let sealKey = try #require(Data(base64Encoded: manifest.sealPublicKey ?? ""))
            // The exchange delivers one as it starts.
            let first = try await Self.lines(of: file, atLeast: 1).first
            let started = try #require(first.flatMap { AuditCheckpoint(line: $0) }, "\(String(describing: first))")
            #expect(started.isSealed(by: sealKey))

            let france = try SandboxDaemonTests.configuration(manifest, account: "fr-signer")
            try await withLicitClient(france) { client in
                let content = MigrateTests.content(importer: try await client.recognisedAccount().authority)
                _ = try await client.issueImportAuthorization(content, requestID: "checkpoint-ia")
                await #expect(throws: LicitClientError.self, "a CNA may not fetch checkpoints") {
                    try await client.auditCheckpoint()
                }
            }
            let board = try SandboxDaemonTests.configuration(manifest, account: "board-admin")
            let delivered = try await withLicitClient(board) { client in
                let delivered = try await client.deliverAuditCheckpoint(requestID: "checkpoint-1")
                #expect(delivered.sequence > started.sequence)
                #expect(delivered.isSealed(publicKey: sealKey))
                let again = try await client.deliverAuditCheckpoint(requestID: "checkpoint-1")
                #expect(again == delivered, "a retry answers the checkpoint first delivered")
                let now = try await client.auditCheckpoint()
                #expect(now.sequence > delivered.sequence, "the delivery itself is audited")
                let events = try await client.inboxEvents(limit: 1000).events.filter { $0.kind == "audit_checkpoint" }
                #expect(
                    events.contains { $0.summary == delivered.line && $0.subject == "checkpoint/\(delivered.sequence)" }
                )
                return delivered
            }
            #expect(try await Self.lines(of: file, atLeast: 2).contains(delivered.line))

            let data = ["--data", directory.path, "--checkpoints"]
            let intact = try SandboxDaemonTests.run(["audit", "verify"] + data + [file.path])
            #expect(intact.status == 0, "\(intact.output)")
            #expect(intact.output.contains("checkpoints of"), "\(intact.output)")

            // A checkpoint sealed by the exchange's key for another hash: as if the trail had been
            // rewritten up to it since.
            let raw = try String(contentsOf: directory.appendingPathComponent("seal/key.b64"), encoding: .utf8)
            let key = try Curve25519.Signing.PrivateKey(
                rawRepresentation: try #require(
                    Data(base64Encoded: raw.trimmingCharacters(in: .whitespacesAndNewlines))
                )
            )
            var otherHash = delivered.headHash
            otherHash[0] ^= 1
            let rewritten = try AuditCheckpoint.seal(
                sequence: delivered.sequence,
                headHash: otherHash,
                atMilliseconds: delivered.atMs,
                keyID: delivered.keyID,
                with: key
            )
            let forged = AuditCheckpoint(
                sequence: delivered.sequence,
                headHash: otherHash,
                atMilliseconds: delivered.atMs,
                keyID: delivered.keyID,
                signature: delivered.signature
            )
            let beyond = try AuditCheckpoint.seal(
                sequence: delivered.sequence + 1_000,
                headHash: delivered.headHash,
                atMilliseconds: delivered.atMs,
                keyID: delivered.keyID,
                with: key
            )
            for (checkpoint, expected) in [
                (rewritten, "the trail was rewritten"), (forged, "its seal is not the exchange's"),
                (beyond, "records the exchange had sealed were removed"),
            ] {
                let case_ = directory.appendingPathComponent("case.log")
                try Data((checkpoint.line + "\n").utf8).write(to: case_)
                let verified = try SandboxDaemonTests.run(["audit", "verify"] + data + [case_.path])
                #expect(verified.status == 1, "\(verified.output)")
                #expect(verified.output.contains(expected), "\(verified.output)")
            }
            let garbled = directory.appendingPathComponent("garbled.log")
            try Data("licit-checkpoint-v1 12 not-a-hash\n".utf8).write(to: garbled)
            let unreadable = try SandboxDaemonTests.run(["audit", "verify"] + data + [garbled.path])
            #expect(unreadable.status != 0 && unreadable.output.contains("line 1"), "\(unreadable.output)")
        }
    }

    /// The file's lines once it has at least `count` (20 s at most).
    static func lines(of file: URL, atLeast count: Int) async throws -> [String] {
        for _ in 0..<400 {
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            let lines = text.split(separator: "\n").map(String.init)
            if lines.count >= count { return lines }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CheckpointFileTimeout(file: file.path, count: count)
    }

    struct CheckpointFileTimeout: Error {
        let file: String
        let count: Int
    }
}
