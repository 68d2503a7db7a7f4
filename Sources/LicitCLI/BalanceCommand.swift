import ArgumentParser
import LicitWire

/// `licit balance`
struct BalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance",
        abstract: "Show estimates and assessments against what is authorized and imported.",
        discussion: """
            A CNA sees its own country's balances; the Board any country's. Examples:
              licit balance
              licit balance --substance MORPHINE --year 2027
              licit balance --country IN --json        # the Board
            """
    )
    @Option(name: .long, help: ArgumentHelp("The country (the Board only; default: yours).", valueName: "code"))
    var country: String?

    @Option(name: .long, help: "The year (default: this year).")
    var year: Int?

    @Option(name: .long, help: ArgumentHelp("One base substance.", valueName: "code"))
    var substance: String?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let balances = try await self.connection.withClient { client in
            try await client.balances(
                country: self.country?.uppercased() ?? "",
                year: self.year ?? 0,
                substance: self.substance?.uppercased() ?? ""
            )
        }
        if self.output.json {
            Output.print(json: BalanceView.json(balances))
        } else {
            Console.current.out(BalanceView.table(balances))
        }
    }
}
