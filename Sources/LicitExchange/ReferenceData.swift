import Foundation
import LicitModel
import LicitStorage

/// A checked bundle of reference data: what `ImportReference` applies and what a sandbox is
/// seeded with. Entries are added or replaced by key, in an order that satisfies references
/// between them (countries, then CNAs, substances, allowances, prohibitions, traders).
public struct ReferenceData: Sendable {
    public var countries: [Country] = []
    public var authorities: [Authority] = []
    public var substances: [Substance] = []
    public var allowances: [Allowance] = []
    public var prohibitions: [Prohibition] = []
    public var traders: [RegisteredTrader] = []

    public init() {}

    public init(
        countries: [Country] = [],
        authorities: [Authority] = [],
        substances: [Substance] = [],
        allowances: [Allowance] = [],
        prohibitions: [Prohibition] = [],
        traders: [RegisteredTrader] = []
    ) {
        self.countries = countries
        self.authorities = authorities
        self.substances = substances
        self.allowances = allowances
        self.prohibitions = prohibitions
        self.traders = traders
    }

    /// Applies every entry; a reference to a missing country, CNA or substance is refused.
    public func apply(to transaction: any LedgerTransaction) throws {
        do {
            for country in self.countries { try transaction.put(country) }
            for authority in self.authorities { try transaction.put(authority) }
            for substance in self.substances { try transaction.put(substance) }
            for allowance in self.allowances { try transaction.put(allowance) }
            for prohibition in self.prohibitions { try transaction.put(prohibition) }
            for trader in self.traders { try transaction.put(trader) }
        } catch let error as ExchangeError {
            throw error
        } catch {
            throw ExchangeError(
                "invalid_reference",
                "the reference data refers to a country, CNA or substance the exchange does not know, or breaks a constraint: \(error)",
                cause: error
            )
        }
        try self.checkReferences(transaction)
    }

    /// Stores without foreign keys (the in-memory one) must refuse dangling references too.
    private func checkReferences(_ reader: any LedgerReader) throws {
        let countries = Set(try reader.countries().map(\.code))
        let substances = Set(try reader.substances().map(\.code))
        let authorities = Set(try reader.authorities().map(\.code))
        for authority in self.authorities where !countries.contains(authority.country) {
            throw ExchangeError(
                "invalid_reference",
                "authority \(authority.code): unknown country \(authority.country)"
            )
        }
        for entry in self.allowances.map({ ($0.country, $0.substance) })
            + self.prohibitions.map({ ($0.country, $0.substance) })
        where !countries.contains(entry.0) || !substances.contains(entry.1) {
            throw ExchangeError("invalid_reference", "unknown country \(entry.0) or substance \(entry.1)")
        }
        for trader in self.traders
        where !authorities.contains(trader.authority) || !countries.contains(trader.trader.country) {
            throw ExchangeError(
                "invalid_reference",
                "trader \(trader.id): unknown CNA \(trader.authority) or country \(trader.trader.country)"
            )
        }
    }
}
