import Foundation
import Testing

extension LicitCommandTests {
    @Test("profiles: added from a sandbox manifest, listed, chosen; flags and LICIT_* override them")
    func profiles() async throws {
        let sandbox = try await self.sandbox
        let home = try sandbox.makeHome()
        let fr = try await sandbox.licit(
            ["profile", "add", "fr", "--sandbox", sandbox.root.path, "--account", "fr-signer"],
            as: nil,
            home: home
        )
        #expect(fr.status == 0 && fr.output.contains("(current)"), "\(fr)")
        let india = try await sandbox.licit(
            ["profile", "add", "in", "--sandbox", sandbox.root.path, "--account", "in-signer"],
            as: nil,
            home: home
        )
        #expect(india.status == 0, "\(india)")
        let config = home.appendingPathComponent("config/licit/config.json")
        #expect(FileManager.default.fileExists(atPath: config.path), "the config lives under XDG_CONFIG_HOME")

        let listed = try await sandbox.licit(["profile", "list"], as: nil, home: home)
        #expect(listed.output.contains("*  fr"), "\(listed)")
        let first = try await sandbox.licit(["whoami", "--json"], as: nil, home: home)
        #expect(try first.object["name"] as? String == "fr-signer", "\(first)")

        #expect(try await sandbox.licit(["profile", "use", "in"], as: nil, home: home).status == 0)
        #expect(
            try await sandbox.licit(["whoami", "--json"], as: nil, home: home).object["name"] as? String == "in-signer"
        )
        let byFlag = try await sandbox.licit(["whoami", "--json", "--profile", "fr"], as: nil, home: home)
        #expect(try byFlag.object["name"] as? String == "fr-signer")
        let byEnvironment = try await sandbox.licit(
            ["whoami", "--json"],
            as: nil,
            home: home,
            environment: ["LICIT_IDENTITY": try sandbox.identity("de-signer")]
        )
        #expect(try byEnvironment.object["name"] as? String == "de-signer", "LICIT_IDENTITY overrides the profile")
        let byIdentityFlag = try await sandbox.licit(
            ["whoami", "--json", "--identity", try sandbox.identity("fr-officer")],
            as: nil,
            home: home
        )
        #expect(try byIdentityFlag.object["name"] as? String == "fr-officer", "--identity overrides both")

        let missing = try await sandbox.licit(["whoami", "--profile", "nowhere"], as: nil, home: home)
        #expect(missing.status == 64 && missing.error.contains("licit profile list"), "\(missing)")
        #expect(try await sandbox.licit(["profile", "remove", "in"], as: nil, home: home).status == 0)
        let after = try await sandbox.licit(["profile", "list", "--json"], as: nil, home: home)
        #expect((try after.object["profiles"] as? [String: Any])?.keys.sorted() == ["fr"])
    }
}
