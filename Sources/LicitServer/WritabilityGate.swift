import Synchronization

/// Lets the tasks writing to one connection wait while its outbound buffer is above the
/// high-water mark, so a peer that reads slowly slows its producers instead of growing memory.
final class WritabilityGate: Sendable {
    struct Closed: Error {}

    private struct State {
        var writable = true
        var closed = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]

        mutating func takeWaiters() -> [CheckedContinuation<Void, any Error>] {
            defer { self.waiters = [:] }
            return Array(self.waiters.values)
        }
    }

    private let state = Mutex(State())

    /// Called on the event loop when the channel's writability changes.
    func writabilityChanged(_ writable: Bool) {
        let waiters = self.state.withLock { state in
            state.writable = writable
            return writable ? state.takeWaiters() : []
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Called when the channel closes: every waiter fails.
    func closed() {
        let waiters = self.state.withLock { state in
            state.closed = true
            return state.takeWaiters()
        }
        for waiter in waiters { waiter.resume(throwing: Closed()) }
    }

    /// Returns at once when writable; otherwise when it becomes writable, closes, or the task is cancelled.
    func waitUntilWritable() async throws {
        // The common case, answered without suspending.
        let id: Int? = try self.state.withLock { state in
            if state.closed { throw Closed() }
            if state.writable { return nil }
            state.nextWaiter += 1
            return state.nextWaiter
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let ready: Result<Void, any Error>? = self.state.withLock { state in
                    if state.closed { return .failure(Closed()) }
                    if state.writable || Task.isCancelled { return .success(()) }
                    state.waiters[id] = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            self.state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }
}
