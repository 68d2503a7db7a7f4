import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// Commit → delivery across daemons: the importing CNA issues IAs one at a time through the first
/// daemon while the exporting CNA is subscribed to its inbox on the last; each IA's delay is from
/// the issue's acknowledgement (sent after the commit) to the event's arrival at the subscriber.
struct PushLatency: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push-latency",
        abstract: "Measure commit → delivery of inbox events from one daemon to a subscriber on another."
    )

    @Option(help: "The issuing daemon's port, then the subscriber's (the same port twice for one daemon).")
    var port: [Int]
    @Option var ca: String
    @Option(help: "The importing CNA's signer identity folder (fr-signer).") var importer: String
    @Option(help: "The exporting CNA's identity folder, subscribed to its inbox (in-signer).") var subscriber: String
    @Option var count = 200
    @Option var label = "commit to delivery"

    func run() async throws {
        guard self.port.count == 2 else {
            throw ValidationError("give --port twice: the issuing and the subscribing daemon")
        }
        let authority = try String(contentsOfFile: self.ca, encoding: .utf8)
        func configuration(_ folder: String, port: Int) throws -> LicitClientConfiguration {
            try .sandbox(folder, port: port, authority: authority)
        }
        let run = UUID().uuidString.prefix(8)
        let count = self.count
        let acknowledged = Times()
        let delays = try await withLicitClient(try configuration(self.subscriber, port: self.port[1])) { subscriber in
            let events = try await subscriber.subscribe(
                method: LicitMethod.Inbox.subscribe,
                payload: try Licit_V1_SubscribeRequest.with { $0.fromCursor = false }.serializedData()
            )
            return try await withLicitClient(try configuration(self.importer, port: self.port[0])) { issuer in
                try await withThrowingTaskGroup(of: [UInt64]?.self) { group in
                    group.addTask {
                        var delays: [UInt64] = []
                        for try await event in events {
                            let arrived = ContinuousClock.now
                            let number = try Licit_V1_InboxEvent(serializedBytes: event.payload).document.number
                            guard number.hasPrefix("P\(run)-"), let sent = await acknowledged.waitFor(number) else {
                                continue
                            }
                            delays.append(arrived > sent ? Latencies.nanoseconds(arrived - sent) : 0)
                            if delays.count == count { return delays }
                        }
                        return delays
                    }
                    group.addTask {
                        try await Task.sleep(for: .milliseconds(200))
                        for index in 0..<count {
                            let number = "P\(run)-\(index)"
                            _ = try await issuer.issueImportAuthorization(ExportLoad.importAuthorization(number))
                            await acknowledged.record(number, ContinuousClock.now)
                            try await Task.sleep(for: .milliseconds(5))
                        }
                        try await Task.sleep(for: .seconds(10))
                        return nil
                    }
                    let delays = try await group.next()!
                    group.cancelAll()
                    return delays ?? []
                }
            }
        }
        guard delays.count == count else {
            throw ValidationError("only \(delays.count) of \(count) events arrived within 10 s of the last issue")
        }
        print(Latencies(nanoseconds: delays).report(label: self.label, seconds: 1))
    }

    /// When each issue was acknowledged; an event may arrive before its acknowledgement does.
    actor Times {
        private var times: [String: ContinuousClock.Instant] = [:]

        func record(_ number: String, _ instant: ContinuousClock.Instant) { self.times[number] = instant }

        func waitFor(_ number: String) async -> ContinuousClock.Instant? {
            for _ in 0..<2000 {
                if let instant = self.times[number] { return instant }
                try? await Task.sleep(for: .milliseconds(1))
            }
            return nil
        }
    }
}
