import Foundation

/// The kinds of operation a load run mixes.
public enum LoadOperation: String, CaseIterable, Codable, Sendable, Comparable {
    case issueIA = "issue-ia"
    case issueEA = "issue-ea"
    case endorse
    case query

    public static func < (lhs: LoadOperation, rhs: LoadOperation) -> Bool {
        Self.allCases.firstIndex(of: lhs)! < Self.allCases.firstIndex(of: rhs)!
    }
}

/// What a load run does, fixed by its settings and seed.
public struct LoadSettings: Codable, Sendable {
    public var authorities: Int = 6
    public var connections: Int = 6
    /// Operations per second (open loop), or nil for a closed loop (each connection waits for its answer).
    public var rate: Double?
    public var durationSeconds: Double = 10
    /// Weights of issue-ia, issue-ea, endorse and query.
    public var mix: [LoadOperation: Int] = [.issueIA: 4, .issueEA: 3, .endorse: 2, .query: 1]
    public var seed: UInt64 = 1
    /// Percentage of IAs issued with a number the authority already used: refusals the exchange
    /// must count, as an officer's mistakes would be.
    public var mistakesPercent: Int = 0
    /// Raise the open-loop rate step by step instead of holding one rate, to find where the
    /// exchange stops keeping up.
    public var ramp: LoadRamp?

    public init() {}

    /// `4:3:2:1` as weights of issue-ia, issue-ea, endorse and query.
    public static func mix(_ text: String) throws -> [LoadOperation: Int] {
        let parts = text.split(separator: ":").map { Int($0) }
        guard parts.count == 4, parts.allSatisfy({ ($0 ?? -1) >= 0 }), parts.reduce(0, { $0 + ($1 ?? 0) }) > 0 else {
            throw SimError("--mix takes four weights, issue-ia:issue-ea:endorse:query, e.g. 4:3:2:1")
        }
        return Dictionary(uniqueKeysWithValues: zip(LoadOperation.allCases, parts.map { $0! }))
    }
}

/// A ramp: open loop from `from` operations per second up to `to`, `step` more every
/// `stepSeconds`, stopping after the first step the exchange does not keep up with.
public struct LoadRamp: Codable, Sendable, Equatable {
    public var from: Double
    public var to: Double
    public var step: Double
    public var stepSeconds: Double = 5
    /// A step is kept up with when it answers at least this share of the rate offered…
    public var minimumShare: Double = 0.95
    /// …with a p99 latency no higher than this, and at most 1 % errors.
    public var p99LimitMs: Double = 100

    public init(from: Double, to: Double, step: Double) {
        self.from = from
        self.to = to
        self.step = step
    }

    /// `FROM:TO:STEP` in operations per second, e.g. `100:2000:100`.
    public static func parse(_ text: String) throws -> LoadRamp {
        let parts = text.split(separator: ":").map { Double($0) }
        guard parts.count == 3, let from = parts[0], let to = parts[1], let step = parts[2], from > 0, step > 0,
            to >= from
        else {
            throw SimError("--ramp takes FROM:TO:STEP in operations per second, FROM ≤ TO, e.g. 100:2000:100")
        }
        return LoadRamp(from: from, to: to, step: step)
    }

    /// The rates offered, in order.
    public var rates: [Double] { Array(stride(from: self.from, through: self.to + self.step / 1000, by: self.step)) }
}

/// One planned step: which operation, when (open loop, seconds after the start), and the choices it makes.
public struct PlannedStep: Sendable, Equatable {
    public let index: Int
    public let operation: LoadOperation
    /// Open loop: when it is meant to be sent. Latency counts from here (no coordinated omission).
    public let intendedOffset: Double
    public let actor: Int
    public let partner: Int
    /// Grams of morphine base for an IA.
    public let grams: Int
    /// An IA that reuses a number (refused `duplicate_number`).
    public let mistake: Bool
}

/// The steps of a run, the same for the same settings: a Poisson arrival process at `rate`.
public struct LoadPlan: Sendable {
    public let settings: LoadSettings
    private let steps: [PlannedStep]

    /// Steps are numbered from `firstIndex` (a ramp's later steps go on from the earlier ones',
    /// so that the documents they issue keep distinct numbers).
    public init(_ settings: LoadSettings, authorities: Int, capacity: Int = 1_000_000, firstIndex: Int = 0) {
        self.settings = settings
        var random = SeededGenerator(seed: settings.seed)
        let weights = LoadOperation.allCases.map { settings.mix[$0] ?? 0 }
        let total = weights.reduce(0, +)
        let count = settings.rate.map { min(capacity, Int(($0 * settings.durationSeconds).rounded(.up))) } ?? capacity
        var offset = 0.0
        var steps: [PlannedStep] = []
        steps.reserveCapacity(min(count, 100_000))
        for index in 0..<count {
            var pick = Int(random.next() % UInt64(total))
            var operation = LoadOperation.query
            for (kind, weight) in zip(LoadOperation.allCases, weights) {
                if pick < weight {
                    operation = kind
                    break
                }
                pick -= weight
            }
            if let rate = settings.rate {
                let uniform = Double(random.next() >> 11) / Double(1 << 53)
                offset += -log(1 - uniform) / rate
            }
            let actor = Int(random.next() % UInt64(authorities))
            let partner = (actor + 1 + Int(random.next() % UInt64(max(1, authorities - 1)))) % authorities
            steps.append(
                PlannedStep(
                    index: firstIndex + index,
                    operation: operation,
                    intendedOffset: offset,
                    actor: actor,
                    partner: partner,
                    grams: 1 + Int(random.next() % 50),
                    mistake: Int(random.next() % 100) < settings.mistakesPercent
                )
            )
            if settings.rate == nil && index >= 200_000 { break }
        }
        self.steps = steps
    }

    public var count: Int { self.steps.count }
    public subscript(index: Int) -> PlannedStep { self.steps[index] }
}
