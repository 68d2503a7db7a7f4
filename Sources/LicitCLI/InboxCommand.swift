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
            abstract: "List events after a sequence number (default: after your acknowledged cursor).",
            discussion: "Examples:\n  licit inbox list\n  licit inbox list --after 0 --json"
        )
        @Option(name: .long, help: "List events after this sequence (0: all).")
        var after: UInt64?

        @Option(name: .long, help: "At most this many.")
        var limit: Int = 100

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let page = try await self.connection.withClient { client in
                let cursor = try await client.inboxEvents(after: 0, limit: 1).acknowledged
                return try await client.inboxEvents(after: self.after ?? cursor, limit: self.limit)
            }
            if self.output.json {
                Output.print(json: ["acknowledged": page.acknowledged, "events": page.events.map { Output.value($0) }])
            } else {
                Console.current.out(EventView.table(page.events))
                Console.current.out("acknowledged through \(page.acknowledged)")
            }
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

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await self.connection.withClient { client in
            var seen = 0
            for try await event in try await client.inbox(after: self.after) {
                if self.output.json {
                    Console.current.out(try event.jsonString(options: Output.jsonOptions))
                } else {
                    Console.current.out(EventView.line(event))
                }
                if self.ack { try await client.acknowledge(through: event.sequence) }
                seen += 1
                if let count = self.count, seen >= count { break }
            }
        }
    }
}

enum EventView {
    static func table(_ events: [Licit_V1_InboxEvent]) -> String {
        Output.table(
            ["seq", "at (UTC)", "event", "document", "status", "summary"],
            events.map { event in
                [
                    "\(event.sequence)", ShowDocument.Options.time(event.atMs), event.kind,
                    "\(event.document.authority)/\(event.document.number)", event.status, event.summary,
                ]
            }
        )
    }

    static func line(_ event: Licit_V1_InboxEvent) -> String {
        "#\(event.sequence) \(ShowDocument.Options.time(event.atMs)) \(event.kind) "
            + "\(event.document.authority)/\(event.document.number) [\(event.status)] \(event.summary)"
    }
}
