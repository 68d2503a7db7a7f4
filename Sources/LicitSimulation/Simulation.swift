import Foundation
import LicitExchange
import LicitModel
import LicitServerCore
import LicitWire
import SwiftProtobuf

/// Runs one history against a fresh in-process exchange, checking every invariant after every
/// step (docs/RELIABILITY.md, "The simulation"). The first broken invariant ends the history.
final class Simulation {
    let exchange: InProcessExchange
    let time: SimulatedTime
    var model: ReferenceModel
    /// Every write the exchange acknowledged, in order: replays pick from them.
    var acknowledged: [AcknowledgedWrite] = []
    /// Each issued IA's content, as the amendments and paper EAs reuse it.
    var importContents: [ReferenceModel.Key: Licit_V1_ImportAuthorizationContent] = [:]
    var accounts: [Account] = SimulationWorld.accounts
    var revoked: Set<String> = []
    var lastClockMilliseconds: Int64 = 0
    var keysByContent: [Data: ReferenceModel.Key] = [:]
    /// A crash armed around the commit of the next write a step makes.
    var crashNextWrite: CrashingStorage.Crash?
    /// Writes the exchange crashed around, each retried after a restart.
    private(set) var crashes = 0
    private var serial = 0
    /// Invariant checks made so far.
    var checks = 0
    var step = 0
    /// Invariants whose violations are counted and passed over, to look past a known one.
    let tolerated: Set<String>
    private(set) var tolerations = 0

    struct AcknowledgedWrite {
        let account: Account
        let method: String
        let payload: Data
        let requestID: String
        let response: Data
    }

    init(folder: URL, tolerating tolerated: Set<String> = [], store: SimulationStore = .sqlite) async throws {
        self.tolerated = tolerated
        self.time = SimulatedTime(SimulationWorld.start)
        self.exchange = try InProcessExchange(folder: folder, time: self.time, store: store)
        self.model = ReferenceModel(day: SimulationWorld.startDay)
        try await self.exchange.seed()
    }

    deinit { self.exchange.close() }

    /// Runs `steps`; the first violation is thrown, naming the step it happened at.
    func run(_ steps: [HistoryStep]) async throws(Violation) {
        for (index, step) in steps.enumerated() {
            self.step = index
            do {
                self.time.advance(seconds: 1)
                try await self.perform(step)
                try await self.checkAfterStep(auditing: Self.audits(after: index, of: steps.count))
            } catch var violation as Violation {
                violation.step = index
                guard self.tolerated.contains(violation.invariant) else { throw violation }
                self.tolerations += 1
            } catch {
                throw Violation(step: index, invariant: "no-crash", message: "\(step) threw \(error)")
            }
        }
        do {
            try await self.checkTamperDetection(seed: UInt64(steps.count))
        } catch var violation as Violation {
            violation.step = steps.count
            throw violation
        } catch {
            throw Violation(step: steps.count, invariant: "no-crash", message: "the final tamper check threw \(error)")
        }
    }

    /// Steps after which the whole audit trail is verified: every few (a verify reads the whole
    /// database, so after every step it would make a history's cost grow with the square of its
    /// length) and always after the last, so a shrunk history still ends with one.
    static let auditInterval = 5

    static func audits(after index: Int, of count: Int) -> Bool {
        index % Self.auditInterval == Self.auditInterval - 1 || index == count - 1
    }

    // MARK: Calls

    func nextNumber(_ prefix: String) -> String {
        self.serial += 1
        return "\(prefix)-\(self.serial)"
    }

    func nextRequestID() -> String {
        self.serial += 1
        return "sim-\(self.serial)"
    }

    /// A write by `account`; acknowledged ones are remembered for replays. Every answer is checked
    /// for what the caller may not learn, and a revoked account must never be served.
    @discardableResult
    func write(
        _ account: Account,
        _ method: String,
        _ message: some SwiftProtobuf.Message,
        requestID: String? = nil
    )
        async throws -> Licit_V1_Response
    {
        let payload = try message.serializedData()
        let id = requestID ?? self.nextRequestID()
        if let crash = self.crashNextWrite {
            self.exchange.crashing.arm(crash)
            self.crashNextWrite = nil
        }
        var response = await self.exchange.call(account, method, payload, requestID: id)
        // A call refused before it reached the store leaves no crash for another.
        self.exchange.crashing.arm(nil)
        if let crash = self.exchange.crashing.takeFired() {
            self.crashes += 1
            // The daemon died with the write in flight: its client saw no answer. After the restart
            // it retries with the same request id, and must get the write applied exactly once.
            try await self.restart(afterCrash: true)
            response = await self.exchange.call(account, method, payload, requestID: id)
            self.checks += 1
            try require(
                response.status.reason != "request_id_reused" && response.status.code != .internal,
                "idempotent-retries",
                "\(method) retried with request id \(id) after a crash \(crash == .beforeCommit ? "before" : "after") its commit answered \(response.status.code) \(response.status.reason)"
            )
        }
        try self.checkAnswer(response, to: account, method: method)
        if response.status.code == .ok {
            self.acknowledged.append(
                AcknowledgedWrite(
                    account: account,
                    method: method,
                    payload: payload,
                    requestID: id,
                    response: response.payload
                )
            )
        }
        return response
    }

    func read(
        _ account: Account,
        _ method: String,
        _ message: some SwiftProtobuf.Message
    ) async throws
        -> Licit_V1_Response
    {
        let response = await self.exchange.call(account, method, try message.serializedData())
        try self.checkAnswer(response, to: account, method: method)
        return response
    }

    func decode<Message: SwiftProtobuf.Message>(_ type: Message.Type, _ response: Licit_V1_Response) throws -> Message {
        try Message(serializedBytes: response.payload)
    }

    var today: Day { Day(self.exchange.clock.now) }
}

/// An invariant the exchange broke, at a step of a history.
struct Violation: Error, CustomStringConvertible {
    var step: Int
    let invariant: String
    let message: String

    init(step: Int = -1, invariant: String, message: String) {
        self.step = step
        self.invariant = invariant
        self.message = message
    }

    var description: String { "step \(self.step): [\(self.invariant)] \(self.message)" }
}

/// Throws a violation of `invariant` unless `condition` holds.
func require(_ condition: Bool, _ invariant: String, _ message: @autoclosure () -> String) throws(Violation) {
    guard condition else { throw Violation(invariant: invariant, message: message()) }
}
