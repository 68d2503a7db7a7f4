import LicitModel

/// What the simulation expects of the exchange, kept from what the exchange acknowledged and
/// computed from the treaty workflow alone — never by calling the exchange's own rules. Every
/// quantity is base milligrams (the world trades base forms only).
struct ReferenceModel {
    struct Key: Hashable, Comparable, CustomStringConvertible {
        let authority: String
        let number: String

        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.authority, lhs.number) < (rhs.authority, rhs.number) }
        var description: String { "\(self.authority)/\(self.number)" }
    }

    enum Status: String {
        case draft, open, cancelled, superseded, endorsed
    }

    struct Document {
        let key: Key
        let isImport: Bool
        /// IA: the importing country; EA: the exporting country.
        let issuingCountry: String
        let importingCountry: String
        let exportingCountry: String
        let substance: String
        /// The authorized base quantity (one line per document in this world).
        var quantity: Int64
        var status: Status
        let multiple: Bool
        let periodFirst: Day
        let periodLast: Day
        var issuedOn: Day?
        /// EA: the IA it cites; nil for an emergency export.
        let cites: Key?
        /// IA: the IA it superseded, and the one superseding it.
        var supersedes: Key?
        var supersededBy: Key?
        /// EA: the quantity actually exported (short export) and the one endorsed as imported.
        var exported: Int64?
        var imported: Int64?
        /// The CNAs that may see it besides the Board.
        var parties: Set<String>
        /// A paper document recorded by a CNA for the paper partner.
        let paper: Bool

        /// EA: what it takes from its IA.
        var committed: Int64 { self.status == .cancelled ? 0 : (self.exported ?? self.quantity) }
    }

    private(set) var documents: [Key: Document] = [:]
    /// Keys in the order the exchange acknowledged them (drafts included).
    private(set) var order: [Key] = []
    /// Allowances: initial and supplementary, per country, substance and year.
    var allowances: [BalanceKey: (initial: Int64, supplementary: [Int64])] = [:]
    var day: Day

    struct BalanceKey: Hashable, Comparable {
        let country: String
        let substance: String
        let year: Int

        static func < (lhs: BalanceKey, rhs: BalanceKey) -> Bool {
            (lhs.country, lhs.substance, lhs.year) < (rhs.country, rhs.substance, rhs.year)
        }
    }

    init(day: Day) {
        self.day = day
        for country in SimulationWorld.countries + [SimulationWorld.paperCountry] {
            for year in [day.year, day.year + 1] {
                for substance in SimulationWorld.substances {
                    self.allowances[BalanceKey(country: country, substance: substance, year: year)] = (
                        SimulationWorld.allowance(substance), []
                    )
                }
            }
        }
    }

    subscript(key: Key) -> Document? { self.documents[key] }

    mutating func record(_ document: Document) {
        if self.documents[document.key] == nil { self.order.append(document.key) }
        self.documents[document.key] = document
    }

    mutating func update(_ key: Key, _ change: (inout Document) -> Void) {
        guard var document = self.documents[key] else { return }
        change(&document)
        self.documents[key] = document
    }

    mutating func remove(_ key: Key) {
        self.documents[key] = nil
        self.order.removeAll { $0 == key }
    }

    var all: [Document] { self.order.compactMap { self.documents[$0] } }
    var issuedImports: [Document] { self.all.filter { $0.isImport && $0.status != .draft } }
    var exports: [Document] { self.all.filter { !$0.isImport } }

    // MARK: Accounting

    /// The IAs of the chain `key` belongs to, oldest first.
    func chain(_ key: Key) -> [Key] {
        var first = key
        while let older = self.documents[first]?.supersedes { first = older }
        var chain = [first]
        while let newer = self.documents[chain.last!]?.supersededBy { chain.append(newer) }
        return chain
    }

    /// The EAs citing any IA of the chain of `key`, not cancelled.
    func activeExports(ofChain key: Key) -> [Document] {
        let members = Set(self.chain(key))
        return self.exports.filter { $0.cites.map(members.contains) == true && $0.status != .cancelled }
    }

    /// What the active EAs of an IA's chain commit.
    func committed(ofChain key: Key) -> Int64 {
        self.activeExports(ofChain: key).reduce(0) { $0 + $1.committed }
    }

    /// Whether EAs may still be issued against the IA: issued, in its period, not used up.
    func acceptsExports(_ ia: Document) -> Bool {
        guard ia.status == .open, self.day <= ia.periodLast else { return false }
        let active = self.activeExports(ofChain: ia.key)
        if !ia.multiple && !active.isEmpty { return false }
        return self.committed(ofChain: ia.key) < ia.quantity
    }

    /// What may still be exported against the IA.
    func remaining(of ia: Document) -> Int64 {
        self.acceptsExports(ia) ? max(0, ia.quantity - self.committed(ofChain: ia.key)) : 0
    }

    /// Each country's running totals, counting each kilogram once: an IA chain counts through
    /// its newest IA (its unexported remainder while it accepts exports, and its EAs), in the
    /// year that IA was issued; an emergency export once endorsed, in the year it was issued.
    func totals() -> [BalanceKey: (authorizedNotUsed: Int64, imported: Int64)] {
        var totals: [BalanceKey: (authorizedNotUsed: Int64, imported: Int64)] = [:]
        func add(_ key: BalanceKey, authorized: Int64, imported: Int64) {
            let old = totals[key] ?? (0, 0)
            totals[key] = (old.authorizedNotUsed + authorized, old.imported + imported)
        }
        for ia in self.issuedImports where ia.supersededBy == nil {
            guard let year = ia.issuedOn?.year else { continue }
            let key = BalanceKey(country: ia.importingCountry, substance: ia.substance, year: year)
            var authorized = self.remaining(of: ia)
            var imported: Int64 = 0
            for ea in self.activeExports(ofChain: ia.key) {
                if ea.status == .endorsed { imported += ea.imported ?? 0 } else { authorized += ea.committed }
            }
            add(key, authorized: authorized, imported: imported)
        }
        for ea in self.exports where ea.cites == nil && ea.status == .endorsed {
            guard let year = ea.issuedOn?.year else { continue }
            add(
                BalanceKey(country: ea.importingCountry, substance: ea.substance, year: year),
                authorized: 0,
                imported: ea.imported ?? 0
            )
        }
        return totals
    }

    func limit(_ key: BalanceKey) -> Int64? {
        self.allowances[key].map { $0.supplementary.reduce($0.initial, +) }
    }

    // MARK: Visibility

    /// Whether `authority` may see the document ("BOARD": every document but drafts).
    func visible(_ key: Key, to authority: String) -> Bool {
        guard let document = self.documents[key] else { return false }
        if authority == "BOARD" { return document.status != .draft }
        return document.parties.contains(authority)
    }
}
