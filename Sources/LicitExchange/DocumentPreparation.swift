import LicitModel
import LicitStorage

/// Turns a request into the model's document and every problem the rules find, without
/// writing anything: validate calls stop here; issue calls go on if there is no problem.
struct DocumentPreparation {
    let reader: any LedgerReader
    let reference: ReferenceSnapshot
    let account: Account
    let day: Day

    init(_ reader: any LedgerReader, account: Account, day: Day, references: ReferenceCache) throws {
        self.reader = reader
        self.reference = try references.snapshot(reader)
        self.account = account
        self.day = day
    }

    /// Who issued the document: the caller's CNA, or for a paper document the foreign CNA
    /// whose paper the caller records.
    struct Issuer {
        let authority: String
        let country: String
        let isPaper: Bool
    }

    var ownIssuer: Issuer { Issuer(authority: self.account.authority, country: self.account.country, isPaper: false) }

    struct PreparedImport {
        var ia: ImportAuthorization
        var problems: [ExchangeError]
        var country: TreatyRules.ImportingCountry
    }

    struct PreparedExport {
        var ea: ExportAuthorization
        var ia: StoredDocument?
        var exporter: Trader?
        var importer: Trader?
        var route: ConsignmentRoute
        var problems: [ExchangeError]
        var country: TreatyRules.ImportingCountry
    }

    /// An IA from its content; the issuer's CNA and country are never taken from the content.
    func importAuthorization(
        _ content: ImportAuthorizationInput,
        issuer: Issuer? = nil,
        supersedes: String? = nil
    ) throws -> PreparedImport {
        let issuer = issuer ?? self.ownIssuer
        let exporting = try self.reference.country(content.exportingCountry, field: "exporting_country")
        guard exporting.code != issuer.country else {
            throw ExchangeError(
                "same_country",
                "the exporting country must be another country than the importing one"
            )
        }
        let importer = try self.trader(
            content.importer,
            field: "importer",
            country: issuer.country,
            ownOnly: !issuer.isPaper
        )
        let exporter = try self.trader(
            content.exporter,
            field: "exporter",
            country: exporting.code,
            ownOnly: false
        )
        let lines = try InputCheck.lines(content.lines, catalogue: self.reference.catalogue, on: self.day)
        let ia = ImportAuthorization(
            number: try InputCheck.number(content.number),
            authority: issuer.authority,
            importingCountry: issuer.country,
            exportingCountry: exporting.code,
            importer: importer,
            exporter: exporter,
            lines: lines,
            period: try InputCheck.period(content.period),
            consignments: content.multipleConsignments ? .multiple : .single,
            port: try InputCheck.text(content.port, field: "port", max: 128, required: false).nilIfEmpty,
            bondedWarehouseApproved: content.bondedWarehouseApproved,
            supersedes: supersedes
        )
        let country = try self.reference.importingCountry(
            ia.importingCountry,
            year: self.day.year,
            lines: lines,
            reader: self.reader,
            viewer: self.account
        )
        let problems = TreatyRules.problemsIssuing(
            ia,
            on: self.day,
            catalogue: self.reference.catalogue.substances,
            country: country
        )
        return PreparedImport(
            ia: ia,
            problems: problems,
            country: country
        )
    }

    /// An EA of the caller's CNA against the IA it cites (or an emergency export without one).
    func exportAuthorization(
        _ content: ExportAuthorizationInput,
        issuer: Issuer? = nil
    ) throws -> PreparedExport {
        let issuer = issuer ?? self.ownIssuer
        let number = try InputCheck.number(content.number)
        let lines = try InputCheck.lines(content.lines, catalogue: self.reference.catalogue, on: self.day)
        let period = try InputCheck.period(content.period)
        if content.emergency {
            guard content.importAuthorization == nil else {
                throw ExchangeError("emergency_with_ia", "an emergency export cites no import authorization")
            }
            let importing = try self.reference.country(content.importingCountry, field: "importing_country")
            let ea = ExportAuthorization(
                number: number,
                authority: issuer.authority,
                exportingCountry: issuer.country,
                importingCountry: importing.code,
                importAuthorization: nil,
                lines: lines,
                period: period,
                toBondedWarehouse: content.toBondedWarehouse
            )
            let country = try self.reference.importingCountry(
                importing.code,
                year: self.day.year,
                lines: lines,
                reader: self.reader,
                viewer: self.account
            )
            return PreparedExport(
                ea: ea,
                ia: nil,
                exporter: try self.inlineTrader(content.exporter, country: issuer.country),
                importer: try self.inlineTrader(content.importer, country: importing.code),
                route: try self.route(content.route, between: issuer.country, and: importing.code),
                problems: TreatyRules.problemsIssuingEmergency(
                    ea,
                    catalogue: self.reference.catalogue.substances,
                    country: country
                ),
                country: country
            )
        }
        guard let cited = content.importAuthorization else {
            throw ExchangeError(
                "citation_required",
                "an export authorization cites the import authorization's number, date and authority (art. 31(4)(c))"
            )
        }
        let key = DocumentKey(authority: cited.authority, number: cited.number)
        let iaDocument = try self.reader.document(key).flatMap { document -> StoredDocument? in
            // Only an issued IA the caller may see, naming the issuer's country as the exporter,
            // can be cited; any other is as unknown as one that does not exist.
            guard case .importAuthorization(let ia) = document.body, ia.status != .draft,
                ia.exportingCountry == issuer.country, self.account.maySee(document)
            else { return nil }
            return document
        }
        var ia = iaDocument?.importAuthorization
        _ = ia?.expireIfDue(on: self.day)
        let citedOn =
            cited.issuedOn.isEmpty
            ? ia?.issuedOn : try InputCheck.day(cited.issuedOn, field: "import_authorization.issued_on")
        let ea = ExportAuthorization(
            number: number,
            authority: issuer.authority,
            exportingCountry: issuer.country,
            importingCountry: ia?.importingCountry ?? content.importingCountry,
            importAuthorization: .init(number: cited.number, issuedOn: citedOn ?? self.day, authority: cited.authority),
            lines: lines,
            period: period,
            toBondedWarehouse: content.toBondedWarehouse
        )
        let country = try self.reference.importingCountry(
            ea.importingCountry,
            year: ia?.issuedOn?.year ?? self.day.year,
            lines: lines,
            reader: self.reader,
            viewer: self.account
        )
        let problems = TreatyRules.problemsIssuing(
            ea,
            against: ia,
            totals: iaDocument?.annotations.exports ?? ExportTotals(lines: ia?.lines.count ?? 0),
            on: self.day,
            catalogue: self.reference.catalogue.substances,
            country: country
        )
        return PreparedExport(
            ea: ea,
            ia: iaDocument,
            // The exporter the EA names (one the issuing CNA registered, or a foreign one inline for a
            // paper EA); without one, the exporter the IA named.
            exporter: try self.exporter(content.exporter, issuer: issuer) ?? ia?.exporter,
            importer: ia?.importer,
            route: try self.route(content.route, between: issuer.country, and: ea.importingCountry),
            problems: problems,
            country: country
        )
    }

    /// The exporter an EA names, if it names one: a trader the issuing CNA registered, or for a
    /// paper EA (a foreign issuer) one given inline.
    private func exporter(_ input: TraderInput, issuer: Issuer) throws -> Trader? {
        guard !input.id.isEmpty || !input.name.isEmpty || !input.address.isEmpty else { return nil }
        return try self.trader(input, field: "exporter", country: issuer.country, ownOnly: !issuer.isPaper)
    }

    /// The route an EA states, checked: short texts, and transit countries the exchange knows
    /// other than the two the consignment leaves and enters.
    private func route(
        _ input: ConsignmentRoute,
        between exporting: String,
        and importing: String
    ) throws
        -> ConsignmentRoute
    {
        var route = ConsignmentRoute()
        route.portOfExit = try InputCheck.text(input.portOfExit, field: "port_of_exit", max: 128, required: false)
        route.portOfEntry = try InputCheck.text(input.portOfEntry, field: "port_of_entry", max: 128, required: false)
        route.carrier = try InputCheck.text(input.carrier, field: "carrier", max: 256, required: false)
        guard input.transitCountries.count <= 10 else {
            throw ExchangeError("field_too_long", "transit_countries: at most 10 countries")
        }
        for code in input.transitCountries {
            let country = try self.reference.country(code, field: "transit_countries")
            guard country.code != exporting, country.code != importing else {
                throw ExchangeError(
                    "invalid_country",
                    "transit_countries: \(code) is the exporting or importing country, not a transit country"
                )
            }
            route.transitCountries.append(country.code)
        }
        return route
    }

    /// A trader by registered id, or given inline (name, address) for a foreign one.
    private func trader(
        _ trader: TraderInput,
        field: String,
        country: String,
        ownOnly: Bool
    ) throws -> Trader {
        if !trader.id.isEmpty {
            guard let registered = try self.reader.trader(id: trader.id), registered.trader.country == country,
                !ownOnly || registered.authority == self.account.authority
            else {
                throw ExchangeError(
                    "unknown_trader",
                    "\(field): no trader \(trader.id) of \(country) is registered\(ownOnly ? " by your CNA" : "")"
                )
            }
            return registered.named
        }
        if ownOnly {
            throw ExchangeError("unknown_trader", "\(field): give the id of a trader your CNA registered")
        }
        guard let inline = try self.inlineTrader(trader, country: country, field: field) else {
            throw ExchangeError("missing_field", "\(field): give the trader's name and address")
        }
        return inline
    }

    private func inlineTrader(_ trader: TraderInput, country: String, field: String = "trader") throws -> Trader? {
        if trader.name.isEmpty && trader.id.isEmpty { return nil }
        if !trader.id.isEmpty, let registered = try self.reader.trader(id: trader.id) { return registered.named }
        return Trader(
            name: try InputCheck.text(trader.name, field: "\(field).name", max: 256),
            address: try InputCheck.text(trader.address, field: "\(field).address", max: 512),
            country: country
        )
    }
}

extension StoredDocument {
    var importAuthorization: ImportAuthorization? {
        if case .importAuthorization(let ia) = self.body { return ia }
        return nil
    }

    var exportAuthorization: ExportAuthorization? {
        if case .exportAuthorization(let ea) = self.body { return ea }
        return nil
    }
}

extension String {
    /// Nil for the empty string, as optional request fields are given.
    public var nilIfEmpty: String? { self.isEmpty ? nil : self }
}

extension ExchangeError.Reason {
    /// Problems a signer may accept by recording a justification the Board sees.
    var isOverridable: Bool { self == .overEstimate || self == .overAssessment }
}
