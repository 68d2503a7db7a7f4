import ArgumentParser
import Foundation

/// `licit-simulate`: plays seeded histories against the real exchange in process and checks
/// the invariants of docs/RELIABILITY.md after every step.
public struct SimulateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "licit-simulate",
        abstract: "Check the exchange's invariants over seeded, reproducible histories.",
        discussion: """
            Each seed names one history of calls by every role of four countries and the Board, with
            mistakes, retries, restarts, clock moves, a second daemon and tampering. The first broken
            invariant stops the history; it is printed with its seed and the shortest history that still
            breaks it. Reproduce one with --seed.
              licit-simulate --seeds 200 --steps 300
              licit-simulate --seed 17 --steps 300
            """
    )

    @Option(help: "How many seeds to run, from --first-seed on.")
    var seeds = 20

    @Option(help: "The first seed.")
    var firstSeed: UInt64 = 1

    @Option(help: "Run this one seed only.")
    var seed: UInt64?

    @Option(help: "Steps per history.")
    var steps = 200

    @Flag(help: "Report a failing history as it is, without shrinking it.")
    var noShrink = false

    @Option(help: "Pass over violations of this invariant (repeatable), to look past a known one.")
    var tolerate: [String] = []

    @Option(
        help: """
            The store: sqlite (licitd's embedded store) or staged (an asynchronous backend's, as \
            PostgreSQL runs; the steps about the SQLite file do not apply).
            """
    )
    var store: SimulationStore = .sqlite

    @Option(help: "Write the figures as JSON to this file.")
    var report: String?

    public init() {}

    /// Parses the arguments and runs (the package's platforms predate the async `main`).
    public static func runFromCommandLine() async {
        do {
            var command = try Self.parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            Self.exit(withError: error)
        }
    }

    public func run() async throws {
        let seeds = self.seed.map { [$0] } ?? (0..<UInt64(self.seeds)).map { self.firstSeed + $0 }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "licit-simulate-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: scratch) }
        let started = Date()
        var outcomes: [SimulationRun.Outcome] = []
        for seed in seeds {
            let outcome = try await SimulationRun.run(
                seed: seed,
                steps: self.steps,
                shrink: !self.noShrink,
                tolerating: Set(self.tolerate),
                store: self.store,
                in: scratch
            )
            outcomes.append(outcome)
            let verdict = outcome.failure.map { "FAILED \($0)" } ?? "ok"
            print("seed \(seed): \(outcome.steps) steps, \(outcome.checks) checks: \(verdict)")
            fflush(nil)
        }
        let summary = SimulationSummary(outcomes: outcomes, seconds: Date().timeIntervalSince(started))
        print(
            "\(summary.histories) histories, \(summary.steps) steps, \(summary.checks) invariant checks, \(summary.failures.count) failed, \(String(format: "%.1f", summary.seconds)) s"
        )
        if let report = self.report {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(summary).write(to: URL(fileURLWithPath: report))
        }
        if !summary.failures.isEmpty { throw ExitCode(1) }
    }
}

/// The figures of a run, as licit-reliability folds them into reliability-report.json.
public struct SimulationSummary: Codable, Sendable {
    public let histories: Int
    public let steps: Int
    public let checks: Int
    public let seconds: Double
    public let failures: [SimulationRun.Outcome]

    init(outcomes: [SimulationRun.Outcome], seconds: Double) {
        self.histories = outcomes.count
        self.steps = outcomes.reduce(0) { $0 + $1.steps }
        self.checks = outcomes.reduce(0) { $0 + $1.checks }
        self.seconds = seconds
        self.failures = outcomes.filter { $0.failure != nil }
    }
}

extension SimulationStore: ExpressibleByArgument {}
