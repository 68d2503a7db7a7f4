import AsyncHTTPClient
import Foundation
import LicitExchange
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Delivers a batch to a webhook: one HTTPS POST of ``WebhookPayload``, signed; any 2xx answer
/// is a delivery, anything else (or no answer in time) a failure to retry.
struct WebhookSender: Sendable {
    let client: HTTPClient
    let timeout: Duration

    /// A client that verifies receivers' certificates as `tls` says and follows no redirect.
    static func makeClient(_ tls: TLSConfiguration) -> HTTPClient {
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls, redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(20))
        configuration.httpVersion = .http1Only
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func deliver(_ batch: NotificationBatch) async throws {
        let body = try WebhookPayload.body(batch)
        var request = HTTPClientRequest(url: batch.target.address)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "licitd")
        request.headers.add(name: "Licit-Target", value: batch.target.id)
        request.headers.add(name: "Licit-Delivery", value: "\(batch.target.id)/\(batch.through)")
        request.headers.add(
            name: "Licit-Signature",
            value: WebhookPayload.signature(body, secret: batch.target.secret, at: Int64(Date().timeIntervalSince1970))
        )
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        do {
            response = try await self.client.execute(request, timeout: .init(self.timeout))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw DeliveryError("no answer from \(Self.origin(batch.target.address)): \(Self.explain(error))")
        }
        let answer = try? await response.body.collect(upTo: 4096)
        guard (200..<300).contains(response.status.code) else {
            let text = answer.map { String(buffer: $0).prefix(200) } ?? ""
            throw DeliveryError(
                "\(Self.origin(batch.target.address)) answered \(response.status.code) \(response.status.reasonPhrase)"
                    + (text.isEmpty ? "" : ": \(text)")
            )
        }
    }

    static func origin(_ address: String) -> String {
        URL(string: address).flatMap { url in url.host.map { host in url.port.map { "\(host):\($0)" } ?? host } }
            ?? address
    }

    /// The failure in words, without the library's type names.
    static func explain(_ error: any Error) -> String {
        switch error {
        case let error as HTTPClientError where error == .connectTimeout: "connecting timed out"
        case let error as HTTPClientError where error == .deadlineExceeded: "no answer in time"
        case let error as HTTPClientError where error == .remoteConnectionClosed: "the connection was closed"
        case let error as NIOSSLError: "TLS failed (\(error))"
        case let error as BoringSSLError: "TLS failed (\(error))"
        case let error as NIOConnectionError:
            error.connectionErrors.first.map { "cannot connect (\($0.error))" } ?? "cannot connect"
        default: "\(error)"
        }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
