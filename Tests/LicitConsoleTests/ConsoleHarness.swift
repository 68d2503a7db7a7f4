import Foundation
import LicitConsole
import LicitDaemon
import Logging
import Testing

/// A sandbox exchange and a console on it, both in-process on free ports.
struct ConsoleHarness {
    let root: URL
    let manifest: SandboxManifest
    let port: Int
    private let console: Task<Void, any Error>

    static let logger = {
        var logger = Logger(label: "licit.console-tests")
        logger.logLevel = .critical
        return logger
    }()

    static func start(trainingPace: Double = 1) async throws -> ConsoleHarness {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("licit-console-\(UUID().uuidString)")
        let manifest = try await Sandbox.serveInBackground(data: root, logger: Self.logger)
        var setup = try ConsoleSetup.sandbox(root, listenHost: "127.0.0.1", listenPort: 0)
        setup.trainingPace = trainingPace
        return try await Self.serve(setup, root: root, manifest: manifest)
    }

    /// A console with `setup` on the sandbox at `root`.
    static func serve(_ setup: ConsoleSetup, root: URL, manifest: SandboxManifest) async throws -> ConsoleHarness {
        let logger = Self.logger
        let (ports, listening) = AsyncStream<Int>.makeStream()
        let console = Task { [setup] in try await ConsoleServer.run(setup, logger: logger) { listening.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        return ConsoleHarness(root: root, manifest: manifest, port: port, console: console)
    }

    var url: String { "https://127.0.0.1:\(self.port)" }

    func stop() { self.console.cancel() }

    /// Runs a script of Tests/Browser against this console; what it saw, and where it wrote.
    func play(_ script: String, in browser: BrowserTools) async throws -> ([String: Any], URL) {
        let out = self.root.appendingPathComponent("browser-\(UUID().uuidString)")
        let run = try await browser.run(script: script, arguments: ["--url", self.url, "--out", out.path])
        try #require(run.status == 0, "\(script) failed:\n\(run.output)")
        let results = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("results.json")))
                as? [String: Any]
        )
        return (results, out)
    }

    /// Screenshots for docs/CONSOLE.md, when LICIT_CONSOLE_SCREENSHOTS names a folder.
    static func keepScreenshots(_ names: [String], from folder: URL) throws {
        guard let target = ProcessInfo.processInfo.environment["LICIT_CONSOLE_SCREENSHOTS"] else { return }
        for name in names {
            let file = URL(fileURLWithPath: target).appendingPathComponent("\(name).png")
            try? FileManager.default.removeItem(at: file)
            try FileManager.default.copyItem(at: folder.appendingPathComponent("\(name).png"), to: file)
        }
    }
}
