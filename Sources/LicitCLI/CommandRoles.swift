import ArgumentParser
import LicitClient

/// The roles each writing command needs, as the exchange's access policy grants them: checked
/// before `licit` asks for a confirmation, so that nobody confirms what will be refused.
enum CommandRoles {
    static let required: [String: Set<String>] = [
        "licit ia draft": ["officer", "signer"],
        "licit ia issue": ["signer"], "licit ia amend": ["signer"], "licit ia cancel": ["signer"],
        "licit ia record-paper": ["signer"], "licit ea issue": ["signer"], "licit ea record-exported": ["signer"],
        "licit ea cancel": ["signer"], "licit ea record-paper": ["signer"], "licit endorse": ["signer"],
        "licit estimate request": ["signer", "country_admin"],
        "licit estimate annual submit": ["signer", "country_admin"], "licit filing save": ["signer", "country_admin"],
        "licit estimate confirm": ["board_admin"], "licit estimate refuse": ["board_admin"],
        "licit estimate annual confirm": ["board_admin"], "licit estimate annual query": ["board_admin"],
        "licit filing accept": ["board_admin"], "licit filing query": ["board_admin"],
        "licit admin approve": ["board_admin"], "licit admin reject": ["board_admin"],
        "licit admin import-reference": ["board_admin"], "licit admin enroll": ["board_admin", "country_admin"],
        "licit admin revoke": ["board_admin", "country_admin"],
        "licit admin register-trader": ["signer", "country_admin"],
        "licit notify add-webhook": ["country_admin", "board_admin"],
        "licit notify add-email": ["country_admin", "board_admin"],
        "licit notify remove": ["country_admin", "board_admin"],
    ]

    /// Before a command that will ask a person to confirm: refuses at once when the account's role
    /// cannot do it. Commands run with --yes, or without a terminal, are left to the exchange.
    static func check(_ command: any ParsableCommand, path: String, arguments: [String]) async throws {
        guard let roles = Self.required[path], !arguments.contains("--yes"), !arguments.contains("-y"),
            Console.current.isInteractive,
            let connection = Mirror(reflecting: command).children.lazy.compactMap({
                ($0.value as? OptionGroup<ConnectionOptions>)?.wrappedValue
            }).first
        else { return }
        let role = try await connection.withClient { try await $0.recognisedAccount().role }
        guard roles.contains(role) else {
            var refusal = CLIError(.rejected, "role_not_permitted")
            refusal.reason = "role_not_permitted"
            refusal.details = ["role": role, "allowed_roles": roles.sorted().joined(separator: ",")]
            throw Failure.naming(refusal, command: path)
        }
    }
}
