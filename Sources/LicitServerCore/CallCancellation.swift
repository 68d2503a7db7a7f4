import Synchronization

/// Cancel signals for the calls that run as their own tasks, by call id.
final class CallCancellations: Sendable {
    private let signals = Mutex<[UInt64: AsyncStream<Void>.Continuation]>([:])

    /// A stream that finishes when ``cancel(_:)`` is called for `callID`.
    func register(_ callID: UInt64) -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        self.signals.withLock { $0[callID] = continuation }
        return stream
    }

    func cancel(_ callID: UInt64) {
        self.signals.withLock { $0.removeValue(forKey: callID) }?.finish()
    }

    func remove(_ callID: UInt64) {
        _ = self.signals.withLock { $0.removeValue(forKey: callID) }
    }
}
