import Foundation
import LicitDaemon
import LicitExchange
import LicitServerCore
import Testing

/// `licitd sandbox --faults`: profiles read or refused by name, faults drawn the same way from
/// the same seed, and a bad setting refused before the sandbox starts.
@Suite("sandbox fault profiles")
struct FaultProfileTests {
    static func file(_ json: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("faults-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: url)
        return url.path
    }

    @Test("named profiles, a file of rates, and every bad profile refused with what is wrong")
    func parsing() throws {
        #expect(try FaultProfile.parse("none").isNone)
        #expect(try FaultProfile.parse("harsh") == .harsh)
        let custom = try FaultProfile.parse(try Self.file(#"{"rate_limited": 0.5, "retry_after_ms": 100}"#))
        #expect(custom.rateLimited == 0.5 && custom.retryAfterMs == 100 && custom.dropAfterCommit == 0)
        let refusals: [(String, String)] = [
            ("nasty", "unknown fault profile"),
            (try Self.file(#"{"rate_limit": 0.5}"#), "unknown key \"rate_limit\""),
            (try Self.file(#"{"drop_after_commit": 1.5}"#), "from 0 to 1"),
            (try Self.file(#"{"drop_after_commit": 0.6, "rate_limited": 0.6}"#), "add up to more than 1"),
            (try Self.file(#"{"retry_after_ms": 0}"#), "retry_after_ms"),
            ("/nonexistent/faults.json", "cannot read"),
        ]
        for (text, expected) in refusals {
            let error = #expect(throws: FaultProfile.Problem.self) { try FaultProfile.parse(text) }
            #expect(error?.description.contains(expected) == true, "\(error?.description ?? "")")
        }
    }

    @Test("the same seed draws the same faults for the same calls; a write is faulted at most once")
    func deterministic() throws {
        let account = Account(
            name: "de-signer",
            country: "DE",
            authority: "DE-BFARM",
            role: .signer,
            certificateFingerprint: String(repeating: "0", count: 64)
        )
        func plans(seed: UInt64) throws -> [String] {
            let faults = try SandboxFaults(
                defaultProfile: .none,
                profiles: ["de-signer": .harsh],
                seed: seed,
                journalFolder: FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID())")
            )
            return (0..<200).map { index in
                let call = CallFacts(
                    account: account,
                    connection: 1,
                    callID: UInt64(index + 1),
                    method: "licit.v1.Documents/IssueImportAuthorization",
                    requestID: "r-\(index % 50)",
                    payload: Data(),
                    isWrite: true,
                    isSubscription: false,
                    deadline: .now + .seconds(1)
                )
                return faults.plan(call).map { "\(index % 50):\($0.name)" } ?? "-"
            }
        }
        let first = try plans(seed: 7)
        #expect(first == (try plans(seed: 7)))
        #expect(first != (try plans(seed: 8)))
        let faulted = first.filter { $0 != "-" }.map { $0.split(separator: ":")[0] }
        #expect(Set(faulted).count == faulted.count, "each request id faulted once: \(faulted)")
        #expect(faulted.count > 10)
    }

    @Test("licitd sandbox refuses --faults-for an account it does not have, and a malformed setting")
    func refusedAtStart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("licit-faults-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let unknown = try SandboxDaemonTests.run([
            "sandbox", "--data", directory.path, "--port", "0", "--faults-for", "xx-nobody=harsh",
        ])
        #expect(unknown.status != 0)
        #expect(unknown.output.contains("no account xx-nobody"), "\(unknown.output)")
        let malformed = try SandboxDaemonTests.run(["sandbox", "--data", directory.path, "--faults-for", "harsh"])
        #expect(malformed.status != 0)
        #expect(malformed.output.contains("ACCOUNT=PROFILE"), "\(malformed.output)")
    }
}
