/// Every limit the exchange enforces on a peer. See PROTOCOL.md, "Limits".
public struct ServerLimits: Sendable, Hashable {
    /// Largest frame body accepted, checked before the body is buffered.
    public var maxFrameBytes: Int
    /// Calls open at once on one connection; more are refused with RESOURCE_EXHAUSTED.
    public var maxCallsInFlight: Int
    /// Open connections in total; more are closed at accept.
    public var maxConnections: Int
    /// Open connections per certificate; more get a GoAway and are closed.
    public var maxConnectionsPerIdentity: Int
    /// Time from accept to a completed TLS handshake, however slowly bytes arrive.
    public var handshakeTimeout: Duration
    /// Time from the first byte of a frame to its last, however slowly bytes arrive.
    public var frameTimeout: Duration
    /// A connection that receives no byte for this long is closed, whatever is in flight:
    /// clients keep quiet connections (an open subscription) alive with pings.
    public var idleTimeout: Duration
    /// Deadline of a call whose request gives none.
    public var defaultCallTimeout: Duration
    /// Longest deadline a request may ask for; longer ones are shortened to it.
    public var maxCallTimeout: Duration
    /// Bytes queued for a peer before the exchange stops writing to it.
    public var outboundHighWaterBytes: Int
    /// A peer that leaves the outbound queue full this long is cut off.
    public var outboundStallTimeout: Duration
    /// Time given to in-flight calls to finish after a GoAway when shutting down.
    public var drainTimeout: Duration
    /// Writes one authority (a CNA, or the Board) may make per second, over all its connections.
    public var authorityWritesPerSecond: Int = 50
    /// Writes one authority may make at once before the pace applies.
    public var authorityWriteBurst: Int = 100
    /// Longest a write over its authority's pace waits for its turn before it is refused `rate_limited`.
    public var rateLimitMaxWait: Duration = .seconds(1)

    public static var defaults: ServerLimits {
        ServerLimits(
            maxFrameBytes: 4 * 1024 * 1024,
            maxCallsInFlight: 256,
            maxConnections: 4096,
            maxConnectionsPerIdentity: 16,
            handshakeTimeout: .seconds(10),
            frameTimeout: .seconds(30),
            idleTimeout: .seconds(300),
            defaultCallTimeout: .seconds(30),
            maxCallTimeout: .seconds(300),
            outboundHighWaterBytes: 1024 * 1024,
            outboundStallTimeout: .seconds(30),
            drainTimeout: .seconds(30)
        )
    }

    public init(
        maxFrameBytes: Int,
        maxCallsInFlight: Int,
        maxConnections: Int,
        maxConnectionsPerIdentity: Int,
        handshakeTimeout: Duration,
        frameTimeout: Duration,
        idleTimeout: Duration,
        defaultCallTimeout: Duration,
        maxCallTimeout: Duration,
        outboundHighWaterBytes: Int,
        outboundStallTimeout: Duration,
        drainTimeout: Duration
    ) {
        self.maxFrameBytes = maxFrameBytes
        self.maxCallsInFlight = maxCallsInFlight
        self.maxConnections = maxConnections
        self.maxConnectionsPerIdentity = maxConnectionsPerIdentity
        self.handshakeTimeout = handshakeTimeout
        self.frameTimeout = frameTimeout
        self.idleTimeout = idleTimeout
        self.defaultCallTimeout = defaultCallTimeout
        self.maxCallTimeout = maxCallTimeout
        self.outboundHighWaterBytes = outboundHighWaterBytes
        self.outboundStallTimeout = outboundStallTimeout
        self.drainTimeout = drainTimeout
    }
}
