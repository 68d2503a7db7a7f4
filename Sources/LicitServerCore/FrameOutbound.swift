import LicitWire

/// Where a connection's frames go. The transport implements it; tests use an in-memory one.
public protocol FrameOutbound: Sendable {
    /// Suspends while the peer is not reading fast enough; throws once the connection is gone.
    func write(_ frame: Licit_V1_Frame) async throws
    /// Writes several frames in order, as ``write(_:)`` each (a transport may send them at once).
    func write(_ frames: [Licit_V1_Frame]) async throws
    /// Closes the connection; inbound frames stop arriving.
    func close()
}

extension FrameOutbound {
    public func write(_ frames: [Licit_V1_Frame]) async throws {
        for frame in frames { try await self.write(frame) }
    }
}
