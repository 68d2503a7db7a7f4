import LicitStorage
import Synchronization

/// Wakes live inbox subscriptions when a write has committed, so that they take what is new.
///
/// When the store tells which events each commit wrote (``CommittedEventsFeed``, followed with
/// ``follow(_:)``), the signal keeps the latest events of each inbox (``RecentEvents``) for the
/// subscriptions to take without reading the store, and a commit wakes only the subscribers of
/// the inboxes it wrote to. Otherwise (several daemons on one database) every write wakes every
/// subscriber, who reads the store.
///
/// A subscriber that misses a wake-up while reading still sees the event on its next read:
/// every waiter is registered before it reads.
public final class InboxSignal: Sendable {
    private struct State {
        var nextID = 0
        /// Waiters for one inbox, by recipient.
        var inboxes: [String: [Int: AsyncStream<Void>.Continuation]] = [:]
        var recipients: [Int: String] = [:]
        /// Waiters for every write (the notifier).
        var everyWrite: [Int: AsyncStream<Void>.Continuation] = [:]
        /// Nil until a store publishes the events it commits.
        var recent: RecentEvents?

        var all: [AsyncStream<Void>.Continuation] {
            Array(self.everyWrite.values) + self.inboxes.values.flatMap(\.values)
        }
    }

    private let state = Mutex(State())
    private let signals = Atomic<UInt64>(0)
    private let following = Atomic<Bool>(false)

    public init() {}

    /// A stream that yields once after each write that may concern `recipient`'s inbox, or each
    /// write when `recipient` is nil (coalesced while the subscriber is busy).
    public func subscribe(recipient: String? = nil) -> (id: Int, wakeUps: AsyncStream<Void>) {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id = self.state.withLock { state in
            state.nextID += 1
            if let recipient {
                state.inboxes[recipient, default: [:]][state.nextID] = continuation
                state.recipients[state.nextID] = recipient
            } else {
                state.everyWrite[state.nextID] = continuation
            }
            return state.nextID
        }
        return (id, stream)
    }

    public func unsubscribe(_ id: Int) {
        let continuation = self.state.withLock { state in
            guard let recipient = state.recipients.removeValue(forKey: id) else {
                return state.everyWrite.removeValue(forKey: id)
            }
            defer { if state.inboxes[recipient]?.isEmpty == true { state.inboxes[recipient] = nil } }
            return state.inboxes[recipient]?.removeValue(forKey: id)
        }
        continuation?.finish()
    }

    /// How many signals so far: a read begun after reading generation g sees every commit that
    /// was signalled up to g.
    public var generation: UInt64 { self.signals.load(ordering: .sequentiallyConsistent) }

    /// Something was committed that anyone may be waiting for: wakes every subscriber.
    public func signal() {
        self.signals.add(1, ordering: .sequentiallyConsistent)
        for waiter in self.state.withLock(\.all) { waiter.yield() }
    }

    /// A write committed: wakes the subscribers of every write, and every subscriber unless the
    /// store publishes the events it wrote (``published(_:head:)`` woke theirs).
    func written() {
        guard self.following.load(ordering: .sequentiallyConsistent) else { return self.signal() }
        for waiter in self.state.withLock({ Array($0.everyWrite.values) }) { waiter.yield() }
    }

    /// Keeps the events `feed` commits from now on, and wakes only their inboxes' subscribers.
    /// Once per signal; a store that cannot say where its events stand is not followed.
    public func follow(_ feed: any CommittedEventsFeed) {
        guard
            self.following.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged
        else { return }
        do {
            try feed.publishCommittedEvents { [weak self] events, head in self?.published(events, head: head) }
        } catch {
            self.following.store(false, ordering: .sequentiallyConsistent)
        }
    }

    /// The store committed `events` (in order); `head` is the highest sequence committed.
    private func published(_ events: [InboxEntry], head: UInt64) {
        let woken: [AsyncStream<Void>.Continuation] = self.state.withLock { state in
            guard state.recent != nil else {
                state.recent = RecentEvents(start: head)
                return []
            }
            state.recent!.append(events, head: head)
            // Counted with the head, under the lock: whoever sees the new head and then reads the
            // generation cannot join a read begun before this commit.
            self.signals.add(1, ordering: .sequentiallyConsistent)
            var woken: [AsyncStream<Void>.Continuation] = []
            for recipient in Set(events.map(\.recipient)) {
                if let waiters = state.inboxes[recipient] { woken += waiters.values }
            }
            return woken
        }
        for waiter in woken { waiter.yield() }
    }

    /// The events of `recipient`'s inbox after `sequence` (at most `limit`), when every event of
    /// that inbox after `known` is still held; nil when the store must be read instead.
    func recent(_ recipient: String, after sequence: UInt64, known: UInt64, limit: Int) -> RecentEvents.Page? {
        self.state.withLock { $0.recent?.page(recipient, after: sequence, known: known, limit: limit) }
    }

    /// The highest event sequence published: every event up to it is committed. Nil when the
    /// store publishes none.
    var publishedHead: UInt64? { self.state.withLock { $0.recent?.head } }
}
