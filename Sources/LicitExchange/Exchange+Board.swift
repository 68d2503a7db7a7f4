import LicitModel
import LicitStorage

/// The Board's views of the whole exchange: trade flows, oversight lists, estimates nearly
/// used up, paper partners; and the statistical returns, for the Board and each country's CNAs.
extension Exchange {
    /// EAs added up by exporting country, importing country, substance and status.
    public struct TradeFlow: Sendable, Hashable {
        public let exportingCountry: String
        public let importingCountry: String
        public let substance: String
        public let status: String
        public var exportAuthorizations = 0
        public var authorizedMilligrams: Int64 = 0
        /// Actually exported: the quantity recorded as short, else the authorized.
        public var exportedMilligrams: Int64 = 0
        /// Endorsed as received.
        public var importedMilligrams: Int64 = 0
    }

    /// Which EAs a trade-flow view adds up; empty fields match everything.
    public struct TradeFlowFilter: Sendable {
        public var exportingCountry = ""
        public var importingCountry = ""
        public var substance = ""
        public var status = ""
        public var issuedFrom: Day?
        public var issuedTo: Day?

        public init() {}
    }

    public func tradeFlows(_ filter: TradeFlowFilter) async throws -> [TradeFlow] {
        var query = DocumentQuery(visibleTo: nil)
        query.kind = .exportAuthorization
        query.substance = filter.substance.nilIfEmpty
        query.statuses = filter.status.nilIfEmpty.map { [$0] }
        query.issuedFrom = filter.issuedFrom
        query.issuedTo = filter.issuedTo
        let finalQuery = query
        let exports = try await self.storage.read { try $0.scan(finalQuery) }.compactMap(\.exportAuthorization)
        var flows: [[String]: TradeFlow] = [:]
        for export in exports {
            guard filter.exportingCountry.isEmpty || export.exportingCountry == filter.exportingCountry,
                filter.importingCountry.isEmpty || export.importingCountry == filter.importingCountry
            else { continue }
            for (index, line) in export.lines.enumerated()
            where filter.substance.isEmpty || line.substance == filter.substance {
                let key = [export.exportingCountry, export.importingCountry, line.substance, export.status.rawValue]
                var flow =
                    flows[key]
                    ?? TradeFlow(exportingCountry: key[0], importingCountry: key[1], substance: key[2], status: key[3])
                flow.exportAuthorizations += 1
                flow.authorizedMilligrams += line.base.milligrams
                flow.exportedMilligrams += export.status == .cancelled ? 0 : export.committed[index].milligrams
                flow.importedMilligrams += export.imported?[index].milligrams ?? 0
                flows[key] = flow
            }
        }
        return flows.values.sorted {
            ($0.exportingCountry, $0.importingCountry, $0.substance, $0.status)
                < ($1.exportingCountry, $1.importingCountry, $1.substance, $1.status)
        }
    }

    /// The Board's lists of documents that need its eye.
    public enum OversightKind: Sendable {
        /// Issued over an estimate or assessment, with the justification.
        case overrides
        /// Emergency exports without an import authorization, with the justification.
        case emergencyExports
        /// EAs whose period is over and that no endorsement has come back for.
        case overdueEndorsements
        /// Cancelled (with the reason) or superseded (with the successor).
        case withdrawn
    }

    public struct OversightEntry: Sendable {
        public let document: StoredDocument
        public let note: String
        public let daysOverdue: Int
    }

    /// One page of an oversight list, newest first, within `query` (its limit is the page size),
    /// and the page token of the next page (empty on the last).
    public func oversight(
        _ kind: OversightKind,
        within query: DocumentQuery
    ) async throws -> (
        entries: [OversightEntry], nextPageToken: String
    ) {
        let day = self.moment.day
        let limit = query.limit
        var query = query
        query.visibleTo = nil
        let finalQuery = query
        let found = try await self.storage.read { reader in
            var found: [OversightEntry] = []
            try reader.scan(finalQuery) { document in
                if let entry = Self.oversightNote(kind, document, on: day) {
                    found.append(OversightEntry(document: document, note: entry.note, daysOverdue: entry.daysOverdue))
                }
                return found.count < limit
            }
            return found
        }
        return (found, found.count == limit ? "\(found.last!.document.sequence)" : "")
    }

    private static func oversightNote(
        _ kind: OversightKind,
        _ document: StoredDocument,
        on day: Day
    ) -> (note: String, daysOverdue: Int)? {
        switch kind {
        case .overrides:
            return document.annotations.overrideJustification.nilIfEmpty.map { ($0, 0) }
        case .emergencyExports:
            guard let export = document.exportAuthorization, export.isEmergency else { return nil }
            return (document.annotations.emergencyJustification, 0)
        case .overdueEndorsements:
            guard let export = document.exportAuthorization, export.endorsementOverdue(on: day) else { return nil }
            return ("", day.ordinal - export.period.last.ordinal)
        case .withdrawn:
            if let ia = document.importAuthorization, ia.status == .superseded {
                return ("superseded by \(ia.supersededBy ?? "")", 0)
            }
            guard document.body.status == "cancelled" else { return nil }
            let reason =
                document.exportAuthorization?.cancellationReason ?? document.importAuthorization?.cancellationReason
            return (reason ?? "", 0)
        }
    }

    /// A country's estimate or assessment, used to at least a threshold.
    public struct EstimateWatchEntry: Sendable {
        public let figures: BalanceFigures
        /// (authorized not used + imported) / limit, in percent, rounded down.
        public let usedPercent: Int64
    }

    /// Every estimate or assessment of `year` used to `thresholdPercent` or more, the most used first.
    public func estimateWatch(
        year: Int?,
        thresholdPercent: Int64,
        substance: String?
    ) async throws
        -> [EstimateWatchEntry]
    {
        let year = year ?? self.moment.day.year
        return try await self.storage.read { reader in
            let catalogue = Catalogue(try reader.substances())
            let usages = try reader.usages(country: nil, year: year)
            var entries: [EstimateWatchEntry] = []
            for allowance in try reader.allowances(country: nil) where allowance.year == year {
                guard substance == nil || allowance.substance == substance else { continue }
                let key = UsageKey(country: allowance.country, substance: allowance.substance, year: year)
                let usage = usages[key] ?? .zero
                let used = usage.authorizedNotUsed + usage.imported
                let limit = allowance.total.milligrams
                let percent = limit == 0 ? (used > 0 ? Int64(UInt32.max) : 0) : used * 100 / limit
                guard percent >= thresholdPercent else { continue }
                let figures = BalanceFigures(
                    key: key,
                    usage: usage,
                    allowance: allowance,
                    convention: catalogue[allowance.substance]?.convention
                )
                entries.append(EstimateWatchEntry(figures: figures, usedPercent: percent))
            }
            return entries.sorted {
                ($1.usedPercent, $0.figures.key.country) < ($0.usedPercent, $1.figures.key.country)
            }
        }
    }

    /// A country not on the exchange, and the paper documents recorded with it.
    public struct PaperPartner: Sendable {
        public let country: String
        public let name: String
        public var documents = 0
        /// ISO date; empty when none says when it was issued.
        public var lastIssuedOn = ""
    }

    public func paperPartners() async throws -> [PaperPartner] {
        try await self.storage.read { reader in
            let countries = try reader.countries().filter { !$0.participating }
            let names = Dictionary(countries.map { ($0.code, $0.name) }, uniquingKeysWith: { $1 })
            var partners: [String: PaperPartner] = [:]
            try reader.scan(DocumentQuery(visibleTo: nil)) { document in
                guard document.annotations.isPaper else { return true }
                for country in [document.issuingCountry, document.counterpartCountry] where names[country] != nil {
                    var partner = partners[country] ?? PaperPartner(country: country, name: names[country] ?? "")
                    partner.documents += 1
                    let issued = document.annotations.issuedOn?.description ?? ""
                    if issued > partner.lastIssuedOn { partner.lastIssuedOn = issued }
                    partners[country] = partner
                }
                return true
            }
            return partners.values.sorted { $0.country < $1.country }
        }
    }

    /// A country's statistical return (form A, A/P, C or P) for a year or a quarter: its own
    /// country's for a CNA, any for the Board.
    public func statisticalReturn(
        country requested: String,
        form: String,
        year: Int,
        quarter: Int?,
        by caller: Caller
    ) async throws -> StatisticalReturn {
        let country = try await self.country(requested, of: caller, for: "returns", action: "return.get")
        guard let form = ReturnForm(rawValue: form) else {
            throw ExchangeError("invalid_form", "form must be A, A/P, C or P")
        }
        guard (1...9999).contains(year) else {
            throw ExchangeError(
                "invalid_period",
                "give the year of the return, from 1 to 9999 (year \(year) was asked for)"
            )
        }
        guard let period = form.period(year: year, quarter: quarter) else {
            throw ExchangeError(
                "invalid_period",
                form.isQuarterly
                    ? "form \(form.rawValue) is quarterly: give a quarter from 1 to 4"
                    : "form \(form.rawValue) is annual: give no quarter"
            )
        }
        return try await self.storage.read { reader in
            try reader.statisticalReturn(of: country, form, period, catalogue: Catalogue(try reader.substances()))
        }
    }
}

extension LedgerReader {
    /// A country's return for a form and period, from every EA it exported or imported under.
    func statisticalReturn(
        of country: String,
        _ form: ReturnForm,
        _ period: Period,
        catalogue: Catalogue
    ) throws -> StatisticalReturn {
        var query = DocumentQuery(visibleTo: nil)
        query.kind = .exportAuthorization
        query.country = country
        let records = try self.scan(query).compactMap { document in
            document.exportAuthorization.map {
                TradeRecord(
                    reference: DocumentReference(authority: document.key.authority, number: document.key.number),
                    export: $0,
                    issuedOn: document.annotations.issuedOn,
                    endorsedOn: document.annotations.endorsedOn,
                    exportedOn: document.annotations.exportedOn
                )
            }
        }
        return StatisticalReturn(form: form, country: country, period: period, records: records, catalogue: catalogue)
    }

    /// Every document matching `query`, newest first, in pages; `body` returns false to stop.
    func scan(_ query: DocumentQuery, _ body: (StoredDocument) throws -> Bool) throws {
        var page = query
        page.limit = 1000
        while true {
            let documents = try self.documents(page)
            for document in documents where try !body(document) { return }
            guard documents.count == page.limit, let last = documents.last else { return }
            page.before = last.sequence
        }
    }

    /// Every document matching `query`.
    func scan(_ query: DocumentQuery) throws -> [StoredDocument] {
        var all: [StoredDocument] = []
        try self.scan(query) { document in
            all.append(document)
            return true
        }
        return all
    }
}
