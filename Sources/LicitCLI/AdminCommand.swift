import ArgumentParser
import Foundation
import LicitClient
import LicitWire
import SwiftProtobuf

/// `licit admin …`: for country admins and the Board.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract:
            "Administration: accounts and their certificates (enrolment, revocation), traders, reference-data import.",
        subcommands: [
            Accounts.self, Enroll.self, Approve.self, Reject.self, Revoke.self, RegisterTrader.self,
            ImportReference.self,
        ]
    )

    struct Accounts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List accounts and their certificates (the Board: all; a country admin: its country's).",
            discussion: "Example:\n  licit admin accounts --json"
        )
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let accounts = try await self.connection.withClient { try await $0.accounts() }
            if self.output.json {
                Output.print(json: accounts.map { Output.value($0) })
            } else {
                Console.current.out(
                    Output.table(
                        ["name", "country", "authority", "role", "certificate", "state"],
                        accounts.map { account in
                            [
                                account.name, account.country, account.authority, AdminCommand.role(account.role),
                                account.certificateFingerprint,
                                account.revoked
                                    ? "revoked" : account.pendingApproval ? "awaiting the Board's approval" : "active",
                            ]
                        }
                    )
                )
            }
        }
    }

    static func role(_ role: Licit_V1_Role) -> String {
        (Output.value(Licit_V1_Account.with { $0.role = role }) as? [String: Any])?["role"] as? String ?? "\(role)"
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a certificate: its connections close at once and it can no longer connect.",
            discussion: """
                The Board revokes any certificate; a country admin its own country's. Example:
                  licit admin revoke 3f2a…c9 --reason "officer left the service" --yes
                """
        )
        @Argument(
            help: ArgumentHelp(
                "The certificate's SHA-256 fingerprint (see `licit admin accounts`).",
                valueName: "fingerprint"
            )
        )
        var fingerprint: String

        @Option(name: .long, help: "Why (kept in the audit trail).")
        var reason: String

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try Issuing.ask("revoke certificate \(self.fingerprint)", write: self.write)
            let account = try await self.connection.withClient { client in
                try await client.revokeCertificate(
                    fingerprint: self.fingerprint.lowercased(),
                    reason: self.reason,
                    requestID: self.write.resolvedRequestID
                )
            }
            if self.output.json {
                Output.print(json: Output.value(account))
            } else {
                Console.current.out("revoked \(account.certificateFingerprint) (account \(account.name))")
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a country admin account awaiting the Board's approval (board admins).",
            discussion: """
                A country admin enrolled by another country admin can connect only once approved. Example:
                  licit admin approve fr-admin-2 --yes
                """
        )
        @Argument(help: ArgumentHelp("The pending account (see `licit admin accounts`).", valueName: "name"))
        var name: String

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await AdminCommand.decide(
                self.name,
                approve: true,
                reason: "",
                self.write,
                self.connection,
                self.output
            )
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reject a country admin account awaiting approval: its certificate is revoked (board admins).",
            discussion: """
                Example:
                  licit admin reject fr-admin-2 --reason "not known to the ministry" --yes
                """
        )
        @Argument(help: ArgumentHelp("The pending account (see `licit admin accounts`).", valueName: "name"))
        var name: String

        @Option(name: .long, help: "Why (the account's CNA is told; kept in the audit trail).")
        var reason: String

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await AdminCommand.decide(
                self.name,
                approve: false,
                reason: self.reason,
                self.write,
                self.connection,
                self.output
            )
        }
    }

    static func decide(
        _ name: String,
        approve: Bool,
        reason: String,
        _ write: WriteOptions,
        _ connection: ConnectionOptions,
        _ output: OutputOptions
    ) async throws {
        try Issuing.ask("\(approve ? "approve" : "reject") the account \(name)", write: write)
        let account = try await connection.withClient { client in
            try await client.approveAccount(
                name: name,
                approve: approve,
                reason: reason,
                requestID: write.resolvedRequestID
            )
        }
        if output.json {
            Output.print(json: Output.value(account))
        } else {
            Console.current.out(
                approve
                    ? "approved \(account.name), \(AdminCommand.role(account.role)) of \(account.authority): it can connect"
                    : "rejected \(account.name): certificate \(account.certificateFingerprint) revoked"
            )
        }
    }

    struct RegisterTrader: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register-trader",
            abstract: "Register (or update) an importer or exporter licensed by your authority.",
            discussion:
                "Example:\n  licit admin register-trader --name \"Pharma Lyon SA\" --address \"Lyon\""
        )
        @Option(name: .long, help: "The id to use (default: the exchange assigns one).")
        var id: String?

        @Option(name: .long, help: "The trader's name.")
        var name: String

        @Option(name: .long, help: "The trader's address.")
        var address: String

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let trader = try await self.connection.withClient { client in
                let me = try await client.recognisedAccount()
                return try await client.registerTrader(
                    .with {
                        $0.id = self.id ?? ""
                        $0.name = self.name
                        $0.address = self.address
                        $0.country = me.country
                    },
                    requestID: self.write.resolvedRequestID
                )
            }
            if self.output.json {
                Output.print(json: Output.value(trader))
            } else {
                Console.current.out("registered \(trader.id): \(trader.name)")
            }
        }
    }

    struct ImportReference: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-reference",
            abstract:
                "Import reference data (board admins): the proto3 JSON of ReferenceData, as in Proto/examples/reference.json.",
            discussion:
                "Entries are added or replaced by key. Example:\n  licit admin import-reference estimates-2027.json --yes"
        )
        @Argument(help: ArgumentHelp("The JSON file.", valueName: "file"))
        var file: String

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: self.file) else {
                throw CLIError.usage("cannot read \(self.file)")
            }
            let reference: Licit_V1_ReferenceData
            do {
                reference = try Licit_V1_ReferenceData(jsonUTF8Data: data)
            } catch {
                throw CLIError.usage(
                    "\(self.file) is not ReferenceData in proto3 JSON: \(error)",
                    hint: "see Proto/examples/reference.json"
                )
            }
            let counts = [
                ("countries", reference.countries.count), ("authorities", reference.authorities.count),
                ("substances", reference.substances.count), ("estimates and assessments", reference.allowances.count),
                ("prohibitions", reference.prohibitions.count), ("traders", reference.traders.count),
            ]
            try Issuing.ask("import " + counts.map { "\($0.1) \($0.0)" }.joined(separator: ", "), write: self.write)
            let response = try await self.connection.withClient { client in
                try await client.importReference(reference, requestID: self.write.resolvedRequestID)
            }
            if self.output.json {
                Output.print(json: Output.value(response))
            } else {
                Console.current.out(
                    "imported \(response.countries) countries, \(response.authorities) authorities, \(response.substances) substances, "
                        + "\(response.allowances) estimates and assessments, \(response.prohibitions) prohibitions, \(response.traders) traders"
                )
            }
        }
    }
}
