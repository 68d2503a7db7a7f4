import Foundation
import LicitExchange
import LicitServerCore
import LicitWire
import Synchronization

/// Methods registered only in tests, to exercise deadlines, cancellation, writes and subscriptions.
public enum TestMethods {
    public static let sleep = "licit.test.v1/Sleep"
    public static let write = "licit.test.v1/Write"
    public static let ticks = "licit.test.v1/Ticks"

    /// Sleep: sleeps the number of milliseconds in the EchoRequest's data (as text) and echoes it;
    /// records in `probe` whether it finished or was stopped.
    /// Write: a write (request id required) that echoes, after sleeping if its text is "sleep:MS". Ticks: pushes N events ("N" or
    /// "N:padding-bytes" as text), then ends.
    public static func handlers(probe: CallProbe) -> [MethodHandler] {
        [
            MethodHandler(
                name: Self.sleep,
                allowedRoles: Set(Role.allCases),
                isWrite: false,
                body: .unary { _, payload in
                    let request = try SessionMethods.decode(Licit_V1_EchoRequest.self, payload)
                    let milliseconds = Int(String(decoding: request.data, as: UTF8.self)) ?? 0
                    probe.recordStart()
                    do {
                        try await Task.sleep(for: .milliseconds(milliseconds))
                    } catch {
                        probe.recordStop()
                        throw error
                    }
                    probe.recordFinish()
                    return try Licit_V1_EchoResponse.with { $0.data = request.data }.serializedData()
                }
            ),
            MethodHandler(
                name: Self.write,
                allowedRoles: [.signer],
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_EchoRequest.self, payload)
                    let text = String(decoding: request.data, as: UTF8.self)
                    if text.hasPrefix("sleep:"), let milliseconds = Int(text.dropFirst(6)) {
                        probe.recordStart()
                        try await Task.sleep(for: .milliseconds(milliseconds))
                    }
                    return try Licit_V1_EchoResponse.with {
                        $0.data = Data((context.requestID + ":").utf8) + request.data
                    }.serializedData()
                }
            ),
            MethodHandler(
                name: Self.ticks,
                allowedRoles: Set(Role.allCases),
                isWrite: false,
                body: .subscription { _, payload, sink in
                    let request = try SessionMethods.decode(Licit_V1_EchoRequest.self, payload)
                    let text = String(decoding: request.data, as: UTF8.self).split(separator: ":")
                    let count = text.first.flatMap { UInt64($0) } ?? 0
                    let padding = Data(count: text.dropFirst().first.flatMap { Int($0) } ?? 0)
                    for sequence in 1...max(1, count) {
                        try await sink.send(sequence: sequence, payload: Data("tick \(sequence)".utf8) + padding)
                    }
                }
            ),
        ]
    }
}

/// Counts what the Sleep handler saw: calls started, finished, and stopped by cancellation.
public final class CallProbe: Sendable {
    private let counts = Mutex<(started: Int, finished: Int, stopped: Int)>((0, 0, 0))

    public init() {}

    func recordStart() { self.counts.withLock { $0.started += 1 } }
    func recordFinish() { self.counts.withLock { $0.finished += 1 } }
    func recordStop() { self.counts.withLock { $0.stopped += 1 } }

    public var started: Int { self.counts.withLock { $0.started } }
    public var finished: Int { self.counts.withLock { $0.finished } }
    public var stopped: Int { self.counts.withLock { $0.stopped } }
}
