import ArgumentParser
import LicitClient
import LicitWire
import SwiftProtobuf

/// `licit ref …`: the exchange's reference data.
struct ReferenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ref",
        abstract:
            "Reference data: substances and their salts, countries, authorities, estimates, assessments, prohibitions, traders.",
        subcommands: [
            Substances.self, Countries.self, Authorities.self, Estimates.self, Assessments.self,
            Prohibitions.self, Traders.self,
        ]
    )

    struct Options: ParsableArguments {
        @Option(
            name: .long,
            help: ArgumentHelp("Only entries of this country (default: all you may see).", valueName: "code")
        )
        var country: String?

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func show(
            _ pick: (Licit_V1_ReferenceData) -> [any SwiftProtobuf.Message],
            header: [String],
            row: (Licit_V1_ReferenceData) -> [[String]]
        ) async throws {
            let data = try await self.connection.withClient { client in
                try await client.reference(country: self.country?.uppercased() ?? "")
            }
            CatalogueNames(data.substances).remember()
            if self.output.json {
                Output.print(json: pick(data).map { Output.value($0) })
            } else {
                Console.current.out(Output.table(header, row(data)))
            }
        }
    }

    struct Substances: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "The catalogue: each substance, its convention and schedules, its salts and preparations with conversion factors.",
            discussion: "Examples:\n  licit ref substances\n  licit ref substances --search codeine"
        )
        @Option(name: .long, help: "Only substances or forms whose code or name contains this.")
        var search: String?

        @OptionGroup var options: Options

        func run() async throws {
            let wanted = self.search.map(CatalogueNames.normalized)
            func matches(_ substance: Licit_V1_Substance) -> Bool {
                guard let wanted else { return true }
                return ([substance.code, substance.name] + substance.forms.flatMap { [$0.code, $0.name] })
                    .contains { CatalogueNames.normalized($0).contains(wanted) }
            }
            let (data, today) = try await self.options.connection.withClient { client in
                (
                    try await client.reference(country: self.options.country?.uppercased() ?? ""),
                    CalendarDay.format(try await client.exchangeTime())
                )
            }
            CatalogueNames(data.substances).remember()
            let substances = data.substances.filter(matches)
            if let search = self.search, substances.isEmpty {
                let names = data.substances.flatMap { [$0.code] + $0.forms.map(\.code) }
                throw CLIError.usage(
                    "no substance or form matches \(search)",
                    hint: Suggestion.nearest(search, among: names) + "see `licit ref substances`"
                )
            }
            if self.options.output.json {
                Output.print(json: substances.map { Output.value($0) })
                return
            }
            let rows = substances.flatMap { substance -> [[String]] in
                let head = [
                    substance.code, substance.convention, substance.schedules.map(String.init).joined(separator: ","),
                ]
                guard !substance.forms.isEmpty else { return [head + [substance.code, substance.name, "1", "", ""]] }
                return substance.forms.flatMap { form in
                    Self.factors(form, on: today).map { factor, note in
                        head + [form.code, form.name, Self.factor(factor.millionths), factor.effectiveFrom, note]
                    }
                }
            }
            Console.current.out(
                Output.table(["substance", "convention", "schedules", "form", "name", "factor", "since", ""], rows)
            )
        }

        /// The factor in force on `day` (the latest begun; a published one over a computed one of the
        /// same day), then each one scheduled after it.
        static func factors(
            _ form: Licit_V1_SubstanceForm,
            on day: String
        ) -> [(Licit_V1_ConversionFactor, String)] {
            let ordered = form.factors.sorted {
                ($0.effectiveFrom, $0.source == "published" ? 1 : 0) < (
                    $1.effectiveFrom, $1.source == "published" ? 1 : 0
                )
            }
            let inForce = ordered.last { $0.effectiveFrom <= day }
            let scheduled = ordered.filter { $0.effectiveFrom > day }
            return (inForce.map { [($0, "in force")] } ?? []) + scheduled.map { ($0, "scheduled") }
        }

        static func factor(_ millionths: UInt32) -> String {
            let text = String(millionths + 1_000_000).dropFirst()
            return "\(millionths / 1_000_000).\(text.prefix(4))"
        }
    }

    struct Countries: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Countries, and whether they are on the exchange or paper partners.",
            discussion: "Example:\n  licit ref countries"
        )
        @OptionGroup var options: Options

        func run() async throws {
            try await self.options.show(
                { $0.countries },
                header: ["code", "name", "on the exchange"],
                row: { $0.countries.map { [$0.code, $0.name, $0.participating ? "yes" : "no (paper)"] } }
            )
        }
    }

    struct Authorities: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Competent national authorities and the conventions each administers.",
            discussion: "Example:\n  licit ref authorities --country IN"
        )
        @OptionGroup var options: Options

        func run() async throws {
            let country = self.options.country?.uppercased()
            try await self.options.show(
                { $0.authorities.filter { country == nil || $0.country == country } },
                header: ["code", "country", "name", "conventions"],
                row: { data in
                    data.authorities.filter { country == nil || $0.country == country }
                        .map { [$0.code, $0.country, $0.name, $0.conventions.joined(separator: ", ")] }
                }
            )
        }
    }

    struct Estimates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Estimates of narcotic drugs (1961) by country, substance and year, with supplementary estimates.",
            discussion: "Example:\n  licit ref estimates --country FR"
        )
        @OptionGroup var options: Options
        func run() async throws { try await ReferenceCommand.allowances(self.options, convention: "1961") }
    }

    struct Assessments: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assessments of psychotropic substances (1971) by country, substance and year.",
            discussion: "Example:\n  licit ref assessments --country FR"
        )
        @OptionGroup var options: Options
        func run() async throws { try await ReferenceCommand.allowances(self.options, convention: "1971") }
    }

    static func allowances(_ options: Options, convention: String) async throws {
        func kept(_ data: Licit_V1_ReferenceData) -> [Licit_V1_Allowance] {
            let substances = Set(data.substances.filter { $0.convention == convention }.map(\.code))
            return data.allowances.filter { substances.contains($0.substance) }
        }
        try await options.show(
            kept,
            header: ["country", "substance", "year", "initial", "supplementary", "total"],
            row: { data in
                kept(data).map { allowance in
                    [
                        allowance.country, allowance.substance, "\(allowance.year)",
                        QuantityInput.format(allowance.initialMg),
                        allowance.supplementaryMg.map(QuantityInput.format).joined(separator: " + "),
                        QuantityInput.format(allowance.initialMg + allowance.supplementaryMg.reduce(0, +)),
                    ]
                }
            }
        )
    }

    struct Prohibitions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Substances a country prohibits importing (1971 art. 13).",
            discussion: "Example:\n  licit ref prohibitions"
        )
        @OptionGroup var options: Options

        func run() async throws {
            try await self.options.show(
                { $0.prohibitions },
                header: ["country", "substance"],
                row: { $0.prohibitions.map { [$0.country, $0.substance] } }
            )
        }
    }

    struct Traders: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Your authority's registered importers and exporters.",
            discussion: "Example:\n  licit ref traders"
        )
        @OptionGroup var options: Options

        func run() async throws {
            try await self.options.show(
                { $0.traders },
                header: ["id", "name", "address", "country", "authority"],
                row: { $0.traders.map { [$0.id, $0.name, $0.address, $0.country, $0.authority] } }
            )
        }
    }
}
