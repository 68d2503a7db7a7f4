import LicitStorage

/// One live subscription to an account's inbox: where it stands, and how far it knows the inbox
/// to be complete. Events come from those the store published as it committed them when it does
/// (``InboxSignal``), else from the store, in one read shared with the inbox's other subscribers.
public final class LiveInbox {
    private let exchange: Exchange
    private let account: Account
    private let id: Int
    private var wakeUps: AsyncStream<Void>.Iterator
    /// The last event delivered (or the one the subscription began after).
    public private(set) var cursor: UInt64
    /// Every event of the inbox up to here is delivered: the events held in memory after it
    /// can be handed over without a read.
    private var known: UInt64

    init(
        _ exchange: Exchange,
        account: Account,
        subscription: (id: Int, wakeUps: AsyncStream<Void>),
        after cursor: UInt64
    ) {
        self.exchange = exchange
        self.account = account
        self.id = subscription.id
        self.wakeUps = subscription.wakeUps.makeAsyncIterator()
        self.cursor = cursor
        self.known = cursor
    }

    deinit { self.exchange.inbox.unsubscribe(self.id) }

    /// The next events after the cursor (at most `limit`), and whether more may follow at once;
    /// the cursor moves past them.
    public func next(limit: Int) async throws -> (events: [InboxEntry], more: Bool) {
        let inbox = self.exchange.inbox
        if let page = inbox.recent(self.account.inbox, after: self.cursor, known: self.known, limit: limit) {
            self.cursor = page.events.last?.sequence ?? self.cursor
            self.known = max(self.known, page.through)
            return (page.events, page.more)
        }
        // Read before the store: every event published up to it is committed, so a read that
        // returns less than a page has them all.
        let head = inbox.publishedHead
        let (events, more) = try await self.exchange.liveEvents(
            for: self.account,
            after: self.cursor,
            generation: inbox.generation,
            limit: limit
        )
        self.cursor = events.last?.sequence ?? self.cursor
        self.known = max(self.known, self.cursor, more ? 0 : head ?? 0)
        return (events, more)
    }

    /// Waits until a write may have added events; false once the exchange stops signalling.
    public func wait() async -> Bool {
        await self.wakeUps.next() != nil
    }
}

extension Exchange {
    /// Follows `account`'s inbox live from after `sequence`, or from its acknowledged cursor.
    public func follow(_ account: Account, after sequence: UInt64, fromCursor: Bool) async throws -> LiveInbox {
        // Subscribed before reading anything: no commit after the read goes unsignalled.
        let subscription = self.inbox.subscribe(recipient: account.inbox)
        let cursor: UInt64
        do {
            cursor = fromCursor ? try await self.acknowledged(by: account) : sequence
        } catch {
            self.inbox.unsubscribe(subscription.id)
            throw error
        }
        return LiveInbox(self, account: account, subscription: subscription, after: cursor)
    }
}
