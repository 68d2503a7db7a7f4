import Foundation
import LicitExchange
import LicitModel
import LicitStorage
import LicitWire

/// Conversions between the wire's messages and the exchange's values, both ways. Requests
/// become inputs unchecked: the exchange checks them (``InputCheck``).
enum WireModel {
    static func line(_ line: AuthorizationLine) -> Licit_V1_Line {
        .with {
            $0.substance = line.substance
            $0.form = line.form
            $0.tradedMg = line.traded.milligrams
            $0.baseMg = line.base.milligrams
        }
    }

    static func trader(_ trader: Trader, id: String? = nil, authority: String = "") -> Licit_V1_Trader {
        .with {
            $0.id = id ?? trader.registeredID ?? ""
            $0.name = trader.name
            $0.address = trader.address
            $0.country = trader.country
            $0.authority = authority
        }
    }

    static func wirePeriod(_ period: Period) -> Licit_V1_Period {
        .with {
            $0.first = period.first.description
            $0.last = period.last.description
        }
    }

    static func kind(_ kind: DocumentKind) -> Licit_V1_DocumentKind {
        kind == .importAuthorization ? .importAuthorization : .exportAuthorization
    }

    /// The content message of an IA, as sealed when issued.
    static func content(
        _ ia: ImportAuthorization,
        signer: String
    ) -> Licit_V1_ImportAuthorizationContent {
        .with {
            $0.number = ia.number
            $0.authority = ia.authority
            $0.importingCountry = ia.importingCountry
            $0.exportingCountry = ia.exportingCountry
            $0.importer = Self.trader(ia.importer)
            $0.exporter = Self.trader(ia.exporter)
            $0.lines = ia.lines.map(Self.line)
            $0.period = Self.wirePeriod(ia.period)
            $0.multipleConsignments = ia.consignments == .multiple
            $0.port = ia.port ?? ""
            $0.bondedWarehouseApproved = ia.bondedWarehouseApproved
            $0.supersedes = ia.supersedes ?? ""
            $0.issuedOn = ia.issuedOn?.description ?? ""
            $0.signedBy = signer
        }
    }

    static func content(
        _ ea: ExportAuthorization,
        exporter: Trader?,
        importer: Trader?,
        issuedOn: Day?,
        route: ConsignmentRoute,
        signer: String
    ) -> Licit_V1_ExportAuthorizationContent {
        .with {
            $0.number = ea.number
            $0.authority = ea.authority
            $0.exportingCountry = ea.exportingCountry
            $0.importingCountry = ea.importingCountry
            if let citation = ea.importAuthorization {
                $0.importAuthorization = .with {
                    $0.number = citation.number
                    $0.issuedOn = citation.issuedOn.description
                    $0.authority = citation.authority
                }
            }
            $0.lines = ea.lines.map(Self.line)
            $0.period = Self.wirePeriod(ea.period)
            $0.toBondedWarehouse = ea.toBondedWarehouse
            if let exporter { $0.exporter = Self.trader(exporter) }
            if let importer { $0.importer = Self.trader(importer) }
            $0.issuedOn = issuedOn?.description ?? ""
            $0.emergency = ea.isEmergency
            $0.portOfExit = route.portOfExit
            $0.portOfEntry = route.portOfEntry
            $0.transitCountries = route.transitCountries
            $0.carrier = route.carrier
            $0.signedBy = signer
        }
    }

    /// A stored document as the wire shows it, with its status as of `day`.
    static func document(_ stored: StoredDocument, on day: Day) -> Licit_V1_Document {
        .with {
            $0.kind = Self.kind(stored.kind)
            $0.content = stored.content
            $0.seal = stored.seal
            $0.state = Self.state(stored, on: day)
        }
    }

    static func state(_ stored: StoredDocument, on day: Day) -> Licit_V1_DocumentState {
        var state = Licit_V1_DocumentState()
        state.status = stored.body.status
        let notes = stored.annotations
        state.overrideJustification = notes.overrideJustification
        state.emergencyJustification = notes.emergencyJustification
        state.paper = notes.isPaper
        state.recordedBy = notes.recordedBy
        state.scanSha256 = notes.scanSHA256
        state.counterpartAuthority = notes.counterpartAuthority
        state.endorsementScanSha256 = notes.endorsementScanSHA256 ?? ""
        state.endorsedOn = notes.endorsedOn?.description ?? ""
        state.committedMg = notes.exports?.committed ?? []
        switch stored.body {
        case .importAuthorization(let ia):
            state.cancellationReason = ia.cancellationReason ?? ""
            state.supersededBy = ia.supersededBy ?? ""
        case .exportAuthorization(let ea):
            state.cancellationReason = ea.cancellationReason ?? ""
            state.exportedMg = ea.exported?.map(\.milligrams) ?? []
            state.importedMg = ea.imported?.map(\.milligrams) ?? []
            state.endorsementOverdue = ea.endorsementOverdue(on: day)
        }
        return state
    }

    static func balance(_ figures: BalanceFigures) -> Licit_V1_Balance {
        let balance = figures.balance
        return .with {
            $0.country = figures.key.country
            $0.substance = figures.key.substance
            $0.year = UInt32(figures.key.year)
            $0.limited = balance.limit != nil
            $0.limitKind =
                balance.limit == nil ? "" : (figures.convention == .psychotropic1971 ? "assessment" : "estimate")
            $0.limitMg = balance.limit?.milligrams ?? 0
            $0.authorizedNotUsedMg = figures.usage.authorizedNotUsed
            $0.importedMg = figures.usage.imported
            $0.remainingMg = balance.remaining?.milligrams ?? 0
        }
    }

    static func problem(_ problem: ExchangeError) -> Licit_V1_Problem {
        .with {
            $0.reason = problem.reason.code
            $0.message = problem.message
            $0.facts = problem.details
        }
    }

    // MARK: Requests as the exchange's inputs

    /// A query's issued-on bounds, from ISO dates (empty: unbounded).
    static func dates(_ query: inout DocumentQuery, from: String, to: String) throws {
        if !from.isEmpty { query.issuedFrom = try InputCheck.day(from, field: "issued_from") }
        if !to.isEmpty { query.issuedTo = try InputCheck.day(to, field: "issued_to") }
    }

    /// Where a page starts: after the sequence a previous page's token names (empty: the first page).
    static func pageToken(_ token: String) throws -> Int64? {
        guard !token.isEmpty else { return nil }
        guard let before = Int64(token), before > 0 else {
            throw ExchangeError("invalid_page_token", "page_token must come from a previous next_page_token")
        }
        return before
    }

    static func input(_ content: Licit_V1_ImportAuthorizationContent) -> ImportAuthorizationInput {
        var input = ImportAuthorizationInput()
        input.number = content.number
        input.authority = content.authority
        input.importingCountry = content.importingCountry
        input.exportingCountry = content.exportingCountry
        input.importer = Self.input(content.importer)
        input.exporter = Self.input(content.exporter)
        input.lines = content.lines.map(Self.input)
        input.period = Self.input(content.period)
        input.multipleConsignments = content.multipleConsignments
        input.port = content.port
        input.bondedWarehouseApproved = content.bondedWarehouseApproved
        input.supersedes = content.supersedes
        input.issuedOn = content.issuedOn
        return input
    }

    static func input(_ content: Licit_V1_ExportAuthorizationContent) -> ExportAuthorizationInput {
        var input = ExportAuthorizationInput()
        input.number = content.number
        input.authority = content.authority
        input.exportingCountry = content.exportingCountry
        input.importingCountry = content.importingCountry
        if content.hasImportAuthorization {
            let cited = content.importAuthorization
            input.importAuthorization = CitationInput(
                number: cited.number,
                issuedOn: cited.issuedOn,
                authority: cited.authority
            )
        }
        input.lines = content.lines.map(Self.input)
        input.period = Self.input(content.period)
        input.toBondedWarehouse = content.toBondedWarehouse
        input.exporter = Self.input(content.exporter)
        input.importer = Self.input(content.importer)
        input.emergency = content.emergency
        input.issuedOn = content.issuedOn
        input.route.portOfExit = content.portOfExit
        input.route.portOfEntry = content.portOfEntry
        input.route.transitCountries = content.transitCountries
        input.route.carrier = content.carrier
        return input
    }

    static func input(_ trader: Licit_V1_Trader) -> TraderInput {
        TraderInput(id: trader.id, name: trader.name, address: trader.address)
    }

    static func input(_ line: Licit_V1_Line) -> LineInput {
        LineInput(form: line.form, tradedMilligrams: line.tradedMg)
    }

    static func input(_ period: Licit_V1_Period) -> PeriodInput {
        PeriodInput(first: period.first, last: period.last)
    }
}

/// Documents' contents as the protocol writes them: serialized licit.v1 content messages.
struct WireContents: DocumentContentCodec {
    func content(of ia: ImportAuthorization, signer: String) throws -> Data {
        try WireModel.content(ia, signer: signer).serializedData()
    }

    func content(
        of ea: ExportAuthorization,
        exporter: Trader?,
        importer: Trader?,
        issuedOn: Day?,
        route: ConsignmentRoute,
        signer: String
    ) throws -> Data {
        try WireModel.content(
            ea,
            exporter: exporter,
            importer: importer,
            issuedOn: issuedOn,
            route: route,
            signer: signer
        ).serializedData()
    }

    func importInput(fromDraft content: Data) throws -> ImportAuthorizationInput {
        WireModel.input(try Licit_V1_ImportAuthorizationContent(serializedBytes: content))
    }
}
