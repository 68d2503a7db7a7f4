import LicitWire
import Synchronization

/// A connection's outbound that hands each response to whoever waits for it.
final class AnsweringOutbound: FrameOutbound {
    private struct State {
        var responses: [UInt64: Licit_V1_Response] = [:]
        var waiting: [UInt64: CheckedContinuation<Licit_V1_Response, Never>] = [:]
        var goAway: Licit_V1_GoAway?
    }

    private let state = Mutex(State())

    func write(_ frame: Licit_V1_Frame) async throws {
        self.deliver(frame)
    }

    func deliver(_ frame: Licit_V1_Frame) {
        let resume: [(CheckedContinuation<Licit_V1_Response, Never>, Licit_V1_Response)] = self.state.withLock {
            state in
            switch frame.kind {
            case .response(let response):
                if let waiter = state.waiting.removeValue(forKey: frame.callID) { return [(waiter, response)] }
                state.responses[frame.callID] = response
            case .goaway(let goAway):
                // A connection closed before answering: every call on it ends with the GoAway's status.
                state.goAway = goAway
                let closed = Licit_V1_Response.with { $0.status = goAway.status }
                defer { state.waiting = [:] }
                return state.waiting.values.map { ($0, closed) }
            default:
                break
            }
            return []
        }
        for (waiter, response) in resume { waiter.resume(returning: response) }
    }

    func close() {}

    func response(to callID: UInt64) async -> Licit_V1_Response {
        await withCheckedContinuation { continuation in
            let ready: Licit_V1_Response? = self.state.withLock { state in
                if let response = state.responses.removeValue(forKey: callID) { return response }
                if let goAway = state.goAway { return Licit_V1_Response.with { $0.status = goAway.status } }
                state.waiting[callID] = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
