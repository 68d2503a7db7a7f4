import ArgumentParser
import Foundation
import LicitClient

/// `licit-sim`: the training simulator and the load generator.
public struct LicitSimCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "licit-sim",
        abstract: "Simulated counterpart countries for training, and a load generator for the exchange.",
        discussion: """
            Against a running sandbox (licitd sandbox --data DIR). Examples:
              licit-sim train --sandbox ./sandbox --trainee FR --scenario first-import
              licit-sim load --sandbox ./sandbox --duration 30s --rate 200 --report-html load.html
            """,
        subcommands: [TrainCommand.self, ClockCommand.self, LoadCommand.self, ConformCommand.self]
    )

    public init() {}

    /// Parses and runs one command line, exiting as ArgumentParser does on an error.
    public static func run(_ arguments: [String]) async {
        do {
            var command = try Self.parseAsRoot(arguments)
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            Self.exit(withError: error)
        }
    }
}

/// `licit-sim load`
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load the exchange with realistic flows from many simulated authorities over real TLS.",
        discussion: """
            Each authority is a country's signer: it issues IAs to other countries, EAs against the IAs it
            received, endorses the EAs addressed to it, and queries. Open loop (--rate) sends each operation
            at its planned time and measures latency from then (no coordinated omission); closed loop
            (--closed-loop) waits for each answer. --ramp raises the open-loop rate step by step and stops
            after the first step the exchange does not keep up with (answering under 95 % of the rate, p99
            over --p99-limit, or more than 1 % errors): the last rate kept up with is the saturation point.
            --baseline compares the run with a stored report and exits 1 when throughput dropped more than
            5 % or a percentile rose more than 10 %. The plan is fixed by --seed. Raise the sandbox's write
            pace first (licitd sandbox --writes-per-second N or --limits FILE). Examples:
              licit-sim load --sandbox ./sandbox --duration 30s --rate 200
              licit-sim load --sandbox ./sandbox --closed-loop --connections 24 --mix 1:1:1:0 --report-json run.json
              licit-sim load --sandbox ./sandbox --connections 24 --ramp 100:3000:100 --step-duration 5s
              licit-sim load --sandbox ./sandbox --closed-loop --connections 24 --baseline run.json
            """
    )

    @Option(name: .long, help: ArgumentHelp("The sandbox folder (its manifest.json).", valueName: "dir")) var sandbox:
        String
    @Option(name: .long, help: "How many countries' authorities act (at most the sandbox's).") var authorities = 6
    @Option(name: .long, help: "TLS connections, spread over the authorities.") var connections = 6
    @Option(name: .long, help: "Operations per second, open loop.") var rate: Double?
    @Flag(name: .long, help: "Closed loop: each connection sends when its previous operation is answered.")
    var closedLoop = false
    @Option(name: .long, help: ArgumentHelp("How long: 30s, 2m.", valueName: "duration")) var duration = "10s"
    @Option(
        name: .long,
        help: ArgumentHelp("Ramp the open-loop rate: FROM:TO:STEP per second.", valueName: "from:to:step")
    )
    var ramp: String?
    @Option(name: .long, help: ArgumentHelp("How long each rate of a ramp is held.", valueName: "duration"))
    var stepDuration = "5s"
    @Option(name: .long, help: ArgumentHelp("A ramp step whose p99 exceeds this many ms saturated.", valueName: "ms"))
    var p99Limit: Double = 100
    @Option(name: .long, help: ArgumentHelp("Compare with a report written by --report-json.", valueName: "file"))
    var baseline: String?
    @Option(name: .long, help: ArgumentHelp("Weights of issue-ia:issue-ea:endorse:query.", valueName: "a:b:c:d"))
    var mix = "4:3:2:1"
    @Option(name: .long, help: "The plan's seed.") var seed: UInt64 = 1
    @Option(name: .long, help: "Percentage of IAs that reuse a number, as an officer's mistake (refused).")
    var mistakes = 0
    @Option(name: .long, help: ArgumentHelp("Write the report as JSON.", valueName: "file")) var reportJson: String?
    @Option(name: .long, help: ArgumentHelp("Write the report as a self-contained HTML page.", valueName: "file"))
    var reportHtml: String?

    func run() async throws {
        guard [self.rate != nil, self.closedLoop, self.ramp != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("choose --rate R (open loop), --closed-loop or --ramp FROM:TO:STEP")
        }
        guard self.p99Limit > 0 else { throw ValidationError("--p99-limit is a positive number of milliseconds") }
        var settings = LoadSettings()
        settings.authorities = self.authorities
        settings.connections = self.connections
        settings.rate = self.rate
        settings.durationSeconds = try Self.seconds(self.duration)
        settings.mix = try LoadSettings.mix(self.mix)
        settings.seed = self.seed
        settings.mistakesPercent = self.mistakes
        if let ramp {
            var parsed = try LoadRamp.parse(ramp)
            parsed.stepSeconds = try Self.seconds(self.stepDuration)
            parsed.p99LimitMs = self.p99Limit
            settings.ramp = parsed
        }
        let stored = try self.baseline.map { try LoadReport.read(URL(fileURLWithPath: $0)) }
        let manifest = try SimManifest.read(sandbox: URL(fileURLWithPath: self.sandbox))
        let report = try await LoadRunner(manifest: manifest, settings: settings) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }.run()
        print(report.text)
        if let reportJson { try report.json.write(to: URL(fileURLWithPath: reportJson)) }
        if let reportHtml { try Data(report.html.utf8).write(to: URL(fileURLWithPath: reportHtml)) }
        if let stored {
            let comparison = LoadComparison(report, baseline: stored)
            print("")
            print(comparison.text)
            if !comparison.regressions.isEmpty { throw ExitCode(1) }
        }
    }

    static func seconds(_ text: String) throws -> Double {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        if let unit = text.last.flatMap({ units[$0] }), let value = Double(text.dropLast()), value > 0 {
            return value * unit
        }
        if let value = Double(text), value > 0 { return value }
        throw ValidationError("\(text) is not a duration: write 30s, 2m or 1h")
    }
}

/// `licit-sim train`
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a CNA officer: bots play the other countries in a scenario, and the trainee is scored.",
        discussion: """
            The trainee acts with `licit` (or national software) as their country's signer, while the bots
            play the other countries' CNAs and the Board. Each expectation is met or missed, with the
            treaty rule it teaches. Shipped scenarios: first-import, first-export, multi-consignment,
            estimate-exceeded, paper-partner; or give a YAML or JSON file (see docs/SIM.md). Example:
              licit-sim train --sandbox ./sandbox --trainee FR --scenario first-import
            """
    )
    @Option(name: .long, help: ArgumentHelp("The sandbox folder (its manifest.json).", valueName: "dir")) var sandbox:
        String
    @Option(name: .long, help: ArgumentHelp("The trainee's country (default: the scenario's).", valueName: "code"))
    var trainee: String?
    @Option(
        name: .long,
        help: ArgumentHelp("A shipped scenario's name, or a YAML or JSON file.", valueName: "name|file")
    ) var scenario: String
    @Option(name: .long, help: "The bots' seed.") var seed: UInt64 = 1
    @Option(name: .long, help: "Multiplies every wait and time limit (0.1: ten times faster).") var pace: Double = 1
    @Option(name: .long, help: ArgumentHelp("Write the report as JSON.", valueName: "file")) var reportJson: String?
    @Flag(name: .long, help: "A model trainee plays the trainee's part: the scenario's model answer.") var demo = false

    func run() async throws {
        let manifest = try SimManifest.read(sandbox: URL(fileURLWithPath: self.sandbox))
        let scenario = try Scenario.load(self.scenario)
        let model = ModelTrainee(manifest: manifest, scenario: scenario, country: self.trainee ?? scenario.trainee)
        var prompt: (@Sendable (Training.Prompt) async throws -> Void)?
        if self.demo { prompt = { try await model.act($0) } }
        let show: @Sendable (String) -> Void = { print("[\(TrainCommand.clock())] \($0)") }
        let training = Training(
            manifest: manifest,
            scenario: scenario,
            trainee: self.trainee,
            seed: self.seed,
            pace: self.pace,
            show: show,
            prompt: prompt
        )
        let report = try await training.run()
        print("\n" + report.text)
        if let reportJson {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: reportJson))
        }
    }

    static func clock() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: Date())
    }
}

/// `licit-sim clock`: the sandbox's clock, as the training authority (the sandbox's board admin).
struct ClockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clock",
        abstract: "Show, move forward or speed up a sandbox's clock, as its board admin.",
        discussion: """
            What falls due is swept at once (expiries, overdue endorsements). Examples:
              licit-sim clock --sandbox ./sandbox
              licit-sim clock --sandbox ./sandbox --advance 31d
              licit-sim clock --sandbox ./sandbox --rate 3600
            """
    )
    @Option(name: .long, help: ArgumentHelp("The sandbox folder (its manifest.json).", valueName: "dir")) var sandbox:
        String
    @Option(name: .long, help: ArgumentHelp("Move forward: 90s, 45m, 12h or 31d.", valueName: "duration")) var advance:
        String?
    @Option(name: .long, help: "Exchange seconds per real second from now on (1 to 100000).") var rate: Double?

    func run() async throws {
        let manifest = try SimManifest.read(sandbox: URL(fileURLWithPath: self.sandbox))
        let seconds = try self.advance.map(TrainingPlay.seconds) ?? 0
        let configuration = try manifest.configuration(for: try manifest.account("board-admin"))
        let clock = try await withLicitClient(configuration) { client in
            seconds > 0 || self.rate != nil
                ? try await client.setSandboxClock(advanceSeconds: Int64(seconds), rate: self.rate ?? 0)
                : try await client.sandboxClock()
        }
        print(
            "sandbox day \(clock.day), running at \(clock.rate)× real time"
                + (clock.swept > 0 ? "; \(clock.swept) documents fell due" : "")
        )
    }
}
