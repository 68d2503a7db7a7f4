import Foundation
import LicitWire
import NIOCore

/// Correlates responses and events with the calls waiting for them, on the connection's event loop.
///
/// Decides every outcome the SDK reports on its own: a deadline passed or a connection lost
/// after a write was sent is **indeterminate**, never failed.
final class ClientFrameHandler: ChannelDuplexHandler {
    typealias InboundIn = Licit_V1_Frame
    typealias OutboundIn = ClientCommand
    typealias OutboundOut = ByteBuffer

    private struct Pending {
        let call: PendingCall
        let requestID: String
        var timer: Scheduled<Void>?
    }

    private var pending: [UInt64: Pending] = [:]
    private var cancelledBeforeStart: Set<UInt64> = []
    private var goAwayLastCallID: UInt64?
    private var firstError: (any Error)?
    private var closed = false
    private let retired: EventLoopPromise<Void>

    init(retired: EventLoopPromise<Void>) {
        self.retired = retired
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch Self.unwrapOutboundIn(data) {
        case .start(let start):
            self.start(start, context: context, promise: promise)
        case .cancel(let callID, let error):
            promise?.succeed()
            guard let entry = self.pending.removeValue(forKey: callID) else {
                self.cancelledBeforeStart.insert(callID)
                return
            }
            entry.timer?.cancel()
            entry.call.fail(error)
            self.writeFrame(.cancel(callID: callID), context: context)
        }
    }

    private func start(_ start: CallStart, context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        promise?.succeed()
        if self.cancelledBeforeStart.remove(start.callID) != nil {
            start.call.fail(LicitClientError(.cancelled, "the call was cancelled before it was sent"))
            return
        }
        if self.closed || self.goAwayLastCallID != nil {
            start.call.fail(.notSent("the connection is closing", cause: self.firstError))
            return
        }
        var entry = Pending(call: start.call, requestID: start.requestID)
        if let timeout = start.timeout {
            let callID = start.callID
            entry.timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout.timeAmount) {
                self.deadlinePassed(callID, context: context)
            }
        }
        self.pending[start.callID] = entry
        context.writeAndFlush(Self.wrapOutboundOut(start.frame), promise: nil)
    }

    private func deadlinePassed(_ callID: UInt64, context: ChannelHandlerContext) {
        guard let entry = self.pending.removeValue(forKey: callID) else { return }
        entry.call.fail(
            Self.unconfirmed(
                entry.requestID,
                read: .deadlineExceeded,
                "the deadline passed before the exchange answered"
            )
        )
        self.writeFrame(.cancel(callID: callID), context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = Self.unwrapInboundIn(data)
        switch frame.kind {
        case .response(let response):
            guard let entry = self.pending.removeValue(forKey: frame.callID) else { return }
            entry.timer?.cancel()
            self.finish(entry, with: response)
        case .event(let event):
            self.pending[frame.callID]?.call.event(LicitEvent(sequence: event.sequence, payload: event.payload))
        case .ping(let ping):
            self.writeFrame(.pong(opaque: ping.opaque), context: context)
        case .goaway(let goAway):
            self.goAwayReceived(goAway)
        case .pong, nil:
            break  // nil: a frame kind added to v1 after this SDK was built, ignored
        case .request, .cancel:
            self.firstError =
                self.firstError
                ?? LicitClientError(.protocolViolation, "the exchange sent a frame a server may not send")
            context.close(promise: nil)
        }
    }

    private func finish(_ entry: Pending, with response: Licit_V1_Response) {
        let status = LicitStatus(wire: response.status)
        if status.isOK {
            entry.call.succeed(response.payload)
        } else if !entry.requestID.isEmpty, status.code == .deadlineExceeded || status.code == .cancelled {
            entry.call.fail(
                LicitClientError(
                    .indeterminate,
                    "the exchange stopped waiting: \(status.message)",
                    status: status,
                    requestID: entry.requestID
                )
            )
        } else if status.code == .deadlineExceeded {
            entry.call.fail(LicitClientError(.deadlineExceeded, status.message, status: status))
        } else {
            entry.call.fail(.rejected(status, requestID: entry.requestID.isEmpty ? nil : entry.requestID))
        }
    }

    private func goAwayReceived(_ goAway: Licit_V1_GoAway) {
        let status = LicitStatus(wire: goAway.status)
        self.goAwayLastCallID = goAway.lastCallID
        if !status.isOK { self.firstError = LicitClientError.rejected(status, requestID: nil) }
        // Calls above last_call_id were never processed: safe to send again elsewhere.
        for (callID, entry) in self.pending where callID > goAway.lastCallID {
            self.pending[callID] = nil
            entry.timer?.cancel()
            entry.call.fail(.notSent("the exchange did not process the call (\(status.reason))", status: status))
        }
        self.retired.succeed()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .write = event as? IdleStateHandler.IdleStateEvent {
            self.writeFrame(.ping(opaque: UInt64(NIODeadline.now().uptimeNanoseconds)), context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.firstError = self.firstError ?? error
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.closed = true
        let pending = self.pending
        self.pending = [:]
        for entry in pending.values {
            entry.timer?.cancel()
            entry.call.fail(
                Self.unconfirmed(
                    entry.requestID,
                    read: .unavailable,
                    "the connection was lost before the exchange answered",
                    cause: self.firstError
                )
            )
        }
        self.retired.succeed()
        context.fireChannelInactive()
    }

    private func writeFrame(_ frame: Licit_V1_Frame, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: 32)
        guard (try? FrameEncoder.write(frame, into: &buffer)) != nil else { return }
        context.writeAndFlush(Self.wrapOutboundOut(buffer), promise: nil)
    }

    /// A read that cannot complete is `readCode`; a write that may have happened is indeterminate.
    private static func unconfirmed(
        _ requestID: String,
        read readCode: LicitClientError.Code,
        _ message: String,
        cause: (any Error)? = nil
    ) -> LicitClientError {
        if requestID.isEmpty { return LicitClientError(readCode, message, cause: cause) }
        return LicitClientError(
            .indeterminate,
            message + "; the write may or may not have been applied — retry it with the same request id",
            requestID: requestID,
            cause: cause
        )
    }
}
