/// Where a CNA (or the Board) has its inbox events delivered beyond the inbox: a webhook (HTTPS
/// POST signed with a shared secret) or an e-mail address, for chosen event kinds. The exchange
/// delivers each target's events in inbox order, at least once, and keeps its place here.
public struct NotificationTarget: Hashable, Sendable, Codable {
    public enum Channel: String, Hashable, Sendable, Codable, CaseIterable {
        case webhook, email
    }

    /// `AUTHORITY-N`: the inbox's n-th target.
    public let id: String
    /// Whose inbox is delivered: a CNA's authority code, or the Board's.
    public let recipient: String
    public let channel: Channel
    /// The webhook's `https://` URL, or the e-mail address.
    public let address: String
    /// The key a webhook's deliveries are signed with (HMAC-SHA256); empty for e-mail.
    public let secret: String
    /// The event kinds delivered; empty for every kind.
    public let kinds: [String]
    /// The account that registered it, and when (the exchange's milliseconds).
    public let registeredBy: String
    public let registeredAt: Int64
    /// The inbox sequence delivered last: delivery goes on after it.
    public var delivered: UInt64
    /// Failed attempts since the last delivery, the last failure, and when to try again (real
    /// time, milliseconds since 1970: retries wait for receivers, whatever a sandbox's clock does).
    public var failures: Int
    public var lastError: String
    public var lastAttemptAt: Int64?
    public var retryAt: Int64?
    /// When it was removed; a removed target delivers nothing and is kept for the record.
    public var removedAt: Int64?

    public init(
        id: String,
        recipient: String,
        channel: Channel,
        address: String,
        secret: String,
        kinds: [String],
        registeredBy: String,
        registeredAt: Int64,
        delivered: UInt64
    ) {
        self.id = id
        self.recipient = recipient
        self.channel = channel
        self.address = address
        self.secret = secret
        self.kinds = kinds
        self.registeredBy = registeredBy
        self.registeredAt = registeredAt
        self.delivered = delivered
        self.failures = 0
        self.lastError = ""
        self.lastAttemptAt = nil
        self.retryAt = nil
        self.removedAt = nil
    }

    /// Whether `event` of its inbox goes to this target: one of its kinds, or about the target
    /// itself (its registration reaches it whatever kinds it chose, showing that it works).
    public func wants(_ event: InboxEntry) -> Bool {
        self.kinds.isEmpty || self.kinds.contains(event.kind) || event.subject == self.subject
    }

    /// How inbox events about it name it.
    public var subject: String { "notification/\(self.id)" }
}
