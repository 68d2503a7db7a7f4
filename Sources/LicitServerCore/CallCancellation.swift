import Synchronization

/// Why a running call must stop before its handler finishes.
enum CallInterruption: Sendable {
    /// The client sent Cancel.
    case cancelledByClient
    /// The connection is draining and the call is a subscription, which would never end by itself.
    case draining
}

/// Interrupt signals for the calls that run as their own tasks, by call id.
final class CallCancellations: Sendable {
    private struct Signal {
        let continuation: AsyncStream<CallInterruption>.Continuation
        let isSubscription: Bool
    }

    private let signals = Mutex<[UInt64: Signal]>([:])

    /// A stream that yields once when the call `callID` must stop.
    func register(_ callID: UInt64, isSubscription: Bool) -> AsyncStream<CallInterruption> {
        let (stream, continuation) = AsyncStream.makeStream(of: CallInterruption.self)
        self.signals.withLock { $0[callID] = Signal(continuation: continuation, isSubscription: isSubscription) }
        return stream
    }

    func cancel(_ callID: UInt64) {
        self.interrupt(self.signals.withLock { $0.removeValue(forKey: callID) }, .cancelledByClient)
    }

    /// Ends every open subscription, so that a draining connection closes once its other calls finish.
    func drainSubscriptions() {
        let subscriptions = self.signals.withLock { signals in
            let open = signals.filter { $0.value.isSubscription }
            for callID in open.keys { signals[callID] = nil }
            return Array(open.values)
        }
        for signal in subscriptions { self.interrupt(signal, .draining) }
    }

    func remove(_ callID: UInt64) {
        _ = self.signals.withLock { $0.removeValue(forKey: callID) }
    }

    private func interrupt(_ signal: Signal?, _ reason: CallInterruption) {
        guard let signal else { return }
        signal.continuation.yield(reason)
        signal.continuation.finish()
    }
}
