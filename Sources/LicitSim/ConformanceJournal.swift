import Foundation

/// A faulted account's conformance journal as `licitd sandbox --faults` writes it
/// (`DIR/conformance/NAME.jsonl`, docs/CONFORMANCE.md): one entry per line.
struct ConformanceJournal {
    struct Entry: Decodable {
        var atMs: Int64
        var kind: String
        var connection: UInt64?
        var callId: UInt64?
        var method: String?
        var requestId: String?
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

        var isCall: Bool { self.kind == "call" }
        var isWrite: Bool { self.write ?? false }
        var isOK: Bool { self.answered == true && self.code == 0 }
        /// A write whose outcome its client cannot know: unanswered, or answered
        /// `DEADLINE_EXCEEDED` (4) or `CANCELLED` (1).
        var isIndeterminate: Bool {
            self.isWrite && (self.answered == false || self.code == 4 || self.code == 1)
        }
        var isRateLimited: Bool { self.reason == "rate_limited" }
        /// The same write: same method and payload bytes.
        var writeKey: String { "\(self.method ?? "") \(self.payloadSha256 ?? "")" }
        /// The call a subscription's events belong to.
        var callKey: String { "\(self.connection ?? 0)/\(self.callId ?? 0)" }
    }

    let file: URL
    let entries: [Entry]

    static func read(sandbox: URL, account: String) throws -> ConformanceJournal {
        let file = sandbox.appendingPathComponent("conformance").appendingPathComponent("\(account).jsonl")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw Problem(
                "no conformance journal at \(file.path): run the sandbox with --faults (or --faults-for \(account)=PROFILE), "
                    + "let the client work, then run conform"
            )
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        var entries: [Entry] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            do {
                entries.append(try decoder.decode(Entry.self, from: Data(line)))
            } catch {
                throw Problem("\(file.path) line \(index + 1) is not a journal entry: \(error)")
            }
        }
        return ConformanceJournal(file: file, entries: entries.sorted { $0.atMs < $1.atMs })
    }

    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
