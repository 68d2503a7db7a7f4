import Foundation
import LicitCLI
import LicitConsole
import LicitDaemon
import Logging
import Testing

/// The console in a real browser: Chromium driven by Selenium (Tests/Browser/console_e2e.py)
/// against an in-process sandbox and console. What the pages showed is then checked against
/// `licit`, run in-process on the same sandbox.
@Suite("licit-console in Chromium", .serialized)
struct BrowserTests {
    @Test(
        "FR issues an IA, IN sees it live and issues the EA, FR endorses, prints and verifies; the Board's charts match licit board"
    )
    func endToEnd() async throws {
        guard let browser = BrowserTools.find() else { return }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("licit-console-\(UUID().uuidString)")
        var logger = Logger(label: "licit.console-tests")
        logger.logLevel = .critical
        let manifest = try await Sandbox.serveInBackground(data: root, logger: logger)
        let setup = try ConsoleSetup.sandbox(root, listenHost: "127.0.0.1", listenPort: 0)
        let (ports, listening) = AsyncStream<Int>.makeStream()
        let console = Task { try await ConsoleServer.run(setup, logger: logger) { listening.yield($0) } }
        defer { console.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())

        let out = root.appendingPathComponent("browser")
        let run = try await browser.run(
            script: "console_e2e.py",
            arguments: ["--url", "https://127.0.0.1:\(port)", "--out", out.path]
        )
        try #require(run.status == 0, "the browser test failed:\n\(run.output)")
        let results = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("results.json")))
                as? [String: Any]
        )
        #expect(results["ia_status"] as? String == "issued")
        #expect(results["ea_status"] as? String == "issued")
        #expect(results["endorsed_status"] as? String == "endorsed")
        #expect(results["print_has_qr"] as? Bool == true)
        #expect((results["verify"] as? [String: Any])?["valid"] as? Bool == true)
        #expect(results["french_title"] as? String == "Boîte de réception")
        let arrivedAfter = try #require(results["ia_arrived_after_s"] as? Double)
        #expect(arrivedAfter < 10, "the IA reached India's open inbox page live")

        // The print saved from the browser verifies offline with licit, byte for byte.
        let verify = try await Self.licit(
            ["verify", out.appendingPathComponent("print.html").path, "--public-key", manifest.sealPublicKey],
            manifest: manifest,
            as: nil
        )
        #expect(verify.status == 0, "\(verify.error)")

        // The Board's charts show exactly what `licit board` prints.
        let estimates = try await Self.licit(
            ["board", "estimates", "--threshold", "1", "--json"],
            manifest: manifest,
            as: "board-admin"
        )
        let watched = try #require(
            try JSONSerialization.jsonObject(with: Data(estimates.output.utf8)) as? [[String: Any]]
        )
        let expectedEstimates = Set(
            watched.map { entry -> [String: String] in
                let balance = entry["balance"] as? [String: Any] ?? [:]
                return [
                    "country": Self.text(balance["country"]), "substance": Self.text(balance["substance"]),
                    "year": Self.text(balance["year"]), "limitMg": Self.text(balance["limitMg"]),
                    "importedMg": Self.text(balance["importedMg"]),
                    "authorizedMg": Self.text(balance["authorizedNotUsedMg"]),
                    "usedPercent": Self.text(entry["usedPercent"]),
                ]
            }
        )
        let chartedEstimates = Set(try #require(results["estimates"] as? [[String: String]]))
        #expect(!expectedEstimates.isEmpty)
        #expect(chartedEstimates == expectedEstimates)

        let flows = try await Self.licit(["board", "flows", "--json"], manifest: manifest, as: "board-admin")
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(flows.output.utf8)) as? [[String: Any]])
        let expectedFlows = Set(
            listed.map { flow -> [String: String] in
                [
                    "from": Self.text(flow["exportingCountry"]), "to": Self.text(flow["importingCountry"]),
                    "substance": Self.text(flow["substance"]), "status": Self.text(flow["status"]),
                    "authorizedMg": Self.text(flow["authorizedMg"]), "exportedMg": Self.text(flow["exportedMg"]),
                    "importedMg": Self.text(flow["importedMg"]),
                ]
            }
        )
        let chartedFlows = Set(try #require(results["flows"] as? [[String: String]]))
        #expect(chartedFlows == expectedFlows)
        #expect(chartedFlows.contains { $0["from"] == "IN" && $0["to"] == "FR" && $0["status"] == "endorsed" })

        // Screenshots for docs/CONSOLE.md, when asked for.
        if let folder = ProcessInfo.processInfo.environment["LICIT_CONSOLE_SCREENSHOTS"] {
            for name in ["inbox", "ia-form", "ea-form", "document", "print", "board-estimates", "board-flows"] {
                let target = URL(fileURLWithPath: folder).appendingPathComponent("\(name).png")
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: out.appendingPathComponent("\(name).png"), to: target)
            }
        }
    }

    /// A JSON value as the chart's data attributes write it (read back through `dataset`, so
    /// `data-limit-mg` is `limitMg`): proto JSON leaves zeros out.
    static func text(_ value: Any?) -> String {
        switch value {
        case let number as NSNumber: number.stringValue
        case let string as String: string
        default: "0"
        }
    }

    /// `licit` in-process on the sandbox, as `account`, its output captured.
    static func licit(
        _ arguments: [String],
        manifest: SandboxManifest,
        as account: String?
    ) async throws -> (status: Int32, output: String, error: String) {
        var environment = ["HOME": FileManager.default.temporaryDirectory.path]
        if let account {
            let identity = try #require(manifest.accounts.first { $0.name == account }).identity
            environment["LICIT_SERVER"] = "127.0.0.1:\(manifest.port)"
            environment["LICIT_CA"] = manifest.caFile
            environment["LICIT_IDENTITY"] = identity
        }
        let console = Console(capturingWith: environment)
        let status = await Console.$current.withValue(console) { await LicitCommand.run(arguments) }
        return (status, console.standardOutput, console.standardError)
    }
}
