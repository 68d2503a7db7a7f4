import LicitWire

/// Where a connection's frames go. The transport implements it; tests use an in-memory one.
public protocol FrameOutbound: Sendable {
    /// Suspends while the peer is not reading fast enough; throws once the connection is gone.
    func write(_ frame: Licit_V1_Frame) async throws
    /// Closes the connection; inbound frames stop arriving.
    func close()
}
