import ArgumentParser
import Foundation
import Logging

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

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func run() async throws {
        let logger = Daemon.makeLogger(level: self.logLevel)
        let sandbox = SandboxDirectory(root: URL(fileURLWithPath: self.data).standardizedFileURL)
        if !sandbox.exists {
            logger.info("creating a new sandbox", metadata: ["data": "\(sandbox.root.path)"])
            try await sandbox.create(host: self.host, port: self.port ?? 7443) { logger.info("\($0)") }
        }
        let manifest = try sandbox.readManifest()
        let port = self.port ?? manifest.port
        let configuration = DaemonConfiguration(
            listen: .init(host: self.host, port: port),
            caCertificate: manifest.caFile,
            caKey: sandbox.authorityFolder.appendingPathComponent("key.pem").path,
            serverCertificate: sandbox.serverFolder.appendingPathComponent("cert.pem").path,
            serverKey: sandbox.serverFolder.appendingPathComponent("key.pem").path,
            accountsFile: sandbox.accountsFile.path,
            database: sandbox.databaseFile.path,
            sealKey: sandbox.sealKeyFile.path,
            serverName: "licitd-sandbox",
            limits: nil
        )
        logger.info(
            "sandbox ready",
            metadata: ["manifest": "\(sandbox.manifestFile.path)", "accounts": "\(manifest.accounts.count)"]
        )
        try await Daemon.run(configuration, logger: logger) { address in
            guard address.port != manifest.port || self.host != manifest.host else { return }
            let accounts = try AccountsFile.read(sandbox.accountsFile).accounts
            try sandbox.writeManifest(host: self.host, port: address.port ?? port, accounts: accounts)
        }
    }
}
