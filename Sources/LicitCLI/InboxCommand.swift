import ArgumentParser
import Foundation
import LicitClient
import LicitWire
import SwiftProtobuf

/// `licit inbox …`
struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "Your authority's events: IAs and EAs received, endorsements, cancellations, expiries.",
        subcommands: [List.self, Acknowledge.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List your unacknowledged events, newest first (or every event after a sequence number).",
            discussion: """
                Shows the newest --limit events and says how many older ones there are. Examples:
                  licit inbox list
                  licit inbox list --after 0 --limit 1000 --json
                """
        )
        @Option(name: .long, help: "List events after this sequence (0: all; default: your acknowledged cursor).")
        var after: UInt64?

        @Option(name: .long, help: "Show at most this many, the newest.")
        var limit: Int = 100

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        /// The exchange's largest page of ListEvents.
        static let pageSize = 1000

        func run() async throws {
            guard self.limit > 0 else { throw CLIError.usage("--limit must be at least 1") }
            let (acknowledged, newest, older) = try await self.connection.withClient { client in
                let acknowledged = try await client.inboxEvents(after: 0, limit: 1).acknowledged
                // Pages through every event after the starting point, keeping the newest `limit`.
                var after = self.after ?? acknowledged
                var kept: [Licit_V1_InboxEvent] = []
                var older = 0
                while true {
                    let page = try await client.inboxEvents(after: after, limit: Self.pageSize).events
                    kept += page
                    if kept.count > self.limit {
                        older += kept.count - self.limit
                        kept.removeFirst(kept.count - self.limit)
                    }
                    guard page.count == Self.pageSize, let last = page.last else { break }
                    after = last.sequence
                }
                return (acknowledged, Array(kept.reversed()), older)
            }
            if self.output.json {
                Output.print(json: [
                    "acknowledged": acknowledged, "events": newest.map { Output.value($0) }, "older": older,
                ])
                return
            }
            let console = Console.current
            console.out(newest.isEmpty ? "no events" : EventView.table(newest))
            if older > 0 {
                console.out(
                    "\(older) older event\(older == 1 ? "" : "s") not shown: --limit \(self.limit + older) shows them all"
                )
            }
            console.out("acknowledged through \(acknowledged)")
        }
    }

    struct Acknowledge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ack",
            abstract: "Mark every event up to and including a sequence number as processed.",
            discussion: "Example:\n  licit inbox ack 42"
        )
        @Argument(help: "The last sequence number processed.")
        var sequence: UInt64

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let cursor = try await self.connection.withClient { try await $0.acknowledge(through: self.sequence) }
            if self.output.json {
                Output.print(json: ["acknowledged": cursor])
            } else {
                Console.current.out("acknowledged through \(cursor)")
            }
        }
    }
}

/// `licit watch`: events as they arrive.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print your authority's events as they arrive (unacknowledged ones first).",
        discussion: """
            Runs until interrupted (or --count events). With --ack, each printed event is acknowledged.
            With --json, one JSON object per line. Examples:
              licit watch
              licit watch --ack --json | my-national-system-import
            """
    )
    @Option(name: .long, help: "Start after this sequence instead of your acknowledged cursor.")
    var after: UInt64?

    @Option(name: .long, help: "Stop after this many events.")
    var count: Int?

    @Flag(name: .long, help: "Acknowledge each event once printed.")
    var ack = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Give up (exit 3) after the exchange has been out of reach this long (default: never).",
            valueName: "seconds"
        )
    )
    var giveUpAfter: Double?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    /// Waits between attempts to subscribe again: doubling from half a second to half a minute.
    static let backoff = (first: 0.5, longest: 30.0)

    func run() async throws {
        try await self.connection.withClient { client in
            var seen = 0
            var after = self.after
            var lostSince: ContinuousClock.Instant?
            var wait = Self.backoff.first
            while true {
                do {
                    for try await event in try await client.inbox(after: after) {
                        lostSince = nil
                        wait = Self.backoff.first
                        // Delivery is at least once: an event printed already is not printed again.
                        if let after, event.sequence <= after { continue }
                        self.print(event)
                        // Again from here, not from the cursor: nothing printed twice after a loss,
                        // not even an event whose acknowledgement was lost with the connection.
                        after = event.sequence
                        seen += 1
                        if self.ack { try await client.acknowledge(through: event.sequence) }
                        if let count = self.count, seen >= count { return }
                    }
                    // The exchange ended the subscription (a restart, a drain): subscribe again.
                } catch let error as LicitClientError where Self.isTransient(error) {
                    let since = lostSince ?? .now
                    lostSince = since
                    if let limit = self.giveUpAfter, ContinuousClock.now - since >= .milliseconds(Int64(limit * 1000)) {
                        throw Failure.explain(error, server: "the exchange")
                    }
                    Console.current.err(
                        "licit: the subscription was lost (\(error.status?.reason ?? "\(error.code)")); "
                            + "subscribing again in \(wait) s from event \(after.map(String.init) ?? "your cursor")"
                    )
                }
                try await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
                wait = min(wait * 2, Self.backoff.longest)
            }
        }
    }

    private func print(_ event: Licit_V1_InboxEvent) {
        if self.output.json {
            Console.current.out((try? event.jsonString(options: Output.jsonOptions)) ?? "{}")
        } else {
            Console.current.out(EventView.line(event))
        }
    }

    /// Whether waiting may help: the exchange unreachable, restarting or draining, not a refusal.
    static func isTransient(_ error: LicitClientError) -> Bool {
        switch error.code {
        case .rejected: return ["draining", "unavailable", "storage_unavailable"].contains(error.status?.reason ?? "")
        case .invalidRequest, .protocolViolation: return false
        default: return true
        }
    }
}

enum EventView {
    static func table(_ events: [Licit_V1_InboxEvent]) -> String {
        Output.table(
            ["seq", "at (UTC)", "event", "about", "status", "summary"],
            events.map { event in
                [
                    "\(event.sequence)", ShowDocument.Options.time(event.atMs), event.kind, Self.about(event),
                    event.status, event.summary,
                ]
            }
        )
    }

    static func line(_ event: Licit_V1_InboxEvent) -> String {
        "#\(event.sequence) \(ShowDocument.Options.time(event.atMs)) \(event.kind) "
            + "\(Self.about(event)) [\(event.status)] \(event.summary)"
    }

    /// The document an event is about, or what else it is about (`account/fr-admin-2`).
    static func about(_ event: Licit_V1_InboxEvent) -> String {
        event.hasDocument ? "\(event.document.authority)/\(event.document.number)" : event.subject
    }
}
