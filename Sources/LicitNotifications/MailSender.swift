import Foundation
import LicitExchange
import NIOCore
import NIOPosix
import NIOSSL

/// Delivers a batch to an e-mail target through the configured SMTP server: EHLO, STARTTLS when
/// asked, AUTH PLAIN over TLS when a user is given, then one message (``MailMessage``). The
/// server's acceptance of the message is the delivery.
struct MailSender: Sendable {
    let settings: NotificationSettings.SMTP
    let tls: TLSConfiguration
    let timeout: Duration

    func deliver(_ batch: NotificationBatch) async throws {
        let message = MailMessage.render(batch, from: self.settings.from, at: Date(), host: self.settings.heloName)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.send(message, to: batch.target.address) }
                group.addTask {
                    try await Task.sleep(for: self.timeout)
                    throw DeliveryError("the SMTP server did not finish in \(self.timeout)")
                }
                try await group.next()
                group.cancelAll()
            }
        } catch let error as DeliveryError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw DeliveryError("cannot reach the SMTP server \(self.settings.host):\(self.settings.port): \(error)")
        }
    }

    private func send(_ message: String, to recipient: String) async throws {
        let settings = self.settings
        // A certificate names its server: an IP address could be checked against none.
        if settings.security != .none, (try? SocketAddress(ipAddress: settings.host, port: settings.port)) != nil {
            throw DeliveryError(
                "the SMTP server is given as the address \(settings.host): give its host name, which its certificate names"
            )
        }
        let context = try NIOSSLContext(configuration: self.tls)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if settings.security == .tls {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: context, serverHostname: settings.host)
                        )
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                    return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var session = SMTPConversation(lines: inbound.makeAsyncIterator(), outbound: outbound)
            try await session.expect(220, "greeting")
            var extensions = try await session.command("EHLO \(settings.heloName)", expect: 250)
            if settings.security == .starttls {
                guard extensions.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                    throw DeliveryError("the SMTP server \(settings.host) does not offer STARTTLS, which is required")
                }
                _ = try await session.command("STARTTLS", expect: 220)
                try await channel.channel.pipeline.addHandler(
                    try NIOSSLClientHandler(context: context, serverHostname: settings.host),
                    position: .first
                )
                extensions = try await session.command("EHLO \(settings.heloName)", expect: 250)
            }
            if let username = settings.username {
                guard settings.security != .none else {
                    throw DeliveryError("the SMTP password is sent only over TLS: set security to starttls or tls")
                }
                let credentials = Data("\0\(username)\0\(settings.password ?? "")".utf8).base64EncodedString()
                _ = try await session.command("AUTH PLAIN \(credentials)", expect: 235, shown: "AUTH PLAIN")
            }
            _ = try await session.command("MAIL FROM:<\(settings.from)>", expect: 250)
            _ = try await session.command("RCPT TO:<\(recipient)>", expect: 250, alternatively: 251)
            _ = try await session.command("DATA", expect: 354)
            // Lines that begin with a dot are doubled (RFC 5321 §4.5.2); the body is base64.
            let stuffed = message.split(separator: "\r\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(".") ? ".\($0)" : String($0) }.joined(separator: "\r\n")
            _ = try await session.command(stuffed + ".", expect: 250, shown: "the message")
            _ = try? await session.command("QUIT", expect: 221)
        }
    }
}

/// One SMTP exchange of commands and replies.
struct SMTPConversation {
    var lines: NIOAsyncChannelInboundStream<String>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    /// Sends a command and reads its reply; its lines (the first code stripped) when the code is
    /// the one expected.
    mutating func command(
        _ command: String,
        expect code: Int,
        alternatively other: Int? = nil,
        shown: String? = nil
    ) async throws -> [String] {
        try await self.outbound.write(ByteBuffer(string: command + "\r\n"))
        return try await self.expect(code, alternatively: other, shown ?? command)
    }

    /// Reads one reply (`250-…` lines up to `250 …`).
    @discardableResult
    mutating func expect(_ code: Int, alternatively other: Int? = nil, _ what: String) async throws -> [String] {
        var text: [String] = []
        while true {
            guard let line = try await self.lines.next() else {
                throw DeliveryError("the SMTP server closed the connection after \(what)")
            }
            let replyCode = Int(line.prefix(3)) ?? 0
            text.append(String(line.dropFirst(4)))
            guard line.count > 3, line[line.index(line.startIndex, offsetBy: 3)] == "-" else {
                guard replyCode == code || replyCode == other else {
                    throw DeliveryError("the SMTP server answered \(what) with \(line.prefix(300))")
                }
                return text
            }
        }
    }
}
