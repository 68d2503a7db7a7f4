import ArgumentParser
import LicitCLI
import Testing

extension LicitCommandTests {
    /// Every command path of `licit`, from the root down.
    static func commandPaths(
        _ command: any ParsableCommand.Type = LicitCommand.self,
        prefix: [String] = []
    ) -> [[String]] {
        let subcommands = command.configuration.subcommands
        return [prefix] + subcommands.flatMap { Self.commandPaths($0, prefix: prefix + [$0._commandName]) }
    }

    @Test("every command has help with a summary, and every leaf command an example")
    func helpForEveryCommand() async throws {
        let sandbox = try await self.sandbox
        let paths = Self.commandPaths()
        #expect(paths.count > 35)
        for path in paths {
            let run = try await sandbox.licit(path + ["--help"], as: nil)
            #expect(run.status == 0, "\(run)")
            #expect(run.output.contains("USAGE: licit"), "\(run)")
            #expect(run.output.contains("OVERVIEW:"), "\(run)")
            let isLeaf = path.isEmpty ? false : !run.output.contains("SUBCOMMANDS:")
            if isLeaf {
                #expect(run.output.contains("Example"), "licit \(path.joined(separator: " ")) --help has no example")
            }
        }
    }

    @Test("completion scripts for bash, zsh and fish", arguments: ["bash", "zsh", "fish"])
    func completions(shell: String) async throws {
        let run = try await self.sandbox.licit(["completion", shell], as: nil)
        #expect(run.status == 0, "\(run)")
        #expect(run.output.contains("licit"))
        #expect(run.output.contains("ia") && run.output.contains("endorse"))
    }

    @Test("--line completes the catalogue's forms once the catalogue was seen")
    func formCompletion() async throws {
        let sandbox = try await self.sandbox
        let home = try sandbox.makeHome()
        #expect(try await sandbox.licit(["ref", "substances"], home: home).status == 0)
        let run = try await sandbox.licit(
            // As the bash script calls it: the words so far, the current word's index and the cursor in it.
            [
                "---completion", "ia", "issue", "--", "--line", "4", "12", "licit", "ia", "issue", "--line",
                "morphine-sul",
            ],
            as: nil,
            home: home
        )
        #expect(run.output.contains("MORPHINE-SULFATE-PENTAHYDRATE="), "\(run)")
    }
}
