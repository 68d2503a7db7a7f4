import Foundation
import LicitClient
import LicitExchange
import LicitPKI
import LicitServerCore
import LicitTestSupport
import LicitWire
import NIOCore
import NIOSSL
import Testing

/// Each hostile or broken peer gets its typed error or close, while a well-behaved client on
/// another connection is served throughout.
@Suite("Refused peers")
struct RefusalTests {
    /// Runs `hostile` against an exchange while a well-behaved client calls echo before, during and after.
    static func withWitness(
        limits: ServerLimits = .defaults,
        _ hostile: @escaping @Sendable (TestExchange) async throws -> Void
    ) async throws {
        try await TestExchange.with(limits: limits) { exchange in
            let witness = try exchange.register("witness", role: .viewer)
            try await withLicitClient(try exchange.clientConfiguration(witness)) { client in
                #expect(try await client.echo(Data("before".utf8)) == Data("before".utf8))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await hostile(exchange) }
                    group.addTask {
                        for index in 0..<20 {
                            #expect(try await client.echo(Data("during \(index)".utf8)) == Data("during \(index)".utf8))
                            try await Task.sleep(for: .milliseconds(25))
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(try await client.echo(Data("after".utf8)) == Data("after".utf8))
            }
        }
    }

    /// Expects the SDK to fail to connect with `identity` — the exchange refuses the certificate.
    static func expectRefused(_ exchange: TestExchange, _ identity: IssuedIdentity) async throws {
        var configuration = try exchange.clientConfiguration(identity)
        configuration.connectTimeout = .seconds(3)
        let error = await #expect(throws: LicitClientError.self) {
            try await withLicitClient(configuration) { client in try await client.echo(Data()) }
        }
        #expect(error?.code == .unavailable)
    }

    @Test("a certificate from another CA is refused")
    func foreignCA() async throws {
        try await Self.withWitness { exchange in
            let stranger = try TestPKI()
            let (identity, account) = try stranger.makeAccount("impostor")
            exchange.directory.register(account)  // even registered, its issuer is not the exchange's CA
            try await Self.expectRefused(exchange, identity)
        }
    }

    @Test("an expired certificate is refused")
    func expired() async throws {
        try await Self.withWitness { exchange in
            let (identity, account) = try exchange.pki.makeAccount(
                "expired",
                notBefore: Date().addingTimeInterval(-7200),
                notAfter: Date().addingTimeInterval(-3600)
            )
            exchange.directory.register(account)
            try await Self.expectRefused(exchange, identity)
        }
    }

    @Test("a certificate not yet valid is refused")
    func notYetValid() async throws {
        try await Self.withWitness { exchange in
            let (identity, account) = try exchange.pki.makeAccount(
                "future",
                notBefore: Date().addingTimeInterval(3600),
                notAfter: Date().addingTimeInterval(7200)
            )
            exchange.directory.register(account)
            try await Self.expectRefused(exchange, identity)
        }
    }

    @Test("a certificate of the exchange's CA that no account is registered to is refused")
    func unregistered() async throws {
        try await Self.withWitness { exchange in
            let (identity, _) = try exchange.pki.makeAccount("nobody")
            try await Self.expectRefused(exchange, identity)
        }
    }

    @Test("a revoked certificate is refused at the handshake, and its open connection closed on its next request")
    func revoked() async throws {
        try await Self.withWitness { exchange in
            let identity = try exchange.register("revoked", role: .viewer)
            try await withLicitClient(try exchange.clientConfiguration(identity)) { client in
                _ = try await client.echo(Data("ok".utf8))
                exchange.directory.revoke(fingerprint: try identity.fingerprint.hex)
                await #expect(throws: LicitClientError.self) { try await client.echo(Data("refused".utf8)) }
            }
            try await Self.expectRefused(exchange, identity)
        }
    }

    @Test("Hello says when the certificate expires, and an open connection is closed once it has")
    func expiryClosesConnections() async throws {
        try await Self.withWitness { exchange in
            let expiry = exchange.clock.now.addingTimeInterval(3600)
            let (identity, account) = try exchange.pki.makeAccount("expiring", role: .viewer, notAfter: expiry)
            exchange.directory.register(account)
            let connection = try await RawConnection.connect(
                port: exchange.port,
                tls: .init(identity: identity, trustedAuthority: exchange.pki.authority)
            )
            try await connection.send(.request(callID: 1, method: LicitMethod.hello, payload: Self.hello))
            try await eventually { connection.receivedFrames.count == 1 }
            let hello = try Licit_V1_HelloResponse(serializedBytes: connection.receivedFrames[0].response.payload)
            // X.509 keeps whole seconds.
            #expect(abs(hello.certificateExpiresMs - Int64(expiry.timeIntervalSince1970 * 1000)) < 1000)
            try await Task.sleep(for: .milliseconds(1500))
            #expect(connection.receivedFrames.count == 1, "the connection stays open while its certificate is valid")
            exchange.clock.advance(days: 1)
            // Closed at the next check of expiries (every second); a loaded machine may take longer.
            #expect(await connection.waitForClose(timeout: .seconds(15)))
            let goAway = try #require(connection.receivedFrames.last).goaway
            #expect(goAway.status.reason == "certificate_expired")
            #expect(goAway.status.code == .unauthenticated)
            #expect(goAway.status.details["expired_at"] != nil)
            #expect(goAway.lastCallID == 1)
        }
    }

    @Test("revoking a certificate closes its open connections with a GoAway naming the last call answered")
    func revocationClosesConnections() async throws {
        try await Self.withWitness { exchange in
            let connection = try await Self.helloConnection(exchange, name: "to-revoke")
            let fingerprint = try #require(exchange.directory.accounts.first { $0.name == "to-revoke" })
                .certificateFingerprint
            exchange.directory.revoke(fingerprint: fingerprint)
            exchange.server.closeConnections(ofFingerprint: fingerprint)
            #expect(await connection.waitForClose(timeout: .seconds(5)))
            let goAway = try #require(connection.receivedFrames.last).goaway
            #expect(goAway.status.reason == "certificate_revoked")
            #expect(goAway.lastCallID == 1)
        }
    }

    @Test("a client without a certificate is refused")
    func noClientCertificate() async throws {
        try await Self.withWitness { exchange in
            let connection = try await RawConnection.connect(
                port: exchange.port,
                tls: .init(identity: nil, trustedAuthority: exchange.pki.authority)
            )
            try? await connection.send(.request(callID: 1, method: LicitMethod.hello, payload: Self.hello))
            #expect(await connection.waitForClose(timeout: .seconds(5)))
            #expect(connection.receivedFrames.isEmpty)
        }
    }

    @Test("a TLS 1.2-only client is refused")
    func tls12Only() async throws {
        try await Self.withWitness { exchange in
            let identity = try exchange.register("old-tls", role: .viewer)
            var options = RawConnection.TLSOptions(identity: identity, trustedAuthority: exchange.pki.authority)
            options.maximumVersion = .tlsv12
            let connection = try await RawConnection.connect(port: exchange.port, tls: options)
            try? await connection.send(.request(callID: 1, method: LicitMethod.hello, payload: Self.hello))
            #expect(await connection.waitForClose(timeout: .seconds(5)))
            #expect(connection.receivedFrames.isEmpty)
            let error = try #require(connection.error as? NIOSSLError)
            #expect("\(error)".contains("PROTOCOL_VERSION") || "\(error)".contains("VERSION"))
        }
    }

    @Test("a client offering another ALPN protocol is closed")
    func wrongALPN() async throws {
        try await Self.withWitness { exchange in
            let identity = try exchange.register("http-client", role: .viewer)
            var options = RawConnection.TLSOptions(identity: identity, trustedAuthority: exchange.pki.authority)
            options.alpn = ["h2"]
            let connection = try await RawConnection.connect(port: exchange.port, tls: options)
            try? await connection.send(.request(callID: 1, method: LicitMethod.hello, payload: Self.hello))
            #expect(await connection.waitForClose(timeout: .seconds(5)))
            #expect(connection.receivedFrames.isEmpty)
        }
    }

    @Test("garbage bytes instead of a ClientHello are closed")
    func garbage() async throws {
        try await Self.withWitness { exchange in
            let connection = try await RawConnection.connect(port: exchange.port, tls: nil)
            try? await connection.send(
                Array("GET / HTTP/1.1\r\nHost: licit\r\n\r\n".utf8) + [UInt8](repeating: 0xFF, count: 512)
            )
            #expect(await connection.waitForClose(timeout: .seconds(5)))
        }
    }

    static let hello = try! Licit_V1_HelloRequest.with { $0.protocolVersion = 1 }.serializedData()

    /// Opens an authenticated raw connection and completes hello.
    static func helloConnection(_ exchange: TestExchange, name: String) async throws -> RawConnection {
        let identity = try exchange.register(name, role: .viewer)
        let connection = try await RawConnection.connect(
            port: exchange.port,
            tls: .init(identity: identity, trustedAuthority: exchange.pki.authority)
        )
        try await connection.send(.request(callID: 1, method: LicitMethod.hello, payload: Self.hello))
        try await eventually { connection.receivedFrames.count == 1 }
        return connection
    }

    @Test("a hello for another protocol version is refused, and calls stay refused until a good hello")
    func wrongProtocolVersion() async throws {
        try await Self.withWitness { exchange in
            let identity = try exchange.register("v2-client", role: .viewer)
            let connection = try await RawConnection.connect(
                port: exchange.port,
                tls: .init(identity: identity, trustedAuthority: exchange.pki.authority)
            )
            let v2 = try Licit_V1_HelloRequest.with { $0.protocolVersion = 2 }.serializedData()
            try await connection.send(.request(callID: 1, method: LicitMethod.hello, payload: v2))
            try await connection.send(.request(callID: 2, method: LicitMethod.echo, payload: Data()))
            try await connection.send(.request(callID: 3, method: LicitMethod.hello, payload: Self.hello))
            try await connection.send(.request(callID: 4, method: LicitMethod.echo, payload: Data()))
            try await eventually { connection.receivedFrames.count == 4 }
            let statuses = connection.receivedFrames.map { ($0.callID, $0.response.status.reason) }
            #expect(statuses.map(\.0) == [1, 2, 3, 4])
            #expect(statuses.map(\.1) == ["unsupported_protocol_version", "hello_required", "", ""])
            await connection.close()
        }
    }

    @Test("an oversized frame gets a GoAway frame_too_large and the connection closes")
    func oversizedFrame() async throws {
        try await Self.withWitness { exchange in
            let connection = try await Self.helloConnection(exchange, name: "big")
            try await connection.send([0x00, 0x4C, 0x4B, 0x40])  // 5,000,000 bytes announced, none sent
            #expect(await connection.waitForClose(timeout: .seconds(5)))
            let goAway = try #require(connection.receivedFrames.last)
            #expect(goAway.goaway.status.code == .resourceExhausted)
            #expect(goAway.goaway.status.reason == "frame_too_large")
            #expect(goAway.goaway.status.details["max_frame_bytes"] == "\(4 * 1024 * 1024)")
        }
    }

    @Test("an undecodable frame gets a GoAway undecodable_frame and the connection closes")
    func undecodableFrame() async throws {
        try await Self.withWitness { exchange in
            let connection = try await Self.helloConnection(exchange, name: "garbled")
            try await connection.send([0x00, 0x00, 0x00, 0x03, 0xFF, 0xFF, 0xFF])
            #expect(await connection.waitForClose(timeout: .seconds(5)))
            let goAway = try #require(connection.receivedFrames.last)
            #expect(goAway.goaway.status.reason == "undecodable_frame")
        }
    }

    @Test("a byte-a-tick dribbler is cut off by the per-frame deadline, however steadily it sends")
    func dribbler() async throws {
        var limits = ServerLimits.defaults
        limits.frameTimeout = .seconds(1)
        try await Self.withWitness(limits: limits) { exchange in
            let connection = try await Self.helloConnection(exchange, name: "dribbler")
            var frame = ByteBuffer()
            try FrameEncoder.write(
                .request(callID: 2, method: LicitMethod.echo, payload: Data(count: 200)),
                into: &frame
            )
            let started = ContinuousClock.now
            for byte in frame.readableBytesView {
                guard connection.channel.isActive else { break }
                try? await connection.send([byte])
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(await connection.waitForClose(timeout: .seconds(5)))
            #expect(ContinuousClock.now - started < .seconds(10), "closed well before the ~23 s the frame would take")
            #expect(connection.receivedFrames.count == 1, "only hello's answer; the dribbled call was never answered")
        }
    }

    @Test("a client that stops reading is cut off instead of being buffered for")
    func nonReader() async throws {
        var limits = ServerLimits.defaults
        limits.outboundHighWaterBytes = 64 * 1024
        limits.outboundStallTimeout = .seconds(1)
        try await Self.withWitness(limits: limits) { exchange in
            let connection = try await Self.helloConnection(exchange, name: "deaf")
            try await connection.channel.setOption(.autoRead, value: false)
            let ticks = try Licit_V1_EchoRequest.with { $0.data = Data("100000:16384".utf8) }.serializedData()
            try await connection.send(.request(callID: 2, method: TestMethods.ticks, payload: ticks))
            // Only the witness's connection remains once the stalled one is cut off.
            try await eventually(timeout: .seconds(15)) { exchange.server.openConnectionCount == 1 }
            await connection.close()
        }
    }

    @Test("a TCP connection that never completes the TLS handshake is closed at the handshake deadline")
    func silentHandshake() async throws {
        var limits = ServerLimits.defaults
        limits.handshakeTimeout = .seconds(1)
        try await Self.withWitness(limits: limits) { exchange in
            let connection = try await RawConnection.connect(port: exchange.port, tls: nil)
            // The start of a TLS record, then silence (a loaded machine may see the close first).
            try? await connection.send([0x16, 0x03, 0x01])
            #expect(await connection.waitForClose(timeout: .seconds(20)))
        }
    }

    @Test("a handshake dribbled a byte at a time is cut at the handshake deadline, however steadily it sends")
    func handshakeDribbler() async throws {
        var limits = ServerLimits.defaults
        limits.handshakeTimeout = .seconds(1)
        try await Self.withWitness(limits: limits) { exchange in
            let connection = try await RawConnection.connect(port: exchange.port, tls: nil)
            // A TLS record header announcing 512 bytes of handshake, then the body a byte at a time.
            // On a loaded machine the deadline may pass before the header is sent: the server is
            // right to have closed, so a failed send ends the dribble rather than the test.
            var bodySent = 0
            if (try? await connection.send([0x16, 0x03, 0x01, 0x02, 0x00])) != nil {
                for _ in 0..<512 where connection.channel.isActive {
                    guard (try? await connection.send([0x00])) != nil else { break }
                    bodySent += 1
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            #expect(await connection.waitForClose(timeout: .seconds(20)))
            #expect(bodySent < 512, "cut before the record was complete (\(bodySent) of 512 bytes sent)")
        }
    }

    @Test("connections beyond the total limit are closed at once")
    func totalConnectionLimit() async throws {
        var limits = ServerLimits.defaults
        limits.maxConnections = 2
        try await Self.withWitness(limits: limits) { exchange in
            let identity = try exchange.register("second", role: .viewer)
            let options = RawConnection.TLSOptions(identity: identity, trustedAuthority: exchange.pki.authority)
            let second = try await RawConnection.connect(port: exchange.port, tls: options)
            try await second.send(.request(callID: 1, method: LicitMethod.hello, payload: Self.hello))
            try await eventually { second.receivedFrames.count == 1 }
            let third = try await RawConnection.connect(port: exchange.port, tls: options)
            try? await third.send(.request(callID: 1, method: LicitMethod.hello, payload: Self.hello))
            #expect(await third.waitForClose(timeout: .seconds(5)))
            #expect(third.receivedFrames.isEmpty)
            #expect(second.channel.isActive)
            await second.close()
        }
    }

    @Test("connections beyond the per-identity limit get a GoAway too_many_connections")
    func perIdentityLimit() async throws {
        var limits = ServerLimits.defaults
        limits.maxConnectionsPerIdentity = 2
        try await Self.withWitness(limits: limits) { exchange in
            let identity = try exchange.register("flooder", role: .viewer)
            let options = RawConnection.TLSOptions(identity: identity, trustedAuthority: exchange.pki.authority)
            var open: [RawConnection] = []
            for _ in 0..<2 {
                let connection = try await RawConnection.connect(port: exchange.port, tls: options)
                try await connection.send(.request(callID: 1, method: LicitMethod.hello, payload: Self.hello))
                try await eventually { connection.receivedFrames.count == 1 }
                open.append(connection)
            }
            let third = try await RawConnection.connect(port: exchange.port, tls: options)
            try? await third.send(.request(callID: 1, method: LicitMethod.hello, payload: Self.hello))
            #expect(await third.waitForClose(timeout: .seconds(5)))
            #expect(third.receivedFrames.first?.goaway.status.reason == "too_many_connections")
            for connection in open {
                #expect(connection.channel.isActive)
                await connection.close()
            }
            // Once they close, a new connection is accepted again (the server notices the close
            // asynchronously, so retry briefly).
            var accepted = false
            for _ in 0..<50 where !accepted {
                let next = try await RawConnection.connect(port: exchange.port, tls: options)
                try? await next.send(.request(callID: 1, method: LicitMethod.hello, payload: Self.hello))
                let deadline = ContinuousClock.now + .seconds(2)
                while next.receivedFrames.isEmpty, next.channel.isActive, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                }
                accepted = next.receivedFrames.first?.response.status.code == .ok
                await next.close()
                if !accepted { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(accepted)
        }
    }
}
