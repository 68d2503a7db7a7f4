import Crypto
import Foundation
import LicitExchange
import LicitStorage

/// What a webhook receives: one JSON object per batch, its events in inbox order, signed with the
/// target's secret. A receiver checks the signature, then processes each event whose `sequence`
/// is above the last it processed (deliveries are at least once), and answers 2xx.
enum WebhookPayload {
    struct Body: Encodable {
        let target: String
        let inbox: String
        let events: [Event]
    }

    struct Event: Encodable {
        let sequence: UInt64
        let kind: String
        let at: String
        let atMs: Int64
        let document: Document?
        let documentKind: String?
        let subject: String?
        let status: String
        let summary: String
    }

    struct Document: Encodable {
        let authority: String
        let number: String
    }

    static func body(_ batch: NotificationBatch) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(
            Body(
                target: batch.target.id,
                inbox: batch.target.recipient,
                events: batch.events.map { event in
                    Event(
                        sequence: event.sequence,
                        kind: event.kind,
                        at: Self.timestamp(event.at),
                        atMs: event.at,
                        document: event.document.number.isEmpty
                            ? nil : Document(authority: event.document.authority, number: event.document.number),
                        documentKind: event.documentKind?.rawValue,
                        subject: event.subject.isEmpty ? nil : event.subject,
                        status: event.status,
                        summary: event.summary
                    )
                }
            )
        )
    }

    /// `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the secret>`.
    static func signature(_ body: Data, secret: String, at seconds: Int64) -> String {
        var signed = Data("\(seconds).".utf8)
        signed.append(body)
        let code = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(secret.utf8)))
        return "t=\(seconds),v1=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// An event's time as ISO 8601 in UTC, to the millisecond.
    static func timestamp(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
