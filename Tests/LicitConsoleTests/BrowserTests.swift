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
        let console = try await ConsoleHarness.start()
        defer { console.stop() }
        let manifest = console.manifest
        let (results, out) = try await console.play("console_e2e.py", in: browser)
        #expect(results["ia_status"] as? String == "issued")
        #expect(results["ea_status"] as? String == "issued")
        #expect(results["endorsed_status"] as? String == "endorsed")
        #expect(results["print_has_qr"] as? Bool == true)
        #expect((results["verify"] as? [String: Any])?["valid"] as? Bool == true)
        #expect(results["french_title"] as? String == "Boîte de réception")
        let unlabelled = try #require(results["unlabelled"] as? [String: Any])
        #expect(unlabelled.isEmpty, "fields without a label: \(unlabelled)")
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

        try ConsoleHarness.keepScreenshots(
            ["inbox", "ia-form", "ea-form", "document", "print", "board-estimates", "board-flows"],
            from: out
        )
    }

    @Test("a trainee plays first-import to a full score in the browser; the trainer's page shows it")
    func trainingScenario() async throws {
        guard let browser = BrowserTools.find() else { return }
        // A fifth of a class's pace: the scenario's time limits are two minutes.
        let console = try await ConsoleHarness.start(trainingPace: 0.2)
        defer { console.stop() }
        let (results, out) = try await console.play("console_training.py", in: browser)
        let prompt = try #require(results["first_prompt"] as? String)
        #expect(prompt.hasPrefix("» ") && prompt.contains("import authorization"))
        #expect(results["aside_prompt"] as? String == prompt, "the prompt is shown beside the form")
        let botLines = try #require(results["bot_lines"] as? [String])
        #expect(botLines.contains { $0.contains("refused by the exchange: ia_not_usable") })
        #expect(botLines.contains { $0.contains("issued EA") })
        #expect(results["score"] as? String == "2/2")
        let rules = try #require(results["rules"] as? [String])
        #expect(rules.count == 2 && rules.allSatisfy { $0.contains("1961") })
        let rows = try #require(results["trainer_rows"] as? [[String]])
        #expect(rows.contains { $0.first == "fr-signer" && $0.last == "2/2" })
        try ConsoleHarness.keepScreenshots(["training", "trainer"], from: out)
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
