import Synchronization

/// Why a running call must stop before its handler finishes.
enum CallInterruption: Sendable {
    /// The client sent Cancel.
    case cancelledByClient
    /// The connection is draining and the call is a subscription, which would never end by itself.
    case draining
    /// The call's deadline passed.
    case deadlineExceeded
}

/// Stops one call that runs as its own task: the first interruption (a Cancel frame, a drain, the
/// deadline) is recorded and cancels the task running the handler, whose answer is then replaced
/// by the interruption's. No task watches for it: a call is one task, not a group of three.
final class CallControl: Sendable {
    private struct State {
        /// The task running the call, while it runs; cancelled only under this lock, before the
        /// call is finished, so never after the task has ended.
        nonisolated(unsafe) var task: UnsafeCurrentTask?
        var interruption: CallInterruption?
        var finished = false
    }

    let isSubscription: Bool
    private let state = Mutex(State())

    init(isSubscription: Bool) {
        self.isSubscription = isSubscription
    }

    /// Runs `body` as the call, in the current task; returns its result and the interruption
    /// that came before it finished, if any.
    func run<Value>(_ body: () async -> Value) async -> (Value, CallInterruption?) {
        withUnsafeCurrentTask { task in
            self.state.withLock { state in
                state.task = task
                if state.interruption != nil { task?.cancel() }
            }
        }
        let value = await body()
        let interruption = self.state.withLock { state in
            state.task = nil
            state.finished = true
            return state.interruption
        }
        return (value, interruption)
    }

    /// Interrupts the call, unless it was interrupted already or has finished.
    func interrupt(_ reason: CallInterruption) {
        self.state.withLock { state in
            guard !state.finished, state.interruption == nil else { return }
            state.interruption = reason
            state.task?.cancel()
        }
    }
}

/// The controls of the calls that run as their own tasks, by call id.
final class CallCancellations: Sendable {
    private let controls = Mutex<[UInt64: CallControl]>([:])

    /// The control of the call `callID`, which starts now.
    func register(_ callID: UInt64, isSubscription: Bool) -> CallControl {
        let control = CallControl(isSubscription: isSubscription)
        self.controls.withLock { $0[callID] = control }
        return control
    }

    func cancel(_ callID: UInt64) {
        self.controls.withLock { $0.removeValue(forKey: callID) }?.interrupt(.cancelledByClient)
    }

    /// Ends every open subscription, so that a draining connection closes once its other calls finish.
    func drainSubscriptions() {
        let subscriptions = self.controls.withLock { controls in
            let open = controls.filter { $0.value.isSubscription }
            for callID in open.keys { controls[callID] = nil }
            return Array(open.values)
        }
        for control in subscriptions { control.interrupt(.draining) }
    }

    func remove(_ callID: UInt64) {
        _ = self.controls.withLock { $0.removeValue(forKey: callID) }
    }
}
