import Foundation
import LicitCLI
import LicitDaemon
import Logging
import Testing

/// One sandbox exchange, made and served in-process exactly as `licitd sandbox` does, for the
/// whole suite; `licit` runs in-process against it with a captured console.
struct CLISandbox: Sendable {
    let root: URL
    let manifest: SandboxManifest

    static let shared = Task { try await CLISandbox.start() }

    static func start(faults: Sandbox.FaultSettings = .init()) async throws -> CLISandbox {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("licit-cli-\(UUID().uuidString)")
        var logger = Logger(label: "licit.cli-tests")
        logger.logLevel = .critical
        return CLISandbox(
            root: root,
            manifest: try await Sandbox.serveInBackground(data: root, logger: logger, faults: faults)
        )
    }

    var server: String { "127.0.0.1:\(self.manifest.port)" }
    var sealKey: String { self.manifest.sealPublicKey }

    func identity(_ account: String) throws -> String {
        guard let entry = self.manifest.accounts.first(where: { $0.name == account }) else {
            throw CLIHarnessError("the sandbox has no account \(account)")
        }
        return entry.identity
    }

    /// A fresh home folder (config and cache) for tests that write profiles.
    func makeHome() throws -> URL {
        let home = self.root.appendingPathComponent("homes/\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return home
    }

    /// Runs `licit arguments` as `account` (through the LICIT_* variables), answering prompts with `input`.
    func licit(
        _ arguments: [String],
        as account: String? = "fr-signer",
        input: [String] = [],
        home: URL? = nil,
        environment extra: [String: String] = [:]
    ) async throws -> CLIRun {
        let home = home ?? self.root.appendingPathComponent("homes/shared")
        var environment = [
            "HOME": home.path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "XDG_CACHE_HOME": home.appendingPathComponent("cache").path,
        ]
        if let account {
            environment["LICIT_SERVER"] = self.server
            environment["LICIT_CA"] = self.manifest.caFile
            environment["LICIT_IDENTITY"] = try self.identity(account)
        }
        environment.merge(extra) { _, new in new }
        let console = Console(capturingWith: environment, input: input)
        let status = await Console.$current.withValue(console) { await LicitCommand.run(arguments) }
        return CLIRun(
            arguments: arguments,
            status: status,
            output: console.standardOutput,
            error: console.standardError
        )
    }
}

/// What one run of `licit` did.
struct CLIRun: Sendable, CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    let output: String
    let error: String

    /// Standard output parsed as JSON.
    var json: Any {
        get throws { try JSONSerialization.jsonObject(with: Data(self.output.utf8)) }
    }

    var object: [String: Any] {
        get throws {
            guard let object = try self.json as? [String: Any] else {
                throw CLIHarnessError("not a JSON object: \(self)")
            }
            return object
        }
    }

    var description: String {
        "licit \(self.arguments.joined(separator: " ")) -> \(self.status)\n--- stdout\n\(self.output)--- stderr\n\(self.error)"
    }
}

struct CLIHarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A document number no other test uses.
func uniqueNumber(_ prefix: String) -> String {
    "\(prefix)-\(UUID().uuidString.prefix(8))"
}

/// The suite: every test shares the sandbox and runs one after another, so inbox and balance
/// figures are the test's own.
@Suite("licit against a sandbox exchange", .serialized)
struct LicitCommandTests {
    var sandbox: CLISandbox {
        get async throws { try await CLISandbox.shared.value }
    }

    /// Issues a morphine IA from France to India and returns its number.
    func issueImport(
        _ sandbox: CLISandbox,
        quantity: String = "10kg",
        form: String = "MORPHINE-SULFATE-PENTAHYDRATE"
    ) async throws -> String {
        let number = uniqueNumber("IA")
        let run = try await sandbox.licit([
            "ia", "issue", "--number", number, "--exporting-country", "IN", "--importer", "FR-ANSM-T1",
            "--exporter-name", "Ganges Alkaloids Ltd", "--exporter-address", "Ghazipur, Uttar Pradesh",
            "--line", "\(form)=\(quantity)", "--yes",
        ])
        #expect(run.status == 0, "\(run)")
        return number
    }
}
