import NIOCore

extension Duration {
    /// Whole milliseconds as the wire carries them (`timeout_ms`, the limits in hello),
    /// clamped to `0...UInt32.max`.
    public var wireMilliseconds: UInt32 {
        let (seconds, attoseconds) = self.components
        return UInt32(clamping: max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
    }

    /// The same span as NIO's `TimeAmount`, to nanosecond precision.
    public var timeAmount: TimeAmount {
        let (seconds, attoseconds) = self.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
