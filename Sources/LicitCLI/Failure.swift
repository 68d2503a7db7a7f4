import LicitClient
import LicitWire

/// Turns the SDK's errors into what an officer can act on.
enum Failure {
    static func explain(_ error: LicitClientError, server: String) -> CLIError {
        var explained = Self.describe(error, server: server)
        if let status = error.status {
            explained.reason = status.reason
            // As PROTOCOL.md names it: permissionDenied → PERMISSION_DENIED.
            explained.code = "\(status.code)".reduce(into: "") { name, character in
                if character.isUppercase { name += "_" }
                name += character.uppercased()
            }
        }
        explained.requestID = error.requestID ?? ""
        explained.details = error.status?.details ?? [:]
        return explained
    }

    private static func describe(_ error: LicitClientError, server: String) -> CLIError {
        switch error.code {
        case .rejected:
            guard let status = error.status else { return CLIError(.rejected, error.message) }
            return Self.refusal(status)
        case .indeterminate:
            return CLIError(
                .indeterminate,
                "the exchange may or may not have applied this write: \(error.message)",
                hint: "run the same command again with --request-id \(error.requestID ?? "?"); "
                    + "the exchange applies a request id at most once and answers a repeat with the first result"
            )
        case .invalidRequest:
            return CLIError.usage("not sent: \(error.message)")
        case .deadlineExceeded:
            return CLIError(
                .unavailable,
                "no answer from \(server) in time: \(error.message)",
                hint: "try again, or give a longer --timeout"
            )
        case .protocolViolation:
            return CLIError(
                .unavailable,
                "the exchange sent something this version of licit does not understand: \(error.message)",
                hint: "the exchange may be newer than this licit: update it"
            )
        default:
            return Self.connection(error, server: server)
        }
    }

    /// A role refusal told in the command's terms, not the protocol method's.
    static func naming(_ error: CLIError, command: String) -> CLIError {
        guard error.reason == "role_not_permitted", !command.isEmpty else { return error }
        let described = PrintLanguage.fromEnvironment.reason(error.reason).map { " — \($0)" } ?? ""
        var named = CLIError(
            error.status,
            "refused [\(error.reason)\(described)]: `\(command)` is not for your account's role"
                + (error.details["role"].map { " (\($0))" } ?? "")
                + (error.details["allowed_roles"].map { ": it needs \($0.replacingOccurrences(of: ",", with: " or "))" }
                    ?? ""),
            hint: "see your role with `licit whoami`; ask your country admin for an account with that role"
        )
        named.reason = error.reason
        named.code = error.code
        named.requestID = error.requestID
        named.details = error.details
        return named
    }

    static func refusal(_ status: LicitStatus) -> CLIError {
        let described = PrintLanguage.fromEnvironment.reason(status.reason).map { " — \($0)" } ?? ""
        var lines = ["refused [\(status.reason)\(described)]: \(status.message)"]
        let facts = Self.forPeople(status.details).filter { $0.key != "problems" }
        if !facts.isEmpty {
            let width = facts.map(\.key.count).max() ?? 0
            lines += facts.map { "  \($0.key.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.value)" }
        }
        let hint = Self.advice[status.reason] ?? ReasonCatalogue.byReason[status.reason]?.action
        return CLIError(.rejected, lines.joined(separator: "\n"), hint: hint)
    }

    /// A refusal's details as people read them, sorted by key: a quantity once, as "1.5 kg", not
    /// also as the integer milligrams programs read under `<key>_mg`.
    static func forPeople(_ details: [String: String]) -> [(key: String, value: String)] {
        details.filter { key, _ in
            !(key.hasSuffix("_mg") && details[String(key.dropLast(3))] != nil)
        }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// What to do about the refusals an officer meets most, in `licit`'s own terms (its commands and
    /// flags); any other refusal is explained by the reason catalogue's advice.
    static let advice: [String: String] = [
        "over_estimate":
            "ask the Board to confirm a supplementary estimate, or, if the excess is justified, "
            + "issue with --override \"why\" (the Board sees it)",
        "over_assessment":
            "ask the Board to record a higher assessment, or issue with --override \"why\" (the Board sees it)",
        "over_remaining_ia": "issue the EA for at most what remains of the IA (see `licit ia show`)",
        "ia_not_valid": "the IA must be issued or partly used and in its validity period; see `licit ia show`",
        "import_prohibited": "the importing country prohibits this substance (1971 art. 13): no EA can be issued",
        "document_not_found": "check the number and the issuing authority (AUTH/NUMBER); see `licit ia list`",
        "unknown_trader": "see your authority's registered traders with `licit ref traders`",
        "unknown_form": "see the catalogue with `licit ref substances`",
        "duplicate_number": "numbers are unique per authority: choose another --number",
        "request_id_reused": "that --request-id was used for a different request: omit it to get a fresh one",
        "role_not_permitted": "your account's role may not do this; see `licit whoami`",
        "not_the_importing_authority": "only the importing country's competent authority endorses an EA",
        "other_country_balance": "a CNA sees its own country's balances; the Board sees any",
        "storage_unavailable": "nothing was applied; run the same command again with the same --request-id",
    ]

    static func connection(_ error: LicitClientError, server: String) -> CLIError {
        // Classified from the library's words; never shown raw (they carry internal type names and paths).
        let text = "\(error.message) \(error.cause.map { String(describing: $0) } ?? "")"
        let has = { (words: [String]) in words.contains { text.localizedCaseInsensitiveContains($0) } }
        if has(["CERTIFICATE_VERIFY_FAILED", "certificate verify failed"]) {
            return CLIError(
                .unavailable,
                "TLS: the exchange's certificate at \(server) is not signed by the CA you gave",
                hint: "check --ca (or LICIT_CA / the profile): it must be the CA that issued the exchange's certificate"
            )
        }
        if has(["CERTIFICATE_EXPIRED", "certificate has expired"]) {
            return CLIError(
                .unavailable,
                "the exchange at \(server) refused your certificate: it has expired",
                hint: "ask your country admin to enrol you again (`licit admin enroll`)"
            )
        }
        if has(["CERTIFICATE_REVOKED", "certificate_revoked", "revoked"]) {
            return CLIError(
                .unavailable,
                "the exchange at \(server) refused your certificate: it has been revoked",
                hint: "ask your country admin for a new account (`licit admin enroll`)"
            )
        }
        if has(["CERTIFICATE_UNKNOWN", "BAD_CERTIFICATE", "unknown_certificate"]) {
            return CLIError(
                .unavailable,
                "the exchange at \(server) refused your certificate: it is not registered to an account, "
                    + "has been revoked, or has expired",
                hint: "check --identity; see your certificate's dates with `openssl x509 -noout -dates -in cert.pem`; "
                    + "your country admin can tell which"
            )
        }
        if has(["nodename nor servname", "Name or service not known", "resolve", "getaddrinfo", "No address", "DNS"]) {
            return CLIError(
                .unavailable,
                "the exchange's name in \(server) cannot be resolved to an address",
                hint: "check the host name in --server (or LICIT_SERVER / the profile)"
            )
        }
        if has(["Connection refused", "connection refused"]) {
            return CLIError(
                .unavailable,
                "nothing answers at \(server): the connection was refused",
                hint: "is licitd running there? check --server (or LICIT_SERVER / the profile)"
            )
        }
        if has(["connectTimeout", "timed out", "timeout"]) {
            return CLIError(
                .unavailable,
                "the exchange at \(server) did not answer in time while connecting",
                hint: "check the network and --server; give a longer --timeout if the link is slow"
            )
        }
        if has(["SSL", "TLS", "handshake", "closed", "EOF", "reset"]) {
            return CLIError(
                .unavailable,
                "the exchange at \(server) closed the connection during or after the TLS handshake",
                hint: "check --ca (the CA that signed the exchange's certificate) and --identity; your certificate "
                    + "may also be unregistered, revoked or expired (ask your country admin)"
            )
        }
        return CLIError(
            .unavailable,
            "cannot reach the exchange at \(server) (\(error.code))",
            hint: "check the network and --server, then try again"
        )
    }
}
