import ArgumentParser
import LicitDaemon
import Logging

/// `--log-level` and `--log-format`, shared by the commands that run the exchange.
struct LogOptions: ParsableArguments {
    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @Option(name: .long, help: "text (for people) or json (one object per line, for log shippers).")
    var logFormat = "text"

    func validate() throws {
        guard Logger.Level(rawValue: self.logLevel) != nil else {
            throw ValidationError(
                "--log-level \(self.logLevel) is not a level: trace, debug, info, notice, warning, error or critical"
            )
        }
        guard Daemon.LogFormat(rawValue: self.logFormat) != nil else {
            throw ValidationError("--log-format \(self.logFormat) is not a format: text or json")
        }
    }

    func makeLogger() -> Logger {
        Daemon.makeLogger(
            level: Logger.Level(rawValue: self.logLevel) ?? .info,
            format: Daemon.LogFormat(rawValue: self.logFormat) ?? .text
        )
    }
}
