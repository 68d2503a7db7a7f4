import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// `licit filing …`: annual statistical returns (forms C and P) filed with the Board.
struct FilingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filing",
        abstract: "File annual returns (forms C and P) with the Board: save, submit, accept or query, list.",
        subcommands: [Save.self, List.self, Accept.self, Query.self]
    )

    struct Save: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save your country's annual return as a draft, or submit it (signers, country admins).",
            discussion: """
                Items: production, manufacture, consumption, utilization, stocks (year end), and imported
                or exported as your records give them: on --submit they must match the exchange's
                documents (leave them out and the exchange's own figures are used). Example:
                  licit filing save --form C --year 2026 --figure MORPHINE:consumption=310kg \\
                      --figure MORPHINE:stocks=42kg --submit --yes
                """
        )
        @Option(name: .long, help: "C (narcotic drugs) or P (psychotropic substances).")
        var form: String

        @Option(name: .long, help: "The year reported.")
        var year: Int

        @Option(name: .long, help: ArgumentHelp("SUBSTANCE:ITEM=QUANTITY of base (repeat).", valueName: "figure"))
        var figure: [String] = []

        @Flag(name: .long, help: "Submit it to the Board (otherwise it is saved as a draft).")
        var submit = false

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let figures = try self.figure.map(Self.parse)
            try Issuing.ask(
                "\(self.submit ? "submit" : "save") form \(self.form.uppercased()) for \(self.year) "
                    + "(\(figures.count) figure\(figures.count == 1 ? "" : "s"))",
                write: self.write
            )
            let filing = try await self.connection.withClient { client in
                try await client.saveReturn(
                    form: self.form.uppercased(),
                    year: self.year,
                    figures: figures,
                    submit: self.submit,
                    requestID: self.write.resolvedRequestID
                )
            }
            FilingCommand.report(filing, json: self.output.json)
        }

        static func parse(_ text: String) throws -> Licit_V1_ReturnFigure {
            let (substance, item, milligrams) = try QuantityInput.labelled(
                text,
                shape: "SUBSTANCE:ITEM=QUANTITY",
                example: "MORPHINE:consumption=310kg"
            )
            return .with {
                $0.substance = substance
                $0.item = item
                $0.quantityMg = milligrams
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List filed returns with their figures: your country's, or for the Board every country's.",
            discussion: "Examples:\n  licit filing list\n  licit filing list --country FR --format csv"
        )
        @Option(name: .long, help: ArgumentHelp("The Board: only this country's.", valueName: "code"))
        var country: String?

        @OptionGroup var listing: ListingOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let filings = try await self.connection.withClient { client in
                try await client.returnFilings(country: self.country?.uppercased() ?? "")
            }
            self.listing.print(
                header: ["country", "form", "year", "status", "substance", "item", "quantity", "source"],
                rows: filings.flatMap { filing in
                    let own = filing.figures.map { ($0, "CNA") }
                    let trade = filing.trade.map { ($0, "documents") }
                    return (own + trade).map { figure, source in
                        [
                            filing.country, filing.form, "\(filing.year)", filing.status, figure.substance, figure.item,
                            QuantityInput.format(figure.quantityMg), source,
                        ]
                    }
                },
                json: filings.map { Output.value($0) }
            )
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept a submitted annual return (board admins).",
            discussion: "Example:\n  licit filing accept FR C 2026 --yes"
        )
        @Argument(help: ArgumentHelp("The country.", valueName: "code")) var country: String
        @Argument(help: "C or P.") var form: String
        @Argument(help: "The year.") var year: Int

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await FilingCommand.decide(
                self.country,
                self.form,
                self.year,
                accept: true,
                reason: "",
                self.write,
                self.connection,
                self.output
            )
        }
    }

    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Query a submitted annual return back to its CNA (board admins), saying why.",
            discussion: "Example:\n  licit filing query FR C 2026 --reason \"stocks do not add up\" --yes"
        )
        @Argument(help: ArgumentHelp("The country.", valueName: "code")) var country: String
        @Argument(help: "C or P.") var form: String
        @Argument(help: "The year.") var year: Int

        @Option(name: .long, help: "The question (the CNA is told).")
        var reason: String

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await FilingCommand.decide(
                self.country,
                self.form,
                self.year,
                accept: false,
                reason: self.reason,
                self.write,
                self.connection,
                self.output
            )
        }
    }

    static func decide(
        _ country: String,
        _ form: String,
        _ year: Int,
        accept: Bool,
        reason: String,
        _ write: WriteOptions,
        _ connection: ConnectionOptions,
        _ output: OutputOptions
    ) async throws {
        let name = "\(country.uppercased())'s form \(form.uppercased()) for \(year)"
        try Issuing.ask("\(accept ? "accept" : "query") \(name)", write: write)
        let filing = try await connection.withClient { client in
            try await client.decideReturn(
                country: country.uppercased(),
                form: form.uppercased(),
                year: year,
                accept: accept,
                reason: reason,
                requestID: write.resolvedRequestID
            )
        }
        Self.report(filing, json: output.json)
    }

    static func report(_ filing: Licit_V1_ReturnFiling, json: Bool) {
        if json {
            Output.print(json: Output.value(filing))
        } else {
            Console.current.out(
                "\(filing.country)'s form \(filing.form) for \(filing.year): \(filing.status)"
                    + (filing.trade.isEmpty
                        ? ""
                        : "; from the documents: "
                            + filing.trade.map { "\($0.substance) \($0.item) \(QuantityInput.format($0.quantityMg))" }
                            .joined(separator: ", "))
            )
        }
    }
}
