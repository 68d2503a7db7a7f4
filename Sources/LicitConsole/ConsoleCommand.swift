import ArgumentParser
import Foundation
import Logging
import UnixSignals

/// `licit-console`: the web console.
public struct ConsoleCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "licit-console",
        abstract:
            "The web console: CNA officers, trainees and the Board, in a browser, each acting with their own identity.",
        discussion: """
            On a sandbox, anyone who reaches the console chooses an account to act as:
              licit-console --sandbox ./sandbox            # then open https://127.0.0.1:8444/
            On a real exchange, each person's browser presents their client certificate, and the
            console acts with the identity (cert.pem and key.pem) it was given for that certificate:
              licit-console --server exchange.example:7443 --ca exchange-ca.pem \\
                  --identities /etc/licit-console/identities \\
                  --tls-cert console.pem --tls-key console-key.pem --listen 0.0.0.0:8444
            """
    )

    @Option(name: .long, help: ArgumentHelp("A sandbox made by `licitd sandbox`.", valueName: "dir"))
    var sandbox: String?

    @Option(name: .long, help: ArgumentHelp("The exchange, HOST:PORT (without --sandbox).", valueName: "address"))
    var server: String?

    @Option(name: .long, help: ArgumentHelp("The exchange's CA certificate (PEM).", valueName: "file"))
    var ca: String?

    @Option(
        name: .long,
        help: ArgumentHelp("A folder of identities, one sub-folder (cert.pem, key.pem) per person.", valueName: "dir")
    )
    var identities: String?

    @Option(name: .long, help: ArgumentHelp("The console's certificate chain (PEM).", valueName: "file"))
    var tlsCert: String?

    @Option(name: .long, help: ArgumentHelp("The console's private key (PEM).", valueName: "file"))
    var tlsKey: String?

    @Option(name: .long, help: ArgumentHelp("Where the console listens.", valueName: "host:port"))
    var listen: String = "127.0.0.1:8444"

    @Option(name: .long, help: "Minutes without a request after which a session ends.")
    var idleMinutes: Int = 30

    @Option(
        name: .long,
        help: "Training on a sandbox: multiplies the scenarios' waits and time limits (1 for a class)."
    )
    var trainingPace: Double = 1

    public init() {}

    /// Parses the command line and serves; a bad option prints its usage and exits 64.
    public static func runFromCommandLine() async {
        do {
            var command = try Self.parseAsRoot()
            if var console = command as? ConsoleCommand {
                try await console.run()
            } else {
                try command.run()
            }
        } catch {
            Self.exit(withError: error)
        }
    }

    public func run() async throws {
        let (host, port) = try Self.address(self.listen, option: "--listen")
        var configured: ConsoleSetup
        if let sandbox {
            configured = try ConsoleSetup.sandbox(URL(fileURLWithPath: sandbox), listenHost: host, listenPort: port)
        } else {
            guard let server, let ca, let identities, let tlsCert, let tlsKey else {
                throw ValidationError(
                    "give --sandbox DIR, or --server, --ca, --identities, --tls-cert and --tls-key for a real exchange"
                )
            }
            let (exchangeHost, exchangePort) = try Self.address(server, option: "--server")
            configured = try ConsoleSetup.certificates(
                exchangeHost: exchangeHost,
                exchangePort: exchangePort,
                exchangeCAFile: ca,
                identities: URL(fileURLWithPath: identities),
                listenHost: host,
                listenPort: port,
                tlsCertificateFile: tlsCert,
                tlsKeyFile: tlsKey
            )
        }
        guard self.idleMinutes > 0 else { throw ValidationError("--idle-minutes must be at least 1") }
        configured.sessionIdleLimit = .seconds(self.idleMinutes * 60)
        guard self.trainingPace > 0 else { throw ValidationError("--training-pace must be positive") }
        configured.trainingPace = self.trainingPace
        var logger = Logger(label: "licit.console")
        logger.logLevel = .info
        let setup = configured
        let mode = setup.signIn == .chooseAccount ? "sandbox accounts" : "client certificates"
        try await ConsoleServer.run(setup, logger: logger, gracefulShutdownSignals: [.sigterm, .sigint]) { port in
            print("licit-console: https://\(host):\(port)/ (sign-in: \(mode); \(setup.identities.count) identities)")
            if let folder = setup.sandboxFolder {
                print("  its certificate, for browsers to trust: \(folder.path)/console/cert.pem")
            }
        }
    }

    static func address(_ text: String, option: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else {
            throw ValidationError("\(option) \(text) is not HOST:PORT")
        }
        return (String(text[..<colon]), port)
    }
}
