import ArgumentParser
import LicitDaemon

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the exchange from a configuration file.",
        discussion: "See DaemonConfiguration in the README for the file's fields."
    )

    @Option(name: .long, help: "The configuration file (JSON).")
    var config: String

    @OptionGroup var log: LogOptions

    func run() async throws {
        let configuration = try DaemonConfiguration.read(self.config)
        try await Daemon.run(configuration, logger: self.log.makeLogger())
    }
}
