import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// What an officer states on an EA, as flags (`licit ea validate|issue`, and the console's EA form).
package struct ExportContentOptions: ParsableArguments {
    package init() {}

    @Option(name: .long, help: "The EA's number, unique for your authority.")
    var number: String?

    @Option(name: .long, help: ArgumentHelp("The IA it answers, AUTHORITY/NUMBER.", valueName: "document"))
    var ia: String?

    @Option(
        name: .long,
        help: ArgumentHelp("A substance line, FORM=QUANTITY (repeat for several).", valueName: "form=quantity"),
        completion: .custom { _, _, prefix in CatalogueNames.completions(prefix) }
    )
    var line: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp("First day of the export period (default: today).", valueName: "yyyy-mm-dd")
    )
    var from: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Last day of the export period (default: the IA's last day, or 30 days on).",
            valueName: "yyyy-mm-dd"
        )
    )
    var to: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Your registered exporter's id (default: the exporter the IA names).", valueName: "id")
    )
    var exporter: String?

    @Option(name: .long, help: "The port or place the consignment leaves your country by.")
    var portOfExit: String?

    @Option(name: .long, help: "The port or place it enters the importing country by.")
    var portOfEntry: String?

    @Option(
        name: .long,
        help: ArgumentHelp("A country the consignment crosses, in order (repeat for several).", valueName: "code")
    )
    var transit: [String] = []

    @Option(name: .long, help: "The carrier, where known.")
    var carrier: String?

    @Flag(name: .long, help: "The consignment goes to a bonded warehouse.")
    var bondedWarehouse = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "An emergency export without an IA, for this reason (the Board is told).",
            valueName: "justification"
        )
    )
    var emergency: String?

    @Option(name: .long, help: ArgumentHelp("The importing country of an emergency export.", valueName: "code"))
    var importingCountry: String?

    /// The EA content: the cited IA's number, date and authority filled in from the exchange.
    /// - Parameter known: the catalogue already fetched (bulk issues fetch it once).
    package func content(
        client: LicitClient,
        catalogue known: CatalogueNames? = nil
    ) async throws
        -> Licit_V1_ExportAuthorizationContent
    {
        let me = try await client.recognisedAccount()
        let catalogue: CatalogueNames
        if let known {
            catalogue = known
        } else {
            catalogue = CatalogueNames(try await client.reference(country: me.country).substances)
            catalogue.remember()
        }
        guard !self.line.isEmpty else {
            throw CLIError.usage(
                "give at least one --line FORM=QUANTITY",
                hint: "e.g. --line MORPHINE-SULFATE-PENTAHYDRATE=10kg"
            )
        }
        guard let number = self.number else { throw CLIError.usage("give the EA's --number") }
        var content = Licit_V1_ExportAuthorizationContent.with {
            $0.number = number
            $0.toBondedWarehouse = self.bondedWarehouse
        }
        content.lines = try self.line.map(catalogue.line)
        var lastDay = ""
        if let ia = self.ia {
            guard self.emergency == nil else {
                throw CLIError.usage("an emergency export cites no IA: drop --ia or --emergency")
            }
            let name = try DocumentName(ia, defaultAuthority: "")
            guard !name.authority.isEmpty else {
                throw CLIError.usage("--ia needs AUTHORITY/NUMBER, e.g. FR-ANSM/IA-001")
            }
            guard
                let cited = try await client.document(authority: name.authority, number: name.number)
                    .importAuthorization
            else {
                throw CLIError(.rejected, "\(name) is not an import authorization")
            }
            content.importAuthorization = .with {
                $0.number = cited.number
                $0.issuedOn = cited.issuedOn
                $0.authority = cited.authority
            }
            content.importingCountry = cited.importingCountry
            content.importer = cited.importer
            lastDay = cited.period.last
        } else if self.emergency != nil {
            guard let importingCountry else {
                throw CLIError.usage("an emergency export needs --importing-country")
            }
            content.emergency = true
            content.importingCountry = importingCountry.uppercased()
        } else {
            throw CLIError.usage(
                "give --ia AUTHORITY/NUMBER (the IA this EA answers)",
                hint: "or --emergency \"why\" for an emergency export"
            )
        }
        if let exporter { content.exporter = .with { $0.id = exporter } }
        content.portOfExit = self.portOfExit ?? ""
        content.portOfEntry = self.portOfEntry ?? ""
        content.transitCountries = self.transit.map { $0.uppercased() }
        content.carrier = self.carrier ?? ""
        let today = CalendarDay.format(try await client.exchangeTime())
        content.period.first = try self.from.map { try DayInput.check($0, "--from") } ?? today
        content.period.last =
            try self.to.map { try DayInput.check($0, "--to") }
            ?? (lastDay.isEmpty ? CalendarDay.adding(days: 30, to: content.period.first) : lastDay)
        return content
    }
}
