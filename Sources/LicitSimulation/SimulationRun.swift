import Foundation

/// Seeds to histories, histories to verdicts, and a failing history to the shortest one that
/// still fails the same invariant.
public enum SimulationRun {
    /// What one seed's history came to.
    public struct Outcome: Sendable, Codable {
        public let seed: UInt64
        public let steps: Int
        public let checks: Int
        /// The broken invariant, when one broke.
        public let failure: Failure?
    }

    public struct Failure: Sendable, Codable, CustomStringConvertible {
        public let invariant: String
        public let message: String
        /// The step (counted from 1) at which it broke in the full history.
        public let stepsToFailure: Int
        /// The shortest history found that still breaks it, one step per line.
        public let shrunk: [String]

        public var description: String {
            """
            [\(self.invariant)] after \(self.stepsToFailure) steps: \(self.message)
            shortest history found (\(self.shrunk.count) steps):
            \(self.shrunk.enumerated().map { "  \($0.offset + 1). \($0.element)" }.joined(separator: "\n"))
            """
        }
    }

    /// The history a seed names.
    static func history(seed: UInt64, steps: Int) -> [HistoryStep] {
        var random = SimulationRandom(seed: seed)
        return HistoryStep.history(steps, &random)
    }

    /// Runs the history of `seed`; on a violation, shrinks it (when `shrink`) and reports both.
    public static func run(
        seed: UInt64,
        steps: Int,
        shrink: Bool = true,
        tolerating tolerated: Set<String> = [],
        store: SimulationStore = .sqlite,
        in scratch: URL
    ) async throws -> Outcome {
        let history = Self.history(seed: seed, steps: steps)
        let (violation, checks) = try await Self.play(history, tolerating: tolerated, store: store, in: scratch)
        guard let violation else { return Outcome(seed: seed, steps: steps, checks: checks, failure: nil) }
        let failing = Array(history.prefix(violation.step + 1))
        let shortest =
            shrink
            ? try await Self.shrink(
                failing,
                invariant: violation.invariant,
                tolerating: tolerated,
                store: store,
                in: scratch
            )
            : failing
        return Outcome(
            seed: seed,
            steps: min(steps, violation.step + 1),
            checks: checks,
            failure: Failure(
                invariant: violation.invariant,
                message: violation.message,
                stepsToFailure: violation.step + 1,
                shrunk: shortest.map(\.description)
            )
        )
    }

    /// Plays `history` on a fresh exchange in a folder of its own.
    static func play(
        _ history: [HistoryStep],
        tolerating tolerated: Set<String> = [],
        store: SimulationStore = .sqlite,
        in scratch: URL
    ) async throws -> (Violation?, checks: Int) {
        let folder = scratch.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: folder) }
        let simulation = try await Simulation(folder: folder, tolerating: tolerated, store: store)
        do {
            try await simulation.run(history)
            return (nil, simulation.checks)
        } catch {
            return (error, simulation.checks)
        }
    }

    /// Removes steps while the history still breaks `invariant`: halves, then quarters, down to
    /// single steps, until no single step can go (delta debugging).
    static func shrink(
        _ history: [HistoryStep],
        invariant: String,
        tolerating tolerated: Set<String> = [],
        store: SimulationStore = .sqlite,
        in scratch: URL
    ) async throws -> [HistoryStep] {
        var current = history
        var chunk = max(1, current.count / 2)
        while true {
            var removedAny = false
            var start = 0
            while start < current.count {
                var candidate = current
                candidate.removeSubrange(start..<min(current.count, start + chunk))
                if let violation = try await Self.play(candidate, tolerating: tolerated, store: store, in: scratch).0,
                    violation.invariant == invariant
                {
                    current = Array(candidate.prefix(violation.step + 1))
                    removedAny = true
                } else {
                    start += chunk
                }
            }
            if chunk == 1 && !removedAny { return current }
            chunk = max(1, removedAny ? chunk : chunk / 2)
        }
    }
}
