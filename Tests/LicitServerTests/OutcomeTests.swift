import Foundation
import LicitClient
import LicitExchange
import LicitServerCore
import LicitTestSupport
import LicitWire
import Testing

/// What the SDK reports when it cannot confirm an outcome: a write is indeterminate (with the
/// request id to retry it with), never failed; a read is retryable.
@Suite("SDK outcomes")
struct OutcomeTests {
    static func payload(_ text: String) throws -> Data {
        try Licit_V1_EchoRequest.with { $0.data = Data(text.utf8) }.serializedData()
    }

    @Test("a write whose deadline passes is indeterminate, carrying its request id")
    func writeDeadline() async throws {
        try await TestExchange.with { exchange in
            let identity = try exchange.register("fr-signer", role: .signer)
            try await withLicitClient(try exchange.clientConfiguration(identity)) { client in
                let error = await #expect(throws: LicitClientError.self) {
                    try await client.call(
                        method: TestMethods.write,
                        payload: try Self.payload("sleep:3000"),
                        timeout: .milliseconds(200),
                        requestID: "w-deadline"
                    )
                }
                #expect(error?.code == .indeterminate)
                #expect(error?.requestID == "w-deadline")
            }
        }
    }

    @Test("a write in flight when the connection is lost is indeterminate; after reconnecting, its retry succeeds")
    func writeConnectionLost() async throws {
        try await TestExchange.with { exchange in
            let identity = try exchange.register("fr-signer", role: .signer)
            try await withLicitClient(try exchange.clientConfiguration(identity)) { client in
                let write = Task {
                    try await client.call(
                        method: TestMethods.write,
                        payload: try Self.payload("sleep:4000"),
                        timeout: .seconds(10),
                        requestID: "w-lost"
                    )
                }
                // The write sleeps 4 s: wide enough that the close comes first on a loaded machine.
                try await eventually { exchange.probe.started == 1 }
                exchange.server.closeConnections(ofFingerprint: try identity.fingerprint.hex)
                let error = await #expect(throws: LicitClientError.self) { try await write.value }
                #expect(error?.code == .indeterminate)
                let requestID = try #require(error?.requestID)
                #expect(requestID == "w-lost")
                // A retry is the same write: the same request id and the same payload.
                let retried = try await client.call(
                    method: TestMethods.write,
                    payload: try Self.payload("sleep:4000"),
                    timeout: .seconds(10),
                    requestID: requestID
                )
                #expect(try Licit_V1_EchoResponse(licitPayload: retried).data == Data("w-lost:sleep:4000".utf8))
            }
        }
    }

    @Test("a read in flight when the connection is lost is unavailable (safe to retry), and the client reconnects")
    func readConnectionLost() async throws {
        try await TestExchange.with { exchange in
            let identity = try exchange.register("fr-viewer", role: .viewer)
            try await withLicitClient(try exchange.clientConfiguration(identity)) { client in
                let read = Task {
                    try await client.call(
                        method: TestMethods.sleep,
                        payload: try Self.payload("5000"),
                        timeout: .seconds(10)
                    )
                }
                try await eventually { exchange.probe.started == 1 }
                exchange.server.closeConnections(ofFingerprint: try identity.fingerprint.hex)
                let error = await #expect(throws: LicitClientError.self) { try await read.value }
                #expect(error?.code == .unavailable)
                #expect(error?.requestID == nil)
                #expect(try await client.echo(Data("back".utf8)) == Data("back".utf8))
            }
        }
    }

    @Test("a rejection carries the exchange's status and is not indeterminate")
    func rejected() async throws {
        try await TestExchange.with { exchange in
            let identity = try exchange.register("fr-viewer", role: .viewer)
            try await withLicitClient(try exchange.clientConfiguration(identity)) { client in
                let error = await #expect(throws: LicitClientError.self) {
                    try await client.call(method: "licit.v1.Nothing/Here", payload: Data())
                }
                #expect(error?.code == .rejected)
                #expect(error?.status?.code == .unimplemented)
                #expect(error?.status?.reason == "unknown_method")
            }
        }
    }

    @Test("with no exchange listening, a call fails as unavailable instead of hanging")
    func noExchange() async throws {
        let pki = try TestPKI()
        let (identity, _) = try pki.makeAccount("alone")
        var configuration = LicitClientConfiguration(
            host: "127.0.0.1",
            port: 1,
            identity: ClientIdentity(
                certificatePEM: try identity.certificatePEM,
                privateKeyPEM: try identity.privateKeyPEM
            ),
            trustedAuthorityPEM: try pki.authorityPEM
        )
        configuration.connectTimeout = .seconds(2)
        let error = await #expect(throws: LicitClientError.self) {
            try await withLicitClient(configuration) { client in try await client.echo(Data()) }
        }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("could not connect to 127.0.0.1:1") == true)
    }
}
