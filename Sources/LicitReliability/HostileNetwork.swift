import Foundation
import LicitClient
import LicitWire

/// The exchange facing hostile peers: scanners, garbage, truncated and oversized frames, slow
/// dribblers, connection floods from one identity, and one authority flooding writes while
/// another keeps its latency.
struct HostileNetwork {
    let lab: Lab
    static let handshakeTimeout: Duration = .seconds(3)
    static let frameTimeout: Duration = .seconds(3)
    static let connectionsPerIdentity = 8

    func run() async throws -> Findings {
        var findings = Findings()
        let daemon = try await LicitdProcess.sandbox(
            self.lab,
            in: try self.lab.folder("network"),
            limits: [
                "handshake_timeout_ms": Int(Self.handshakeTimeout.milliseconds),
                "frame_timeout_ms": Int(Self.frameTimeout.milliseconds),
                "max_connections_per_identity": Self.connectionsPerIdentity,
            ]
        )
        try await daemon.startServing()
        defer { daemon.stop() }
        findings.add(try TLSScan(lab: self.lab, daemon: daemon).run())
        findings.add(try await HostileFrames(daemon: daemon).run())
        findings.add(try await self.connectionFlood(daemon))
        findings.add(try await WriteFairness(lab: self.lab, daemon: daemon).run())
        findings.add(try await ShapedLink(lab: self.lab).run())
        findings.check(daemon.isRunning, "licitd is no longer running after the hostile peers")
        return findings
    }

    /// One identity opens its allowance of connections, then many more at once: every one over
    /// the allowance is refused with a GoAway, and another identity is still served.
    private func connectionFlood(_ daemon: LicitdProcess) async throws -> Findings {
        var findings = Findings()
        let identity = daemon.sandbox.appendingPathComponent("identities/fr-viewer").path
        let manifest = daemon.manifest
        var held: [RawPeer] = []
        for _ in 0..<Self.connectionsPerIdentity {
            let peer = try await RawPeer.connect(
                host: manifest.host,
                port: manifest.port,
                ca: manifest.caFile,
                identity: identity
            )
            try await peer.send(RawPeer.hello)
            held.append(peer)
        }
        try await Task.sleep(for: .milliseconds(300))
        let answered = held.filter { $0.receivedFrames.contains { $0.response.status.code == .ok } }.count
        findings.check(answered == held.count, "only \(answered) of \(held.count) allowed connections were answered")
        let extra = 4 * Self.connectionsPerIdentity
        let refused = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<extra {
                group.addTask {
                    let peer = try await RawPeer.connect(
                        host: manifest.host,
                        port: manifest.port,
                        ca: manifest.caFile,
                        identity: identity
                    )
                    try? await peer.send(RawPeer.hello)
                    let closed = await peer.waitForClose(timeout: .seconds(5)) != nil
                    let goAway = peer.receivedFrames.contains { $0.goaway.status.reason == "too_many_connections" }
                    await peer.close()
                    return closed && goAway
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        findings.check(
            refused == extra,
            "\(extra - refused) of \(extra) connections over the allowance were not refused"
        )
        let other = try await withLicitClient(try daemon.configuration("de-viewer")) {
            try await $0.echo(Data("x".utf8))
        }
        findings.check(other == Data("x".utf8), "another identity was not served during the flood")
        for peer in held { await peer.close() }
        findings.figures["identity_flood_connections_over_allowance"] = Double(extra)
        findings.figures["identity_flood_refused"] = Double(refused)
        return findings
    }
}
