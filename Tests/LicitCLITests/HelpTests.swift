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

extension LicitCommandTests {
    static func commandTypes(_ command: any ParsableCommand.Type = LicitCommand.self) -> [any ParsableCommand.Type] {
        [command] + command.configuration.subcommands.flatMap { Self.commandTypes($0) }
    }

    @Test("every example in the help fits in 80 columns, so that it is never wrapped in the middle")
    func examplesFit() {
        var long: [String] = []
        for command in Self.commandTypes() {
            var continued = false
            // The help indents a discussion by two columns and wraps it at 80.
            for line in command.configuration.discussion.split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                let isExample = trimmed.hasPrefix("licit ") || continued
                continued = isExample && trimmed.hasSuffix("\\")
                if isExample, line.count + 2 > 80 { long.append("\(command._commandName): \(line)") }
            }
        }
        #expect(long.isEmpty, "examples wider than 80 columns:\n\(long.joined(separator: "\n"))")
    }
}
