import LicitModel
import LicitStorage
import Synchronization

/// The reference data every rule check consults, kept in memory between calls: it changes only
/// through ImportReference, which invalidates it inside its own transaction.
public final class ReferenceCache: Sendable {
    /// The snapshot, and a generation that every invalidation moves on: a snapshot read while
    /// an invalidation happened is used once but never kept.
    private let state = Mutex<(generation: Int, snapshot: ReferenceSnapshot?)>((0, nil))

    public init() {}

    func snapshot(_ reader: any LedgerReader) throws -> ReferenceSnapshot {
        let (generation, cached) = self.state.withLock { $0 }
        if let cached { return cached }
        let snapshot = try ReferenceSnapshot(reader)
        self.state.withLock { if $0.generation == generation { $0.snapshot = snapshot } }
        return snapshot
    }

    /// Forgets the snapshot; the next call reads it again.
    public func invalidate() {
        self.state.withLock { $0 = ($0.generation + 1, nil) }
    }
}

/// The reference data a rule check consults.
struct ReferenceSnapshot: Sendable {
    let catalogue: Catalogue
    let authorities: [Authority]
    let countries: [String: Country]
    let prohibitions: Set<Prohibition>

    init(_ reader: any LedgerReader) throws {
        self.catalogue = Catalogue(try reader.substances())
        self.authorities = try reader.authorities()
        self.countries = Dictionary(try reader.countries().map { ($0.code, $0) }, uniquingKeysWith: { $1 })
        self.prohibitions = Set(try reader.prohibitions())
    }

    func country(_ code: String, field: String) throws -> Country {
        guard let country = self.countries[code] else {
            throw ExchangeError(
                "unknown_country",
                "\(field): \(code.isEmpty ? "(empty)" : code) is not a country the exchange knows"
            )
        }
        return country
    }

    /// The CNA of `country` that receives a document about these lines; nil for a paper partner.
    func counterpart(in country: String, for lines: [AuthorizationLine]) -> String? {
        guard self.countries[country]?.participating == true else { return nil }
        let convention = lines.first.flatMap { self.catalogue[$0.substance]?.convention } ?? .narcotic1961
        return Authority.competent(for: convention, in: country, among: self.authorities)?.code
    }

    /// What the rules need to know of an importing country for one year.
    /// What the rules know of the importing country `code`; its running totals are stated in
    /// refusals only to `viewer` when it is that country's CNA or the Board.
    func importingCountry(
        _ code: String,
        year: Int,
        lines: [AuthorizationLine],
        reader: any LedgerReader,
        viewer: Account
    ) throws -> TreatyRules.ImportingCountry {
        var balances: [String: Balance] = [:]
        for substance in Set(lines.map(\.substance)) {
            let key = UsageKey(country: code, substance: substance, year: year)
            let usage = try reader.usage(key)
            balances[substance] = Balance(
                country: code,
                substance: substance,
                year: year,
                limit: try reader.allowance(key)?.total,
                authorizedNotUsed: Quantity(milligrams: usage.authorizedNotUsed),
                imported: Quantity(milligrams: usage.imported)
            )
        }
        return TreatyRules.ImportingCountry(
            code: code,
            prohibited: Set(self.prohibitions.filter { $0.country == code }.map(\.substance)),
            balances: balances,
            disclosesTotals: viewer.isBoard || viewer.country == code
        )
    }
}
