import ArgumentParser
import Foundation
import LicitClient

/// `licit`: the exchange from the command line, for CNA officers, country admins and the Board.
package struct LicitCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "licit",
        abstract: "Issue and exchange import and export authorizations and endorsements on a Licit exchange.",
        discussion: """
            Connect with --server, --ca and --identity, the LICIT_* environment variables, or a profile:
              licit profile add fr --sandbox ./sandbox --account fr-signer
              licit whoami
              licit ia issue --number IA-001 --exporting-country IN \\
                  --importer FR-ANSM-T1 \\
                  --exporter-name "Ganges Alkaloids Ltd" \\
                  --line MORPHINE-SULFATE-PENTAHYDRATE=25kg
              licit ia list --status issued

            Exit codes: 0 success, 1 refused by the exchange, 2 indeterminate (retry with --request-id),
            3 exchange unreachable or TLS/certificate failure, 4 verification failed, 5 declined,
            64 usage or configuration error. See docs/CLI.md.
            """,
        version: "0.1.0",
        subcommands: [
            WhoAmICommand.self, IACommand.self, EACommand.self, EndorseCommand.self, BalanceCommand.self,
            InboxCommand.self, WatchCommand.self, ReferenceCommand.self, BoardCommand.self, EstimateCommand.self,
            ReturnCommand.self, FilingCommand.self, NotifyCommand.self,
            AuditCommand.self, AdminCommand.self, SandboxCommand.self, ExportCommand.self, ScanCommand.self,
            VerifyCommand.self, SealKeyCommand.self, ProfileCommand.self, CompletionCommand.self,
        ]
    )

    package init() {}

    /// Parses and runs one command line; returns the exit status. Output goes to ``Console/current``.
    package static func run(_ arguments: [String]) async -> Int32 {
        await PrintLanguage.$current.withValue(PrintLanguage.of(arguments)) { await Self.runReporting(arguments) }
    }

    /// The subcommand path a command line names ("licit ia issue"), without its options.
    static func commandPath(_ arguments: [String]) -> String {
        var command: any ParsableCommand.Type = Self.self
        var path = ["licit"]
        for word in arguments {
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == word }) else { break }
            command = next
            path.append(word)
        }
        return path.count > 1 ? path.joined(separator: " ") : ""
    }

    /// Runs the command; on failure with `--json`, the error also goes to standard output as one
    /// JSON object (`{"error": {exitStatus, reason, code, message, hint, requestId}}`), unless the
    /// command printed its own JSON answer (a validation report, a bulk report) first.
    private static func runReporting(_ arguments: [String]) async -> Int32 {
        let json = arguments.contains("--json")
        let console = Console.current
        func fail(_ error: CLIError) -> Int32 {
            let error = Failure.naming(error, command: Self.commandPath(arguments))
            console.err("licit: \(error.message)")
            if let hint = error.hint { console.err("hint: \(hint)") }
            if json, !console.hasWrittenOutput { Output.print(json: error.json) }
            return error.status.rawValue
        }
        do {
            var command = try Self.parseAsRoot(arguments)
            try await CommandRoles.check(command, path: Self.commandPath(arguments), arguments: arguments)
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            return ExitStatus.success.rawValue
        } catch let error as CLIError {
            return fail(error)
        } catch let error as LicitClientError {
            return fail(Failure.explain(error, server: "the exchange"))
        } catch {
            let code = Self.exitCode(for: error)
            let message = Self.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { console.out(message) }
                return ExitStatus.success.rawValue
            }
            guard code == .validationFailure else {
                console.err("licit: could not complete: \(message)")
                return ExitStatus.unavailable.rawValue
            }
            console.err(message)
            return ExitStatus.usage.rawValue
        }
    }
}

/// `licit whoami`
struct WhoAmICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show the account the exchange recognises from your certificate.",
        discussion: "Example:\n  licit whoami --profile fr"
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let account = try await self.connection.withClient { try await $0.recognisedAccount() }
        if self.output.json {
            Output.print(json: [
                "name": account.name, "country": account.country, "authority": account.authority,
                "role": account.role, "certificateFingerprint": account.certificateFingerprint,
            ])
        } else {
            Console.current.out(
                Output.fields([
                    ("Account", account.name), ("Country", account.country.isEmpty ? "(the Board)" : account.country),
                    ("Authority", account.authority), ("Role", account.role),
                    ("Certificate", account.certificateFingerprint),
                ])
            )
        }
    }
}
