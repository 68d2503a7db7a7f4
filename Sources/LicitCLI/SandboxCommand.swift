import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// `licit sandbox clock`: a training sandbox's time.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract:
            "A training sandbox: move its clock so that periods, expiries and overdue endorsements happen within the hour.",
        subcommands: [Clock.self]
    )

    struct Clock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the sandbox's clock, move it forward, or change its rate (board admins; sandboxes only).",
            discussion: """
                What falls due is swept at once: expiries, overdue endorsements, IAs about to expire. Examples:
                  licit sandbox clock
                  licit sandbox clock --advance 31d
                  licit sandbox clock --rate 3600      # an exchange hour per real second
                """
        )
        @Option(name: .long, help: ArgumentHelp("Move forward: 90s, 45m, 12h or 31d.", valueName: "duration"))
        var advance: String?

        @Option(name: .long, help: "Exchange seconds per real second from now on (1 to 100000).")
        var rate: Double?

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let seconds = try self.advance.map(Self.seconds) ?? 0
            let clock = try await self.connection.withClient { client in
                guard seconds > 0 || self.rate != nil else { return try await client.sandboxClock() }
                return try await client.setSandboxClock(
                    advanceSeconds: seconds,
                    rate: self.rate ?? 0,
                    requestID: self.write.resolvedRequestID
                )
            }
            if self.output.json {
                Output.print(json: Output.value(clock))
            } else {
                let now = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(clock.nowMs) / 1000))
                let swept = clock.swept > 0 ? "; \(clock.swept) documents fell due" : ""
                Console.current.out(
                    "sandbox time \(now) (day \(clock.day)), running at \(clock.rate)× real time\(swept)"
                )
            }
        }

        /// `90s`, `45m`, `12h`, `31d` in seconds.
        static func seconds(_ text: String) throws -> Int64 {
            let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
            guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()), count > 0 else {
                throw CLIError.usage("\(text) is not a duration", hint: "for example 90s, 45m, 12h or 31d")
            }
            return count * unit
        }
    }
}
