/// What countries file with the Board besides documents: requests for supplementary estimates,
/// annual estimates (Form B) and annual statistical returns, each stored as a JSON body by its id.

/// A country's annual statistical return as its CNA files it with the Board (forms C and P): what
/// only the CNA knows — production, manufacture, consumption, utilization, stocks — per substance,
/// beside the imports and exports the exchange computed from the documents when it was submitted.
public struct ReturnFiling: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Being prepared by the CNA.
        case draft
        /// With the Board.
        case submitted
        case accepted
        /// Returned by the Board with a question; the CNA saves and submits it again.
        case queried
    }

    /// What a figure states, as forms C and P ask.
    public enum Item: String, Hashable, Sendable, Codable, CaseIterable {
        case production, manufacture, consumption, utilization
        /// Held at the end of the year.
        case stocks
        /// What the CNA's own records say was imported or exported: checked against the exchange's.
        case imported, exported
    }

    public struct Figure: Hashable, Sendable, Codable {
        public let substance: String
        public let item: Item
        public let milligrams: Int64

        public init(substance: String, item: Item, milligrams: Int64) {
            self.substance = substance
            self.item = item
            self.milligrams = milligrams
        }
    }

    public let country: String
    /// "C" (narcotic drugs) or "P" (psychotropic substances).
    public let form: String
    public let year: Int
    public var figures: [Figure]
    /// The exchange's import and export totals per substance when the return was submitted.
    public var trade: [Figure]
    public var status: Status
    public var filedBy: String
    public var updatedAt: Int64
    public var decisionReason: String

    public var id: String { "\(self.country)-\(self.form)-\(self.year)" }

    public init(country: String, form: String, year: Int, figures: [Figure], filedBy: String, at: Int64) {
        self.country = country
        self.form = form
        self.year = year
        self.figures = figures
        self.trade = []
        self.status = .draft
        self.filedBy = filedBy
        self.updatedAt = at
        self.decisionReason = ""
    }
}

/// A country's annual estimates for one year as furnished to the Board (Form B; 1961 art. 19(1)):
/// per substance and purpose, the base quantity it will need. Once the Board confirms them, each
/// substance's total is the year's estimate.
public struct AnnualEstimate: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Awaiting the Board.
        case submitted
        /// In force: each substance's total is the country's estimate for the year.
        case confirmed
        /// Returned by the Board with a question; the CNA submits them again.
        case queried
    }

    /// What an estimate is for, as Form B lists it.
    public enum Purpose: String, Hashable, Sendable, Codable, CaseIterable {
        /// Consumed for medical and scientific purposes.
        case consumption
        /// Utilized for the manufacture of other drugs, Schedule III preparations or other substances.
        case utilization
        /// Added to special stocks (emergencies, armed forces).
        case specialStocks = "special_stocks"
        /// Held in stock at the end of the year.
        case stocks
    }

    public struct Line: Hashable, Sendable, Codable {
        public let substance: String
        public let purpose: Purpose
        public let milligrams: Int64

        public init(substance: String, purpose: Purpose, milligrams: Int64) {
            self.substance = substance
            self.purpose = purpose
            self.milligrams = milligrams
        }
    }

    public let country: String
    public let year: Int
    public let lines: [Line]
    public let submittedBy: String
    public let submittedAt: Int64
    public var status: Status
    public var decisionReason: String
    public var decidedAt: Int64?

    public var id: String { "\(self.country)-\(self.year)" }

    /// Each substance's estimate: the sum of its purposes.
    public var totals: [String: Int64] {
        self.lines.reduce(into: [:]) { $0[$1.substance, default: 0] += $1.milligrams }
    }

    public init(country: String, year: Int, lines: [Line], submittedBy: String, submittedAt: Int64) {
        self.country = country
        self.year = year
        self.lines = lines
        self.submittedBy = submittedBy
        self.submittedAt = submittedAt
        self.status = .submitted
        self.decisionReason = ""
        self.decidedAt = nil
    }
}

/// A country's request to the Board for a supplementary estimate (1961 art. 19(2)): what it asked,
/// and once decided, what the Board confirmed.
public struct EstimateRequest: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Awaiting the Board.
        case requested
        /// Confirmed as asked, or reduced to `confirmedMilligrams`; either enters the estimate.
        case confirmed, reduced
        case refused
    }

    /// `COUNTRY-YEAR-N`, the country's n-th request for that year.
    public let id: String
    public let country: String
    public let substance: String
    public let year: Int
    public let requestedMilligrams: Int64
    public let justification: String
    /// The CNA that asked, and when (the exchange's milliseconds).
    public let requestedBy: String
    public let requestedAt: Int64
    public var status: Status
    public var confirmedMilligrams: Int64
    /// The Board's reason for a reduction or a refusal.
    public var decisionReason: String
    public var decidedAt: Int64?

    public init(
        id: String,
        country: String,
        substance: String,
        year: Int,
        requestedMilligrams: Int64,
        justification: String,
        requestedBy: String,
        requestedAt: Int64
    ) {
        self.id = id
        self.country = country
        self.substance = substance
        self.year = year
        self.requestedMilligrams = requestedMilligrams
        self.justification = justification
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.status = .requested
        self.confirmedMilligrams = 0
        self.decisionReason = ""
        self.decidedAt = nil
    }
}
