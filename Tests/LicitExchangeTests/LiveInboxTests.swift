import Foundation
import LicitModel
import LicitServerCore
import LicitStorage
import LicitStorageSQLite
import LicitTestSupport
import LicitWire
import Testing

@testable import LicitExchange

/// Over the embedded store, live subscribers are handed the events each commit wrote without
/// reading them back, and only the subscribers of the inboxes written to are woken.
@Suite("Live inboxes fed by the commits")
struct LiveInboxTests {
    /// An exchange on the embedded store, with France's and India's signers; France's IAs land
    /// in India's inbox.
    static func withSQLiteExchange(
        _ body: (DirectExchange, _ france: Account, _ india: Account) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("licit.sqlite").path)
        let direct = try await DirectExchange(storage: store)
        try await body(direct, direct.account("fr-signer"), direct.account("in-signer", country: "IN"))
    }

    static func issue(_ exchange: DirectExchange, _ number: String, as signer: Account) async throws {
        let response: Result<Licit_V1_DocumentResponse, LicitStatus> = try await exchange.call(
            signer,
            LicitMethod.Documents.issueImportAuthorization,
            Licit_V1_ImportAuthorizationRequest.with {
                $0.content = TestWorld.morphineImport(number, on: exchange.today, kilograms: 1)
            }
        )
        _ = try response.get()
    }

    /// Whether `wakeUps` yielded (a wake-up is kept until taken); it ends the stream if not.
    static func wasWoken(_ wakeUps: AsyncStream<Void>, within wait: Duration) async -> Bool {
        let waiting = Task {
            var wakeUp = wakeUps.makeAsyncIterator()
            return await wakeUp.next() != nil
        }
        let timeout = Task {
            try await Task.sleep(for: wait)
            waiting.cancel()
        }
        defer { timeout.cancel() }
        return await waiting.value
    }

    @Test("the events handed over from memory are those the store holds, in pages, from any cursor")
    func handedOverAsStored() async throws {
        try await Self.withSQLiteExchange { direct, france, india in
            let exchange = direct.exchange.exchange
            let live = try await exchange.follow(india, after: 0, fromCursor: false)
            for number in 1...7 { try await Self.issue(direct, "FR-IA-\(number)", as: france) }

            let stored = try await exchange.inboxPage(for: india, after: 0, limit: 100).events
            #expect(stored.count >= 7 && stored.allSatisfy { $0.recipient == "IN-NCB" })
            // As a subscription does: take pages while more follow, else wait for a wake-up. The
            // store is read once (the subscription began before the first event); later pages
            // come from memory, and the two agree event for event.
            var delivered: [InboxEntry] = []
            var pages = 0
            let deadline = ContinuousClock.now + .seconds(10)
            while delivered.count < stored.count, ContinuousClock.now < deadline {
                let (events, more) = try await live.next(limit: 3)
                delivered += events
                pages += 1
                if !more && delivered.count < stored.count { _ = await live.wait() }
            }
            #expect(delivered == stored, "\(delivered.map(\.sequence)) vs \(stored.map(\.sequence))")
            #expect(pages >= 3)
            #expect(exchange.inbox.recent("IN-NCB", after: 0, known: 0, limit: 100)?.events == stored)

            // A subscriber that starts from an earlier cursor reads the store and joins memory.
            let later = try await exchange.follow(india, after: stored[2].sequence, fromCursor: false)
            #expect(try await later.next(limit: 100).events == Array(stored.dropFirst(3)))
        }
    }

    @Test("a commit wakes the subscribers of the inboxes it wrote to, not the others")
    func wakesOnlyItsInboxes() async throws {
        try await Self.withSQLiteExchange { direct, france, india in
            let exchange = direct.exchange.exchange
            let germany = direct.account("de-signer", country: "DE")
            let indian = exchange.inbox.subscribe(recipient: india.inbox)
            let german = exchange.inbox.subscribe(recipient: germany.inbox)
            let everyWrite = exchange.inbox.subscribe()
            defer { for id in [indian.id, german.id, everyWrite.id] { exchange.inbox.unsubscribe(id) } }

            try await Self.issue(direct, "FR-IA-1", as: france)
            #expect(await Self.wasWoken(indian.wakeUps, within: .seconds(5)))
            #expect(!(await Self.wasWoken(german.wakeUps, within: .milliseconds(300))))
            #expect(await Self.wasWoken(everyWrite.wakeUps, within: .seconds(5)), "the notifier hears every write")
        }
    }

    /// `count` events of `recipient`, numbered from `first`.
    static func events(_ recipient: String, _ sequences: some Sequence<UInt64>) -> [InboxEntry] {
        sequences.map { sequence in
            InboxEntry(
                sequence: sequence,
                recipient: recipient,
                kind: "ia_received",
                document: DocumentKey(authority: "FR-ANSM", number: "IA-\(sequence)"),
                documentKind: .importAuthorization,
                at: 0,
                status: "issued",
                summary: ""
            )
        }
    }

    @Test("memory keeps the latest events of each inbox; a cursor behind what it keeps reads the store")
    func keptAndDropped() {
        var recent = RecentEvents(start: 10)
        // Before anything is published, only a subscriber who knows the inbox up to the start
        // can be answered from memory.
        #expect(recent.page("IN-NCB", after: 5, known: 5, limit: 10) == nil)
        #expect(recent.page("IN-NCB", after: 10, known: 10, limit: 10)?.events.isEmpty == true)

        // Odd sequences to India, even ones to Germany, well past what one inbox keeps.
        let total = UInt64(4 * RecentEvents.kept + 10)
        for sequence in stride(from: 11, through: 10 + total, by: 2) {
            recent.append(
                Self.events("IN-NCB", [sequence]) + Self.events("DE-BFARM", [sequence + 1]),
                head: sequence + 1
            )
        }
        #expect(recent.head == 10 + total)
        let kept = recent.page("IN-NCB", after: 10 + total - 41, known: 10 + total - 41, limit: 5)
        #expect(
            kept?.events.map(\.sequence) == [
                10 + total - 39, 10 + total - 37, 10 + total - 35, 10 + total - 33, 10 + total - 31,
            ]
        )
        #expect(kept?.more == true && kept?.through == 10 + total - 31)
        let last = recent.page("IN-NCB", after: 10 + total - 3, known: 10 + total - 3, limit: 5)
        #expect(last?.events.map(\.sequence) == [10 + total - 1])
        #expect(last?.more == false && last?.through == 10 + total, "the rest of the inbox is known up to the head")
        // The oldest were dropped: a subscriber that knows no further than them reads the store.
        #expect(recent.page("IN-NCB", after: 11, known: 11, limit: 5) == nil)
        #expect(recent.page("DE-BFARM", after: 12, known: 12, limit: 5) == nil)
        // An inbox nothing was written to is known empty from the start on.
        #expect(recent.page("US-DEA", after: 10, known: 10, limit: 5)?.events.isEmpty == true)
    }
}
