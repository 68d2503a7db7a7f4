import LicitExchange
import LicitWire

extension MethodHandler {
    /// A read of the exchange: its request decoded, its response encoded.
    static func read<Request: SwiftProtobufMessage, Response: SwiftProtobufMessage>(
        _ name: String,
        _ roles: Set<Role>,
        _ body: @escaping @Sendable (CallContext, Request) async throws -> Response
    ) -> MethodHandler {
        MethodHandler(
            name: name,
            allowedRoles: roles,
            isWrite: false,
            body: .unary { context, payload in
                try await body(context, try SessionMethods.decode(Request.self, payload)).serializedData()
            }
        )
    }
}
