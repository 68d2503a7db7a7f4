import ArgumentParser

/// `licit completion bash|zsh|fish`
struct CompletionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print a shell completion script (substance forms complete from the catalogue last fetched).",
        discussion: """
            Examples:
              licit completion bash > /etc/bash_completion.d/licit
              licit completion zsh > "${fpath[1]}/_licit"
              licit completion fish > ~/.config/fish/completions/licit.fish
            """
    )
    @Argument(help: "bash, zsh or fish.")
    var shell: String

    func run() async throws {
        guard let kind = CompletionShell(rawValue: self.shell) else {
            throw CLIError.usage("no completion for \(self.shell)", hint: "choose bash, zsh or fish")
        }
        Console.current.out(LicitCommand.completionScript(for: kind))
    }
}
