import ArgumentParser
import Foundation
import LicitClient

/// `licit profile …`: named connections in the config file.
struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Named profiles (server, CA, identity) in $XDG_CONFIG_HOME/licit/config.json.",
        subcommands: [Add.self, List.self, Use.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Add or replace a profile, from flags or from a sandbox's manifest; the first one becomes current.",
            discussion: """
                Examples:
                  licit profile add fr --sandbox ./sandbox --account fr-signer
                  licit profile add prod --server exchange.example.org:7443 \\
                      --ca ca.pem --identity ~/.licit/me
                """
        )
        @Argument(help: "The profile's name.")
        var name: String

        @Option(
            name: .long,
            help: ArgumentHelp(
                "A sandbox folder: take the server, CA and identity from its manifest.",
                valueName: "dir"
            )
        )
        var sandbox: String?

        @Option(name: .long, help: ArgumentHelp("With --sandbox: the account to act as.", valueName: "name"))
        var account: String?

        @Option(name: .long, help: ArgumentHelp("The exchange's address.", valueName: "host:port"))
        var server: String?

        @Option(name: .long, help: ArgumentHelp("The CA certificate file.", valueName: "file"))
        var ca: String?

        @Option(name: .long, help: ArgumentHelp("A folder with cert.pem and key.pem.", valueName: "dir"))
        var identity: String?

        @Flag(name: .long, help: "Make it the current profile.")
        var use = false

        func run() async throws {
            var profile: Profile
            if let sandbox {
                profile = try Profile.sandbox(sandbox, account: self.account)
            } else {
                guard let server, let ca, let identity else {
                    throw CLIError.usage("give --server, --ca and --identity, or --sandbox DIR --account NAME")
                }
                _ = try ConnectionOptions.split(server: server)
                profile = Profile(
                    server: server,
                    ca: Self.absolute(ca),
                    identity: Self.absolute(identity),
                    sealPublicKey: nil
                )
            }
            if let server { profile.server = server }
            var file = try ProfileFile.load()
            file.profiles[self.name] = profile
            if self.use || file.current == nil { file.current = self.name }
            try file.save()
            Console.current.out(
                "saved profile \(self.name)\(file.current == self.name ? " (current)" : "") in \(ProfileFile.location.path)"
            )
        }

        static func absolute(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.path
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the profiles; * marks the current one.",
            discussion: "Example:\n  licit profile list --json"
        )
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let file = try ProfileFile.load()
            if self.output.json {
                let profiles = file.profiles.mapValues { ["server": $0.server, "ca": $0.ca, "identity": $0.identity] }
                Output.print(json: ["current": file.current ?? "", "profiles": profiles])
                return
            }
            Console.current.out(
                Output.table(
                    ["", "name", "server", "identity"],
                    file.profiles.sorted { $0.key < $1.key }.map { name, profile in
                        [name == file.current ? "*" : "", name, profile.server, profile.identity]
                    }
                )
            )
        }
    }

    struct Use: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a profile the current one.",
            discussion: "Example:\n  licit profile use fr"
        )
        @Argument var name: String

        func run() async throws {
            var file = try ProfileFile.load()
            guard file.profiles[self.name] != nil else {
                throw CLIError.usage("no profile named \(self.name)", hint: "see `licit profile list`")
            }
            file.current = self.name
            try file.save()
            Console.current.out("now using \(self.name)")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a profile.",
            discussion: "Example:\n  licit profile remove old"
        )
        @Argument var name: String

        func run() async throws {
            var file = try ProfileFile.load()
            guard file.profiles.removeValue(forKey: self.name) != nil else {
                throw CLIError.usage("no profile named \(self.name)", hint: "see `licit profile list`")
            }
            if file.current == self.name { file.current = nil }
            try file.save()
            Console.current.out("removed \(self.name)")
        }
    }
}

extension Profile {
    /// A profile for one of a sandbox's accounts, from its manifest.
    static func sandbox(_ folder: String, account: String?) throws -> Profile {
        let sandbox: LicitSandbox
        do {
            sandbox = try LicitSandbox.read(sandbox: URL(fileURLWithPath: folder))
        } catch {
            throw CLIError.usage("\(error)")
        }
        guard let account else {
            throw CLIError.usage(
                "give --account",
                hint: "one of: " + sandbox.accounts.map(\.name).prefix(12).joined(separator: ", ") + " …"
            )
        }
        guard let entry = sandbox.accounts.first(where: { $0.name == account }) else {
            throw CLIError.usage("the sandbox has no account \(account)", hint: "see \(folder)/manifest.json")
        }
        return Profile(
            server: "\(sandbox.host):\(sandbox.port)",
            ca: sandbox.caFile,
            identity: entry.identity,
            sealPublicKey: sandbox.sealPublicKey
        )
    }
}
