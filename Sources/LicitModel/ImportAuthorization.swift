/// An import authorization (1961 art. 31(5); 1971 art. 12(1)(c)): issued by the importing
/// country's CNA before any export, naming what may be imported, from whom, and until when.
public struct ImportAuthorization: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case draft, issued, partlyUsed = "partly_used", used, expired, cancelled, superseded

        /// Whether export authorizations may still be issued against it.
        public var acceptsExports: Bool { self == .issued || self == .partlyUsed }
        public var isFinal: Bool { [.used, .expired, .cancelled, .superseded].contains(self) }
    }

    public enum Consignments: String, Hashable, Sendable, Codable {
        /// One export only (one EA), whatever its quantity.
        case single
        /// Several exports, each with its own EA, up to the authorized quantity (1961 art. 31(4)(d)).
        case multiple
    }

    /// Unique per issuing authority.
    public let number: String
    /// The issuing CNA (of the importing country).
    public let authority: String
    public let importingCountry: String
    public let exportingCountry: String
    public let importer: Trader
    public let exporter: Trader
    public let lines: [AuthorizationLine]
    /// The period within which the import must be effected.
    public let period: Period
    public let consignments: Consignments
    public let port: String?
    /// The IA certifies approval of import into a bonded warehouse (1971 art. 12(3)(c)).
    public let bondedWarehouseApproved: Bool
    /// The number of the IA this one replaces, for an amendment.
    public let supersedes: String?
    public private(set) var status: Status
    public private(set) var issuedOn: Day?
    public private(set) var cancellationReason: String?
    public private(set) var supersededBy: String?

    public init(
        number: String,
        authority: String,
        importingCountry: String,
        exportingCountry: String,
        importer: Trader,
        exporter: Trader,
        lines: [AuthorizationLine],
        period: Period,
        consignments: Consignments,
        port: String? = nil,
        bondedWarehouseApproved: Bool = false,
        supersedes: String? = nil
    ) {
        self.number = number
        self.authority = authority
        self.importingCountry = importingCountry
        self.exportingCountry = exportingCountry
        self.importer = importer
        self.exporter = exporter
        self.lines = lines
        self.period = period
        self.consignments = consignments
        self.port = port
        self.bondedWarehouseApproved = bondedWarehouseApproved
        self.supersedes = supersedes
        self.status = .draft
    }

    /// draft → issued, on the exchange's day, which must not be after the import period.
    public mutating func issue(on day: Day) throws(ExchangeError) {
        try self.require([.draft], to: "issue")
        guard day <= self.period.last else {
            throw ExchangeError(
                .iaExpired,
                "the import period ended on \(self.period.last); it cannot be issued on \(day)",
                facts: ["expired_on": .day(self.period.last)]
            )
        }
        self.status = .issued
        self.issuedOn = day
    }

    /// Records what the export authorizations issued against it now commit, per line:
    /// issued → partly used → used (a single-consignment IA is used by its one export), and
    /// back when an export is cancelled or turns out short.
    public mutating func exportsChanged(committed: [Quantity], exportCount: Int) throws(ExchangeError) {
        try self.require([.issued, .partlyUsed, .used], to: "record an export against")
        let full = zip(self.lines, committed).allSatisfy { line, used in used >= line.base }
        if full || (self.consignments == .single && exportCount > 0) {
            self.status = .used
        } else {
            self.status = committed.contains { $0 > .zero } ? .partlyUsed : .issued
        }
    }

    /// issued or partly used → expired, once the exchange's day is past the import period.
    public mutating func expireIfDue(on day: Day) -> Bool {
        guard self.status.acceptsExports, day > self.period.last else { return false }
        self.status = .expired
        return true
    }

    /// Any non-final status → cancelled, with a reason that both CNAs and the Board see.
    public mutating func cancel(reason: String) throws(ExchangeError) {
        try self.require([.draft, .issued, .partlyUsed], to: "cancel")
        self.status = .cancelled
        self.cancellationReason = reason
    }

    /// issued or partly used → superseded by an amendment (issued documents are never edited).
    public mutating func supersede(by number: String) throws(ExchangeError) {
        try self.require([.issued, .partlyUsed], to: "supersede")
        self.status = .superseded
        self.supersededBy = number
    }

    private func require(_ allowed: Set<Status>, to action: String) throws(ExchangeError) {
        guard allowed.contains(self.status) else {
            throw ExchangeError(
                .invalidTransition,
                "cannot \(action) import authorization \(self.number): it is \(self.status.rawValue)",
                facts: ["status": .text(self.status.rawValue)]
            )
        }
    }
}
