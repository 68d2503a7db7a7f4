import Foundation
import LicitExchange
import LicitServerCore
import LicitWire
import Synchronization

/// One connection to the world's exchange, driven as the transport drives a `ServerConnection`:
/// frames handed in on one thread, immediate answers written at once, started calls run by
/// `run(calls:control:)` in a task, and the end of the connection finishing its calls.
final class Conversation {
    /// How long an answer may take before it is a hang. A call that is merely slow answers within
    /// its deadline (30 s by default); the replay tests run beside the whole suite, where an
    /// enrolment's signing once took over 5 s on a loaded machine, so only 20 s of silence is a hang.
    static let patience: DispatchTimeInterval = .seconds(20)

    let account: Account
    let outbound = RecordingOutbound()
    let connection: ServerConnection
    let control = ConnectionControl()
    private let calls: AsyncStream<ServerConnection.StartedCall>
    private let callsContinuation: AsyncStream<ServerConnection.StartedCall>.Continuation
    private var finished: DispatchSemaphore?
    /// The GoAway a protocol violation (or a revoked certificate) closed the connection with.
    private(set) var closedWith: Licit_V1_Frame?

    init(world: FuzzWorld, account: Account) {
        self.account = account
        self.connection = world.server.makeConnection(account: account, outbound: self.outbound, logger: .fuzz)
        (self.calls, self.callsContinuation) = AsyncStream.makeStream(of: ServerConnection.StartedCall.self)
    }

    /// What became of a frame.
    enum Outcome: Equatable {
        /// Answered at once, refused or ignored.
        case handled
        /// Running as a task.
        case started
        /// The connection closed with a GoAway.
        case closed
    }

    @discardableResult
    func deliver(_ frame: Licit_V1_Frame) -> Outcome {
        guard self.closedWith == nil else { return .closed }
        switch self.connection.frameReceived(frame) {
        case .none:
            return .handled
        case .reply(let reply):
            self.outbound.record(reply)
            return .handled
        case .start(let started):
            self.startRunning()
            self.callsContinuation.yield(started)
            return .started
        case .close(let goAway):
            // The transport writes the GoAway, then closes.
            self.outbound.record(goAway)
            self.outbound.close()
            self.closedWith = goAway
            return .closed
        }
    }

    /// Asks the connection to drain, as the server does on shutdown.
    func drain() {
        self.startRunning()
        self.control.drain()
    }

    private func startRunning() {
        guard self.finished == nil else { return }
        let finished = DispatchSemaphore(value: 0)
        self.finished = finished
        let (connection, calls, control) = (self.connection, self.calls, self.control)
        Task.detached {
            await connection.run(calls: calls, control: control)
            finished.signal()
        }
    }

    /// The response to call `callID`, waiting for it if it runs as a task.
    func response(
        to callID: UInt64,
        within patience: DispatchTimeInterval = Conversation.patience
    )
        throws(FuzzFinding) -> Licit_V1_Response
    {
        let found = self.outbound.wait(until: .now() + patience) { frames, _ in
            frames.lazy.compactMap { frame -> Licit_V1_Response? in
                guard frame.callID == callID, case .response(let response) = frame.kind else { return nil }
                return response
            }.first
        }
        guard let found else {
            throw FuzzFinding("call \(callID) got no response within \(patience) (a hang)")
        }
        return found
    }

    /// Waits until `condition` holds for the frames written and whether the outbound was closed.
    func wait(
        for what: @autoclosure () -> String,
        _ condition: @escaping ([Licit_V1_Frame], Bool) -> Bool
    ) throws(FuzzFinding) {
        let held = self.outbound.wait(until: .now() + Self.patience) { frames, closed in
            condition(frames, closed) ? true : nil
        }
        guard held == true else {
            let frames = self.outbound.frames.map { frame -> String in
                switch frame.kind {
                case .response(let response): "call \(frame.callID) \(response.status.code)/\(response.status.reason)"
                case .goaway(let goAway): "GoAway \(goAway.status.code)/\(goAway.status.reason)"
                default: "\(FrameFuzzing.kindName(frame)) on call \(frame.callID)"
                }
            }
            throw FuzzFinding(
                """
                \(what()) within \(Self.patience); written: \(frames), outbound \(self.outbound.isClosed ? "closed" : "open"), \
                \(self.outbound.lateFrames.count) frames written after it closed
                """
            )
        }
    }

    /// Ends the connection as the transport does when the socket closes: its calls stream
    /// finishes, and `run` must cancel what is left and return.
    func finish() throws(FuzzFinding) {
        self.callsContinuation.finish()
        guard let finished = self.finished else { return }
        try expect(
            finished.wait(timeout: .now() + Self.patience) == .success,
            "the connection's calls did not end within \(Self.patience) of its closing (a hang)"
        )
    }
}

/// The connection's outbound: records every frame, in order, and wakes whoever waits for one.
final class RecordingOutbound: FrameOutbound {
    struct Closed: Error {}

    private struct State {
        var frames: [Licit_V1_Frame] = []
        var closed = false
        /// Frames the connection tried to write after it closed its outbound.
        var lateFrames: [Licit_V1_Frame] = []
    }

    private let state = Mutex(State())
    private let changed = DispatchSemaphore(value: 0)

    func write(_ frame: Licit_V1_Frame) async throws {
        let closed = self.state.withLock { state in
            if state.closed { state.lateFrames.append(frame) } else { state.frames.append(frame) }
            return state.closed
        }
        self.changed.signal()
        if closed { throw Closed() }
    }

    /// A frame the transport writes at once (an immediate answer, a GoAway).
    func record(_ frame: Licit_V1_Frame) {
        self.state.withLock { $0.frames.append(frame) }
        self.changed.signal()
    }

    func close() {
        self.state.withLock { $0.closed = true }
        self.changed.signal()
    }

    var frames: [Licit_V1_Frame] { self.state.withLock { $0.frames } }
    var isClosed: Bool { self.state.withLock { $0.closed } }
    var lateFrames: [Licit_V1_Frame] { self.state.withLock { $0.lateFrames } }

    /// Waits until `find` finds something in the frames written so far, or `deadline` passes.
    func wait<Found>(
        until deadline: DispatchTime,
        _ find: ([Licit_V1_Frame], Bool) -> Found?
    ) -> Found? {
        while true {
            if let found = self.state.withLock({ find($0.frames, $0.closed) }) { return found }
            if self.changed.wait(timeout: deadline) == .timedOut {
                return self.state.withLock { find($0.frames, $0.closed) }
            }
        }
    }
}
