import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// `licit notify …`: where your inbox is delivered beyond the inbox — webhooks and e-mail.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Deliver your inbox to a webhook or an e-mail address too (country admins; board admins).",
        discussion: """
            The exchange sends each target the events of the kinds it chose, in inbox order, at
            least once, retrying while the receiver fails. Its first delivery is the event that
            records its registration. docs/NOTIFICATIONS.md shows how a receiver checks them.
            """,
        subcommands: [AddWebhook.self, AddEmail.self, List.self, Remove.self]
    )

    struct AddWebhook: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-webhook",
            abstract: "POST your inbox's events to an https:// URL, signed with a shared secret.",
            discussion: """
                Without --secret-file, a secret is made and printed once: give it to the receiver.
                Examples:
                  licit notify add-webhook https://licit.ansm.example/events --yes
                  licit notify add-webhook https://licit.ansm.example/events \\
                      --kinds ia_received,ea_received --secret-file secret.txt --yes
                """
        )
        @Argument(help: ArgumentHelp("The receiver's https:// URL.", valueName: "url"))
        var url: String

        @Option(
            name: .long,
            help: ArgumentHelp("A file holding the shared secret (16 to 256 characters).", valueName: "file")
        )
        var secretFile: String?

        @OptionGroup var kinds: EventKindOptions
        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let secret = try self.secretFile.map(Self.readSecret) ?? Self.makeSecret()
            try Issuing.ask("deliver \(self.kinds.described) to \(self.url)", write: self.write)
            let target = try await self.connection.withClient { client in
                try await client.registerWebhook(
                    url: self.url,
                    secret: secret,
                    kinds: self.kinds.list,
                    requestID: self.write.resolvedRequestID
                )
            }
            if self.output.json {
                var value = Output.value(target) as? [String: Any] ?? [:]
                if self.secretFile == nil { value["secret"] = secret }
                Output.print(json: value)
                return
            }
            Console.current.out("registered \(target.id): \(NotifyCommand.describe(target))")
            if self.secretFile == nil {
                Console.current.out("secret (shown only now; the receiver checks Licit-Signature with it): \(secret)")
            }
        }

        static func readSecret(_ path: String) throws -> String {
            do {
                return try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw CLIError.usage("cannot read the secret file \(path)", hint: "give a file holding the secret")
            }
        }

        /// 32 random bytes, as 64 hex digits.
        static func makeSecret() -> String {
            var generator = SystemRandomNumberGenerator()
            return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        }
    }

    struct AddEmail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-email",
            abstract: "E-mail your inbox's events to an address, through the exchange's SMTP server.",
            discussion: """
                Examples:
                  licit notify add-email officers@ansm.example --yes
                  licit notify add-email duty@ansm.example --kinds endorsement_overdue --yes
                """
        )
        @Argument(help: ArgumentHelp("The e-mail address.", valueName: "address"))
        var address: String

        @OptionGroup var kinds: EventKindOptions
        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try Issuing.ask("e-mail \(self.kinds.described) to \(self.address)", write: self.write)
            let target = try await self.connection.withClient { client in
                try await client.registerEmail(
                    address: self.address,
                    kinds: self.kinds.list,
                    requestID: self.write.resolvedRequestID
                )
            }
            NotifyCommand.report(target, verb: "registered", json: self.output.json)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List your inbox's webhooks and e-mail addresses, how far each got and its last failure.",
            discussion: "Examples:\n  licit notify list\n  licit notify list --format json"
        )
        @OptionGroup var listing: ListingOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let targets = try await self.connection.withClient { try await $0.notificationTargets() }
            self.listing.print(
                header: [
                    "id", "channel", "address", "kinds", "delivered through", "failures", "last error", "retry at",
                ],
                rows: targets.map { target in
                    [
                        target.id, target.channel, target.address,
                        target.kinds.isEmpty ? "all" : target.kinds.joined(separator: ","),
                        "\(target.deliveredThrough)", "\(target.failures)", target.lastError,
                        target.retryAtMs == 0 ? "" : AuditCommand.time(target.retryAtMs),
                    ]
                },
                json: targets.map { Output.value($0) }
            )
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop delivering to a webhook or e-mail address.",
            discussion: "Example:\n  licit notify remove FR-ANSM-1 --yes"
        )
        @Argument(help: ArgumentHelp("The target, AUTHORITY-N (licit notify list).", valueName: "id"))
        var id: String

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try Issuing.ask("stop delivering to \(self.id)", write: self.write)
            let target = try await self.connection.withClient { client in
                try await client.removeNotificationTarget(id: self.id, requestID: self.write.resolvedRequestID)
            }
            NotifyCommand.report(target, verb: "removed", json: self.output.json)
        }
    }

    static func describe(_ target: Licit_V1_NotificationTarget) -> String {
        let kinds = target.kinds.isEmpty ? "every event" : target.kinds.joined(separator: ", ")
        return "\(kinds) to \(target.address)"
    }

    static func report(_ target: Licit_V1_NotificationTarget, verb: String, json: Bool) {
        if json {
            Output.print(json: Output.value(target))
        } else {
            Console.current.out("\(verb) \(target.id): \(Self.describe(target))")
        }
    }
}

/// `--kinds`: the event kinds a target receives.
struct EventKindOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only these event kinds, comma-separated (default: every kind; see `licit inbox list`).",
            valueName: "kinds"
        )
    )
    var kinds: String?

    var list: [String] {
        (self.kinds ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    var described: String { self.list.isEmpty ? "every event" : self.list.joined(separator: ", ") }
}
