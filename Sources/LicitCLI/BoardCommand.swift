import ArgumentParser
import LicitClient
import LicitWire

/// `licit board …`: the Board's oversight of licit trade.
struct BoardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract:
            "The Board's oversight: trade flows, overrides, emergency exports, overdue endorsements, withdrawals, estimates, paper partners.",
        subcommands: [
            Flows.self, Overrides.self, Emergencies.self, Overdue.self, Withdrawn.self, Estimates.self,
            PaperPartners.self,
        ]
    )

    struct Flows: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export authorizations summed by exporting and importing country, substance and status.",
            discussion:
                "Examples:\n  licit board flows --from-country IN --substance MORPHINE\n  licit board flows --issued-from 2027-01-01 --format csv > flows.csv"
        )
        @Option(name: .long, help: ArgumentHelp("Exporting country.", valueName: "code")) var fromCountry: String?
        @Option(name: .long, help: ArgumentHelp("Importing country.", valueName: "code")) var toCountry: String?
        @Option(name: .long, help: ArgumentHelp("Base substance.", valueName: "code")) var substance: String?
        @Option(name: .long, help: "issued, endorsed, expired or cancelled.") var status: String?
        @Option(name: .long, help: ArgumentHelp("Issued on or after.", valueName: "yyyy-mm-dd")) var issuedFrom: String?
        @Option(name: .long, help: ArgumentHelp("Issued on or before.", valueName: "yyyy-mm-dd")) var issuedTo: String?
        @OptionGroup var listing: ListingOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let request = try Licit_V1_TradeFlowsRequest.with {
                $0.exportingCountry = self.fromCountry?.uppercased() ?? ""
                $0.importingCountry = self.toCountry?.uppercased() ?? ""
                $0.substance = self.substance?.uppercased() ?? ""
                $0.status = self.status ?? ""
                $0.issuedFrom = try self.issuedFrom.map { try DayInput.check($0, "--issued-from") } ?? ""
                $0.issuedTo = try self.issuedTo.map { try DayInput.check($0, "--issued-to") } ?? ""
            }
            let flows = try await self.connection.withClient { try await $0.tradeFlows(request) }
            self.listing.print(
                header: ["from", "to", "substance", "status", "EAs", "authorized", "exported", "imported"],
                rows: flows.map {
                    [
                        $0.exportingCountry, $0.importingCountry, $0.substance, $0.status, "\($0.exportAuthorizations)",
                        QuantityInput.format($0.authorizedMg), QuantityInput.format($0.exportedMg),
                        QuantityInput.format($0.importedMg),
                    ]
                },
                json: flows.map { Output.value($0) }
            )
        }
    }

    struct Filters: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("Documents between this country and any other.", valueName: "code"))
        var country: String?
        @Option(name: .long, help: ArgumentHelp("Issued on or after.", valueName: "yyyy-mm-dd")) var issuedFrom: String?
        @Option(name: .long, help: ArgumentHelp("Issued on or before.", valueName: "yyyy-mm-dd")) var issuedTo: String?
        @Option(name: .long, help: "At most this many (pages are fetched up to it).") var limit: Int = 500
        @OptionGroup var listing: ListingOptions
        @OptionGroup var connection: ConnectionOptions

        /// Fetches every page of one oversight list and prints it.
        func run(_ kind: Licit_V1_OversightKind, note: String) async throws {
            guard self.limit > 0 else { throw CLIError.usage("--limit must be at least 1") }
            var request = try Licit_V1_OversightRequest.with {
                $0.kind = kind
                $0.country = self.country?.uppercased() ?? ""
                $0.issuedFrom = try self.issuedFrom.map { try DayInput.check($0, "--issued-from") } ?? ""
                $0.issuedTo = try self.issuedTo.map { try DayInput.check($0, "--issued-to") } ?? ""
                $0.pageSize = UInt32(min(self.limit, 500))
            }
            let entries = try await self.connection.withClient { client in
                var entries: [Licit_V1_OversightEntry] = []
                while entries.count < self.limit {
                    let page = try await client.oversight(request)
                    entries += page.entries
                    guard !page.nextPageToken.isEmpty else { break }
                    request.pageToken = page.nextPageToken
                }
                return Array(entries.prefix(self.limit))
            }
            let withDays = kind == .overdueEndorsements
            self.listing.print(
                header: DocumentView.listHeader + (withDays ? ["days overdue"] : [note]),
                rows: entries.map { DocumentView.row($0.document) + [withDays ? "\($0.daysOverdue)" : $0.note] },
                json: entries.map { entry -> [String: Any] in
                    [
                        "document": DocumentView.json(entry.document), "note": entry.note,
                        "daysOverdue": entry.daysOverdue,
                    ]
                }
            )
        }
    }

    struct Overrides: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Documents issued over an estimate or assessment, with the justification.",
            discussion: "Example:\n  licit board overrides --country FR --format csv"
        )
        @OptionGroup var filters: Filters
        func run() async throws { try await self.filters.run(.overrides, note: "justification") }
    }

    struct Emergencies: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Emergency exports made without an import authorization, with the justification.",
            discussion: "Example:\n  licit board emergencies --issued-from 2027-01-01"
        )
        @OptionGroup var filters: Filters
        func run() async throws { try await self.filters.run(.emergencyExports, note: "justification") }
    }

    struct Overdue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "EAs whose import period is over with no endorsement, and how many days overdue.",
            discussion: "Example:\n  licit board overdue --country NP --json"
        )
        @OptionGroup var filters: Filters
        func run() async throws { try await self.filters.run(.overdueEndorsements, note: "") }
    }

    struct Withdrawn: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "IAs and EAs cancelled (with the reason) or superseded (with the successor).",
            discussion: "Example:\n  licit board withdrawn --country IN"
        )
        @OptionGroup var filters: Filters
        func run() async throws { try await self.filters.run(.withdrawn, note: "reason") }
    }

    struct Estimates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Countries whose authorized and imported quantities approach or exceed their estimate or assessment.",
            discussion:
                "Examples:\n  licit board estimates\n  licit board estimates --threshold 75 --substance MORPHINE --year 2027"
        )
        @Option(name: .long, help: "The year (default: this year).") var year: Int?
        @Option(name: .long, help: "Report balances at or above this percentage of the limit.") var threshold: Int = 90
        @Option(name: .long, help: ArgumentHelp("Base substance.", valueName: "code")) var substance: String?
        @OptionGroup var listing: ListingOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            guard self.threshold > 0 else { throw CLIError.usage("--threshold must be a positive percentage") }
            let entries = try await self.connection.withClient { client in
                try await client.estimateWatch(
                    year: self.year ?? 0,
                    thresholdPercent: self.threshold,
                    substance: self.substance?.uppercased() ?? ""
                )
            }
            self.listing.print(
                header: EstimateTable.header,
                rows: entries.map(EstimateTable.row),
                json: entries.map { Output.value($0) }
            )
        }
    }

    struct PaperPartners: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "paper-partners",
            abstract: "Countries not on the exchange that appear in documents recorded from paper.",
            discussion: "Example:\n  licit board paper-partners --format csv"
        )
        @OptionGroup var listing: ListingOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let partners = try await self.connection.withClient { try await $0.paperPartners() }
            self.listing.print(
                header: ["country", "name", "documents", "last issued"],
                rows: partners.map { [$0.country, $0.name, "\($0.documents)", $0.lastIssuedOn] },
                json: partners.map { Output.value($0) }
            )
        }
    }
}

/// The table `licit board estimates` prints, and the console's beside its chart.
package enum EstimateTable {
    package static let header = [
        "country", "substance", "year", "limit", "authorized, not used", "imported", "remaining", "used",
    ]

    package static func row(_ entry: Licit_V1_EstimateWatchEntry) -> [String] {
        let balance = entry.balance
        return [
            balance.country, balance.substance, "\(balance.year)",
            "\(balance.limitKind) \(QuantityInput.format(balance.limitMg))",
            QuantityInput.format(balance.authorizedNotUsedMg), QuantityInput.format(balance.importedMg),
            QuantityInput.format(balance.remainingMg), "\(entry.usedPercent)%",
        ]
    }
}
