/// The Board's statistical forms, as far as the exchange holds their figures: the import and
/// export parts, in anhydrous base quantities per substance and partner country.
public enum ReturnForm: String, Hashable, Sendable, CaseIterable {
    /// Quarterly imports and exports of narcotic drugs.
    case formA = "A"
    /// Quarterly imports and exports of Schedule II psychotropic substances.
    case formAP = "A/P"
    /// Annual statistics of narcotic drugs: the import and export part.
    case formC = "C"
    /// Annual statistics of psychotropic substances: the import and export part.
    case formP = "P"

    public var isQuarterly: Bool { self == .formA || self == .formAP }

    public func covers(_ substance: Substance) -> Bool {
        switch self {
        case .formA, .formC: substance.convention == .narcotic1961
        case .formAP: substance.convention == .psychotropic1971 && substance.schedules.contains(2)
        case .formP: substance.convention == .psychotropic1971
        }
    }

    /// The reporting period: a quarter (1–4) of `year` for quarterly forms, the year for annual ones.
    public func period(year: Int, quarter: Int?) -> Period? {
        switch (self.isQuarterly, quarter) {
        case (true, .some(let quarter)) where (1...4).contains(quarter):
            let months = [(1, 1, 3, 31), (4, 1, 6, 30), (7, 1, 9, 30), (10, 1, 12, 31)][quarter - 1]
            return Self.period(year, months.0, months.1, months.2, months.3)
        case (false, nil):
            return Self.period(year, 1, 1, 12, 31)
        default:
            return nil
        }
    }

    private static func period(
        _ year: Int,
        _ firstMonth: Int,
        _ firstDay: Int,
        _ lastMonth: Int,
        _ lastDay: Int
    ) -> Period? {
        func day(_ month: Int, _ day: Int) -> Day? {
            Day(
                iso: String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "")
                    + String(day)
            )
        }
        guard let first = day(firstMonth, firstDay), let last = day(lastMonth, lastDay) else { return nil }
        return Period(from: first, through: last)
    }
}

/// A document by its issuing CNA and number.
public struct DocumentReference: Hashable, Sendable, Comparable {
    public let authority: String
    public let number: String

    public init(authority: String, number: String) {
        self.authority = authority
        self.number = number
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.authority, lhs.number) < (rhs.authority, rhs.number) }
}

/// One EA as the returns read it: the authorization and the days that date it.
public struct TradeRecord: Sendable {
    public let reference: DocumentReference
    public let export: ExportAuthorization
    public let issuedOn: Day?
    public let endorsedOn: Day?
    /// The day its issuer recorded what was actually exported, if it did.
    public let exportedOn: Day?

    public init(
        reference: DocumentReference,
        export: ExportAuthorization,
        issuedOn: Day?,
        endorsedOn: Day?,
        exportedOn: Day? = nil
    ) {
        self.reference = reference
        self.export = export
        self.issuedOn = issuedOn
        self.endorsedOn = endorsedOn
        self.exportedOn = exportedOn
    }

    /// The day the consignment is known to have been shipped: when its exported quantity was
    /// recorded, else when it was endorsed as received; nil while neither happened.
    public var shippedOn: Day? {
        switch (self.exportedOn, self.endorsedOn) {
        case (let exported?, let endorsed?): min(exported, endorsed)
        case (let exported?, nil): exported
        case (nil, let endorsed): endorsed
        }
    }
}

/// A country's return for one form and period, with the documents behind every figure.
public struct StatisticalReturn: Sendable {
    public enum Direction: String, Sendable, Hashable, Comparable {
        case imports = "import"
        case exports = "export"

        public static func < (lhs: Direction, rhs: Direction) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public struct Line: Sendable, Hashable {
        public let direction: Direction
        public let substance: String
        public let partner: String
        public let base: Quantity
        /// The EAs the figure adds up.
        public let documents: [DocumentReference]
    }

    public let form: ReturnForm
    public let country: String
    public let period: Period
    public let lines: [Line]

    /// The rules, stated once (PROTOCOL.md §15.8):
    /// - an **import** is the base quantity the country's CNA endorsed as received, counted on the
    ///   day of the endorsement, from the exporting country;
    /// - an **export** is the base quantity actually exported under an EA the country issued (the
    ///   quantity recorded as short, else the authorized), counted on the day it is known to have
    ///   been shipped (its exported quantity recorded, or else its endorsement), to the importing
    ///   country; an EA not yet shipped, or cancelled, exports nothing.
    public init(form: ReturnForm, country: String, period: Period, records: [TradeRecord], catalogue: Catalogue) {
        struct Key: Hashable {
            let direction: Direction
            let substance: String
            let partner: String
        }
        var totals: [Key: (milligrams: Int64, documents: [DocumentReference])] = [:]
        func add(_ key: Key, _ quantity: Quantity, _ reference: DocumentReference) {
            var entry = totals[key] ?? (0, [])
            entry.milligrams += quantity.milligrams
            if entry.documents.last != reference { entry.documents.append(reference) }
            totals[key] = entry
        }
        for record in records {
            let export = record.export
            let lines = export.lines.enumerated().filter { catalogue[$0.element.substance].map(form.covers) ?? false }
            if export.importingCountry == country, export.status == .endorsed, let imported = export.imported,
                let day = record.endorsedOn, period.contains(day)
            {
                for (index, line) in lines {
                    add(
                        Key(direction: .imports, substance: line.substance, partner: export.exportingCountry),
                        imported[index],
                        record.reference
                    )
                }
            }
            if export.exportingCountry == country, export.status != .cancelled, let day = record.shippedOn,
                period.contains(day)
            {
                for (index, line) in lines {
                    add(
                        Key(direction: .exports, substance: line.substance, partner: export.importingCountry),
                        export.committed[index],
                        record.reference
                    )
                }
            }
        }
        self.form = form
        self.country = country
        self.period = period
        self.lines = totals.map { key, value in
            Line(
                direction: key.direction,
                substance: key.substance,
                partner: key.partner,
                base: Quantity(milligrams: value.milligrams),
                documents: value.documents.sorted()
            )
        }.sorted { ($0.direction, $0.substance, $0.partner) < ($1.direction, $1.substance, $1.partner) }
    }
}
