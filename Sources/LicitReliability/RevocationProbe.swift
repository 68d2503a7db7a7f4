import Foundation
import LicitClient
import LicitWire
import Synchronization

/// Revoking a certificate while it works: its open connections (one busy, one only subscribed)
/// are closed and new handshakes refused within 1 s of the revocation's acknowledgement, and
/// no request sent after that acknowledgement is answered with success.
struct RevocationProbe {
    let lab: Lab
    static let bar: Duration = .seconds(1)
    static let countries = ["fr", "de", "in", "gh", "ke", "br", "mx", "ca", "au", "jp", "th", "ch"]

    func run() async throws -> Findings {
        var findings = Findings()
        let daemon = try await LicitdProcess.sandbox(self.lab, in: try self.lab.folder("revocation"))
        try await daemon.startServing()
        defer { daemon.stop() }
        var closeTimes: [Duration] = []
        var refuseTimes: [Duration] = []
        var acceptedAfter = 0
        for (index, country) in Self.countries.enumerated() {
            // Every other victim is revoked by the Board, the rest by their country's admin.
            let revoker = index.isMultiple(of: 2) ? "\(country)-admin" : "board-admin"
            let victim = index.isMultiple(of: 3) ? "\(country)-officer" : "\(country)-viewer"
            let result = try await self.revoke(victim, by: revoker, daemon)
            closeTimes += result.closed
            refuseTimes.append(result.refused)
            acceptedAfter += result.acceptedAfter
            findings.check(
                result.closed.allSatisfy { $0 <= Self.bar },
                "\(victim): open connections closed after \(result.closed.map(\.milliseconds)) ms"
            )
            findings.check(
                result.refused <= Self.bar,
                "\(victim): new handshakes refused after \(result.refused.milliseconds) ms"
            )
            findings.check(
                result.acceptedAfter == 0,
                "\(victim): \(result.acceptedAfter) requests succeeded after revocation"
            )
        }
        findings.figures["revocations"] = Double(Self.countries.count)
        findings.figures["open_connection_closed_ms_max"] = closeTimes.maxMilliseconds
        findings.figures["open_connection_closed_ms_mean"] = closeTimes.meanMilliseconds
        findings.figures["new_handshake_refused_ms_max"] = refuseTimes.maxMilliseconds
        findings.figures["requests_accepted_after_revocation"] = Double(acceptedAfter)
        return findings
    }

    struct Result {
        var closed: [Duration]
        var refused: Duration
        var acceptedAfter: Int
    }

    private func revoke(_ victim: String, by revoker: String, _ daemon: LicitdProcess) async throws -> Result {
        let victimConfiguration = try daemon.configuration(victim)
        let admin = try daemon.configuration(revoker)
        let fingerprint = try await withLicitClient(admin) { client in
            try await client.accounts().first { $0.name == victim }?.certificateFingerprint
        }
        guard let fingerprint else { throw ProbeError("\(revoker) does not see the account \(victim)") }
        let revokedAt = RevocationMoment()
        let acceptedAfter = Counter()
        let servedBefore = Counter()
        let clock = ContinuousClock()
        return try await withLicitClient(victimConfiguration) { busy in
            try await withLicitClient(victimConfiguration) { quiet in
                let inbox = try await quiet.inbox()
                // Each task returns the instant its connection ended, which may come before the
                // revoking admin reads its acknowledgement.
                return try await withThrowingTaskGroup(of: ContinuousClock.Instant.self) { group in
                    // A busy connection: reads back to back.
                    group.addTask {
                        while true {
                            let sent = clock.now
                            do {
                                _ = try await busy.documents(.with { $0.pageSize = 1 })
                                if let moment = revokedAt.value, sent > moment {
                                    acceptedAfter.add()
                                } else {
                                    servedBefore.add()
                                }
                            } catch {
                                return clock.now
                            }
                        }
                    }
                    // A quiet connection: only a subscription, waiting.
                    group.addTask {
                        do { for try await _ in inbox {} } catch {}
                        return clock.now
                    }
                    try await Task.sleep(for: .milliseconds(200))
                    _ = try await withLicitClient(admin) { client in
                        try await client.revokeCertificate(
                            fingerprint: fingerprint,
                            reason: "reliability: revocation latency"
                        )
                    }
                    revokedAt.set(clock.now)
                    let refused = try await self.firstRefusedHandshake(victimConfiguration, since: revokedAt.value!)
                    var closed: [Duration] = []
                    let deadline = Task {
                        try await Task.sleep(for: .seconds(10))
                        busy.shutdown()
                        quiet.shutdown()
                    }
                    let revoked = revokedAt.value!
                    for try await end in group { closed.append(max(.zero, end - revoked)) }
                    deadline.cancel()
                    guard servedBefore.value > 0 else {
                        throw ProbeError("\(victim) was never served before its revocation")
                    }
                    return Result(closed: closed, refused: refused, acceptedAfter: acceptedAfter.value)
                }
            }
        }
    }

    /// Connects again and again with the revoked identity until the exchange refuses it.
    private func firstRefusedHandshake(
        _ configuration: LicitClientConfiguration,
        since moment: ContinuousClock.Instant
    ) async throws -> Duration {
        for _ in 0..<200 {
            let worked = (try? await withLicitClient(configuration) { try await $0.echo(Data()) }) != nil
            if !worked { return ContinuousClock.now - moment }
            try await Task.sleep(for: .milliseconds(10))
        }
        return .seconds(3600)
    }
}

/// The instant a revocation was acknowledged, shared with the tasks measuring from it.
final class RevocationMoment: Sendable {
    private let moment = Mutex<ContinuousClock.Instant?>(nil)
    func set(_ instant: ContinuousClock.Instant) { self.moment.withLock { $0 = instant } }
    var value: ContinuousClock.Instant? { self.moment.withLock { $0 } }
}
