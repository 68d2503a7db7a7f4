import Foundation
import LicitExchange
import LicitWire
import Logging

extension ExchangeProtocol {
    /// One call as a connection of `account` makes it — Hello, then the call — answered in full,
    /// in process: the same session, routing, limits and handlers as over TLS, with no socket.
    /// For tests of the exchange's commands and for the simulation.
    public func call(
        _ account: Account,
        _ method: String,
        _ payload: Data,
        requestID: String = "",
        logger: Logger = Logger(label: "licit.in-process", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async -> Licit_V1_Response {
        let outbound = AnsweringOutbound()
        let connection = self.makeConnection(account: account, outbound: outbound, logger: logger)
        let (calls, feed) = AsyncStream.makeStream(of: ServerConnection.StartedCall.self)
        let control = ConnectionControl()
        return await withTaskGroup(of: Void.self) { group in
            group.addTask { await connection.run(calls: calls, control: control) }
            defer { feed.finish() }
            let hello = Licit_V1_Frame.request(
                callID: 1,
                method: LicitMethod.hello,
                payload: try! Licit_V1_HelloRequest.with {
                    $0.protocolVersion = FrameLimits.protocolVersion
                    $0.clientName = "in-process"
                }.serializedData()
            )
            for frame in [hello, .request(callID: 2, method: method, payload: payload, requestID: requestID)] {
                switch connection.frameReceived(frame) {
                case .none: break
                case .reply(let reply): outbound.deliver(reply)
                case .start(let started): feed.yield(started)
                case .close(let goAway): outbound.deliver(goAway)
                }
            }
            return await outbound.response(to: 2)
        }
    }
}
