import ArgumentParser
import Foundation

/// `licit-sim conform`
struct ConformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conform",
        abstract: "Judge, from the exchange's side, how a client behaved under a sandbox's faults.",
        discussion: """
            Run the sandbox with faults for the client's account, let the client do its usual work, then
            read the account's journal. Exit status 0: pass; 1: the client broke a rule; 2: incomplete
            (a fault was never met). Example:
              licitd sandbox --data ./sandbox --faults-for de-signer=standard
              licit-sim conform --sandbox ./sandbox --account de-signer --html conformance.html
            """
    )
    @Option(name: .long, help: ArgumentHelp("The sandbox folder.", valueName: "dir")) var sandbox: String
    @Option(name: .long, help: "The account whose client is judged.") var account: String
    @Option(name: .long, help: "Connections the client may hold open at once.") var maxConnections = 4
    @Option(name: .long, help: ArgumentHelp("Write the report as JSON.", valueName: "file")) var json: String?
    @Option(name: .long, help: ArgumentHelp("Write the report as an HTML page.", valueName: "file")) var html: String?

    func validate() throws {
        guard self.maxConnections >= 1 else { throw ValidationError("--max-connections is at least 1") }
    }

    func run() throws {
        let journal = try ConformanceJournal.read(sandbox: URL(fileURLWithPath: self.sandbox), account: self.account)
        let report = ConformanceChecks(journal: journal, connectionAllowance: self.maxConnections)
            .report(account: self.account)
        print(report.text)
        if let json { try report.json().write(to: URL(fileURLWithPath: json)) }
        if let html { try Data(report.html.utf8).write(to: URL(fileURLWithPath: html)) }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
