import Foundation

/// One value of a stored row, as a store keeps it: what copying an exchange from one store to
/// another (`licitd migrate`) reads from the source.
public enum TableValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// The state that lives outside the tables' rows: the audit chain's head, the clock's floor and
/// the last sequence numbers given to a document and to an inbox event.
public struct LedgerHeadExport: Sendable, Equatable {
    public var auditSequence: Int64
    public var auditHash: Data
    public var clockFloor: Int64
    public var documentSequence: Int64
    public var eventSequence: Int64

    public init(auditSequence: Int64, auditHash: Data, clockFloor: Int64, documentSequence: Int64, eventSequence: Int64)
    {
        self.auditSequence = auditSequence
        self.auditHash = auditHash
        self.clockFloor = clockFloor
        self.documentSequence = documentSequence
        self.eventSequence = eventSequence
    }
}

/// A store whose whole content can be read table by table, for copying it into another store.
public protocol TableExporting {
    /// The names of the tables the store holds (its own bookkeeping tables left out).
    func tableNames() throws -> [String]
    /// Every row of `table`: the values of `columns`, in that order, rows ordered by `orderedBy`.
    func rows(of table: String, columns: [String], orderedBy: [String]) throws -> [[TableValue]]
    func ledgerHead() throws -> LedgerHeadExport
}
