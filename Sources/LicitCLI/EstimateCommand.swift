import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// `licit estimate …`: supplementary estimates, asked by a CNA and decided by the Board.
struct EstimateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract:
            "Estimates: supplementary ones asked by CNAs and decided by the Board, and the annual ones (Form B).",
        subcommands: [Request.self, List.self, Confirm.self, Refuse.self, Annual.self]
    )

    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask the Board for a supplementary estimate for your country (signers, country admins).",
            discussion: """
                The quantity is of base substance. The Board's decision arrives in your inbox. Example:
                  licit estimate request --substance MORPHINE --quantity 5kg \\
                      --justification "a palliative care unit opens in March" --yes
                """
        )
        @Option(name: .long, help: ArgumentHelp("The base substance, by code.", valueName: "code"))
        var substance: String

        @Option(name: .long, help: ArgumentHelp("How much more base, with kg, g or mg.", valueName: "quantity"))
        var quantity: String

        @Option(name: .long, help: "This year (default) or the next.")
        var year: Int?

        @Option(name: .long, help: "Why more is needed; the Board reads it.")
        var justification: String

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let milligrams = try QuantityInput.milligrams(self.quantity)
            let substance = self.substance.uppercased()
            try Issuing.ask(
                "ask the Board for \(QuantityInput.format(milligrams)) more \(substance)"
                    + (self.year.map { " for \($0)" } ?? " for this year"),
                write: self.write
            )
            let estimate = try await self.connection.withClient { client in
                try await client.requestSupplementaryEstimate(
                    substance: substance,
                    milligrams: milligrams,
                    year: self.year ?? 0,
                    justification: self.justification,
                    requestID: self.write.resolvedRequestID
                )
            }
            EstimateCommand.report(estimate, json: self.output.json, verb: "requested")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List supplementary estimates: your country's, or for the Board every country's.",
            discussion: "Examples:\n  licit estimate list\n  licit estimate list --status requested --format csv"
        )
        @Option(name: .long, help: ArgumentHelp("The Board: only this country's.", valueName: "code"))
        var country: String?

        @Option(name: .long, help: "requested, confirmed, reduced or refused.")
        var status: String?

        @OptionGroup var listing: ListingOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let estimates = try await self.connection.withClient { client in
                try await client.supplementaryEstimates(
                    country: self.country?.uppercased() ?? "",
                    status: self.status ?? ""
                )
            }
            self.listing.print(
                header: ["id", "substance", "year", "requested", "status", "confirmed", "justification", "reason"],
                rows: estimates.map { estimate in
                    [
                        estimate.id, estimate.substance, "\(estimate.year)", QuantityInput.format(estimate.requestedMg),
                        estimate.status,
                        estimate.status == "requested" ? "" : QuantityInput.format(estimate.confirmedMg),
                        estimate.justification, estimate.decisionReason,
                    ]
                },
                json: estimates.map { Output.value($0) }
            )
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Confirm a supplementary estimate, whole or reduced (board admins); it enters the estimate.",
            discussion: """
                Examples:
                  licit estimate confirm FR-2027-1 --yes
                  licit estimate confirm FR-2027-2 --quantity 1kg \\
                      --reason "consumption data support 1 kg" --yes
                """
        )
        @Argument(help: ArgumentHelp("The request, COUNTRY-YEAR-N.", valueName: "id"))
        var id: String

        @Option(
            name: .long,
            help: ArgumentHelp("Confirm less than was asked (a reduction needs --reason).", valueName: "quantity")
        )
        var quantity: String?

        @Option(name: .long, help: "Why it is reduced (the CNA is told).")
        var reason: String?

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let estimate = try await self.connection.withClient { client in
                let asked = try await client.supplementaryEstimates(country: String(self.id.prefix(2))).first {
                    $0.id == self.id
                }
                guard let asked else {
                    throw CLIError(.rejected, "no request for a supplementary estimate is numbered \(self.id)")
                }
                let milligrams = try self.quantity.map(QuantityInput.milligrams) ?? asked.requestedMg
                try Issuing.ask(
                    "confirm \(QuantityInput.format(milligrams)) of \(asked.substance) for \(asked.country) "
                        + "(\(QuantityInput.format(asked.requestedMg)) asked)",
                    write: self.write
                )
                return try await client.decideSupplementaryEstimate(
                    id: self.id,
                    confirmedMilligrams: milligrams,
                    reason: self.reason ?? "",
                    requestID: self.write.resolvedRequestID
                )
            }
            EstimateCommand.report(estimate, json: self.output.json, verb: estimate.status)
        }
    }

    struct Refuse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Refuse a supplementary estimate (board admins); the CNA is told why.",
            discussion: "Example:\n  licit estimate refuse FR-2027-3 --reason \"no consumption data\" --yes"
        )
        @Argument(help: ArgumentHelp("The request, COUNTRY-YEAR-N.", valueName: "id"))
        var id: String

        @Option(name: .long, help: "Why (the CNA is told).")
        var reason: String

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try Issuing.ask("refuse \(self.id)", write: self.write)
            let estimate = try await self.connection.withClient { client in
                try await client.decideSupplementaryEstimate(
                    id: self.id,
                    confirmedMilligrams: 0,
                    reason: self.reason,
                    requestID: self.write.resolvedRequestID
                )
            }
            EstimateCommand.report(estimate, json: self.output.json, verb: "refused")
        }
    }

    static func report(_ estimate: Licit_V1_SupplementaryEstimate, json: Bool, verb: String) {
        if json {
            Output.print(json: Output.value(estimate))
        } else {
            Console.current.out(
                "\(verb) \(estimate.id): \(QuantityInput.format(estimate.requestedMg)) of \(estimate.substance) "
                    + "for \(estimate.country) \(estimate.year) asked"
                    + (estimate.status == "requested"
                        ? "" : ", \(QuantityInput.format(estimate.confirmedMg)) confirmed")
            )
        }
    }
}
