import Foundation
import LicitExchange
import LicitWire
import Logging

/// What every connection of one server shares: its methods, limits, accounts and clock.
public struct ExchangeProtocol: Sendable {
    public let registry: MethodRegistry
    public let limits: ServerLimits
    public let directory: any AccountDirectory
    public let clock: any ExchangeClock
    public let serverName: String
    /// Audits every call refused for the caller's role: awaited as part of the call, so the
    /// refusal is answered once its audit record is committed.
    public let onDenial: Denial?

    public typealias Denial = @Sendable (Account, _ method: String, LicitStatus) async throws -> Void
    /// Paces every authority's writes (``ServerLimits/authorityWritesPerSecond``).
    public let writePacer: any WritePacing
    /// A sandbox's deliberate misbehaviour (``CallFaults``); `nil` for none.
    public let faults: (any CallFaults)?

    public init(
        registry: MethodRegistry,
        limits: ServerLimits,
        directory: any AccountDirectory,
        clock: any ExchangeClock,
        serverName: String = "licitd",
        writePacer: (any WritePacing)? = nil,
        faults: (any CallFaults)? = nil,
        onDenial: Denial? = nil
    ) {
        self.faults = faults
        self.registry = registry
        self.limits = limits
        self.directory = directory
        self.clock = clock
        self.serverName = serverName
        self.onDenial = onDenial
        self.writePacer = writePacer ?? AuthorityPacer(limits)
    }

    /// The protocol side of a connection whose certificate was recognised as `account` and is
    /// valid until `certificateExpiry` (on the exchange's clock; `nil`: no end).
    public func makeConnection(
        account: Account,
        certificateExpiry: Date? = nil,
        outbound: any FrameOutbound,
        logger: Logger
    ) -> ServerConnection {
        ServerConnection(
            exchange: self,
            account: account,
            certificateExpiry: certificateExpiry,
            outbound: outbound,
            logger: logger
        )
    }
}
