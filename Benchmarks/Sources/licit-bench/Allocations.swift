import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// Heap allocations in licitd per unary Echo and per pushed inbox event, counted by the
/// malloc-count shim preloaded into the daemon (Benchmarks/c/malloc-count.c): the daemon writes
/// its running count to `--count-file` on SIGUSR2, read before and after a known number of calls.
struct Allocations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count licitd's heap allocations per Echo and per pushed event (needs the malloc-count shim)."
    )

    @Option var port: Int
    @Option var ca: String
    @Option(help: "licitd's process id.") var pid: Int32
    @Option(help: "The file licitd's shim writes its count to (its MALLOC_COUNT_FILE).") var countFile: String
    @Option(help: "An identity folder for the echo calls and the issues (fr-signer).") var importer: String
    @Option(help: "The subscribers' identity folder (in-signer).") var subscriber: String
    @Option var echoes = 20_000
    @Option var issues = 200
    @Option var subscribers = 8

    func run() async throws {
        let authority = try String(contentsOfFile: self.ca, encoding: .utf8)
        let importer = try LicitClientConfiguration.sandbox(self.importer, port: self.port, authority: authority)
        let subscriber = try LicitClientConfiguration.sandbox(self.subscriber, port: self.port, authority: authority)
        let perEcho = try await withLicitClient(importer) { client in
            let payload = Data(repeating: 0x61, count: 64)
            for _ in 0..<2000 { _ = try await client.echo(payload) }
            let before = try await self.count()
            for _ in 0..<self.echoes { _ = try await client.echo(payload) }
            return Double(try await self.count() - before) / Double(self.echoes)
        }
        // A write allocates the same with or without subscribers: the difference is the delivery's.
        let run = UUID().uuidString.prefix(6)
        let alone = try await self.issuing(importer, "A\(run)", subscriber, subscribers: 0)
        let watched = try await self.issuing(importer, "B\(run)", subscriber, subscribers: self.subscribers)
        let perEvent = Double(watched - alone) / Double(self.issues * self.subscribers)
        print(#"{"case":"allocations per echo","allocations":\#(perEcho)}"#)
        print(#"{"case":"allocations per pushed event","allocations":\#(perEvent)}"#)
    }

    /// Allocations while `issues` IAs are issued to IN with `subscribers` of IN's inbox
    /// receiving each event (counted once every event has arrived).
    private func issuing(
        _ importer: LicitClientConfiguration,
        _ prefix: String,
        _ subscriber: LicitClientConfiguration,
        subscribers: Int
    ) async throws -> Int {
        let issues = self.issues
        return try await withThrowingTaskGroup(of: Void.self) { group in
            let subscribed = AsyncStream<Void>.makeStream()
            let delivered = AsyncStream<Void>.makeStream()
            for _ in 0..<subscribers {
                group.addTask {
                    try await withLicitClient(subscriber) { client in
                        let events = try await client.subscribe(
                            method: LicitMethod.Inbox.subscribe,
                            payload: try Licit_V1_SubscribeRequest.with { $0.fromCursor = false }.serializedData()
                        )
                        subscribed.continuation.yield()
                        var seen = 0
                        for try await event in events {
                            let number = try Licit_V1_InboxEvent(serializedBytes: event.payload).document.number
                            if number.hasPrefix("\(prefix)-") { seen += 1 }
                            // Stay connected until counted: a closing connection allocates too.
                            if seen == issues { delivered.continuation.yield() }
                        }
                    }
                }
            }
            for await _ in subscribed.stream.prefix(subscribers) {}
            try await Task.sleep(for: .milliseconds(300))
            let allocations = try await withLicitClient(importer) { client in
                _ = try await client.issueImportAuthorization(ExportLoad.importAuthorization("W\(prefix)"))
                let before = try await self.count()
                for index in 0..<issues {
                    _ = try await client.issueImportAuthorization(ExportLoad.importAuthorization("\(prefix)-\(index)"))
                }
                for await _ in delivered.stream.prefix(subscribers) {}
                return try await self.count() - before
            }
            group.cancelAll()
            return allocations
        }
    }

    /// licitd's allocations so far: SIGUSR2, then the count its shim writes.
    private func count() async throws -> Int {
        try? FileManager.default.removeItem(atPath: self.countFile)
        kill(self.pid, SIGUSR2)
        for _ in 0..<500 {
            if let text = try? String(contentsOfFile: self.countFile, encoding: .utf8), let count = Int(text) {
                return count
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        throw ValidationError("licitd wrote no allocation count to \(self.countFile): was it started with the shim?")
    }
}
