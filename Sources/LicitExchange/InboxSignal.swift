import Synchronization

/// Wakes live inbox subscriptions when a write has committed, so that they read what is new.
/// A subscriber that misses a wake-up while reading still sees the event on its next read:
/// every waiter is registered before it reads.
public final class InboxSignal: Sendable {
    private let waiters = Mutex<[Int: AsyncStream<Void>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)
    private let signals = Atomic<UInt64>(0)

    public init() {}

    /// A stream that yields once after each signal (coalesced while the subscriber is busy).
    public func subscribe() -> (id: Int, wakeUps: AsyncStream<Void>) {
        let id = self.nextID.wrappingAdd(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        self.waiters.withLock { $0[id] = continuation }
        return (id, stream)
    }

    public func unsubscribe(_ id: Int) {
        self.waiters.withLock { $0.removeValue(forKey: id) }?.finish()
    }

    /// How many signals so far: a read begun after reading generation g sees every commit that
    /// was signalled up to g.
    public var generation: UInt64 { self.signals.load(ordering: .sequentiallyConsistent) }

    public func signal() {
        self.signals.add(1, ordering: .sequentiallyConsistent)
        for waiter in self.waiters.withLock({ Array($0.values) }) { waiter.yield() }
    }
}
