import Foundation
import LicitModel
import LicitStorage

/// Each CNA's (and the Board's) durable inbox, with a cursor per account that only moves forward.
extension Exchange {
    /// The events in the account's inbox after `sequence`, oldest first.
    public func events(for account: Account, after sequence: UInt64, limit: Int) async throws -> [InboxEntry] {
        try await self.storage.read { try $0.events(recipient: account.inbox, after: sequence, limit: limit) }
    }

    /// For a live subscription: the events after `sequence` committed before the wake-up numbered
    /// `generation` (read ``InboxSignal/generation`` before asking), and whether more may follow.
    /// Subscribers of one inbox woken together share one read of the store.
    public func liveEvents(
        for account: Account,
        after sequence: UInt64,
        generation: UInt64,
        limit: Int
    ) async throws -> (events: [InboxEntry], more: Bool) {
        let storage = self.storage
        let recipient = account.inbox
        let page = try await self.inboxReads.events(recipient, after: sequence, limit: limit, generation: generation) {
            after in
            try await storage.read { try $0.events(recipient: recipient, after: after, limit: limit) }
        }
        return (page.events, page.full)
    }

    /// The events after `sequence` and the last the account acknowledged, read together.
    public func inboxPage(
        for account: Account,
        after sequence: UInt64,
        limit: Int
    ) async throws -> (
        events: [InboxEntry], acknowledged: UInt64
    ) {
        try await self.storage.read {
            (
                try $0.events(recipient: account.inbox, after: sequence, limit: limit),
                try $0.cursor(recipient: account.name)
            )
        }
    }

    /// The last event the account acknowledged (0: none).
    public func acknowledged(by account: Account) async throws -> UInt64 {
        try await self.storage.read { try $0.cursor(recipient: account.name) }
    }

    /// Moves the caller's cursor to `sequence`, an event of its inbox (never back); `answer`
    /// encodes where the cursor is.
    public func acknowledge(
        through sequence: UInt64,
        by caller: Caller,
        payload: Data,
        answer: @escaping @Sendable (UInt64) throws -> Data
    ) async throws -> Data {
        let account = caller.account
        return try await self.write(caller, action: "inbox.acknowledge", subject: account.name, payload: payload) {
            transaction in
            let current = try transaction.cursor(recipient: account.name)
            if sequence > current {
                guard
                    try transaction.events(recipient: account.inbox, after: sequence - 1, limit: 1).first?.sequence
                        == sequence
                else {
                    throw ExchangeError(
                        "unknown_event",
                        "your inbox has no event \(sequence); acknowledge a sequence you received"
                    )
                }
                try transaction.setCursor(recipient: account.name, to: sequence)
            }
            return try answer(max(sequence, current))
        }
    }
}

extension Account {
    /// Whose inbox the account reads: its CNA's, or the Board's.
    var inbox: String { self.isBoard ? DocumentLedger.board : self.authority }
}
