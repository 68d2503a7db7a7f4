import LicitWire
import Synchronization

/// The server's handle on one running connection: asks it to drain, or to close at once.
public final class ConnectionControl: Sendable {
    enum Request: Sendable {
        /// Send a GoAway, refuse new calls, finish those in flight, then close.
        case drain
        /// Send a GoAway with this status now, then close (the calls in flight are abandoned).
        case close(LicitStatus)
    }

    private let request = Mutex<Request?>(nil)
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    public init() {
        (self.stream, self.continuation) = AsyncStream.makeStream(of: Void.self)
    }

    public func drain() {
        self.signal(.drain)
    }

    /// Closes the connection with a GoAway carrying `status`, for example after a revocation.
    public func close(_ status: LicitStatus) {
        self.signal(.close(status))
    }

    private func signal(_ request: Request) {
        let first = self.request.withLock { current in
            defer { current = current ?? request }
            return current == nil
        }
        if first { self.continuation.finish() }
    }

    /// Returns the first request made, once made; `nil` when the task is cancelled first.
    func requested() async -> Request? {
        for await _ in self.stream {}
        return self.request.withLock { $0 }
    }
}
