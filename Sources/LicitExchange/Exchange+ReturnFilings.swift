import Foundation
import LicitModel
import LicitStorage

/// Statistical returns filed with the Board (forms C and P): the CNA enters what only it knows,
/// the exchange adds the imports and exports its documents hold and checks the CNA's own figures
/// for them against those, and the Board accepts the return or queries it back.
extension Exchange {
    /// Saves the caller's country's return for `form` and `year` as a draft, or (`submit`) submits
    /// it to the Board. A return with the Board, or accepted, cannot be changed.
    public func saveReturn(
        form: String,
        year: Int,
        figures input: [(substance: String, item: String, milligrams: Int64)],
        submit: Bool,
        by caller: Caller,
        payload: Data,
        answer: @escaping @Sendable (ReturnFiling) throws -> Data
    ) async throws -> Data {
        let account = caller.account
        let moment = self.moment
        guard let returnForm = ReturnForm(rawValue: form), !returnForm.isQuarterly else {
            throw ExchangeError(
                "invalid_form",
                "a return filed with the Board is form C (narcotic drugs) or P (psychotropics)"
            )
        }
        guard (1961...moment.day.year).contains(year), let period = returnForm.period(year: year, quarter: nil) else {
            throw ExchangeError("invalid_period", "a return is for a year that has begun, up to \(moment.day.year)")
        }
        let catalogue = try await self.storage.read { try self.references.snapshot($0).catalogue }
        let figures = try Self.figures(input, form: returnForm, catalogue: catalogue)
        return try await self.write(
            caller,
            action: submit ? "return.submit" : "return.save",
            subject: "\(account.country)-\(form)-\(year)",
            payload: payload
        ) { transaction in
            var filing = ReturnFiling(
                country: account.country,
                form: form,
                year: year,
                figures: figures,
                filedBy: account.authority,
                at: moment.milliseconds
            )
            if let earlier = try transaction.returnFilings(country: account.country).first(where: { $0.id == filing.id }
            ),
                earlier.status == .submitted || earlier.status == .accepted
            {
                throw ExchangeError(
                    "return_not_open",
                    "\(filing.id) is \(earlier.status.rawValue): it cannot be changed"
                )
            }
            if submit {
                filing.trade = try Self.trade(of: account.country, returnForm, period, transaction, catalogue)
                try Self.reconcile(figures, with: filing.trade)
                filing.status = .submitted
                try transaction.appendEvent(
                    Self.event(
                        filing,
                        to: "BOARD",
                        "return_submitted",
                        "\(account.authority) submitted \(account.country)'s form \(form) for \(year)",
                        at: moment.milliseconds
                    )
                )
            }
            try transaction.put(filing)
            return try answer(filing)
        }
    }

    /// The Board accepts a submitted return, or queries it back to its CNA (`reason` required).
    public func decideReturn(
        country: String,
        form: String,
        year: Int,
        accept: Bool,
        reason: String,
        by caller: Caller,
        payload: Data,
        answer: @escaping @Sendable (ReturnFiling) throws -> Data
    ) async throws -> Data {
        let moment = self.moment
        let reason = accept && reason.isEmpty ? "" : try InputCheck.text(reason, field: "reason", max: 2048)
        let id = "\(country)-\(form)-\(year)"
        return try await self.write(
            caller,
            action: accept ? "return.accept" : "return.query",
            subject: id,
            payload: payload
        ) {
            transaction in
            guard var filing = try transaction.returnFilings(country: country).first(where: { $0.id == id }) else {
                throw ExchangeError(.notFound, "\(country) has filed no form \(form) for \(year)")
            }
            guard filing.status == .submitted else {
                throw ExchangeError("return_not_open", "\(id) is \(filing.status.rawValue), not with the Board")
            }
            filing.status = accept ? .accepted : .queried
            filing.decisionReason = reason
            filing.updatedAt = moment.milliseconds
            try transaction.put(filing)
            try transaction.appendEvent(
                Self.event(
                    filing,
                    to: filing.filedBy,
                    accept ? "return_accepted" : "return_queried",
                    accept ? "the Board accepted \(id)" : "the Board queried \(id): \(reason)",
                    at: moment.milliseconds
                )
            )
            return try answer(filing)
        }
    }

    /// Returns a CNA may see (its own country's) or the Board (any, or `country`'s).
    public func returnFilings(country: String?, by caller: Caller) async throws -> [ReturnFiling] {
        let scope = caller.account.filings(of: country)
        return try await self.storage.read { try $0.returnFilings(country: scope) }
    }

    /// The figures checked: substances the form covers, known items, each once, 0 to 10¹² mg.
    static func figures(
        _ input: [(substance: String, item: String, milligrams: Int64)],
        form: ReturnForm,
        catalogue: Catalogue
    ) throws -> [ReturnFiling.Figure] {
        guard input.count <= 1000 else { throw ExchangeError("invalid_return", "at most 1000 figures") }
        var figures: [ReturnFiling.Figure] = []
        for (index, figure) in input.enumerated() {
            guard let substance = catalogue[figure.substance] else {
                throw ExchangeError(
                    "unknown_substance",
                    "figure \(index + 1): \(figure.substance) is not a base substance of the catalogue"
                )
            }
            guard form.covers(substance) else {
                throw ExchangeError(
                    "invalid_return",
                    "figure \(index + 1): form \(form.rawValue) does not cover \(substance.code)"
                )
            }
            guard let item = ReturnFiling.Item(rawValue: figure.item) else {
                throw ExchangeError(
                    "invalid_return",
                    "figure \(index + 1): the item is one of "
                        + ReturnFiling.Item.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            guard (0...Quantity.largestStated.milligrams).contains(figure.milligrams) else {
                throw ExchangeError("invalid_return", "figure \(index + 1): 0 to 10¹² mg, not \(figure.milligrams)")
            }
            guard !figures.contains(where: { $0.substance == substance.code && $0.item == item }) else {
                throw ExchangeError(
                    "invalid_return",
                    "figure \(index + 1): \(substance.code) \(item.rawValue) is given twice"
                )
            }
            figures.append(.init(substance: substance.code, item: item, milligrams: figure.milligrams))
        }
        return figures
    }

    /// The imports and exports the documents hold for the country's year, per substance, as the
    /// statistical return counts them (PROTOCOL.md §15.8).
    static func trade(
        of country: String,
        _ form: ReturnForm,
        _ period: Period,
        _ reader: any LedgerReader,
        _ catalogue: Catalogue
    ) throws -> [ReturnFiling.Figure] {
        let computed = try reader.statisticalReturn(of: country, form, period, catalogue: catalogue)
        let totals = Dictionary(grouping: computed.lines) { [$0.substance, $0.direction.rawValue] }
        return totals.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            .init(
                substance: key[0],
                item: key[1] == StatisticalReturn.Direction.imports.rawValue ? .imported : .exported,
                milligrams: totals[key]!.map(\.base.milligrams).reduce(0, +)
            )
        }
    }

    /// The CNA's own import and export figures must equal what the documents hold.
    static func reconcile(_ figures: [ReturnFiling.Figure], with trade: [ReturnFiling.Figure]) throws {
        let recorded = Dictionary(
            trade.map { ("\($0.substance) \($0.item.rawValue)", $0.milligrams) },
            uniquingKeysWith: +
        )
        let differences = figures.filter { $0.item == .imported || $0.item == .exported }.compactMap { figure in
            let key = "\(figure.substance) \(figure.item.rawValue)"
            let held = recorded[key] ?? 0
            return held == figure.milligrams
                ? nil
                : "\(key): \(Quantity(milligrams: figure.milligrams)) declared, \(Quantity(milligrams: held)) in the documents"
        }
        guard differences.isEmpty else {
            throw ExchangeError(
                "return_does_not_reconcile",
                "the return's trade figures differ from the exchange's documents: "
                    + differences.joined(separator: "; ")
            )
        }
    }
}
