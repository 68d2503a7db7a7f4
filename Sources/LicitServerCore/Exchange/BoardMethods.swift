import Foundation
import LicitExchange
import LicitModel
import LicitStorage
import LicitWire

/// `licit.v1.Board`: the Board's oversight queries, and the statistical returns.
struct BoardMethods: Sendable {
    let context: ExchangeContext
    var exchange: Exchange { self.context.exchange }

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
                    $0.methods = self.context.tally.snapshot.sorted { $0.key < $1.key }.map { method, counts in
                        .with {
                            $0.method = method
                            $0.byStatus = counts
                        }
                    }
                }
            },
        ]
    }

    @Sendable private func tradeFlows(
        _ context: CallContext,
        _ request: Licit_V1_TradeFlowsRequest
    ) async throws -> Licit_V1_TradeFlowsResponse {
        var filter = Exchange.TradeFlowFilter()
        filter.exportingCountry = request.exportingCountry
        filter.importingCountry = request.importingCountry
        filter.substance = request.substance
        filter.status = request.status
        var dates = DocumentQuery(visibleTo: nil)
        try WireModel.dates(&dates, from: request.issuedFrom, to: request.issuedTo)
        filter.issuedFrom = dates.issuedFrom
        filter.issuedTo = dates.issuedTo
        let flows = try await self.exchange.tradeFlows(filter)
        return .with {
            $0.flows = flows.map { flow in
                .with {
                    $0.exportingCountry = flow.exportingCountry
                    $0.importingCountry = flow.importingCountry
                    $0.substance = flow.substance
                    $0.status = flow.status
                    $0.exportAuthorizations = UInt32(clamping: flow.exportAuthorizations)
                    $0.authorizedMg = flow.authorizedMilligrams
                    $0.exportedMg = flow.exportedMilligrams
                    $0.importedMg = flow.importedMilligrams
                }
            }
        }
    }

    @Sendable private func listOversight(
        _ context: CallContext,
        _ request: Licit_V1_OversightRequest
    ) async throws -> Licit_V1_OversightResponse {
        var query = DocumentQuery(visibleTo: nil)
        query.country = request.country.nilIfEmpty
        try WireModel.dates(&query, from: request.issuedFrom, to: request.issuedTo)
        query.before = try WireModel.pageToken(request.pageToken)
        query.limit = try PageSize.listing.resolve(request.pageSize)
        let kind: Exchange.OversightKind
        switch request.kind {
        case .overrides: kind = .overrides
        case .emergencyExports: kind = .emergencyExports
        case .overdueEndorsements: kind = .overdueEndorsements
        case .withdrawn: kind = .withdrawn
        case .unspecified, .UNRECOGNIZED: throw ExchangeError("missing_field", "give the oversight kind")
        }
        let (entries, next) = try await self.exchange.oversight(kind, within: query)
        let day = self.exchange.moment.day
        return .with {
            $0.entries = entries.map { entry in
                .with {
                    $0.document = WireModel.document(entry.document, on: day)
                    $0.note = entry.note
                    $0.daysOverdue = UInt32(clamping: entry.daysOverdue)
                }
            }
            $0.nextPageToken = next
        }
    }

    @Sendable private func estimateWatch(
        _ context: CallContext,
        _ request: Licit_V1_EstimateWatchRequest
    ) async throws -> Licit_V1_EstimateWatchResponse {
        let entries = try await self.exchange.estimateWatch(
            year: request.year == 0 ? nil : Int(request.year),
            thresholdPercent: Int64(request.thresholdPercent == 0 ? 90 : request.thresholdPercent),
            substance: request.substance.nilIfEmpty
        )
        return .with {
            $0.entries = entries.map { entry in
                .with {
                    $0.balance = WireModel.balance(entry.figures)
                    $0.usedPercent = UInt32(min(entry.usedPercent, Int64(UInt32.max)))
                }
            }
        }
    }

    @Sendable private func paperPartners(
        _ context: CallContext,
        _ request: Licit_V1_PaperPartnersRequest
    ) async throws -> Licit_V1_PaperPartnersResponse {
        let partners = try await self.exchange.paperPartners()
        return .with {
            $0.partners = partners.map { partner in
                .with {
                    $0.country = partner.country
                    $0.name = partner.name
                    $0.documents = UInt32(clamping: partner.documents)
                    $0.lastIssuedOn = partner.lastIssuedOn
                }
            }
        }
    }

    @Sendable private func getReturn(
        _ context: CallContext,
        _ request: Licit_V1_ReturnRequest
    ) async throws -> Licit_V1_ReturnResponse {
        let result = try await self.exchange.statisticalReturn(
            country: request.country,
            form: request.form,
            year: Int(request.year),
            quarter: request.quarter == 0 ? nil : Int(request.quarter),
            by: context.caller
        )
        return .with {
            $0.country = result.country
            $0.form = result.form.rawValue
            $0.period = WireModel.wirePeriod(result.period)
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
