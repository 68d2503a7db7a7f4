import Foundation
import LicitWire
import NIOCore

/// Carries out, on the connection's event loop, what ``ClientCalls`` decides: it holds each
/// call's continuation and timer, writes requests, cancels and pongs, and hands frames and
/// connection events to the state machine.
final class ClientFrameHandler: ChannelDuplexHandler {
    typealias InboundIn = Licit_V1_Frame
    typealias OutboundIn = ClientCommand
    typealias OutboundOut = ByteBuffer

    private struct Waiting {
        let call: PendingCall
        var timer: Scheduled<Void>?
    }

    private var calls = ClientCalls()
    private var waiting: [UInt64: Waiting] = [:]
    private let retired: EventLoopPromise<Void>
    /// A flush is scheduled for the end of this event-loop tick: the requests of many concurrent
    /// callers, each handed over as its own task on the loop, leave in one flush (one TLS write,
    /// one syscall) instead of one each.
    private var flushScheduled = false

    init(retired: EventLoopPromise<Void>) {
        self.retired = retired
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        promise?.succeed()
        switch Self.unwrapOutboundIn(data) {
        case .start(let start):
            switch self.calls.started(start.callID, requestID: start.requestID) {
            case .send:
                var entry = Waiting(call: start.call)
                if let timeout = start.timeout {
                    let callID = start.callID
                    entry.timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout.timeAmount) {
                        self.carryOut(self.calls.deadlinePassed(callID), for: callID, context: context)
                    }
                }
                self.waiting[start.callID] = entry
                context.write(Self.wrapOutboundOut(start.frame), promise: nil)
            case .fail(let error):
                start.call.fail(error)
            default:
                break
            }
        case .cancel(let callID, let error):
            self.carryOut(self.calls.cancelled(callID, error), for: callID, context: context)
        }
    }

    /// Flushes are coalesced while several calls are in flight: one at the end of the tasks the
    /// event loop has queued now. A lone call is flushed at once, costing no extra turn.
    func flush(context: ChannelHandlerContext) {
        guard self.waiting.count > 1 || self.flushScheduled else { return context.flush() }
        guard !self.flushScheduled else { return }
        self.flushScheduled = true
        context.eventLoop.assumeIsolated().execute {
            self.flushScheduled = false
            context.flush()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = Self.unwrapInboundIn(data)
        switch frame.kind {
        case .response(let response):
            self.carryOut(self.calls.responseReceived(frame.callID, response), for: frame.callID, context: context)
        case .event(let event):
            if case .deliver = self.calls.eventReceived(frame.callID) {
                self.waiting[frame.callID]?.call.event(LicitEvent(sequence: event.sequence, payload: event.payload))
            }
        case .ping(let ping):
            self.writeFrame(.pong(opaque: ping.opaque), context: context)
        case .goaway(let goAway):
            for (callID, error) in self.calls.goAwayReceived(goAway) { self.end(callID, error) }
            self.retired.succeed()
        case .pong, nil:
            break  // nil: a frame kind added to v1 after this SDK was built, ignored
        case .request, .cancel:
            self.calls.errorCaught(
                LicitClientError(.protocolViolation, "the exchange sent a frame a server may not send")
            )
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .write = event as? IdleStateHandler.IdleStateEvent {
            self.writeFrame(.ping(opaque: UInt64(NIODeadline.now().uptimeNanoseconds)), context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.calls.errorCaught(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        for (callID, error) in self.calls.connectionClosed() { self.end(callID, error) }
        self.retired.succeed()
        context.fireChannelInactive()
    }

    /// Ends a call as the state machine decided.
    private func carryOut(_ decision: ClientCalls.Decision, for callID: UInt64, context: ChannelHandlerContext) {
        switch decision {
        case .succeed(let payload):
            self.waiting.removeValue(forKey: callID).map {
                $0.timer?.cancel()
                $0.call.succeed(payload)
            }
        case .fail(let error):
            self.end(callID, error)
        case .failAndCancel(let error):
            self.end(callID, error)
            self.writeFrame(.cancel(callID: callID), context: context)
        case .none, .send, .deliver:
            break
        }
    }

    private func end(_ callID: UInt64, _ error: LicitClientError) {
        guard let entry = self.waiting.removeValue(forKey: callID) else { return }
        entry.timer?.cancel()
        entry.call.fail(error)
    }

    private func writeFrame(_ frame: Licit_V1_Frame, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: 32)
        guard (try? FrameEncoder.write(frame, into: &buffer)) != nil else { return }
        context.write(Self.wrapOutboundOut(buffer), promise: nil)
        self.flush(context: context)
    }
}
