import Foundation
import LicitModel
import LicitSeal
import LicitStorage

/// Checkpoints of the audit trail: its head sealed with the exchange's key, kept outside the
/// database — in the Board's inbox (event `audit_checkpoint`) and the operator's append-only file
/// (``CheckpointLog``) — so that `licitd audit verify --checkpoints` catches a trail rewritten
/// consistently, which the hash chain alone cannot.
extension Exchange {
    /// The trail's head now, sealed; nothing is written.
    public func checkpoint() async throws -> AuditCheckpoint {
        let head = try await self.storage.auditHead()
        return try self.sealKey.checkpoint(sequence: head.sequence, hash: head.hash, at: self.moment.milliseconds)
    }

    /// Seals the head and delivers it: an event to the Board's inbox (an audited write) and a line
    /// in the checkpoint file. `caller` is a Board admin asking for one; nil for the exchange's
    /// own, made at its interval, one per head whichever daemon makes it.
    @discardableResult
    public func deliverCheckpoint(by caller: Caller? = nil, payload: Data = Data()) async throws -> AuditCheckpoint {
        let checkpoint = try await self.checkpoint()
        let effect: @Sendable (any LedgerTransaction) throws -> Data = { transaction in
            try transaction.appendEvent(
                Self.event(
                    about: "checkpoint/\(checkpoint.sequence)",
                    status: "sealed",
                    to: DocumentLedger.board,
                    "audit_checkpoint",
                    checkpoint.line,
                    at: checkpoint.atMilliseconds
                )
            )
            return Data(checkpoint.line.utf8)
        }
        let subject = "record \(checkpoint.sequence)"
        let answer: Data
        if let caller {
            answer = try await self.write(
                caller,
                action: "audit.checkpoint",
                subject: subject,
                payload: payload,
                effect
            )
        } else {
            let intent = WriteIntent.byTheExchange(
                requestID: "checkpoint-\(checkpoint.sequence)",
                action: "audit.checkpoint",
                subject: subject,
                at: checkpoint.atMilliseconds
            )
            answer = try await self.storage.write(intent, effect)
            self.inbox.written()
        }
        // A retried request answers the checkpoint it delivered the first time.
        let delivered = AuditCheckpoint(line: String(decoding: answer, as: UTF8.self)) ?? checkpoint
        try self.checkpointLog.append(delivered)
        return delivered
    }
}

/// The operator's append-only file of checkpoints, one ``AuditCheckpoint/line`` per line, each
/// synced to the disk before the delivery is reported. None when no file is configured.
public final class CheckpointLog: Sendable {
    public let file: URL?
    private let lock = NSLock()

    public init(file: URL?) {
        self.file = file
    }

    func append(_ checkpoint: AuditCheckpoint) throws {
        guard let file = self.file else { return }
        try self.lock.withLock {
            let descriptor = open(file.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
            guard descriptor >= 0 else {
                throw ExchangeError(
                    "internal_error",
                    "cannot open the checkpoint file \(file.path): \(String(cString: strerror(errno)))"
                )
            }
            defer { close(descriptor) }
            let line = Array((checkpoint.line + "\n").utf8)
            let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == line.count, fsync(descriptor) == 0 else {
                throw ExchangeError(
                    "internal_error",
                    "cannot write the checkpoint file \(file.path): \(String(cString: strerror(errno)))"
                )
            }
        }
    }
}

extension SealKey {
    func checkpoint(sequence: UInt64, hash: Data, at milliseconds: Int64) throws -> AuditCheckpoint {
        try AuditCheckpoint.seal(
            sequence: sequence,
            headHash: hash,
            atMilliseconds: milliseconds,
            keyID: self.keyID,
            with: self.privateKey
        )
    }
}
