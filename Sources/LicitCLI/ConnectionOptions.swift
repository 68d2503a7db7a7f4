import ArgumentParser
import Foundation
import LicitClient

/// How to reach the exchange: flags, then environment variables, then the chosen profile.
package struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "A profile of the config file (env LICIT_PROFILE; default: the current one).")
    var profile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The exchange's address, or several daemons' separated by commas, tried in turn (env LICIT_SERVER).",
            valueName: "host:port[,host:port…]"
        )
    )
    var server: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The CA certificate that signed the exchange's (env LICIT_CA).", valueName: "file")
    )
    var ca: String?

    @Option(
        name: .long,
        help: ArgumentHelp("A folder with cert.pem and key.pem (env LICIT_IDENTITY).", valueName: "dir")
    )
    var identity: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Seconds to wait for the connection, and for each answer.", valueName: "seconds")
    )
    var timeout: Double = 15

    package init() {}

    /// The profile these options select, with flags and environment variables applied over it.
    func resolvedProfile() throws -> Profile {
        let environment = Console.current.environment
        let file = try ProfileFile.load()
        let name = self.profile ?? environment["LICIT_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? file.current
        var base = Profile(server: "", ca: "", identity: "")
        if let name {
            guard let saved = file.profiles[name] else {
                throw CLIError.usage(
                    "no profile named \(name) in \(ProfileFile.location.path)",
                    hint: "see `licit profile list`, or add it with `licit profile add \(name) …`"
                )
            }
            base = saved
        }
        func pick(_ flag: String?, _ variable: String, _ saved: String) -> String {
            flag ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? saved
        }
        base.server = pick(self.server, "LICIT_SERVER", base.server)
        base.ca = pick(self.ca, "LICIT_CA", base.ca)
        base.identity = pick(self.identity, "LICIT_IDENTITY", base.identity)
        let missing = [("--server", base.server), ("--ca", base.ca), ("--identity", base.identity)]
            .filter { $0.1.isEmpty }.map(\.0)
        guard missing.isEmpty else {
            throw CLIError.usage(
                "not configured: give \(missing.joined(separator: ", "))",
                hint: "or set LICIT_SERVER, LICIT_CA and LICIT_IDENTITY, or save a profile: "
                    + "`licit profile add NAME --sandbox DIR --account fr-signer`"
            )
        }
        return base
    }

    func clientConfiguration() throws -> LicitClientConfiguration {
        let profile = try self.resolvedProfile()
        let endpoints = try profile.server.split(separator: ",").map {
            try Self.split(server: $0.trimmingCharacters(in: .whitespaces))
        }
        guard let (host, port) = endpoints.first else {
            throw CLIError.usage("no server address was given", hint: "give --server HOST:PORT, or LICIT_SERVER")
        }
        let identityFolder = URL(fileURLWithPath: profile.identity)
        for file in ["cert.pem", "key.pem"] {
            let path = identityFolder.appendingPathComponent(file).path
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw CLIError.usage(
                    "the identity folder \(profile.identity) has no readable \(file)",
                    hint: "an identity folder holds your certificate (cert.pem) and its private key (key.pem); "
                        + "a sandbox has one per account under DIR/identities"
                )
            }
        }
        guard let caPEM = try? String(contentsOfFile: profile.ca, encoding: .utf8), caPEM.contains("BEGIN CERTIFICATE")
        else {
            throw CLIError.usage(
                "cannot read a PEM certificate from the CA file \(profile.ca)",
                hint: "give the CA that signed the exchange's certificate (a sandbox's is DIR/ca/cert.pem)"
            )
        }
        var configuration = LicitClientConfiguration(
            host: host,
            port: port,
            identity: try ClientIdentity.loading(fromDirectory: identityFolder),
            trustedAuthorityPEM: caPEM
        )
        let timeout = Duration.milliseconds(Int64(max(self.timeout, 0.001) * 1000))
        configuration.defaultTimeout = timeout
        // --timeout bounds connecting (TCP, TLS and Hello) as well as each answer: from 1 s to 10 s.
        configuration.connectTimeout = min(.seconds(10), max(.seconds(1), timeout))
        configuration.reconnectBackoff = (.milliseconds(50), .milliseconds(500))
        configuration.clientName = "licit-cli/0.1"
        configuration.otherEndpoints = endpoints.dropFirst().map { .init(host: $0.host, port: $0.port) }
        return configuration
    }

    static func split(server: String) throws -> (host: String, port: Int) {
        guard let colon = server.lastIndex(of: ":"), let port = Int(server[server.index(after: colon)...]),
            (1...65535).contains(port)
        else {
            throw CLIError.usage("the server address \(server) is not HOST:PORT", hint: "for example 127.0.0.1:7443")
        }
        let host = String(server[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return (host, port)
    }

    /// Says on standard error when the certificate expires within 30 days, so that it is renewed
    /// before the exchange closes its connections.
    static func warnOfExpiry(_ account: RecognisedAccount?, now: Date = Date()) {
        guard let expiry = account?.certificateExpiry, expiry.timeIntervalSince(now) < 30 * 86_400 else { return }
        let days = max(0, Int(expiry.timeIntervalSince(now) / 86_400))
        let day = expiry.formatted(Date.ISO8601FormatStyle().year().month().day())
        Console.current.err(
            "warning: the certificate of \(account?.name ?? "this account") expires on \(day) (in \(days) days): "
                + "ask your country admin for a new one"
        )
    }

    /// Connects, runs `body`, and disconnects; every failure becomes a ``CLIError`` that says what to do.
    func withClient<Result: Sendable>(_ body: (LicitClient) async throws -> Result) async throws -> Result {
        let configuration = try self.clientConfiguration()
        do {
            return try await withLicitClient(configuration) { client in
                let result = try await body(client)
                Self.warnOfExpiry(client.account)
                return result
            }
        } catch let error as LicitClientError {
            throw Failure.explain(error, server: "\(configuration.host):\(configuration.port)")
        }
    }
}

/// The output format every command shares.
package struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON (stable; see docs/CLI.md) instead of tables.")
    var json = false

    package init() {}
}
