import Foundation
import LicitClient
import LicitWire
import NIOCore

/// Garbage, truncated, oversized and dribbled frames, and dribbled handshakes, all at once: each
/// connection is closed within its bound, and the exchange keeps serving everyone else.
struct HostileFrames {
    let daemon: LicitdProcess
    static let garbageCases = 40
    static let dribblers = 12
    static let slack: Duration = .seconds(2)

    enum Peer: CustomStringConvertible {
        case garbage([UInt8]), truncated([UInt8]), oversized, plainTCPGarbage([UInt8])
        case dribbledFrame, dribbledHandshake

        var description: String {
            switch self {
            case .garbage(let bytes): "\(bytes.count) random bytes after hello"
            case .truncated(let bytes): "a frame cut after \(bytes.count) bytes"
            case .oversized: "a frame announcing 2 GiB"
            case .plainTCPGarbage(let bytes): "\(bytes.count) random bytes without TLS"
            case .dribbledFrame: "a frame dribbled a byte at a time"
            case .dribbledHandshake: "a TLS handshake dribbled a byte at a time"
            }
        }

        /// How soon the exchange must close this peer.
        var bound: Duration {
            switch self {
            case .oversized: HostileFrames.slack
            case .dribbledHandshake, .plainTCPGarbage: HostileNetwork.handshakeTimeout + HostileFrames.slack
            default: HostileNetwork.frameTimeout + HostileFrames.slack
            }
        }
    }

    func run() async throws -> Findings {
        var findings = Findings()
        var echo = Data()
        var buffer = ByteBuffer()
        try FrameEncoder.write(
            .request(callID: 2, method: LicitMethod.echo, payload: Data(repeating: 7, count: 200)),
            into: &buffer
        )
        echo.append(contentsOf: buffer.readableBytesView)
        var peers: [Peer] = [.oversized]
        for _ in 0..<Self.garbageCases {
            peers.append(.garbage((0..<Int.random(in: 1...4096)).map { _ in UInt8.random(in: 0...255) }))
            peers.append(.truncated(Array(echo.prefix(Int.random(in: 1..<echo.count)))))
            peers.append(.plainTCPGarbage((0..<Int.random(in: 1...2048)).map { _ in UInt8.random(in: 0...255) }))
        }
        peers += Array(repeating: .dribbledFrame, count: Self.dribblers)
        peers += Array(repeating: .dribbledHandshake, count: Self.dribblers)

        let results = await withTaskGroup(of: (Peer, Duration?, String).self) { group in
            for peer in peers { group.addTask { await self.attack(peer) } }
            // Meanwhile an honest client keeps being served.
            group.addTask {
                var served = 0
                let configuration = try? self.daemon.configuration("de-viewer")
                for _ in 0..<20 {
                    if let configuration,
                        (try? await withLicitClient(configuration, { try await $0.echo(Data()) })) != nil
                    {
                        served += 1
                    }
                    try? await Task.sleep(for: .milliseconds(150))
                }
                return (.oversized, served == 20 ? .zero : nil, "honest client served \(served)/20 times")
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        var closeTimes: [Duration] = []
        var inBound = 0
        for (peer, closed, note) in results {
            if note.hasPrefix("honest") {
                findings.check(closed != nil, note)
                continue
            }
            let closedInBound = closed.map { $0 <= peer.bound } ?? false
            if closedInBound { inBound += 1 }
            findings.check(closedInBound, "\(peer): \(closed.map { "closed after \($0)" } ?? "never closed") \(note)")
            if let closed { closeTimes.append(closed) }
        }
        findings.figures["hostile_peers"] = Double(peers.count)
        findings.figures["hostile_peers_closed_in_bound"] = Double(inBound)
        findings.figures["hostile_peer_close_ms_max"] = closeTimes.maxMilliseconds
        return findings
    }

    /// Opens a connection, misbehaves, and measures how long the exchange takes to close it.
    private func attack(_ peer: Peer) async -> (Peer, Duration?, String) {
        let manifest = self.daemon.manifest
        let identity = self.daemon.sandbox.appendingPathComponent("identities/in-viewer").path
        do {
            let tls = !(peerIsPlain(peer))
            let connection = try await RawPeer.connect(
                host: manifest.host,
                port: manifest.port,
                ca: tls ? manifest.caFile : nil,
                identity: tls ? identity : nil
            )
            defer { Task { await connection.close() } }
            let started = ContinuousClock.now
            if tls { try await connection.send(RawPeer.hello) }
            switch peer {
            case .garbage(let bytes), .truncated(let bytes), .plainTCPGarbage(let bytes):
                try? await connection.send(bytes)
            case .oversized:
                try await connection.send([0x7f, 0xff, 0xff, 0xff, 0x0a])
            case .dribbledFrame, .dribbledHandshake:
                let bytes: [UInt8] =
                    peer.isHandshake
                    ? [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03] : [0, 0, 0, 40, 8, 3, 18, 36]
                for byte in bytes.cycled(count: 40) where !connection.isClosed {
                    try? await connection.send([byte])
                    try? await Task.sleep(for: .milliseconds(250))
                }
            }
            let waited = ContinuousClock.now - started
            guard let closed = await connection.waitForClose(timeout: peer.bound + .seconds(3)) else {
                return (peer, nil, "")
            }
            let goAway = connection.receivedFrames.first { $0.goaway.hasStatus }?.goaway.status.reason ?? "no GoAway"
            return (peer, waited + closed, "(\(goAway))")
        } catch {
            return (peer, nil, "could not connect: \(error)")
        }
    }

    private func peerIsPlain(_ peer: Peer) -> Bool {
        switch peer {
        case .plainTCPGarbage, .dribbledHandshake: true
        default: false
        }
    }
}

extension HostileFrames.Peer {
    var isHandshake: Bool {
        if case .dribbledHandshake = self { true } else { false }
    }
}

extension Array {
    /// The elements repeated until there are `count`.
    func cycled(count: Int) -> [Element] {
        guard !self.isEmpty else { return [] }
        return (0..<count).map { self[$0 % self.count] }
    }
}
