import Foundation
import LicitExchange
import LicitServerCore
import Synchronization

/// A training sandbox's deliberate misbehaviour (``CallFaults``): each account has a
/// ``FaultProfile`` (`none` unless set), and its faults are drawn from a generator seeded by the
/// sandbox's seed and the account's name, one draw per call or event in the order they come,
/// so that the same calls meet the same faults. A write is faulted at most once, so that its
/// retry goes through. Every call, event and connection of a faulted account goes to its
/// conformance journal, which `licit-sim conform` reads.
package final class SandboxFaults: CallFaults {
    private struct AccountState {
        var generator: SplitMix64
        var faultedRequests: Set<String> = []
    }

    private let profiles: [String: FaultProfile]
    private let defaultProfile: FaultProfile
    private let seed: UInt64
    private let journal: ConformanceJournal
    private let states = Mutex<[String: AccountState]>([:])

    /// `profiles` by account name; others get `defaultProfile`. Journals go to `journalFolder`.
    package init(
        defaultProfile: FaultProfile,
        profiles: [String: FaultProfile],
        seed: UInt64,
        journalFolder: URL
    ) throws {
        self.defaultProfile = defaultProfile
        self.profiles = profiles
        self.seed = seed
        self.journal = try ConformanceJournal(folder: journalFolder)
    }

    package func profile(of account: String) -> FaultProfile {
        self.profiles[account] ?? self.defaultProfile
    }

    package func plan(_ call: CallFacts) -> PlannedFault? {
        let profile = self.profile(of: call.account.name)
        guard !profile.isNone, !call.isSubscription, !call.method.hasPrefix("licit.v1.Session/") else { return nil }
        let key = "\(call.method) \(call.requestID)"
        return self.draw(call.account.name) { state, draw -> PlannedFault? in
            if call.isWrite, state.faultedRequests.contains(key) { return nil }
            // The draw falls in one fault's share, or in none; a call the fault does not apply to
            // goes unharmed, so that each rate is the share of the calls it applies to.
            let shares: [(Double, PlannedFault, Bool)] = [
                (profile.dropAfterCommit, .dropAfterCommit, call.isWrite),
                (profile.rateLimited, .rateLimited(milliseconds: profile.retryAfterMs), call.isWrite),
                (profile.delayPastDeadline, .delayPastDeadline, call.deadline != nil),
                (profile.drainMidCall, .drainMidCall, true),
            ]
            var threshold = 0.0
            for (rate, fault, applies) in shares {
                threshold += rate
                guard draw < threshold else { continue }
                guard applies else { return nil }
                if call.isWrite { state.faultedRequests.insert(key) }
                return fault
            }
            return nil
        }
    }

    package func planEvent(_ call: CallFacts, sequence: UInt64) -> EventFault? {
        let profile = self.profile(of: call.account.name)
        guard profile.duplicateEvent + profile.endSubscription > 0 else { return nil }
        return self.draw(call.account.name) { _, draw in
            if draw < profile.duplicateEvent { return .duplicate }
            if draw < profile.duplicateEvent + profile.endSubscription { return .endSubscription }
            return nil
        }
    }

    package func announcedExpiry(of account: Account, actual: Date?) -> Date? {
        guard let days = self.profile(of: account.name).expiryWarningDays else { return actual }
        let announced = Date().addingTimeInterval(Double(days) * 86_400)
        let expiry = min(actual ?? announced, announced)
        self.journal.record(
            account.name,
            ConformanceJournal.Entry(kind: "expiry_announced", expiresMs: expiry.milliseconds)
        )
        return expiry
    }

    package func observe(_ observation: CallObservation) {
        switch observation {
        case .connectionOpened(let account, let connection):
            self.journalIfFaulted(account, .init(kind: "connection_opened", connection: connection))
        case .connectionClosed(let account, let connection):
            self.journalIfFaulted(account, .init(kind: "connection_closed", connection: connection))
        case .callEnded(let call, let started, let status, let answered, let fault):
            self.journalIfFaulted(
                call.account,
                .call(call, started: started, status: status, answered: answered, fault: fault)
            )
        case .subscribed(let call):
            var entry = ConformanceJournal.Entry.call(call, started: Date(), status: .ok, answered: false, fault: nil)
            entry.kind = "subscribed"
            (entry.code, entry.answered) = (nil, nil)
            self.journalIfFaulted(call.account, entry)
        case .eventSent(let call, let sequence, let fault):
            var entry = ConformanceJournal.Entry(kind: "event", connection: call.connection)
            entry.callID = call.callID
            entry.sequence = sequence
            entry.fault = fault?.rawValue
            self.journalIfFaulted(call.account, entry)
        }
    }

    private func journalIfFaulted(_ account: Account, _ entry: ConformanceJournal.Entry) {
        guard !self.profile(of: account.name).isNone else { return }
        self.journal.record(account.name, entry)
    }

    private func draw<Result>(_ account: String, _ body: (inout AccountState, Double) -> Result) -> Result {
        self.states.withLock { states in
            var state =
                states[account] ?? AccountState(generator: SplitMix64(seed: self.seed ^ Self.fnv1a(account)))
            let draw = state.generator.nextUnit()
            let result = body(&state, draw)
            states[account] = state
            return result
        }
    }

    /// A stable hash of a name (Swift's own hashing is seeded per process).
    static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}

/// A small, fast generator whose sequence is fixed by its seed.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { self.state = seed }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1).
    mutating func nextUnit() -> Double { Double(self.next() >> 11) / Double(1 << 53) }
}
