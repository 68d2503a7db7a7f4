import ArgumentParser
import Foundation
import LicitDaemon

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a training sandbox: on first run, make its CA, certificates and sample accounts in DIR.",
        discussion: """
            Later runs reuse DIR. DIR/manifest.json lists the address, the CA file and every account with
            its identity folder (cert.pem, key.pem). Example:
              licitd sandbox --data ./sandbox --port 7443
            """
    )

    @Option(name: .long, help: "The sandbox folder; created if missing.")
    var data: String

    @Option(name: .long, help: "The port to listen on (0: any free port, written to the manifest).")
    var port: Int?

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @OptionGroup var log: LogOptions

    @Option(
        name: .long,
        help: "Each CNA's pace, in writes per second (default 50, a burst as large); raise it to load-test."
    )
    var writesPerSecond: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A JSON file of limits, as the \"limits\" object of a serve configuration.",
            discussion: """
                For a load test, for example {"authority_writes_per_second": 5000, "authority_write_burst": 5000,
                "max_connections_per_identity": 64}. --writes-per-second overrides the file's pace.
                """,
            valueName: "file"
        )
    )
    var limits: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Keep the exchange in PostgreSQL (postgres://user@host:port/database) instead of the folder's SQLite file.",
            discussion: "Several sandboxes on one folder and one database are several daemons of one exchange."
        )
    )
    var database: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Misbehave on purpose toward every account: none, gentle, standard, harsh or a JSON file of rates.",
            discussion: """
                Writes committed but left unanswered, drains mid-call, answers held past the deadline,
                rate_limited refusals, duplicate inbox events, subscriptions ended, early expiry warnings.
                Each faulted account's calls go to DIR/conformance/NAME.jsonl for licit-sim conform.
                """,
            valueName: "profile"
        )
    )
    var faults = "none"

    @Option(
        name: .customLong("faults-for"),
        help: ArgumentHelp(
            "One account's faults, overriding --faults (repeatable), e.g. --faults-for de-signer=standard.",
            valueName: "account=profile"
        )
    )
    var faultsFor: [String] = []

    @Option(name: .long, help: "The seed the faults are drawn from: the same calls meet the same faults.")
    var faultSeed: UInt64 = 1

    func validate() throws {
        if let writesPerSecond, writesPerSecond < 1 {
            throw ValidationError("--writes-per-second is at least 1")
        }
    }

    func run() async throws {
        try await Sandbox.run(
            data: URL(fileURLWithPath: self.data),
            host: self.host,
            port: self.port,
            logger: self.log.makeLogger(),
            limits: try self.limits.map(DaemonConfiguration.Limits.read),
            writesPerSecond: self.writesPerSecond,
            database: self.database,
            faults: try self.faultSettings()
        )
    }

    func faultSettings() throws -> Sandbox.FaultSettings {
        var settings = Sandbox.FaultSettings(everyone: try FaultProfile.parse(self.faults), seed: self.faultSeed)
        for setting in self.faultsFor {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ValidationError("--faults-for takes ACCOUNT=PROFILE, not \"\(setting)\"")
            }
            settings.accounts[parts[0]] = try FaultProfile.parse(parts[1])
        }
        return settings
    }
}
