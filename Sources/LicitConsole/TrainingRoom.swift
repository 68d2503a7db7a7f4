import Foundation
import LicitClient
import LicitSim
import Synchronization

/// One trainee playing one scenario: the live log (prompts, the bots' acts, each expectation met or
/// missed) and, at the end, the report with the score and the rules taught.
final class TrainingRun: Sendable {
    enum State: Sendable {
        case running
        case finished(Training.Report)
        case failed(String)
    }

    let id: String
    let scenario: Scenario
    let account: String
    let country: String
    let startedAt: Date
    private let progress = Mutex<(lines: [String], state: State, listeners: [UUID: AsyncStream<Void>.Continuation])>(
        ([], .running, [:])
    )

    init(scenario: Scenario, account: String, country: String) {
        self.id = Token.make()
        self.scenario = scenario
        self.account = account
        self.country = country
        self.startedAt = Date()
    }

    var lines: [String] { self.progress.withLock { $0.lines } }
    var state: State { self.progress.withLock { $0.state } }
    var isRunning: Bool {
        if case .running = self.state { return true }
        return false
    }

    /// The expectations the scenario scores, and how many have ended so far.
    var expectations: Int { self.scenario.steps.filter { $0.expect != nil }.count }
    var ended: Int { self.lines.filter { $0.hasPrefix("✓") || $0.hasPrefix("✗") }.count }

    /// The last thing the trainee was told to do.
    var prompt: String? { self.lines.last { $0.hasPrefix("» ") }.map { String($0.dropFirst(2)) } }

    func append(_ line: String) {
        self.update { $0.lines.append(line) }
    }

    func finish(_ state: State) {
        self.update { $0.state = state }
    }

    /// Wakes whenever a line is added or the run ends, until the caller stops listening.
    func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let key = UUID()
        self.progress.withLock { $0.listeners[key] = continuation }
        continuation.onTermination = { [weak self] _ in
            _ = self?.progress.withLock { $0.listeners.removeValue(forKey: key) }
        }
        continuation.yield()
        return stream
    }

    private func update(
        _ change: (inout (lines: [String], state: State, listeners: [UUID: AsyncStream<Void>.Continuation])) -> Void
    ) {
        let listeners = self.progress.withLock { progress in
            change(&progress)
            return Array(progress.listeners.values)
        }
        for listener in listeners { listener.yield() }
    }
}

/// Every training run of a sandbox console. A country is played by one trainee at a time, so a room
/// of trainees each signed in as a different country trains at once without disturbing each other.
actor TrainingRoom {
    private var runs: [TrainingRun] = []
    let sandbox: LicitSandbox
    /// Multiplies the scenarios' waits and time limits (1 for a class).
    let pace: Double

    init(sandbox: LicitSandbox, pace: Double) {
        self.sandbox = sandbox
        self.pace = pace
    }

    var all: [TrainingRun] { self.runs }

    func run(_ id: String) -> TrainingRun? { self.runs.first { $0.id == id } }

    /// The running scenario of this account, if any.
    func active(for account: String) -> TrainingRun? {
        self.runs.last { $0.account == account && $0.isRunning }
    }

    /// Starts `scenario` with `country` as the trainee; refused while that country is in training.
    func start(_ scenario: Scenario, account: String, country: String) throws -> TrainingRun {
        if let busy = self.runs.first(where: { $0.country == country && $0.isRunning }) {
            throw ConsoleInputError(
                "\(country) is already in training (\(busy.account), \(busy.scenario.name)): sign in as another country's signer"
            )
        }
        let run = TrainingRun(scenario: scenario, account: account, country: country)
        self.runs.append(run)
        let training = Training(
            manifest: self.sandbox,
            scenario: scenario,
            trainee: country,
            seed: UInt64(self.runs.count),
            pace: self.pace,
            show: { run.append($0) }
        )
        Task {
            do {
                run.finish(.finished(try await training.run()))
            } catch {
                run.finish(.failed(String(describing: error)))
            }
        }
        return run
    }
}
