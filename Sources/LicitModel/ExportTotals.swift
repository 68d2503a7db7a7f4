/// What the export authorizations issued against one IA add up to, per IA line: enough to check
/// a new EA and to keep the importing country's balance, without reading every EA again.
///
/// Each EA contributes its ``ExportAuthorization/committed`` quantity while not cancelled; it is
/// outstanding until endorsed, and then counts as imported with the endorsed quantity.
public struct ExportTotals: Hashable, Sendable, Codable {
    /// Per line: base committed by EAs not cancelled (authorized, or exported when short).
    public private(set) var committed: [Int64]
    /// Per line: committed by EAs not yet endorsed.
    public private(set) var outstanding: [Int64]
    /// Per line: endorsed as actually imported.
    public private(set) var imported: [Int64]
    /// EAs not cancelled.
    public private(set) var activeExports: Int
    /// The first EA not cancelled, to name in a refusal.
    public private(set) var firstActive: String?

    public init(lines: Int) {
        self.committed = Array(repeating: 0, count: lines)
        self.outstanding = Array(repeating: 0, count: lines)
        self.imported = Array(repeating: 0, count: lines)
        self.activeExports = 0
        self.firstActive = nil
    }

    /// The totals of `exports` against an IA of `lines` lines.
    public init(lines: Int, exports: [ExportAuthorization]) {
        self.init(lines: lines)
        for ea in exports { self.replace(nil, with: ea) }
    }

    /// Accounts for an EA changing from `old` (nil: newly issued) to `new`.
    public mutating func replace(_ old: ExportAuthorization?, with new: ExportAuthorization) {
        if let old { self.apply(old, sign: -1) }
        self.apply(new, sign: 1)
        if new.status != .cancelled, self.firstActive == nil { self.firstActive = new.number }
        if new.status == .cancelled, self.firstActive == new.number { self.firstActive = nil }
    }

    private mutating func apply(_ ea: ExportAuthorization, sign: Int64) {
        guard ea.status != .cancelled else { return }
        self.activeExports += Int(sign)
        for index in self.committed.indices where index < ea.lines.count {
            let quantity = ea.committed[index].milligrams * sign
            self.committed[index] += quantity
            if ea.status == .endorsed, let imported = ea.imported {
                self.imported[index] += imported[index].milligrams * sign
            } else {
                self.outstanding[index] += quantity
            }
        }
    }

    /// What the IA and its EAs add to the importing country's balance of `substance`: the IA's
    /// unexported remainder while it accepts exports, plus EAs not yet endorsed; and what was
    /// endorsed as imported. The same figures as ``Balance/compute``.
    public func usage(of ia: ImportAuthorization, substance: String) -> (authorizedNotUsed: Int64, imported: Int64) {
        var authorized: Int64 = 0
        var imported: Int64 = 0
        for (index, line) in ia.lines.enumerated() where line.substance == substance && index < self.committed.count {
            if ia.status.acceptsExports { authorized += max(0, line.base.milligrams - self.committed[index]) }
            authorized += self.outstanding[index]
            imported += self.imported[index]
        }
        return (authorized, imported)
    }
}
