import LicitStorage

/// What a filing with the Board is called in the inbox events about it (`estimate/FR-2026-1`), and
/// the status they carry.
protocol InboxSubject {
    var subject: String { get }
    var statusName: String { get }
}

extension EstimateRequest: InboxSubject {
    var subject: String { "estimate/\(self.id)" }
    var statusName: String { self.status.rawValue }
}

extension AnnualEstimate: InboxSubject {
    var subject: String { "annual-estimate/\(self.id)" }
    var statusName: String { self.status.rawValue }
}

extension ReturnFiling: InboxSubject {
    var subject: String { "return/\(self.id)" }
    var statusName: String { self.status.rawValue }
}

extension Exchange {
    /// An inbox event about a filing, with its status now.
    static func event(
        _ item: some InboxSubject,
        to recipient: String,
        _ kind: String,
        _ summary: String,
        at milliseconds: Int64
    ) -> InboxEntry {
        Self.event(about: item.subject, status: item.statusName, to: recipient, kind, summary, at: milliseconds)
    }

    /// An inbox event about something other than a document (`type/name`); a summary is at most
    /// 512 characters.
    static func event(
        about subject: String,
        status: String,
        to recipient: String,
        _ kind: String,
        _ summary: String,
        at milliseconds: Int64
    ) -> InboxEntry {
        InboxEntry(
            recipient: recipient,
            kind: kind,
            subject: subject,
            at: milliseconds,
            status: status,
            summary: String(summary.prefix(512))
        )
    }
}
