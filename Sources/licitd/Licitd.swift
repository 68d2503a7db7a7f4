import ArgumentParser

@main
struct Licitd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "licitd",
        abstract: "The Licit exchange daemon: import and export authorizations between competent national authorities.",
        discussion: """
            Start a training sandbox (CA, certificates and sample accounts made on first run):
              licitd sandbox --data ./sandbox

            Run a deployment from its configuration file:
              licitd serve --config /etc/licit/licitd.json
            """,
        subcommands: [
            SandboxCommand.self, ServeCommand.self, IdentityCommand.self, AuditCommand.self, MigrateCommand.self,
            BackupCommand.self, RestoreCommand.self, SealKeyCommand.self,
        ]
    )
}
