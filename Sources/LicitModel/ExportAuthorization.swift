/// An export authorization (1961 art. 31(4); 1971 art. 12(1)(b)): one per export, issued by the
/// exporting country's CNA against an import authorization, which it cites.
public struct ExportAuthorization: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case issued, endorsed, expired, cancelled
    }

    /// The IA's number, date and issuing authority, as art. 31(4)(c) requires the EA to state.
    public struct Citation: Hashable, Sendable, Codable {
        public let number: String
        public let issuedOn: Day
        public let authority: String

        public init(number: String, issuedOn: Day, authority: String) {
            self.number = number
            self.issuedOn = issuedOn
            self.authority = authority
        }
    }

    public let number: String
    /// The issuing CNA (of the exporting country).
    public let authority: String
    public let exportingCountry: String
    public let importingCountry: String
    /// `nil` only for an emergency export (WHO/INCB simplified procedure), flagged for the Board.
    public let importAuthorization: Citation?
    /// Lines in the same order and of the same substances and forms as the IA's.
    public let lines: [AuthorizationLine]
    public let period: Period
    /// The consignment goes to a bonded warehouse in the importing country.
    public let toBondedWarehouse: Bool
    public private(set) var status: Status
    /// Per line, the quantity actually exported when less than authorized (art. 31(8)).
    public private(set) var exported: [Quantity]?
    /// Per line, the base quantity the importing CNA endorsed as actually imported.
    public private(set) var imported: [Quantity]?
    public private(set) var cancellationReason: String?

    public init(
        number: String,
        authority: String,
        exportingCountry: String,
        importingCountry: String,
        importAuthorization: Citation?,
        lines: [AuthorizationLine],
        period: Period,
        toBondedWarehouse: Bool = false
    ) {
        self.number = number
        self.authority = authority
        self.exportingCountry = exportingCountry
        self.importingCountry = importingCountry
        self.importAuthorization = importAuthorization
        self.lines = lines
        self.period = period
        self.toBondedWarehouse = toBondedWarehouse
        self.status = .issued
    }

    /// An export without an import authorization, in an acute emergency (docs/ARCHITECTURE.md §1.10).
    public var isEmergency: Bool { self.importAuthorization == nil }

    /// What this EA takes from its IA: the actually exported quantity once recorded, else the authorized.
    public var committed: [Quantity] {
        self.status == .cancelled ? self.lines.map { _ in .zero } : (self.exported ?? self.lines.map(\.base))
    }

    /// Records a short export: per line, at most the authorized base quantity.
    public mutating func recordExported(_ quantities: [Quantity]) throws(ExchangeError) {
        guard self.status == .issued else {
            throw ExchangeError(
                .invalidTransition,
                "cannot record the export of \(self.number): it is \(self.status.rawValue)"
            )
        }
        try Self.check(quantities, within: self.lines.map(\.base), reason: .exportedTooLarge, what: "exported")
        self.exported = quantities
    }

    /// issued → endorsed, with the base quantity actually imported per line (zero allowed;
    /// it may differ from the exported quantity, but not exceed it).
    public mutating func endorse(imported quantities: [Quantity]) throws(ExchangeError) {
        guard self.status == .issued || self.status == .expired else {
            throw ExchangeError(.invalidTransition, "cannot endorse \(self.number): it is \(self.status.rawValue)")
        }
        try Self.check(quantities, within: self.committed, reason: .endorsementTooLarge, what: "imported")
        self.imported = quantities
        self.status = .endorsed
    }

    /// issued → expired once the exchange's day is past its period (it can still be endorsed).
    public mutating func expireIfDue(on day: Day) -> Bool {
        guard self.status == .issued, day > self.period.last else { return false }
        self.status = .expired
        return true
    }

    public mutating func cancel(reason: String) throws(ExchangeError) {
        guard self.status == .issued else {
            throw ExchangeError(.invalidTransition, "cannot cancel \(self.number): it is \(self.status.rawValue)")
        }
        self.status = .cancelled
        self.cancellationReason = reason
    }

    /// An endorsement is due when the import period ends, and overdue any day after.
    public func endorsementOverdue(on day: Day) -> Bool {
        (self.status == .issued || self.status == .expired) && day > self.period.last
    }

    private static func check(
        _ quantities: [Quantity],
        within limits: [Quantity],
        reason: ExchangeError.Reason,
        what: String
    ) throws(ExchangeError) {
        guard quantities.count == limits.count else {
            throw ExchangeError(reason, "give one \(what) quantity per line (\(limits.count))")
        }
        for (index, (quantity, limit)) in zip(quantities, limits).enumerated()
        where quantity < .zero || quantity > limit {
            throw ExchangeError(
                reason,
                "line \(index + 1): \(quantity) \(what) is outside 0 to \(limit)",
                facts: ["line": .number(index + 1), what: .quantity(quantity), "limit": .quantity(limit)]
            )
        }
    }
}
