import Foundation
import LicitStorage
import Synchronization
import Testing

@testable import LicitExchange

/// Subscribers of one inbox share a read only when it saw every commit they were woken for.
@Suite("live inbox reads shared by subscribers")
struct InboxReadsTests {
    /// An inbox whose reads are counted; it holds events 1...`count` of `recipient`.
    final class CountedInbox: Sendable {
        let reads = Atomic<Int>(0)
        let count: UInt64

        init(count: UInt64) { self.count = count }

        func read(after sequence: UInt64, limit: Int) -> [InboxEntry] {
            self.reads.add(1, ordering: .relaxed)
            return (sequence + 1..<self.count + 1).prefix(limit).map { sequence in
                InboxEntry(
                    sequence: sequence,
                    recipient: "IN-NCB",
                    kind: "ia_issued",
                    document: DocumentKey(authority: "FR-ANSM", number: "IA-\(sequence)"),
                    documentKind: .importAuthorization,
                    at: 0,
                    status: "issued",
                    summary: ""
                )
            }
        }
    }

    static func events(
        _ reads: InboxReads,
        _ inbox: CountedInbox,
        after: UInt64,
        generation: UInt64,
        limit: Int = 100
    ) async throws -> InboxReads.Page {
        try await reads.events("IN-NCB", after: after, limit: limit, generation: generation) {
            inbox.read(after: $0, limit: limit)
        }
    }

    @Test("woken by the same commit, later cursors join the read and get only what follows their cursor")
    func sameWakeUpShares() async throws {
        let reads = InboxReads()
        let inbox = CountedInbox(count: 10)
        let first = try await Self.events(reads, inbox, after: 2, generation: 5)
        let second = try await Self.events(reads, inbox, after: 7, generation: 5)
        #expect(first.events.map(\.sequence) == Array(3...10))
        #expect(second.events.map(\.sequence) == [8, 9, 10])
        #expect(inbox.reads.load(ordering: .relaxed) == 1)
    }

    @Test("a newer wake-up, or a cursor before the read's start, reads the store again")
    func staleOrEarlierReadsAgain() async throws {
        let reads = InboxReads()
        let inbox = CountedInbox(count: 10)
        _ = try await Self.events(reads, inbox, after: 5, generation: 5)
        let earlier = try await Self.events(reads, inbox, after: 1, generation: 5)
        #expect(earlier.events.map(\.sequence) == Array(2...10))
        #expect(inbox.reads.load(ordering: .relaxed) == 2)
        // A read begun before the wake-up may have missed its commit: never joined.
        _ = try await Self.events(reads, inbox, after: 5, generation: 6)
        #expect(inbox.reads.load(ordering: .relaxed) == 3)
    }

    @Test("a full page says more may follow, even to a subscriber who joined it further on")
    func fullPage() async throws {
        let reads = InboxReads()
        let inbox = CountedInbox(count: 10)
        let page = try await Self.events(reads, inbox, after: 0, generation: 1, limit: 4)
        #expect(page.events.map(\.sequence) == [1, 2, 3, 4] && page.full)
        let joined = try await Self.events(reads, inbox, after: 3, generation: 1, limit: 4)
        #expect(joined.events.map(\.sequence) == [4] && joined.full)
        // Joined at the page's end, a subscriber reads on rather than taking an empty full page
        // (which would have it ask again and again without ever waiting).
        let onward = try await Self.events(reads, inbox, after: 4, generation: 1, limit: 4)
        #expect(onward.events.map(\.sequence) == [5, 6, 7, 8] && onward.full)
        #expect(inbox.reads.load(ordering: .relaxed) == 2)
        let last = try await Self.events(reads, inbox, after: 8, generation: 2, limit: 4)
        #expect(last.events.map(\.sequence) == [9, 10] && !last.full)
    }
}
