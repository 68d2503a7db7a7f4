import Foundation
import LicitClient
import LicitWire
import Synchronization

/// Plays a scenario against a sandbox: bots act as the other countries' CNAs (and the Board for
/// supplementary estimates and the clock), and the trainee's acts are watched through a Board
/// observer's eyes and scored against the scenario's expectations.
public struct Training: Sendable {
    /// How one expectation ended.
    public struct Outcome: Codable, Sendable, Equatable {
        public let step: Int
        public let expectation: String
        public let met: Bool
        public let rule: String
        public let detail: String
    }

    public struct Report: Codable, Sendable {
        public let scenario: String
        public let trainee: String
        public let botActions: [String]
        public let outcomes: [Outcome]
        public var met: Int { self.outcomes.filter(\.met).count }
        public var score: String { "\(self.met)/\(self.outcomes.count)" }

        public var text: String {
            var lines = ["\(self.scenario): \(self.trainee) scored \(self.score)", ""]
            for outcome in self.outcomes {
                lines.append(
                    "\(outcome.met ? "met   " : "MISSED") step \(outcome.step): \(outcome.expectation) — \(outcome.detail)"
                )
                lines.append("       \(outcome.rule)")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// What a scripted trainee (tests, demonstrations) sees when an expectation begins.
    public struct Prompt: Sendable {
        public let step: Scenario.Step
        /// Documents the scenario has named so far.
        public let documents: [String: Licit_V1_DocumentRef]
        public let today: String

        public init(step: Scenario.Step, documents: [String: Licit_V1_DocumentRef], today: String) {
            self.step = step
            self.documents = documents
            self.today = today
        }
    }

    public let manifest: SimManifest
    public let scenario: Scenario
    public let trainee: String
    public let seed: UInt64
    /// Multiplies every wait and time limit: 1 for a class, 0.01 for a quick rehearsal or a test.
    public let pace: Double
    /// The live view: one line per act, as it happens.
    public let show: @Sendable (String) -> Void
    /// Called as each expectation begins, for a scripted trainee; a person needs none.
    public let prompt: (@Sendable (Prompt) async throws -> Void)?

    public init(
        manifest: SimManifest,
        scenario: Scenario,
        trainee: String? = nil,
        seed: UInt64 = 1,
        pace: Double = 1,
        show: @escaping @Sendable (String) -> Void = { _ in },
        prompt: (@Sendable (Prompt) async throws -> Void)? = nil
    ) {
        self.manifest = manifest
        self.scenario = scenario
        self.trainee = (trainee ?? scenario.trainee).uppercased()
        self.seed = seed
        self.pace = pace
        self.show = show
        self.prompt = prompt
    }

    public func run() async throws -> Report {
        let board = LicitClient(
            configuration: try self.manifest.configuration(for: try self.manifest.account("board-admin"))
        )
        let traineeAccount = try self.manifest.account("\(self.trainee.lowercased())-signer")
        var bots: [String: LicitClient] = [:]
        for country in Set(self.scenario.steps.compactMap(\.country) + [self.scenario.partner]) {
            let account = self.manifest.accounts.first { $0.name == "\(country.lowercased())-signer" }
            if let account { bots[country] = LicitClient(configuration: try self.manifest.configuration(for: account)) }
        }
        let clients = [board] + Array(bots.values)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for client in clients { group.addTask { try await client.run() } }
            defer {
                for client in clients { client.shutdown() }
                group.cancelAll()
            }
            let play = TrainingPlay(
                training: self,
                board: board,
                bots: bots,
                traineeAuthority: traineeAccount.authority,
                tag: "\(self.seed)-\(String(UUID().uuidString.prefix(4)))"
            )
            return try await play.run()
        }
    }
}
