/// The server's handle on one running connection: asks it to drain, or to close at once.
public final class ConnectionControl: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    public init() {
        (self.stream, self.continuation) = AsyncStream.makeStream(of: Void.self)
    }

    /// Send a GoAway, refuse new calls, finish those in flight, then close.
    public func drain() {
        self.continuation.finish()
    }

    /// Returns once ``drain()`` has been called, or when the task is cancelled.
    func drainRequested() async {
        for await _ in self.stream {}
    }
}
