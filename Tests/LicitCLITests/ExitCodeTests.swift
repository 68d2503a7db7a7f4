import Foundation
import Testing

extension LicitCommandTests {
    @Test("0: success")
    func exitSuccess() async throws {
        let run = try await self.sandbox.licit(["whoami", "--json"])
        #expect(run.status == 0, "\(run)")
        #expect(try run.object["authority"] as? String == "FR-ANSM")
        #expect(try run.object["role"] as? String == "signer")
    }

    @Test("1: refused by the exchange, with the figures: an EA above what remains of the IA")
    func exitRejectedOverRemaining() async throws {
        let sandbox = try await self.sandbox
        let ia = try await self.issueImport(sandbox, quantity: "1kg")
        let run = try await sandbox.licit(
            [
                "ea", "issue", "--number", uniqueNumber("EA"), "--ia", "FR-ANSM/\(ia)", "--line",
                "MORPHINE-SULFATE-PENTAHYDRATE=2kg", "--yes",
            ],
            as: "in-signer"
        )
        #expect(run.status == 1, "\(run)")
        #expect(run.error.contains("[over_remaining_ia — exceeds what remains of the import authorization]"), "\(run)")
        #expect(run.error.components(separatedBy: "[over_remaining_ia").count == 2, "the refusal is told once: \(run)")
        #expect(
            run.error.contains("752.1 g") || run.error.contains("752100"),
            "the remaining quantity is shown: \(run)"
        )
    }

    @Test("1: an IA over the importing country's estimate shows the estimate, what is used and what remains")
    func exitRejectedOverEstimate() async throws {
        let sandbox = try await self.sandbox
        let run = try await sandbox.licit([
            "ia", "issue", "--number", uniqueNumber("IA"), "--exporting-country", "IN", "--importer", "FR-ANSM-T1",
            "--exporter-name", "Ganges Alkaloids Ltd", "--exporter-address", "Ghazipur", "--line", "MORPHINE=900kg",
            "--yes",
        ])
        #expect(run.status == 1, "\(run)")
        #expect(run.error.contains("[over_estimate — exceeds the importing country's estimate]"), "\(run)")
        for fact in ["limit", "imported", "available", "requested"] {
            #expect(run.error.contains(fact), "\(fact): \(run)")
        }
        #expect(run.error.contains("--override"), "the hint says how to exceed it deliberately: \(run)")

        let validated = try await sandbox.licit([
            "ia", "validate", "--number", uniqueNumber("IA"), "--exporting-country", "IN", "--importer", "FR-ANSM-T1",
            "--exporter-name", "Ganges Alkaloids Ltd", "--exporter-address", "Ghazipur", "--line", "MORPHINE=900kg",
            "--json",
        ])
        #expect(validated.status == 1, "\(validated)")
        let problems = try #require(try validated.object["problems"] as? [[String: Any]])
        #expect(problems.first?["reason"] as? String == "over_estimate")
    }

    @Test("2: indeterminate, with the request id to retry; the retry applies it once")
    func exitIndeterminate() async throws {
        let sandbox = try await self.sandbox
        let ia = try await self.issueImport(sandbox, quantity: "2kg")
        let ea = uniqueNumber("EA")
        let issued = try await sandbox.licit(
            [
                "ea", "issue", "--number", ea, "--ia", "FR-ANSM/\(ia)", "--line", "MORPHINE-SULFATE-PENTAHYDRATE=1kg",
                "--yes",
            ],
            as: "in-signer"
        )
        #expect(issued.status == 0, "\(issued)")
        // A deadline far shorter than a durable write: the write is sent and its outcome is unknown.
        let first = try await sandbox.licit([
            "endorse", "IN-NCB/\(ea)", "--received", "base:700g", "--yes", "--timeout", "0.0001",
        ])
        #expect(first.status == 2, "\(first)")
        let requestID = try #require(first.error.firstMatch(of: /--request-id ([0-9a-f-]+)/)?.1)
        let retried = try await sandbox.licit([
            "endorse", "IN-NCB/\(ea)", "--received", "base:700g", "--yes", "--request-id", String(requestID), "--json",
        ])
        #expect(retried.status == 0, "\(retried)")
        #expect(try retried.object["status"] as? String == "endorsed")
    }

    @Test("3: the exchange cannot be reached, or its certificate is not from the CA given")
    func exitUnavailable() async throws {
        let sandbox = try await self.sandbox
        let closed = try await sandbox.licit(["whoami"], environment: ["LICIT_SERVER": "127.0.0.1:1"])
        #expect(closed.status == 3, "\(closed)")
        #expect(closed.error.contains("connection was refused") && closed.error.contains("--server"), "\(closed)")
        let dns = try await sandbox.licit(["whoami"], environment: ["LICIT_SERVER": "no-such-host.invalid:7443"])
        #expect(dns.status == 3 && dns.error.contains("cannot be resolved"), "\(dns)")
        for run in [closed, dns] {
            // No library internals: type names, BoringSSL paths.
            #expect(!run.error.contains("Failure(") && !run.error.contains(".build/") && !run.error.contains("shortly"))
        }

        let wrongCA = sandbox.root.appendingPathComponent("server/cert.pem").path
        let tls = try await sandbox.licit(["whoami"], environment: ["LICIT_CA": wrongCA])
        #expect(tls.status == 3, "\(tls)")
        #expect(tls.error.contains("TLS") && tls.error.contains("--ca"), "\(tls)")
        #expect(!tls.error.contains(".build/") && !tls.error.contains("OPENSSL_internal"), "\(tls)")
    }

    @Test("4: a printed document that was altered fails verification")
    func exitVerificationFailed() async throws {
        let sandbox = try await self.sandbox
        let ia = try await self.issueImport(sandbox)
        let file = sandbox.root.appendingPathComponent("\(ia).txt").path
        #expect(try await sandbox.licit(["export", ia, "--format", "text", "--output", file]).status == 0)
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "10 kg", with: "90 kg")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try await sandbox.licit(["verify", file, "--public-key", sandbox.sealKey], as: nil)
        #expect(run.status == 4, "\(run)")
    }

    @Test("5: the officer declines the confirmation, and nothing is sent")
    func exitDeclined() async throws {
        let sandbox = try await self.sandbox
        let number = uniqueNumber("IA")
        let run = try await sandbox.licit(
            [
                "ia", "issue", "--number", number, "--exporting-country", "IN", "--importer", "FR-ANSM-T1",
                "--exporter-name", "Ganges Alkaloids Ltd", "--exporter-address", "Ghazipur", "--line", "MORPHINE=1kg",
            ],
            input: ["no"]
        )
        #expect(run.status == 5, "\(run)")
        #expect(run.error.contains("Issue import authorization \(number)? [y/N]"), "\(run)")
        let shown = try await sandbox.licit(["ia", "show", number])
        #expect(shown.status == 1, "nothing was issued: \(shown)")
    }

    @Test(
        "64: usage errors say what to write instead",
        arguments: [
            (["ia", "issue", "--number", "X", "--line", "MORPHINE=25kilos", "--yes"], "kg, g or mg"),
            (["ia", "issue", "--number", "X", "--line", "MORPHINE", "--yes"], "FORM=QUANTITY"),
            (["ia", "issue", "--number", "X", "--line", "unobtainium=1kg", "--yes"], "licit ref substances"),
            (["ia", "list", "--issued-from", "31/12/2026"], "YYYY-MM-DD"),
            (["ia", "frobnicate"], "Unexpected argument"),
            (["export", "X", "--format", "pdf"], "html, text or json"),
        ]
    )
    func exitUsage(arguments: [String], advice: String) async throws {
        let run = try await self.sandbox.licit(arguments)
        #expect(run.status == 64, "\(run)")
        #expect(run.error.contains(advice), "\(run)")
    }

    @Test("64: without a server, CA and identity, licit says how to configure one")
    func exitUnconfigured() async throws {
        let sandbox = try await self.sandbox
        let run = try await sandbox.licit(["whoami"], as: nil, home: try sandbox.makeHome())
        #expect(run.status == 64, "\(run)")
        #expect(run.error.contains("--server") && run.error.contains("licit profile add"), "\(run)")
    }
}
