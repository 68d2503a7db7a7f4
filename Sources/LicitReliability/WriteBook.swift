import Foundation
import LicitClient
import LicitWire
import Synchronization

/// One idempotent write of the crash harness, with the request id it keeps across retries.
struct PlannedWrite: Sendable {
    enum Kind: String, Sendable { case importAuthorization, exportAuthorization, recordExported, endorse }

    let kind: Kind
    let number: String
    let requestID: String
}

/// What every writer learned: each write's outcome, and how indeterminate ones resolved.
final class WriteBook: Sendable {
    enum Outcome: Sendable, Equatable { case acknowledged, rejected(String) }

    private struct State {
        var outcomes: [String: Outcome] = [:]
        var everIndeterminate: Set<String> = []
        var attempts = 0
        var retries = 0
        var forNow: [String: Int] = [:]
    }

    private let state = Mutex(State())

    func attempted(retry: Bool) {
        self.state.withLock {
            $0.attempts += 1
            if retry { $0.retries += 1 }
        }
    }

    /// A write answered "not now" (`storage_unavailable`, `rate_limited`, `draining`): not applied,
    /// to be sent again with its request id.
    func answeredForNow(_ reason: String) {
        self.state.withLock { $0.forNow[reason, default: 0] += 1 }
    }

    func indeterminate(_ write: PlannedWrite) {
        _ = self.state.withLock { $0.everIndeterminate.insert(write.requestID) }
    }

    func settle(_ write: PlannedWrite, _ outcome: Outcome) {
        self.state.withLock { $0.outcomes[write.requestID] = outcome }
    }

    var acknowledged: Int { self.state.withLock { $0.outcomes.values.filter { $0 == .acknowledged }.count } }

    func figures() -> [String: Double] {
        self.state.withLock { state in
            let rejected = state.outcomes.values.filter { $0 != .acknowledged }.count
            let indeterminate = state.everIndeterminate
            var figures = [
                "writes_sent": Double(state.attempts),
                "writes_retried_with_same_request_id": Double(state.retries),
                "acknowledged": Double(state.outcomes.values.filter { $0 == .acknowledged }.count),
                "rejected": Double(rejected),
                "indeterminate": Double(indeterminate.count),
                "indeterminate_resolved_acknowledged": Double(
                    indeterminate.filter { state.outcomes[$0] == .acknowledged }.count
                ),
                "indeterminate_resolved_rejected": Double(
                    indeterminate.filter { if case .rejected = state.outcomes[$0] { true } else { false } }.count
                ),
                "indeterminate_unresolved": Double(indeterminate.filter { state.outcomes[$0] == nil }.count),
            ]
            for (reason, count) in state.forNow { figures["answered_\(reason)"] = Double(count) }
            return figures
        }
    }

    func rejections() -> [String] {
        self.state.withLock { state in
            state.outcomes.compactMap { id, outcome in
                if case .rejected(let reason) = outcome { "\(id): \(reason)" } else { nil }
            }
        }
    }

    func outcome(_ write: PlannedWrite) -> Outcome? { self.state.withLock { $0.outcomes[write.requestID] } }
}

/// A count shared by concurrent tasks.
final class Counter: Sendable {
    private let count = Mutex(0)
    func add(_ amount: Int = 1) { self.count.withLock { $0 += amount } }
    var value: Int { self.count.withLock { $0 } }
}

/// A flag shared by concurrent tasks: raised once, read by all.
final class StopSignal: Sendable {
    private let raised = Mutex(false)
    func raise() { self.raised.withLock { $0 = true } }
    var isRaised: Bool { self.raised.withLock { $0 } }
}
