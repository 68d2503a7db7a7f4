import Foundation
import LicitServerCore
import Metrics
import NIOCore
import Synchronization

/// The server's open connections: counts them in total and per certificate, and drains them.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        let fingerprint: String
        let expiry: Date
        let control: ConnectionControl
        let channel: any Channel
    }

    private struct State {
        var accepted = 0
        var entries: [ObjectIdentifier: Entry] = [:]
        var perIdentity: [String: Int] = [:]
        var draining = false
    }

    private let state = Mutex(State())
    private let limits: ServerLimits
    private let authenticated = Meter(label: "licit_connections_open")

    init(limits: ServerLimits) {
        self.limits = limits
    }

    /// Counts a freshly accepted socket; `false` when the total limit is reached.
    func accept() -> Bool {
        self.state.withLock { state in
            guard !state.draining, state.accepted < self.limits.maxConnections else { return false }
            state.accepted += 1
            return true
        }
    }

    /// Sockets open now, authenticated or not.
    var openCount: Int { self.state.withLock { $0.accepted } }

    var isDraining: Bool { self.state.withLock { $0.draining } }

    func closed() {
        self.state.withLock { $0.accepted -= 1 }
    }

    /// Registers an authenticated connection; `false` when its certificate has too many open.
    func register(_ channel: any Channel, fingerprint: String, expiry: Date, control: ConnectionControl) -> Bool {
        self.state.withLock { state in
            let open = state.perIdentity[fingerprint, default: 0]
            guard open < self.limits.maxConnectionsPerIdentity else { return false }
            state.perIdentity[fingerprint] = open + 1
            state.entries[ObjectIdentifier(channel)] = Entry(
                fingerprint: fingerprint,
                expiry: expiry,
                control: control,
                channel: channel
            )
            if state.draining { control.drain() }
            self.authenticated.increment()
            return true
        }
    }

    func unregister(_ channel: any Channel) {
        self.state.withLock { state in
            guard let entry = state.entries.removeValue(forKey: ObjectIdentifier(channel)) else { return }
            self.authenticated.decrement()
            state.perIdentity[entry.fingerprint, default: 1] -= 1
            if state.perIdentity[entry.fingerprint] == 0 { state.perIdentity[entry.fingerprint] = nil }
        }
    }

    /// Asks every connection to drain; returns their channels, to be closed if they overrun.
    func drainAll() -> [any Channel] {
        self.state.withLock { state in
            state.draining = true
            for entry in state.entries.values { entry.control.drain() }
            return state.entries.values.map(\.channel)
        }
    }

    /// Closes every open connection of `fingerprint` with a GoAway (after a revocation).
    func closeAll(fingerprint: String) {
        let controls = self.state.withLock { state in
            state.entries.values.filter { $0.fingerprint == fingerprint }.map(\.control)
        }
        for control in controls { control.close(.certificateRevoked) }
    }

    /// Closes, with a GoAway, every connection whose certificate is no longer valid at `now`.
    func closeExpired(at now: Date) {
        let expired = self.state.withLock { state in
            state.entries.values.filter { $0.expiry < now }
        }
        for entry in expired { entry.control.close(.certificateExpired(at: entry.expiry)) }
    }
}
