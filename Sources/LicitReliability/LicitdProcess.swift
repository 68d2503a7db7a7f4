import Foundation
import LicitClient

/// A real `licitd` process serving a sandbox's files through `licitd serve --config`, so that
/// a probe can set the limits, move the database, and kill it with SIGKILL.
final class LicitdProcess: @unchecked Sendable {
    let licitd: URL
    let sandbox: URL
    let manifest: LicitSandbox
    let configFile: URL
    let log: URL
    /// Extra environment for the daemon (an LD_PRELOAD fault injector).
    var environment: [String: String] = [:]
    /// A program the daemon is started through, for example `ip netns exec NAME`.
    var launcher: [String] = []
    private var process: Process?

    /// Makes a sandbox in `folder` with `licitd sandbox`, stops it, and writes a configuration
    /// serving it on the port it was given, with `limits` (snake_case keys of the config file).
    /// With `postgres` (a `postgres://` URL), the sandbox's exchange is seeded into that database
    /// and the configuration serves it from there.
    static func sandbox(
        _ lab: Lab,
        in folder: URL,
        limits: [String: Int] = [:],
        database: URL? = nil,
        postgres: String? = nil
    ) async throws -> LicitdProcess {
        let maker = Process()
        maker.executableURL = lab.licitd
        maker.arguments =
            ["sandbox", "--data", folder.path, "--port", "0", "--log-level", "error"]
            + (postgres.map { ["--database", $0] } ?? [])
        maker.standardError = FileHandle.nullDevice
        maker.standardOutput = FileHandle.nullDevice
        try maker.run()
        defer { if maker.isRunning { maker.terminate() } }
        var manifest: LicitSandbox?
        for _ in 0..<2400 where manifest == nil {
            manifest = (try? LicitSandbox.read(sandbox: folder)).flatMap { $0.port == 0 ? nil : $0 }
            if manifest == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        guard let manifest else {
            throw ProbeError("licitd sandbox made no manifest in \(folder.path) within 2 minutes")
        }
        maker.terminate()
        maker.waitUntilExit()
        let daemon = LicitdProcess(licitd: lab.licitd, sandbox: folder, manifest: manifest, port: manifest.port)
        daemon.postgres = postgres
        try daemon.writeConfiguration(limits: limits, database: database)
        return daemon
    }

    /// Another daemon of the same exchange: the same sandbox files and PostgreSQL database, its
    /// own port, configuration and log.
    func sibling(_ index: Int, limits: [String: Int] = [:]) throws -> LicitdProcess {
        let sibling = LicitdProcess(
            licitd: self.licitd,
            sandbox: self.sandbox,
            manifest: self.manifest,
            port: try freeLocalPort(),
            name: "licitd-\(index)"
        )
        sibling.postgres = self.postgres
        try sibling.writeConfiguration(limits: limits)
        return sibling
    }

    private init(licitd: URL, sandbox: URL, manifest: LicitSandbox, port: Int, name: String = "licitd") {
        self.licitd = licitd
        self.sandbox = sandbox
        self.manifest = manifest
        self.port = port
        self.configFile = sandbox.appendingPathComponent("\(name == "licitd" ? "serve" : name).json")
        self.log = sandbox.appendingPathComponent("\(name).log")
    }

    /// The port this daemon listens on.
    let port: Int
    /// The PostgreSQL database the daemon serves, when not its SQLite file.
    private(set) var postgres: String?

    var databaseFile: URL { self.sandbox.appendingPathComponent("exchange.sqlite") }

    func writeConfiguration(limits: [String: Int], database: URL? = nil, host: String? = nil) throws {
        let root = self.sandbox.path
        let configuration: [String: Any] = [
            "listen": ["host": host ?? self.manifest.host, "port": self.port],
            "ca_certificate": "\(root)/ca/cert.pem",
            "ca_key": "\(root)/ca/key.pem",
            "server_certificate": "\(root)/server/cert.pem",
            "server_key": "\(root)/server/key.pem",
            "accounts_file": "\(root)/accounts.json",
            "database": self.postgres ?? (database ?? self.databaseFile).path,
            "seal_key": "\(root)/seal/key.b64",
            "server_name": "licitd-sandbox",
            "limits": limits,
        ]
        try JSONSerialization.data(withJSONObject: configuration, options: [.prettyPrinted, .sortedKeys])
            .write(to: self.configFile)
    }

    var isRunning: Bool { self.process?.isRunning ?? false }
    var pid: Int32? { self.process?.processIdentifier }

    func start() throws {
        if !FileManager.default.fileExists(atPath: self.log.path) {
            _ = FileManager.default.createFile(atPath: self.log.path, contents: nil)
        }
        let log = try FileHandle(forWritingTo: self.log)
        log.seekToEndOfFile()
        let process = Process()
        let level = ProcessInfo.processInfo.environment["LICIT_PROBE_LOG_LEVEL"] ?? "warning"
        let arguments = ["serve", "--config", self.configFile.path, "--log-level", level]
        if let program = self.launcher.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(self.launcher.dropFirst()) + [self.licitd.path] + arguments
        } else {
            process.executableURL = self.licitd
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(self.environment) { _, new in new }
        process.standardError = log
        process.standardOutput = log
        try process.run()
        self.process = process
    }

    /// Starts the daemon and waits until it answers an echo: the time that took.
    @discardableResult
    func startServing(timeout: Duration = .seconds(60)) async throws -> Duration {
        let started = ContinuousClock.now
        try self.start()
        try await self.waitUntilServing(timeout: timeout)
        return ContinuousClock.now - started
    }

    func waitUntilServing(timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var configuration = try self.configuration("board-observer")
        configuration.connectTimeout = .seconds(2)
        while ContinuousClock.now < deadline {
            guard self.isRunning else {
                throw ProbeError("licitd exited with \(self.process?.terminationStatus ?? -1); see \(self.log.path)")
            }
            if (try? await withLicitClient(configuration, { try await $0.echo(Data()) })) != nil { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ProbeError("licitd did not serve within \(timeout); see \(self.log.path)")
    }

    /// SIGKILL: no drain, no checkpoint, no flush.
    func kill() {
        guard let process, process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, and a wait for the graceful drain: `false` when it had to be killed after `limit`
    /// (a daemon that does not stop would otherwise hold the whole run).
    @discardableResult
    func stop(within limit: Duration = .seconds(60)) -> Bool {
        guard let process, process.isRunning else { return true }
        process.terminate()
        let deadline = ContinuousClock.now.advanced(by: limit)
        while process.isRunning, ContinuousClock.now < deadline { usleep(20_000) }
        guard process.isRunning else { return true }
        self.kill()
        return false
    }

    func configuration(_ account: String) throws -> LicitClientConfiguration {
        var configuration = try self.manifest.configuration(for: try self.manifest.account(account))
        configuration.port = self.port
        configuration.connectTimeout = .seconds(5)
        return configuration
    }

    /// `licitd audit verify` on this daemon's database (or another file with the same configuration).
    func auditVerify(database: URL? = nil, checkpoints: URL? = nil) throws -> (status: Int32, output: String) {
        let checking = checkpoints.map { ["--checkpoints", $0.path] } ?? []
        if let database {
            let copy = self.sandbox.appendingPathComponent("verify-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: copy) }
            var configuration =
                try JSONSerialization.jsonObject(with: Data(contentsOf: self.configFile)) as? [String: Any] ?? [:]
            configuration["database"] = database.path
            try JSONSerialization.data(withJSONObject: configuration).write(to: copy)
            return try runProgram(self.licitd.path, ["audit", "verify", "--config", copy.path] + checking)
        }
        return try runProgram(self.licitd.path, ["audit", "verify", "--config", self.configFile.path] + checking)
    }
}

/// A probe could not run (as opposed to a case that failed).
struct ProbeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension LicitdProcess {
    /// An account's certificate fingerprint, as the board admin lists it.
    func fingerprint(_ account: String) throws -> String {
        let accounts = try AccountsFileReader.fingerprints(self.sandbox.appendingPathComponent("accounts.json"))
        guard let fingerprint = accounts[account] else { throw ProbeError("no account \(account) in the sandbox") }
        return fingerprint
    }
}

/// The daemon's accounts file, read for fingerprints only.
enum AccountsFileReader {
    static func fingerprints(_ file: URL) throws -> [String: String] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        let accounts = json?["accounts"] as? [[String: Any]] ?? []
        var result: [String: String] = [:]
        for account in accounts {
            if let name = account["name"] as? String,
                let fingerprint = (account["certificate_fingerprint"] ?? account["certificateFingerprint"]) as? String
            {
                result[name] = fingerprint
            }
        }
        return result
    }
}

/// A TCP port of 127.0.0.1 free at the moment of asking.
func freeLocalPort() throws -> Int {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw ProbeError("no socket for finding a free port") }
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
        }
    }
    guard bound else { throw ProbeError("could not find a free port") }
    return Int(UInt16(bigEndian: address.sin_port))
}
