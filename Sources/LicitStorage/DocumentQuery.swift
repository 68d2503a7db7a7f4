import LicitModel

/// Which documents a list returns, most recently stored first, paged by storage sequence.
public struct DocumentQuery: Hashable, Sendable {
    /// Only documents this CNA is a party to; `nil` for the Board (every document but drafts).
    public var visibleTo: String?
    public var kind: DocumentKind?
    /// Documents between this country and another (as importing or exporting country).
    public var country: String?
    /// Issued by this CNA.
    public var authority: String?
    public var substance: String?
    public var statuses: Set<String>?
    public var issuedFrom: Day?
    public var issuedTo: Day?
    /// Only documents whose period ended before this day (for expiry sweeps).
    public var periodEndedBefore: Day?
    /// Only documents that have not had this notice (``DocumentAnnotations/notices``).
    public var withoutNotice: String?
    /// Resume below this storage sequence (the previous page's last document's).
    public var before: Int64?
    public var limit: Int

    public init(visibleTo: String?, limit: Int = 100) {
        self.visibleTo = visibleTo
        self.limit = limit
    }

    /// Whether a document matches, by the same rules every backend applies.
    public func matches(_ document: StoredDocument) -> Bool {
        if let visibleTo {
            guard document.parties.contains(visibleTo) else { return false }
        } else if document.body.status == ImportAuthorization.Status.draft.rawValue {
            return false
        }
        if let kind, document.kind != kind { return false }
        if let country = self.country, document.counterpartCountry != country, document.issuingCountry != country {
            return false
        }
        if let authority, document.key.authority != authority { return false }
        if let substance, !document.body.lines.contains(where: { $0.substance == substance }) { return false }
        if let statuses, !statuses.contains(document.body.status) { return false }
        if let issuedFrom, !(document.annotations.issuedOn.map { $0 >= issuedFrom } ?? false) { return false }
        if let issuedTo, !(document.annotations.issuedOn.map { $0 <= issuedTo } ?? false) { return false }
        if let before, document.sequence >= before { return false }
        if let withoutNotice, document.annotations.notices.contains(withoutNotice) { return false }
        if let periodEndedBefore, !(document.body.period.last < periodEndedBefore) { return false }
        return true
    }
}
