import Foundation
import LicitClient
import LicitWire
import Synchronization

/// One run of a scenario: the named documents, the bots' log and the outcomes so far.
final class TrainingPlay: Sendable {
    let training: Training
    let board: LicitClient
    let bots: [String: LicitClient]
    let traineeAuthority: String
    /// Makes this run's document numbers unique on the sandbox.
    let tag: String
    private let state = Mutex<(documents: [String: Licit_V1_DocumentRef], log: [String], outcomes: [Training.Outcome])>(
        ([:], [], [])
    )

    init(training: Training, board: LicitClient, bots: [String: LicitClient], traineeAuthority: String, tag: String) {
        self.training = training
        self.board = board
        self.bots = bots
        self.traineeAuthority = traineeAuthority
        self.tag = tag
    }

    var scenario: Scenario { self.training.scenario }

    func run() async throws -> Training.Report {
        self.training.show(
            "\(self.scenario.title) — you play \(self.training.trainee), the bots play \(self.scenario.partner)"
        )
        for (index, step) in self.scenario.steps.enumerated() {
            if let message = step.say { self.training.show("» \(message)") }
            if let missing = self.missingDocument(step) {
                self.skip(step, index: index + 1, because: "\(missing) was never made: an earlier step was missed")
                continue
            }
            if let act = step.bot { try await self.bot(act, step, index: index + 1) }
            if let expectation = step.expect { try await self.expect(expectation, step, index: index + 1) }
        }
        let state = self.state.withLock { $0 }
        let report = Training.Report(
            scenario: self.scenario.name,
            trainee: self.training.trainee,
            botActions: state.log,
            outcomes: state.outcomes
        )
        self.training.show("score: \(report.score)")
        return report
    }

    // MARK: Helpers

    /// The sandbox's day, asked each time: the scenario moves the clock.
    func today() async throws -> String { try await self.board.sandboxClock().day }

    func number(_ step: Int) -> String { "TR\(self.tag)-\(step)" }

    /// The document a step works on when no earlier step made it (the trainee missed that step).
    func missingDocument(_ step: Scenario.Step) -> String? {
        guard let name = step.document, name != "nonexistent", self.documents[name] == nil else { return nil }
        return name
    }

    /// A step that cannot be played: its bot act is logged as skipped and its expectation missed.
    func skip(_ step: Scenario.Step, index: Int, because reason: String) {
        if let act = step.bot { self.log("\(act) skipped: \(reason)") }
        if let expectation = step.expect {
            self.outcome(
                .init(
                    step: index,
                    expectation: expectation,
                    met: false,
                    rule: step.rule ?? "",
                    detail: "not possible: \(reason)"
                )
            )
        }
    }

    func named(_ name: String?, _ step: Scenario.Step) throws -> Licit_V1_DocumentRef {
        guard let name, let reference = self.state.withLock({ $0.documents[name] }) else {
            throw SimError(
                "the scenario's step names no known document (\(name ?? "none")); earlier steps must name it with `as`"
            )
        }
        return reference
    }

    func remember(_ name: String?, _ document: Licit_V1_Document) {
        // What is not a document (a request for an estimate) was remembered by its finder.
        guard document.kind != .unspecified else { return }
        self.remember(
            name,
            .with {
                $0.authority = document.importAuthorization?.authority ?? document.exportAuthorization?.authority ?? ""
                $0.number = document.importAuthorization?.number ?? document.exportAuthorization?.number ?? ""
            }
        )
    }

    func remember(_ name: String?, _ reference: Licit_V1_DocumentRef) {
        guard let name else { return }
        self.state.withLock { $0.documents[name] = reference }
    }

    func log(_ line: String) {
        self.state.withLock { $0.log.append(line) }
        self.training.show("bot: \(line)")
    }

    func outcome(_ outcome: Training.Outcome) {
        self.state.withLock { $0.outcomes.append(outcome) }
        self.training.show("\(outcome.met ? "✓" : "✗") \(outcome.expectation): \(outcome.detail)")
    }

    var documents: [String: Licit_V1_DocumentRef] { self.state.withLock { $0.documents } }

    static func base(_ document: Licit_V1_Document) -> Int64 {
        (document.importAuthorization?.lines ?? document.exportAuthorization?.lines ?? []).map(\.baseMg).reduce(0, +)
    }
}
