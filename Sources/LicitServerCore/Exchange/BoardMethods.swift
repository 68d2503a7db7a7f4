import Foundation
import LicitModel
import LicitStorage
import LicitWire

/// `licit.v1.Board`: the Board's oversight queries, and the statistical returns.
struct BoardMethods: Sendable {
    let exchange: ExchangeContext

    static let board: Set<Role> = [.boardAdmin, .boardObserver]
    static let returnReaders: Set<Role> = [.boardAdmin, .boardObserver, .countryAdmin, .officer, .signer, .viewer]

    var handlers: [MethodHandler] {
        typealias Method = LicitMethod.Board
        return [
            .read(Method.tradeFlows, Self.board, self.tradeFlows),
            .read(Method.listOversight, Self.board, self.listOversight),
            .read(Method.estimateWatch, Self.board, self.estimateWatch),
            .read(Method.paperPartners, Self.board, self.paperPartners),
            .read(Method.getReturn, Self.returnReaders, self.getReturn),
            .read(Method.getCallCounters, Self.board) { (_, _: Licit_V1_CallCountersRequest) in
                Licit_V1_CallCountersResponse.with {
                    $0.methods = self.exchange.tally.snapshot.sorted { $0.key < $1.key }.map { method, counts in
                        .with {
                            $0.method = method
                            $0.byStatus = counts
                        }
                    }
                }
            },
        ]
    }

    // MARK: Trade flows

    @Sendable private func tradeFlows(
        _ context: CallContext,
        _ request: Licit_V1_TradeFlowsRequest
    ) async throws -> Licit_V1_TradeFlowsResponse {
        var query = DocumentQuery(visibleTo: nil)
        query.kind = .exportAuthorization
        query.substance = request.substance.nilIfEmpty
        query.statuses = request.status.nilIfEmpty.map { [$0] }
        query.issuedFrom = try request.issuedFrom.nilIfEmpty.map { try WireModel.day($0, field: "issued_from") }
        query.issuedTo = try request.issuedTo.nilIfEmpty.map { try WireModel.day($0, field: "issued_to") }
        let finalQuery = query
        let exports = try await self.exchange.storage.read { try $0.scan(finalQuery) }.compactMap(\.exportAuthorization)
        struct Key: Hashable {
            let from: String
            let to: String
            let substance: String
            let status: String
        }
        var flows: [Key: Licit_V1_TradeFlow] = [:]
        for export in exports {
            guard request.exportingCountry.isEmpty || export.exportingCountry == request.exportingCountry,
                request.importingCountry.isEmpty || export.importingCountry == request.importingCountry
            else { continue }
            for (index, line) in export.lines.enumerated()
            where request.substance.isEmpty || line.substance == request.substance {
                let key = Key(
                    from: export.exportingCountry,
                    to: export.importingCountry,
                    substance: line.substance,
                    status: export.status.rawValue
                )
                var flow =
                    flows[key]
                    ?? .with {
                        $0.exportingCountry = key.from
                        $0.importingCountry = key.to
                        $0.substance = key.substance
                        $0.status = key.status
                    }
                flow.exportAuthorizations += 1
                flow.authorizedMg += line.base.milligrams
                flow.exportedMg += export.status == .cancelled ? 0 : export.committed[index].milligrams
                flow.importedMg += export.imported?[index].milligrams ?? 0
                flows[key] = flow
            }
        }
        return .with {
            $0.flows = flows.values.sorted {
                ($0.exportingCountry, $0.importingCountry, $0.substance, $0.status)
                    < ($1.exportingCountry, $1.importingCountry, $1.substance, $1.status)
            }
        }
    }

    // MARK: Oversight lists

    @Sendable private func listOversight(
        _ context: CallContext,
        _ request: Licit_V1_OversightRequest
    ) async throws -> Licit_V1_OversightResponse {
        var query = DocumentQuery(visibleTo: nil)
        query.country = request.country.nilIfEmpty
        query.issuedFrom = try request.issuedFrom.nilIfEmpty.map { try WireModel.day($0, field: "issued_from") }
        query.issuedTo = try request.issuedTo.nilIfEmpty.map { try WireModel.day($0, field: "issued_to") }
        if !request.pageToken.isEmpty {
            guard let before = Int64(request.pageToken), before > 0 else {
                throw ExchangeError("invalid_page_token", "page_token must come from a previous next_page_token")
            }
            query.before = before
        }
        let day = self.exchange.moment.day
        let kind = request.kind
        let note: @Sendable (StoredDocument) -> (note: String, daysOverdue: Int)? = { document in
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
                if document.body.status == "cancelled" {
                    return (
                        document.exportAuthorization?.cancellationReason ?? document.importAuthorization?
                            .cancellationReason ?? "", 0
                    )
                }
                return nil
            default:
                return nil
            }
        }
        guard kind != .unspecified, case .some = Licit_V1_OversightKind(rawValue: kind.rawValue) else {
            throw ExchangeError("missing_field", "give the oversight kind")
        }
        let limit = request.pageSize == 0 ? 100 : Int(min(request.pageSize, 500))
        let finalQuery = query
        let found = try await self.exchange.storage.read { reader in
            var found: [(StoredDocument, String, Int)] = []
            try reader.scan(finalQuery) { document in
                if let entry = note(document) { found.append((document, entry.note, entry.daysOverdue)) }
                return found.count < limit
            }
            return found
        }
        return .with {
            $0.entries = found.map { document, note, days in
                .with {
                    $0.document = WireModel.document(document, on: day)
                    $0.note = note
                    $0.daysOverdue = UInt32(clamping: days)
                }
            }
            $0.nextPageToken = found.count == limit ? "\(found.last!.0.sequence)" : ""
        }
    }

    // MARK: Estimates

    @Sendable private func estimateWatch(
        _ context: CallContext,
        _ request: Licit_V1_EstimateWatchRequest
    ) async throws -> Licit_V1_EstimateWatchResponse {
        let year = request.year == 0 ? self.exchange.moment.day.year : Int(request.year)
        let threshold = Int64(request.thresholdPercent == 0 ? 90 : request.thresholdPercent)
        let substance = request.substance.nilIfEmpty
        return try await self.exchange.storage.read { reader in
            let catalogue = Catalogue(try reader.substances())
            let usages = try reader.usages(country: nil, year: year)
            var entries: [Licit_V1_EstimateWatchEntry] = []
            for allowance in try reader.allowances(country: nil) where allowance.year == year {
                guard substance == nil || allowance.substance == substance else { continue }
                let key = UsageKey(country: allowance.country, substance: allowance.substance, year: year)
                let usage = usages[key] ?? .zero
                let used = usage.authorizedNotUsed + usage.imported
                let limit = allowance.total.milligrams
                let percent = limit == 0 ? (used > 0 ? Int64(UInt32.max) : 0) : used * 100 / limit
                guard percent >= threshold else { continue }
                entries.append(
                    .with {
                        $0.balance = WireModel.balance(
                            key,
                            usage: usage,
                            allowance: allowance,
                            convention: catalogue[allowance.substance]?.convention
                        )
                        $0.usedPercent = UInt32(min(percent, Int64(UInt32.max)))
                    }
                )
            }
            return .with {
                $0.entries = entries.sorted {
                    ($1.usedPercent, $0.balance.country) < ($0.usedPercent, $1.balance.country)
                }
            }
        }
    }

    // MARK: Paper partners

    @Sendable private func paperPartners(
        _ context: CallContext,
        _ request: Licit_V1_PaperPartnersRequest
    ) async throws -> Licit_V1_PaperPartnersResponse {
        try await self.exchange.storage.read { reader in
            let countries = try reader.countries().filter { !$0.participating }
            let names = Dictionary(countries.map { ($0.code, $0.name) }, uniquingKeysWith: { $1 })
            var partners: [String: Licit_V1_PaperPartner] = [:]
            try reader.scan(DocumentQuery(visibleTo: nil)) { document in
                guard document.annotations.isPaper else { return true }
                for country in [document.issuingCountry, document.counterpartCountry] where names[country] != nil {
                    var partner =
                        partners[country]
                        ?? .with {
                            $0.country = country
                            $0.name = names[country] ?? ""
                        }
                    partner.documents += 1
                    let issued = document.annotations.issuedOn?.description ?? ""
                    if issued > partner.lastIssuedOn { partner.lastIssuedOn = issued }
                    partners[country] = partner
                }
                return true
            }
            return .with { $0.partners = partners.values.sorted { $0.country < $1.country } }
        }
    }

    // MARK: Returns

    @Sendable private func getReturn(
        _ context: CallContext,
        _ request: Licit_V1_ReturnRequest
    ) async throws -> Licit_V1_ReturnResponse {
        let country = try await self.exchange.country(
            request.country,
            of: context,
            for: "returns",
            action: "return.get"
        )
        guard let form = ReturnForm(rawValue: request.form) else {
            throw ExchangeError("invalid_form", "form must be A, A/P, C or P")
        }
        let quarter = request.quarter == 0 ? nil : Int(request.quarter)
        guard let period = form.period(year: Int(request.year), quarter: quarter) else {
            throw ExchangeError(
                "invalid_period",
                form.isQuarterly
                    ? "form \(form.rawValue) is quarterly: give a quarter from 1 to 4"
                    : "form \(form.rawValue) is annual: give no quarter"
            )
        }
        let result = try await self.exchange.storage.read { reader in
            var query = DocumentQuery(visibleTo: nil)
            query.kind = .exportAuthorization
            query.country = country
            var records: [TradeRecord] = []
            try reader.scan(query) { document in
                if let export = document.exportAuthorization {
                    records.append(
                        TradeRecord(
                            reference: DocumentReference(
                                authority: document.key.authority,
                                number: document.key.number
                            ),
                            export: export,
                            issuedOn: document.annotations.issuedOn,
                            endorsedOn: document.annotations.endorsedOn
                        )
                    )
                }
                return true
            }
            return StatisticalReturn(
                form: form,
                country: country,
                period: period,
                records: records,
                catalogue: Catalogue(try reader.substances())
            )
        }
        return .with {
            $0.country = country
            $0.form = form.rawValue
            $0.period = WireModel.wirePeriod(period)
            $0.lines = result.lines.map { line in
                .with {
                    $0.direction = line.direction.rawValue
                    $0.substance = line.substance
                    $0.partnerCountry = line.partner
                    $0.baseMg = line.base.milligrams
                    $0.documents = line.documents.map { reference in
                        .with {
                            $0.authority = reference.authority
                            $0.number = reference.number
                        }
                    }
                }
            }
        }
    }
}

extension LedgerReader {
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
