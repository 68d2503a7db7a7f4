import Foundation
import LicitExchange
import LicitWire

/// The methods of `licit.v1.Session` besides Hello (which ``Session`` answers itself).
public enum SessionMethods {
    public static var handlers: [MethodHandler] {
        [
            MethodHandler(
                name: LicitMethod.echo,
                allowedRoles: Set(Role.allCases),
                isWrite: false,
                body: .inline { _, payload in
                    let request = try Self.decode(Licit_V1_EchoRequest.self, payload)
                    return try Licit_V1_EchoResponse.with { $0.data = request.data }.serializedData()
                }
            )
        ]
    }

    /// Decodes a request payload, turning a malformed one into INVALID_ARGUMENT.
    public static func decode<Message: SwiftProtobufMessage>(_ type: Message.Type, _ payload: Data) throws -> Message {
        do {
            return try Message(licitPayload: payload)
        } catch {
            throw LicitStatus(
                .invalidArgument,
                reason: "malformed_payload",
                message: "the request payload is not a valid \(Message.protoMessageName)"
            )
        }
    }
}
