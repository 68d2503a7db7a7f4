import Foundation
import LicitExchange
import LicitStorage

/// What an e-mail target receives: one plain-text message per batch, its events in inbox order,
/// as RFC 5322 text (UTF-8, base64 body, CRLF line ends).
enum MailMessage {
    static func render(_ batch: NotificationBatch, from: String, at date: Date, host: String) -> String {
        let events = batch.events
        let subject =
            events.count == 1
            ? "Licit \(batch.target.recipient): \(Self.headline(events[0]))"
            : "Licit \(batch.target.recipient): \(events.count) new events"
        var text = "New events in the inbox of \(batch.target.recipient) on the exchange:\n\n"
        for event in events {
            text += "#\(event.sequence)  \(WebhookPayload.timestamp(event.at))  \(Self.headline(event))"
            text += event.status.isEmpty ? "\n" : "  (\(event.status))\n"
            text += "    \(event.summary)\n\n"
        }
        text += "Open them with `licit inbox list`, and acknowledge them there once processed.\n"
        text += "Sent to \(batch.target.address) for notification target \(batch.target.id); "
        text += "`licit notify remove \(batch.target.id)` stops these messages.\n"
        let headers = [
            "From: \(from)",
            "To: \(batch.target.address)",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.date(date))",
            "Message-ID: <\(batch.target.id).\(batch.through)@\(host)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "Auto-Submitted: auto-generated",
        ]
        let body = Data(text.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n"
    }

    /// `ia_received IN-NCB/2026-0001`, or `estimate_confirmed estimate/FR-2026-1`.
    static func headline(_ event: InboxEntry) -> String {
        let about =
            event.document.number.isEmpty ? event.subject : "\(event.document.authority)/\(event.document.number)"
        return about.isEmpty ? event.kind : "\(event.kind) \(about)"
    }

    /// A header value as is when it is printable ASCII, else as an RFC 2047 encoded word.
    static func encodedWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) { return text }
        return "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    /// RFC 5322's date: `Sun, 06 Dec 2026 10:00:00 +0000`.
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
