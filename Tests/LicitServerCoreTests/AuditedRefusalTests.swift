import Foundation
import LicitExchange
import LicitWire
import Logging
import Synchronization
import Testing

@testable import LicitServerCore

/// A call refused for the caller's role is part of the call: answered once its audit is done,
/// and in flight until then.
@Suite("Refusals audited as part of the call")
struct AuditedRefusalTests {
    /// Holds each audit until the test releases it, and remembers what it audited.
    final class Auditor: Sendable {
        private let state = Mutex<(audited: [String], release: CheckedContinuation<Void, Never>?)>(([], nil))

        func audit(_ method: String) async {
            await withCheckedContinuation { continuation in
                self.state.withLock { $0.release = continuation }
            }
            self.state.withLock { $0.audited.append(method) }
        }

        var waiting: Bool { self.state.withLock { $0.release != nil } }
        var audited: [String] { self.state.withLock { $0.audited } }

        func release() {
            self.state.withLock { state in
                state.release?.resume()
                state.release = nil
            }
        }
    }

    /// Records what the connection writes.
    final class Outbound: FrameOutbound {
        private let frames = Mutex<[Licit_V1_Frame]>([])
        func write(_ frame: Licit_V1_Frame) async throws { self.frames.withLock { $0.append(frame) } }
        func close() {}
        var written: [Licit_V1_Frame] { self.frames.withLock { $0 } }
    }

    @Test("a role refusal is written after its audit; its call id stays taken until then")
    func refusalWaitsForItsAudit() async throws {
        let auditor = Auditor()
        let method = MethodHandler(
            name: "licit.test.v1/BoardOnly",
            allowedRoles: [.boardAdmin],
            isWrite: false,
            body: .inline { _, payload in payload }
        )
        let viewer = Account(name: "v", country: "FR", authority: "FR-ANSM", role: .viewer, certificateFingerprint: "f")
        let exchange = ExchangeProtocol(
            registry: MethodRegistry([method]),
            limits: .defaults,
            directory: InMemoryAccountDirectory(accounts: [viewer]),
            clock: SystemExchangeClock(),
            onDenial: { _, method, _ in await auditor.audit(method) }
        )
        let outbound = Outbound()
        let connection = exchange.makeConnection(
            account: viewer,
            outbound: outbound,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let hello = try Licit_V1_HelloRequest.with { $0.protocolVersion = FrameLimits.protocolVersion }.serializedData()
        guard case .reply = connection.frameReceived(.request(callID: 1, method: LicitMethod.hello, payload: hello))
        else {
            Issue.record("Hello was not answered at once")
            return
        }
        let (calls, feed) = AsyncStream.makeStream(of: ServerConnection.StartedCall.self)
        async let running: Void = connection.run(calls: calls, control: ConnectionControl())
        guard
            case .start(let refusal) = connection.frameReceived(
                .request(callID: 3, method: method.name, payload: Data())
            )
        else {
            Issue.record("the refusal was answered before its audit")
            return
        }
        feed.yield(refusal)
        while !auditor.waiting { try await Task.sleep(for: .milliseconds(5)) }
        #expect(outbound.written.isEmpty, "nothing is written while the audit runs")
        guard
            case .close(let goAway) = connection.frameReceived(
                .request(callID: 3, method: method.name, payload: Data())
            )
        else {
            Issue.record("call id 3 was free again before its refusal was written")
            return
        }
        #expect(goAway.goaway.status.reason == "duplicate_call_id")
        auditor.release()
        feed.finish()
        await running
        #expect(auditor.audited == [method.name])
        let response = try #require(outbound.written.first { $0.callID == 3 })
        #expect(response.response.status.reason == "role_not_permitted")
    }
}
