/// A country's position for one substance and year, in base quantities (docs/ARCHITECTURE.md §1.5, §1.6).
public struct Balance: Hashable, Sendable, Codable {
    public let country: String
    public let substance: String
    public let year: Int
    /// The confirmed estimate plus supplementary estimates (1961), or the assessment (1971);
    /// `nil` when none has been furnished.
    public let limit: Quantity?
    /// Authorized for import and not yet imported: IAs' unexported remainders plus EAs not yet endorsed.
    public let authorizedNotUsed: Quantity
    /// Endorsed as actually imported.
    public let imported: Quantity

    public init(
        country: String,
        substance: String,
        year: Int,
        limit: Quantity?,
        authorizedNotUsed: Quantity,
        imported: Quantity
    ) {
        self.country = country
        self.substance = substance
        self.year = year
        self.limit = limit
        self.authorizedNotUsed = authorizedNotUsed
        self.imported = imported
    }

    /// What may still be authorized; negative when an override let it be exceeded.
    public var remaining: Quantity? {
        guard let limit else { return nil }
        return Quantity(milligrams: limit.milligrams - self.authorizedNotUsed.milligrams - self.imported.milligrams)
    }

    /// The figures a refusal states.
    public var facts: [String: ExchangeError.Fact] {
        var facts: [String: ExchangeError.Fact] = [
            "country": .text(self.country), "substance": .text(self.substance), "year": .number(self.year),
            "authorized_not_used": .quantity(self.authorizedNotUsed), "imported": .quantity(self.imported),
        ]
        if let limit { facts["limit"] = .quantity(limit) }
        if let remaining { facts["remaining"] = .quantity(remaining) }
        return facts
    }

    /// Computes the balance from the documents of the importing country. IAs count in the year
    /// they were issued; an IA's remainder counts only while it still accepts exports.
    public static func compute(
        country: String,
        substance: String,
        year: Int,
        limit: Quantity?,
        importAuthorizations: [ImportAuthorization],
        exportAuthorizations: [ExportAuthorization]
    ) -> Balance {
        var outstanding: Int64 = 0
        var imported: Int64 = 0
        // An amendment takes over the EAs of the IA it superseded: a chain counts through its last IA.
        let relevant = importAuthorizations.filter {
            $0.importingCountry == country && $0.issuedOn?.year == year && $0.status != .draft
                && $0.status != .superseded
        }
        for ia in relevant {
            var chain: Set<String> = [ia.number]
            var older = ia.supersedes
            while let number = older, chain.insert(number).inserted {
                older = importAuthorizations.first { $0.authority == ia.authority && $0.number == number }?.supersedes
            }
            let exports = exportAuthorizations.filter {
                $0.importAuthorization.map { chain.contains($0.number) } == true
                    && $0.importAuthorization?.authority == ia.authority
            }
            for (index, line) in ia.lines.enumerated() where line.substance == substance {
                var committed: Int64 = 0
                for ea in exports where ea.status != .cancelled && index < ea.lines.count {
                    let quantity = ea.committed[index].milligrams
                    committed += quantity
                    if ea.status == .endorsed, let endorsed = ea.imported {
                        imported += endorsed[index].milligrams
                    } else {
                        outstanding += quantity
                    }
                }
                if ia.status.acceptsExports { outstanding += max(0, line.base.milligrams - committed) }
            }
        }
        return Balance(
            country: country,
            substance: substance,
            year: year,
            limit: limit,
            authorizedNotUsed: Quantity(milligrams: outstanding),
            imported: Quantity(milligrams: imported)
        )
    }
}

/// An annual estimate (1961) or assessment (1971) for one country and substance, in base quantity.
public struct Allowance: Hashable, Sendable, Codable {
    public let country: String
    public let substance: String
    public let year: Int
    public let initial: Quantity
    /// Supplementary estimates confirmed by the Board during the year (1961 art. 19(3)).
    public let supplementary: [Quantity]

    public init(country: String, substance: String, year: Int, initial: Quantity, supplementary: [Quantity] = []) {
        self.country = country
        self.substance = substance
        self.year = year
        self.initial = initial
        self.supplementary = supplementary
    }

    public var total: Quantity {
        Quantity(milligrams: self.supplementary.reduce(self.initial.milligrams) { $0 + $1.milligrams })
    }
}
