import Crypto
import Foundation
import LicitExchange
import LicitServerCore
import LicitWire
import Synchronization

/// What a faulted account's client did, one JSON object per line in `FOLDER/ACCOUNT.jsonl`
/// (docs/CONFORMANCE.md describes the fields): the connections it opened and closed, every call
/// with its outcome and the fault inflicted, every inbox event sent to it. A sandbox run starts
/// each journal afresh.
final class ConformanceJournal: Sendable {
    struct Entry: Encodable {
        /// Milliseconds since the Unix epoch on the real clock (a sandbox's clock may run faster).
        var atMs = Date().milliseconds
        var kind: String
        var connection: UInt64?
        var callID: UInt64?
        var method: String?
        var requestID: String?
        var payloadSha256: String?
        var write: Bool?
        var startedMs: Int64?
        var code: Int?
        var reason: String?
        var answered: Bool?
        var fault: String?
        var retryAfterMs: Int?
        var afterSequence: UInt64?
        var fromCursor: Bool?
        var throughSequence: UInt64?
        var sequence: UInt64?
        var expiresMs: Int64?

        init(kind: String, connection: UInt64? = nil, expiresMs: Int64? = nil) {
            self.kind = kind
            self.connection = connection
            self.expiresMs = expiresMs
        }

        static func call(
            _ call: CallFacts,
            started: Date,
            status: LicitStatus,
            answered: Bool,
            fault: PlannedFault?
        ) -> Entry {
            var entry = Entry(kind: "call", connection: call.connection)
            entry.callID = call.callID
            entry.method = call.method
            entry.requestID = call.requestID.isEmpty ? nil : call.requestID
            entry.payloadSha256 = SHA256.hash(data: call.payload).map { String(format: "%02x", $0) }.joined()
            entry.write = call.isWrite
            entry.startedMs = started.milliseconds
            entry.code = status.code.wireValue.rawValue
            entry.reason = status.reason.isEmpty ? nil : status.reason
            entry.answered = answered
            entry.fault = fault?.name
            if case .rateLimited(let milliseconds) = fault { entry.retryAfterMs = milliseconds }
            if call.method == LicitMethod.Inbox.subscribe,
                let request = try? Licit_V1_SubscribeRequest(serializedBytes: call.payload)
            {
                entry.afterSequence = request.afterSequence
                entry.fromCursor = request.fromCursor
            }
            if call.method == LicitMethod.Inbox.acknowledge,
                let request = try? Licit_V1_AcknowledgeRequest(serializedBytes: call.payload)
            {
                entry.throughSequence = request.throughSequence
            }
            return entry
        }
    }

    private let folder: URL
    private let files = Mutex<[String: FileHandle]>([:])
    private let encoder: JSONEncoder

    init(folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.folder = folder
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = .sortedKeys
        self.encoder = encoder
    }

    /// The journal of `account`.
    static func file(of account: String, in folder: URL) -> URL {
        folder.appendingPathComponent("\(account).jsonl")
    }

    func record(_ account: String, _ entry: Entry) {
        guard var line = try? self.encoder.encode(entry) else { return }
        line.append(UInt8(ascii: "\n"))
        self.files.withLock { files in
            if files[account] == nil {
                let url = Self.file(of: account, in: self.folder)
                _ = FileManager.default.createFile(atPath: url.path, contents: nil)
                files[account] = try? FileHandle(forWritingTo: url)
            }
            try? files[account]?.write(contentsOf: line)
        }
    }
}
