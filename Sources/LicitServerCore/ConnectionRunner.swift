import Foundation
import LicitWire
import Logging
import Synchronization

/// Serves the frames of one authenticated connection: the protocol, independent of sockets and TLS.
///
/// Reads frames in order; answers cheap calls in place and runs the others as child tasks bounded
/// by their deadline and stopped by a Cancel frame; drains on request. Returns when the peer
/// closes, after a protocol violation (answered with a GoAway), or once drained.
public struct ConnectionRunner: Sendable {
    public let registry: MethodRegistry
    public let limits: ServerLimits
    public let directory: any AccountDirectory
    public let clock: any ExchangeClock
    public let serverName: String

    public init(
        registry: MethodRegistry,
        limits: ServerLimits,
        directory: any AccountDirectory,
        clock: any ExchangeClock,
        serverName: String = "licitd"
    ) {
        self.registry = registry
        self.limits = limits
        self.directory = directory
        self.clock = clock
        self.serverName = serverName
    }

    public func run<Inbound: AsyncSequence>(
        account: Account,
        inbound: Inbound,
        outbound: some FrameOutbound,
        control: ConnectionControl,
        logger: Logger
    ) async where Inbound.Element == Licit_V1_Frame {
        let connection = Connection(
            runner: self,
            account: account,
            outbound: outbound,
            session: Session(limits: self.limits, registry: self.registry, role: account.role),
            logger: logger
        )
        await withDiscardingTaskGroup { group in
            defer { group.cancelAll() }
            group.addTask {
                switch await control.requested() {
                case .drain where !Task.isCancelled: await connection.drain()
                case .close(let status) where !Task.isCancelled: await connection.close(status)
                default: break
                }
            }
            do {
                for try await frame in inbound {
                    guard try await connection.frameReceived(frame, group: &group) else { return }
                }
            } catch let error as FrameCodecError {
                logger.info("closing connection after a framing error", metadata: ["error": "\(error)"])
                try? await outbound.write(.goAway(status: error.wireStatus, lastCallID: connection.lastCallID))
            } catch {
                logger.debug("connection ended", metadata: ["error": "\(error)"])
            }
        }
    }
}
