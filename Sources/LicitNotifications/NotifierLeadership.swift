/// Which daemon delivers: deliveries of one target must not overlap, or its events could arrive
/// out of order. One daemon on SQLite always leads; daemons sharing PostgreSQL elect one.
public protocol NotifierLeadership: Sendable {
    /// Runs `body` while this daemon leads, cancelling it when leadership is lost, and runs it
    /// again whenever leadership is regained, until the task is cancelled.
    func whileLeading(_ body: @escaping @Sendable () async throws -> Void) async throws
}

/// The only daemon on its store: it always leads.
public struct SoleNotifier: NotifierLeadership {
    public init() {}

    public func whileLeading(_ body: @escaping @Sendable () async throws -> Void) async throws {
        try await body()
    }
}
