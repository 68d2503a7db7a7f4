import Foundation
import LicitClient
import LicitExchange
import LicitServerCore
import LicitTestSupport
import LicitWire
import Testing

@Suite("Calls over mutual TLS")
struct CallTests {
    static func payload(_ text: String) throws -> Data {
        try Licit_V1_EchoRequest.with { $0.data = Data(text.utf8) }.serializedData()
    }

    @Test("hello tells the client the account the exchange recognised from its certificate")
    func hello() async throws {
        try await TestExchange.with { exchange in
            let identity = try exchange.register("in-signer", role: .signer, country: "IN")
            try await withLicitClient(try exchange.clientConfiguration(identity)) { client in
                _ = try await client.echo(Data("x".utf8))
                let account = try #require(client.account)
                #expect(account.name == "in-signer")
                #expect(account.country == "IN")
                #expect(account.role == "signer")
                #expect(account.certificateFingerprint == (try identity.fingerprint.hex))
            }
        }
    }

    @Test("a client with several endpoints skips one that refuses, and reconnects in turn when its connection is lost")
    func endpointsInTurn() async throws {
        try await TestExchange.with { exchange in
            let identity = try exchange.register("fr-viewer", role: .viewer)
            let live = try exchange.clientConfiguration(identity)
            var configuration = live
            // Nothing listens on port 1: the first endpoint refuses, the second is the exchange.
            configuration.port = 1
            configuration.otherEndpoints = [.init(host: live.host, port: live.port)]
            try await withLicitClient(configuration) { client in
                #expect(try await client.echo(Data("first".utf8)) == Data("first".utf8))
                exchange.server.closeConnections(ofFingerprint: try identity.fingerprint.hex)
                // The next in turn refuses again; the one after is the exchange: the call waits for it.
                try await eventually { (try? await client.echo(Data("again".utf8))) == Data("again".utf8) }
            }
        }
    }

    @Test("several clients, each with 100 calls in flight on one connection, all answered correctly")
    func manyCallsInFlight() async throws {
        try await TestExchange.with { exchange in
            try await withThrowingTaskGroup(of: Void.self) { clients in
                for clientIndex in 0..<4 {
                    let identity = try exchange.register("client-\(clientIndex)", role: .viewer)
                    let configuration = try exchange.clientConfiguration(identity)
                    clients.addTask {
                        try await withLicitClient(configuration) { client in
                            try await withThrowingTaskGroup(of: (Int, Data).self) { calls in
                                for call in 0..<100 {
                                    calls.addTask { (call, try await client.echo(Data("\(clientIndex)/\(call)".utf8))) }
                                }
                                var answered = 0
                                for try await (call, echoed) in calls {
                                    #expect(String(decoding: echoed, as: UTF8.self) == "\(clientIndex)/\(call)")
                                    answered += 1
                                }
                                #expect(answered == 100)
                            }
                        }
                    }
                }
                try await clients.waitForAll()
            }
        }
    }

    @Test("a deadline reaches the server and stops the work")
    func deadline() async throws {
        try await TestExchange.with { exchange in
            let identity = try exchange.register("fr-viewer", role: .viewer)
            try await withLicitClient(try exchange.clientConfiguration(identity)) { client in
                let error = await #expect(throws: LicitClientError.self) {
                    try await client.call(
                        method: TestMethods.sleep,
                        payload: try Self.payload("10000"),
                        timeout: .milliseconds(300)
                    )
                }
                #expect(error?.code == .deadlineExceeded)
                try await eventually { exchange.probe.stopped == 1 }
                #expect(exchange.probe.finished == 0)
            }
        }
    }

    @Test("callers run on the client's executor are sent and answered on its event loop")
    func onTheClientsLoop() async throws {
        try await TestExchange.with { exchange in
            let identity = try exchange.register("fr-viewer", role: .viewer)
            try await withLicitClient(try exchange.clientConfiguration(identity)) { client in
                try await withTaskExecutorPreference(client.executor) {
                    try await withThrowingTaskGroup(of: Bool.self) { calls in
                        for call in 0..<100 {
                            calls.addTask {
                                let echoed = try await client.echo(Data("\(call)".utf8))
                                return echoed == Data("\(call)".utf8) && client.executor.eventLoop.inEventLoop
                            }
                        }
                        for try await answeredOnTheLoop in calls { #expect(answeredOnTheLoop) }
                    }
                }
            }
        }
    }

    @Test("cancelling the calling task sends a Cancel frame and the server stops the work")
    func cancellation() async throws {
        try await TestExchange.with { exchange in
            let identity = try exchange.register("fr-viewer", role: .viewer)
            try await withLicitClient(try exchange.clientConfiguration(identity)) { client in
                let call = Task {
                    try await client.call(
                        method: TestMethods.sleep,
                        payload: try Self.payload("10000"),
                        timeout: .seconds(30)
                    )
                }
                try await eventually { exchange.probe.started == 1 }
                call.cancel()
                let error = await #expect(throws: LicitClientError.self) { try await call.value }
                #expect(error?.code == .cancelled)
                try await eventually { exchange.probe.stopped == 1 }
                #expect(exchange.probe.finished == 0)
                // The connection is still good.
                #expect(try await client.echo(Data("after".utf8)) == Data("after".utf8))
            }
        }
    }

    @Test("a subscription pushes its events on its call id, in order, then ends")
    func subscription() async throws {
        try await TestExchange.with { exchange in
            let identity = try exchange.register("fr-viewer", role: .viewer)
            try await withLicitClient(try exchange.clientConfiguration(identity)) { client in
                let events = try await client.subscribe(method: TestMethods.ticks, payload: try Self.payload("50"))
                var sequences: [UInt64] = []
                for try await event in events {
                    sequences.append(event.sequence)
                    #expect(String(decoding: event.payload, as: UTF8.self) == "tick \(event.sequence)")
                }
                #expect(sequences == Array(1...50))
            }
        }
    }

    @Test("a write needs a request id; the handler sees the one sent")
    func writes() async throws {
        try await TestExchange.with { exchange in
            let identity = try exchange.register("fr-signer", role: .signer)
            try await withLicitClient(try exchange.clientConfiguration(identity)) { client in
                let refused = await #expect(throws: LicitClientError.self) {
                    try await client.call(method: TestMethods.write, payload: try Self.payload("a"))
                }
                #expect(refused?.code == .rejected)
                #expect(refused?.status?.reason == "request_id_required")
                let answer = try await client.call(
                    method: TestMethods.write,
                    payload: try Self.payload("a"),
                    requestID: "req-1"
                )
                #expect(try Licit_V1_EchoResponse(licitPayload: answer).data == Data("req-1:a".utf8))
            }
        }
    }

    @Test("a role not allowed to call a method is refused with PERMISSION_DENIED")
    func roleRefused() async throws {
        try await TestExchange.with { exchange in
            let identity = try exchange.register("fr-viewer", role: .viewer)
            try await withLicitClient(try exchange.clientConfiguration(identity)) { client in
                let error = await #expect(throws: LicitClientError.self) {
                    try await client.call(method: TestMethods.write, payload: try Self.payload("a"), requestID: "r")
                }
                #expect(error?.status?.code == .permissionDenied)
            }
        }
    }

    @Test("a request larger than the frame limit is refused by the SDK before sending")
    func oversizedRequestRefusedBySDK() async throws {
        var limits = ServerLimits.defaults
        limits.maxFrameBytes = 64 * 1024
        try await TestExchange.with(limits: limits) { exchange in
            let identity = try exchange.register("fr-viewer", role: .viewer)
            try await withLicitClient(try exchange.clientConfiguration(identity)) { client in
                _ = try await client.echo(Data())  // hello tells the client the server's limit
                let error = await #expect(throws: LicitClientError.self) {
                    try await client.echo(Data(count: 65 * 1024))
                }
                #expect(error?.code == .invalidRequest)
                #expect(try await client.echo(Data(count: 60 * 1024)).count == 60 * 1024)
            }
        }
    }

    @Test("graceful shutdown answers every call in flight before closing")
    func gracefulShutdown() async throws {
        try await TestExchange.with { exchange in
            let identity = try exchange.register("fr-viewer", role: .viewer)
            try await withLicitClient(try exchange.clientConfiguration(identity)) { client in
                try await withThrowingTaskGroup(of: Data.self) { calls in
                    for _ in 0..<10 {
                        calls.addTask {
                            try await client.call(
                                method: TestMethods.sleep,
                                payload: try Self.payload("700"),
                                timeout: .seconds(10)
                            )
                        }
                    }
                    try await eventually { exchange.probe.started == 10 }
                    await exchange.shutDownGracefully()
                    var answered = 0
                    for try await answer in calls {
                        #expect(try Licit_V1_EchoResponse(licitPayload: answer).data == Data("700".utf8))
                        answered += 1
                    }
                    #expect(answered == 10)
                    #expect(exchange.probe.finished == 10)
                }
            }
        }
    }

    @Test("graceful shutdown ends open subscriptions at once with draining, instead of waiting out the drain")
    func shutdownEndsSubscriptions() async throws {
        var limits = ServerLimits.defaults
        limits.drainTimeout = .seconds(120)
        try await TestExchange.with(limits: limits) { exchange in
            let identity = try exchange.register("fr-viewer", role: .viewer)
            try await withLicitClient(try exchange.clientConfiguration(identity)) { client in
                let events = try await client.inbox(after: 0)
                _ = try await client.echo(Data("the subscription is open".utf8))
                await exchange.shutDownGracefully()
                do {
                    for try await event in events { Issue.record("no event was expected: \(event)") }
                    Issue.record("the subscription must end with an error")
                } catch let error as LicitClientError {
                    #expect(error.status?.reason == "draining", "\(error)")
                    #expect(error.status?.code == .unavailable)
                }
            }
        }
    }
}
