import Foundation
import LicitWire

/// A sandbox's faults (``CallFaults``) applied to the calls of one connection.
extension ServerConnection {
    func facts(_ call: Session.Call, _ context: CallContext) -> CallFacts {
        CallFacts(
            account: self.account,
            connection: self.serial,
            callID: call.callID,
            method: call.request.method,
            requestID: call.request.requestID,
            payload: call.request.payload,
            isWrite: call.handler.isWrite,
            isSubscription: call.handler.isSubscription,
            deadline: context.deadline
        )
    }

    /// Runs `call` with the fault the sandbox plans for it, and journals how it ended.
    func executeWithFaults(
        _ call: Session.Call,
        _ context: CallContext,
        _ control: CallControl,
        _ faults: any CallFaults
    ) async {
        let facts = self.facts(call, context)
        let started = Date()
        if call.handler.isSubscription { faults.observe(.subscribed(facts)) }
        let planned = faults.plan(facts)
        let run = { await CallExecution(call: call, context: context, connection: self).run(control: control) }
        var frame: Licit_V1_Frame
        var inflicted = planned
        switch planned {
        case .rateLimited(let milliseconds):
            frame = .response(callID: call.callID, status: .rateLimited(retryAfterMilliseconds: milliseconds))
        case .drainMidCall:
            await self.drain()
            frame = await run()
        case .dropAfterCommit:
            frame = await run()
            if frame.response.status.code == .ok {
                faults.observe(
                    .callEnded(facts, started: started, status: .ok, answered: false, fault: .dropAfterCommit)
                )
                self.logger.notice("sandbox fault: connection dropped after a committed write")
                self.outbound.close()
                return
            }
            inflicted = nil
        case .delayPastDeadline:
            frame = await run()
            if let deadline = context.deadline {
                try? await Task.sleep(until: deadline.advanced(by: .milliseconds(50)), clock: .continuous)
                frame = .response(
                    callID: call.callID,
                    status: LicitStatus(
                        .deadlineExceeded,
                        reason: "deadline_exceeded",
                        message: "the call did not finish before its deadline"
                    )
                )
            } else {
                inflicted = nil
            }
        case nil:
            frame = await run()
        }
        faults.observe(
            .callEnded(
                facts,
                started: started,
                status: LicitStatus(wire: frame.response.status),
                answered: true,
                fault: inflicted
            )
        )
        await self.answer(call, frame)
    }

    /// Journals a call the session refused before it ran (a `draining` refusal tells whether the
    /// client kept sending on a connection it was told to leave).
    func observeRefusal(_ frame: Licit_V1_Frame, _ status: LicitStatus) {
        guard let faults = self.exchange.faults, case .request(let request) = frame.kind else { return }
        let facts = CallFacts(
            account: self.account,
            connection: self.serial,
            callID: frame.callID,
            method: request.method,
            requestID: request.requestID,
            payload: request.payload,
            isWrite: self.exchange.registry[request.method]?.isWrite ?? false,
            isSubscription: self.exchange.registry[request.method]?.isSubscription ?? false,
            deadline: nil
        )
        faults.observe(.callEnded(facts, started: Date(), status: status, answered: true, fault: nil))
    }
}
