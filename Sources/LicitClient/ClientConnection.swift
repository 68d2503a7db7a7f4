import Foundation
import LicitWire
import NIOCore
import Synchronization

/// One established TLS connection to the exchange, after hello.
final class ClientConnection: Sendable {
    let channel: any Channel
    /// The handler that carries the calls out, reached on its event loop.
    private let handler: NIOLoopBound<ClientFrameHandler>
    /// Completes when the connection stops taking new calls: closed, or a GoAway received.
    let retired: EventLoopFuture<Void>
    private let nextCallID = Atomic<UInt64>(1)
    private let limits = Mutex<(maxFrameBytes: Int, account: RecognisedAccount?, serverTime: Date?)>(
        (FrameLimits.defaultMaxFrameBytes, nil, nil)
    )
    private let connectedAt = Date()

    private let isRetiredFlag = Atomic<Bool>(false)

    init(
        channel: any Channel,
        handler: NIOLoopBound<ClientFrameHandler>,
        retired: EventLoopFuture<Void>,
        maxFrameBytes: Int
    ) {
        self.channel = channel
        self.handler = handler
        self.retired = retired
        self.limits.withLock { $0.maxFrameBytes = maxFrameBytes }
        retired.whenComplete { _ in self.isRetiredFlag.store(true, ordering: .relaxed) }
    }

    /// Closed, or told by a GoAway to take no new calls.
    var isRetired: Bool { self.isRetiredFlag.load(ordering: .relaxed) }

    var account: RecognisedAccount? { self.limits.withLock { $0.account } }

    /// The exchange's clock as hello told it, moved on by the time since (at the real rate).
    var exchangeTime: Date? {
        self.limits.withLock { $0.serverTime }.map { $0.addingTimeInterval(Date().timeIntervalSince(self.connectedAt)) }
    }

    /// Records what hello told: the account and the server's frame limit.
    func helloAnswered(_ hello: Licit_V1_HelloResponse) {
        self.limits.withLock {
            $0.account = RecognisedAccount(hello.account, certificateExpiresMs: hello.certificateExpiresMs)
            if hello.serverTimeMs > 0 { $0.serverTime = Date(timeIntervalSince1970: Double(hello.serverTimeMs) / 1000) }
            if hello.limits.maxFrameBytes > 0 {
                $0.maxFrameBytes = min($0.maxFrameBytes, Int(hello.limits.maxFrameBytes))
            }
        }
    }

    func call(method: String, payload: Data, timeout: Duration, requestID: String) async throws -> Data {
        let (callID, frame) = try self.encode(method: method, payload: payload, timeout: timeout, requestID: requestID)
        try Task.checkCancellation()
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { continuation in
                let start = CallStart(
                    callID: callID,
                    frame: frame,
                    call: .unary(continuation),
                    requestID: requestID,
                    timeout: timeout
                )
                self.send(start)
            }
        } onCancel: {
            let error =
                requestID.isEmpty
                ? LicitClientError(.cancelled, "the call was cancelled")
                : LicitClientError(
                    .indeterminate,
                    "the call was cancelled after it was sent; retry it with the same request id",
                    requestID: requestID
                )
            self.onLoop((callID, error)) { $0.cancel($1.0, $1.1) }
        }
    }

    func subscribe(
        method: String,
        payload: Data,
        timeout: Duration?
    ) throws -> AsyncThrowingStream<LicitEvent, any Error> {
        let (callID, frame) = try self.encode(method: method, payload: payload, timeout: timeout, requestID: "")
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: LicitEvent.self)
        continuation.onTermination = { termination in
            if case .cancelled = termination {
                let error = LicitClientError(.cancelled, "the subscription was cancelled")
                self.onLoop((callID, error)) { $0.cancel($1.0, $1.1) }
            }
        }
        let start = CallStart(
            callID: callID,
            frame: frame,
            call: .subscription(continuation),
            requestID: "",
            timeout: timeout
        )
        self.send(start)
        return stream
    }

    /// Hands a call to the connection's handler, which sends it or, the connection gone, fails it.
    private func send(_ start: CallStart) {
        self.onLoop(start) { $0.start($1) }
    }

    /// Runs `body` with the handler on its event loop: at once when already there. `value` is
    /// passed rather than captured, so that `body` needs no allocation of its own.
    private func onLoop<Value: Sendable>(
        _ value: Value,
        _ body: @escaping @Sendable (ClientFrameHandler, Value) -> Void
    ) {
        let handler = self.handler
        guard handler.eventLoop.inEventLoop else {
            return handler.eventLoop.execute { body(handler.value, value) }
        }
        body(handler.value, value)
    }

    private func encode(
        method: String,
        payload: Data,
        timeout: Duration?,
        requestID: String
    ) throws -> (UInt64, ByteBuffer) {
        let callID = self.nextCallID.add(1, ordering: .relaxed).oldValue
        let milliseconds = timeout?.wireMilliseconds ?? 0
        let frame = Licit_V1_Frame.request(
            callID: callID,
            method: method,
            payload: payload,
            timeoutMilliseconds: milliseconds,
            requestID: requestID
        )
        var buffer = self.channel.allocator.buffer(capacity: payload.count + method.utf8.count + 64)
        try FrameEncoder.write(frame, into: &buffer)
        let maxFrameBytes = self.limits.withLock { $0.maxFrameBytes }
        guard buffer.readableBytes - 4 <= maxFrameBytes else {
            throw LicitClientError(
                .invalidRequest,
                "the request is \(buffer.readableBytes - 4) bytes, over the exchange's frame limit of \(maxFrameBytes); it was not sent",
                requestID: requestID.isEmpty ? nil : requestID
            )
        }
        return (callID, buffer)
    }
}
