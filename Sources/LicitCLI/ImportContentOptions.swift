import ArgumentParser
import LicitClient
import LicitWire

/// What an officer states on an IA, as flags (and the console's IA form). Unset flags leave the
/// content as it is, so `amend` changes only what is given.
package struct ImportContentOptions: ParsableArguments {
    package init() {}

    @Option(name: .long, help: "The IA's number, unique for your authority.")
    var number: String?

    @Option(name: .long, help: ArgumentHelp("ISO country code of the exporting country.", valueName: "code"))
    var exportingCountry: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Your registered importer's id (see `licit ref traders`).", valueName: "id")
    )
    var importer: String?

    @Option(name: .long, help: "The foreign exporter's name.")
    var exporterName: String?

    @Option(name: .long, help: "The foreign exporter's address.")
    var exporterAddress: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A substance line, FORM=QUANTITY with kg, g or mg (repeat for several); the form by code or name.",
            valueName: "form=quantity"
        ),
        completion: .custom { _, _, prefix in CatalogueNames.completions(prefix) }
    )
    var line: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp("First day of the import period (default: today).", valueName: "yyyy-mm-dd")
    )
    var from: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Last day of the import period (default: 90 days on).", valueName: "yyyy-mm-dd")
    )
    var to: String?

    @Flag(name: .long, help: "Allow only one consignment (one EA).")
    var singleConsignment = false

    @Option(name: .long, help: "The port of entry.")
    var port: String?

    @Flag(name: .long, help: "Certify approval of import into a bonded warehouse (1971 art. 12(3)(c)).")
    var bondedWarehouse = false

    /// Applies the given flags over `content`; a new IA gets defaults for its period.
    /// - Parameter today: the exchange's day, where a new IA's period starts by default.
    package func apply(
        to content: inout Licit_V1_ImportAuthorizationContent,
        catalogue: CatalogueNames,
        isNew: Bool,
        today: String
    ) throws {
        if let number { content.number = number }
        if let exportingCountry { content.exportingCountry = exportingCountry.uppercased() }
        if let importer { content.importer = .with { $0.id = importer } }
        if let exporterName { content.exporter.name = exporterName }
        if let exporterAddress { content.exporter.address = exporterAddress }
        if !self.line.isEmpty { content.lines = try self.line.map(catalogue.line) }
        if let from { content.period.first = try DayInput.check(from, "--from") }
        if let to { content.period.last = try DayInput.check(to, "--to") }
        if isNew {
            if content.period.first.isEmpty { content.period.first = today }
            if content.period.last.isEmpty {
                content.period.last = CalendarDay.adding(days: 90, to: content.period.first)
            }
            content.multipleConsignments = !self.singleConsignment
        } else if self.singleConsignment {
            content.multipleConsignments = false
        }
        if let port { content.port = port }
        if self.bondedWarehouse { content.bondedWarehouseApproved = true }
        guard !content.number.isEmpty else { throw CLIError.usage("give the IA's --number") }
        guard !content.lines.isEmpty else {
            throw CLIError.usage(
                "give at least one --line FORM=QUANTITY",
                hint: "e.g. --line MORPHINE-SULFATE-PENTAHYDRATE=25kg"
            )
        }
    }
}
