import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// `licit estimate annual …`: a country's annual estimates (Form B) and the Board's decision.
extension EstimateCommand {
    struct Annual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "annual",
            abstract: "Annual estimates (Form B): furnish them (CNAs), confirm or query them (the Board), list them.",
            subcommands: [Submit.self, List.self, Confirm.self, Query.self]
        )
    }
}

extension EstimateCommand.Annual {
    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Furnish your country's estimates for next year, by substance and purpose (signers, country admins).",
            discussion: """
                Purposes: consumption, utilization, special_stocks, stocks. A substance's estimate is
                the sum of its purposes. Until the Board confirms them, furnishing again replaces them.
                Example:
                  licit estimate annual submit --line MORPHINE:consumption=300kg \\
                      --line MORPHINE:stocks=30kg --line FENTANYL:consumption=4kg --yes
                """
        )
        @Option(
            name: .long,
            help: ArgumentHelp(
                "SUBSTANCE:PURPOSE=QUANTITY of base (repeat for each substance and purpose).",
                valueName: "line"
            )
        )
        var line: [String] = []

        @Option(name: .long, help: "Next year (default) or this one.")
        var year: Int?

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            guard !self.line.isEmpty else {
                throw CLIError.usage(
                    "give at least one --line SUBSTANCE:PURPOSE=QUANTITY",
                    hint: "e.g. MORPHINE:consumption=300kg"
                )
            }
            let lines = try self.line.map(Self.parse)
            try Issuing.ask(
                "furnish \(lines.count) line\(lines.count == 1 ? "" : "s") of annual estimates"
                    + (self.year.map { " for \($0)" } ?? " for next year"),
                write: self.write
            )
            let estimate = try await self.connection.withClient { client in
                try await client.submitAnnualEstimate(
                    year: self.year ?? 0,
                    lines: lines,
                    requestID: self.write.resolvedRequestID
                )
            }
            EstimateCommand.Annual.report(estimate, json: self.output.json, verb: "furnished")
        }

        static func parse(_ text: String) throws -> Licit_V1_AnnualEstimateLine {
            let (substance, purpose, milligrams) = try QuantityInput.labelled(
                text,
                shape: "SUBSTANCE:PURPOSE=QUANTITY",
                example: "MORPHINE:consumption=300kg"
            )
            return .with {
                $0.substance = substance
                $0.purpose = purpose
                $0.quantityMg = milligrams
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List annual estimates: your country's, or for the Board every country's.",
            discussion:
                "Examples:\n  licit estimate annual list\n  licit estimate annual list --country FR --format csv"
        )
        @Option(name: .long, help: ArgumentHelp("The Board: only this country's.", valueName: "code"))
        var country: String?

        @Option(name: .long, help: "Only this year.")
        var year: Int?

        @OptionGroup var listing: ListingOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let estimates = try await self.connection.withClient { client in
                try await client.annualEstimates(country: self.country?.uppercased() ?? "", year: self.year ?? 0)
            }
            self.listing.print(
                header: ["country", "year", "substance", "purpose", "quantity", "status", "reason"],
                rows: estimates.flatMap { estimate in
                    estimate.lines.map { line in
                        [
                            estimate.country, "\(estimate.year)", line.substance, line.purpose,
                            QuantityInput.format(line.quantityMg), estimate.status, estimate.decisionReason,
                        ]
                    }
                },
                json: estimates.map { Output.value($0) }
            )
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Confirm a country's annual estimates (board admins): they become its estimates for the year.",
            discussion: "Example:\n  licit estimate annual confirm FR 2028 --yes"
        )
        @Argument(help: ArgumentHelp("The country.", valueName: "code"))
        var country: String

        @Argument(help: "The year.")
        var year: Int

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try Issuing.ask(
                "confirm \(self.country.uppercased())'s annual estimates for \(self.year)",
                write: self.write
            )
            let estimate = try await self.connection.withClient { client in
                try await client.decideAnnualEstimate(
                    country: self.country.uppercased(),
                    year: self.year,
                    confirm: true,
                    requestID: self.write.resolvedRequestID
                )
            }
            EstimateCommand.Annual.report(estimate, json: self.output.json, verb: "confirmed")
        }
    }

    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Query a country's annual estimates back to its CNA (board admins), saying why.",
            discussion: "Example:\n  licit estimate annual query FR 2028 --reason \"stocks look high\" --yes"
        )
        @Argument(help: ArgumentHelp("The country.", valueName: "code"))
        var country: String

        @Argument(help: "The year.")
        var year: Int

        @Option(name: .long, help: "The question (the CNA is told).")
        var reason: String

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try Issuing.ask("query \(self.country.uppercased())'s annual estimates for \(self.year)", write: self.write)
            let estimate = try await self.connection.withClient { client in
                try await client.decideAnnualEstimate(
                    country: self.country.uppercased(),
                    year: self.year,
                    confirm: false,
                    reason: self.reason,
                    requestID: self.write.resolvedRequestID
                )
            }
            EstimateCommand.Annual.report(estimate, json: self.output.json, verb: "queried")
        }
    }

    static func report(_ estimate: Licit_V1_AnnualEstimate, json: Bool, verb: String) {
        if json {
            Output.print(json: Output.value(estimate))
            return
        }
        let totals = estimate.lines.reduce(into: [String: Int64]()) { $0[$1.substance, default: 0] += $1.quantityMg }
        Console.current.out(
            "\(verb) \(estimate.country)'s annual estimates for \(estimate.year) (\(estimate.status)): "
                + totals.sorted { $0.key < $1.key }.map { "\($0.key) \(QuantityInput.format($0.value))" }
                .joined(separator: ", ")
        )
    }
}
