/// Whether a ``LicitClient`` has a usable connection, and who is waiting for one.
struct ConnectionState {
    private enum Phase {
        case disconnected
        case connected(ClientConnection)
        case shutDown
    }

    private var phase = Phase.disconnected
    private var waiters: [Int: CheckedContinuation<ClientConnection, any Error>] = [:]
    private var nextWaiterID = 0

    var connection: ClientConnection? {
        if case .connected(let connection) = self.phase { return connection }
        return nil
    }

    /// The connection, when calls can be sent on it now.
    var usable: ClientConnection? {
        guard case .connected(let connection) = self.phase, !connection.isRetired, connection.channel.isActive
        else { return nil }
        return connection
    }

    var isShutDown: Bool {
        if case .shutDown = self.phase { return true }
        return false
    }

    enum Lookup {
        case ready(ClientConnection)
        case wait(id: Int)
        case failed(LicitClientError)
    }

    mutating func lookup(orWait continuation: CheckedContinuation<ClientConnection, any Error>) -> Lookup {
        if let connection = self.usable { return .ready(connection) }
        switch self.phase {
        case .shutDown: return .failed(LicitClientError(.unavailable, "the client has been shut down"))
        case .disconnected, .connected:
            self.nextWaiterID += 1
            self.waiters[self.nextWaiterID] = continuation
            return .wait(id: self.nextWaiterID)
        }
    }

    mutating func removeWaiter(_ id: Int) -> CheckedContinuation<ClientConnection, any Error>? {
        self.waiters.removeValue(forKey: id)
    }

    /// Returns the waiters to resume with the new connection.
    mutating func connected(_ connection: ClientConnection) -> [CheckedContinuation<ClientConnection, any Error>] {
        guard !self.isShutDown else { return [] }
        self.phase = .connected(connection)
        defer { self.waiters = [:] }
        return Array(self.waiters.values)
    }

    mutating func disconnected(_ connection: ClientConnection) {
        if case .connected(let current) = self.phase, current === connection { self.phase = .disconnected }
    }

    /// Returns the waiters to fail: a connection attempt failed and they were never sent.
    mutating func takeWaiters() -> [CheckedContinuation<ClientConnection, any Error>] {
        defer { self.waiters = [:] }
        return Array(self.waiters.values)
    }

    mutating func shutDown() -> ClientConnection? {
        let connection = self.connection
        self.phase = .shutDown
        return connection
    }
}
