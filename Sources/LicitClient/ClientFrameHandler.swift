import Foundation
import LicitWire
import NIOCore

/// Carries out, on the connection's event loop, what ``ClientCalls`` decides: it holds each
/// call's continuation and deadline, writes requests, cancels and pongs, and hands frames and
/// connection events to the state machine.
///
/// Callers hand it their calls directly on its event loop (``start(_:)``, ``cancel(_:_:)``),
/// not through the pipeline: a write through the pipeline would box each call and make a
/// promise for it.
final class ClientFrameHandler: ChannelInboundHandler {
    typealias InboundIn = Licit_V1_Frame
    typealias OutboundOut = ByteBuffer

    private var calls = ClientCalls()
    private var waiting: [UInt64: PendingCall] = [:]
    /// One timer for every call's deadline, set for the earliest.
    private var deadlines = CallDeadlines()
    private var timer: (at: NIODeadline, task: Scheduled<Void>)?
    private let retired: EventLoopPromise<Void>
    /// Nil before the handler is added and once it is removed.
    private var context: ChannelHandlerContext?
    /// A flush is scheduled for the end of this event-loop tick: the requests of many concurrent
    /// callers, each handed over as its own task on the loop, leave in one flush (one TLS write,
    /// one syscall) instead of one each.
    private var flushScheduled = false

    init(retired: EventLoopPromise<Void>) {
        self.retired = retired
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        self.stopTimer()
    }

    /// Sends a call, or ends it at once when it cannot be sent. On the event loop.
    func start(_ start: CallStart) {
        guard let context = self.context else {
            return start.call.fail(.notSent("the connection closed before the request was sent"))
        }
        switch self.calls.started(start.callID, requestID: start.requestID) {
        case .send:
            self.waiting[start.callID] = start.call
            if let timeout = start.timeout {
                self.addDeadline(context.eventLoop.now + timeout.timeAmount, for: start.callID, context: context)
            }
            context.write(Self.wrapOutboundOut(start.frame), promise: nil)
            self.flush(context: context)
        case .fail(let error):
            start.call.fail(error)
        default:
            break
        }
    }

    /// The caller gave up on a call. On the event loop.
    func cancel(_ callID: UInt64, _ error: LicitClientError) {
        guard let context = self.context else { return }
        self.carryOut(self.calls.cancelled(callID, error), for: callID, context: context)
    }

    /// Flushes are coalesced: one at the end of the tasks the event loop has queued now, so that
    /// the requests of callers resumed by one read burst leave together (one TLS record write,
    /// one syscall) — a lone call waits for no more than the loop's next turn.
    private func flush(context: ChannelHandlerContext) {
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
                self.waiting[frame.callID]?.event(LicitEvent(sequence: event.sequence, payload: event.payload))
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
        self.stopTimer()
        self.retired.succeed()
        context.fireChannelInactive()
    }

    /// Ends a call as the state machine decided.
    private func carryOut(_ decision: ClientCalls.Decision, for callID: UInt64, context: ChannelHandlerContext) {
        switch decision {
        case .succeed(let payload):
            self.waiting.removeValue(forKey: callID)?.succeed(payload)
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
        self.waiting.removeValue(forKey: callID)?.fail(error)
    }

    /// Keeps `callID`'s deadline, setting the timer earlier when it is the earliest. Deadlines of
    /// calls answered since are dropped once they outnumber the waiting calls.
    private func addDeadline(_ deadline: NIODeadline, for callID: UInt64, context: ChannelHandlerContext) {
        if self.deadlines.count > 2 * self.waiting.count + 32 {
            self.deadlines.compact { self.waiting[$0] != nil }
        }
        self.deadlines.insert(deadline, callID: callID)
        if let timer = self.timer, timer.at <= deadline { return }
        self.setTimer(at: deadline, context: context)
    }

    private func stopTimer() {
        self.timer?.task.cancel()
        self.timer = nil
    }

    private func setTimer(at deadline: NIODeadline, context: ChannelHandlerContext) {
        self.timer?.task.cancel()
        let task = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.timer = nil
            for callID in self.deadlines.removeExpired(at: context.eventLoop.now) {
                self.carryOut(self.calls.deadlinePassed(callID), for: callID, context: context)
            }
            if let next = self.deadlines.earliest { self.setTimer(at: next, context: context) }
        }
        self.timer = (deadline, task)
    }

    private func writeFrame(_ frame: Licit_V1_Frame, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: 32)
        guard (try? FrameEncoder.write(frame, into: &buffer)) != nil else { return }
        context.write(Self.wrapOutboundOut(buffer), promise: nil)
        self.flush(context: context)
    }
}
