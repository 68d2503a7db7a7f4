/// A condition a test waited for that did not come true in time.
public struct ConditionNotMet: Error, CustomStringConvertible {
    public let timeout: Duration
    public var description: String { "condition not met within \(self.timeout)" }
}

/// Polls `condition` until it holds; throws ``ConditionNotMet`` (failing the test) after `timeout`.
public func eventually(timeout: Duration = .seconds(10), _ condition: () async -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !(await condition()) {
        guard ContinuousClock.now < deadline else { throw ConditionNotMet(timeout: timeout) }
        try await Task.sleep(for: .milliseconds(10))
    }
}
