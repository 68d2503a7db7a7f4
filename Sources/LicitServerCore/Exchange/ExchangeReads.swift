import LicitModel
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

extension ExchangeContext {
    /// The country a per-country read is about: `requested`, or the caller's when empty. A CNA may
    /// read only its own country's (`other_country_<what>`, audited); the Board any.
    func country(_ requested: String, of context: CallContext, for what: String, action: String) async throws -> String
    {
        let account = context.account
        let country = requested.isEmpty ? account.country : requested
        guard account.isBoard || country == account.country else {
            let refusal = ExchangeError(
                .init("other_country_\(what.dropLast())"),
                "a CNA obtains its own country's \(what); \(country)'s are for its CNAs and the Board"
            )
            try await self.recordDenial(context, action: action, subject: country, refusal: refusal)
            throw refusal
        }
        guard !country.isEmpty else { throw ExchangeError("missing_field", "country is required") }
        return country
    }
}
