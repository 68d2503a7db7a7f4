import Foundation
import LicitWire
import NIOCore

/// An event received on a subscription.
public struct LicitEvent: Sendable, Hashable {
    /// The event's position in its stream; acknowledge or resume from it.
    public let sequence: UInt64
    /// The serialized event message.
    public let payload: Data
}

/// A call the exchange has not finished answering, as the connection's handler tracks it. It
/// is ended exactly once: by whoever removes it from the handler's waiting calls, or by the
/// handler at once when it cannot be sent.
enum PendingCall: Sendable {
    case unary(UnsafeContinuation<Data, any Error>)
    case subscription(AsyncThrowingStream<LicitEvent, any Error>.Continuation)

    func succeed(_ payload: Data) {
        switch self {
        case .unary(let continuation): continuation.resume(returning: payload)
        case .subscription(let continuation): continuation.finish()
        }
    }

    func fail(_ error: LicitClientError) {
        switch self {
        case .unary(let continuation): continuation.resume(throwing: error)
        case .subscription(let continuation): continuation.finish(throwing: error)
        }
    }

    func event(_ event: LicitEvent) {
        if case .subscription(let continuation) = self { continuation.yield(event) }
    }
}

/// A call as a caller hands it to the connection's handler.
struct CallStart: Sendable {
    let callID: UInt64
    let frame: ByteBuffer
    let call: PendingCall
    /// A write's idempotency key; empty for reads.
    let requestID: String
    let timeout: Duration?
}
