/// What an account may do; see docs/ARCHITECTURE.md §5.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case boardAdmin = "board_admin"
    case boardObserver = "board_observer"
    case countryAdmin = "country_admin"
    case officer
    case signer
    case viewer
}

/// A registered user of the exchange, reached through the certificate registered for it.
public struct Account: Sendable, Hashable, Codable {
    /// Stable name, for example "fr-signer".
    public var name: String
    /// ISO 3166-1 alpha-2; empty for the Board.
    public var country: String
    /// The competent national authority's code, or "BOARD".
    public var authority: String
    public var role: Role
    /// Lowercase hex SHA-256 of the certificate's DER encoding.
    public var certificateFingerprint: String
    /// A country admin enrolled by a country admin, until a Board admin approves it: its
    /// certificate is issued, but the exchange refuses its sessions.
    public var pendingApproval: Bool

    public init(
        name: String,
        country: String,
        authority: String,
        role: Role,
        certificateFingerprint: String,
        pendingApproval: Bool = false
    ) {
        self.name = name
        self.country = country
        self.authority = authority
        self.role = role
        self.certificateFingerprint = certificateFingerprint
        self.pendingApproval = pendingApproval
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try container.decode(String.self, forKey: .name)
        self.country = try container.decode(String.self, forKey: .country)
        self.authority = try container.decode(String.self, forKey: .authority)
        self.role = try container.decode(Role.self, forKey: .role)
        self.certificateFingerprint = try container.decode(String.self, forKey: .certificateFingerprint)
        // Accounts files written before approvals existed hold no such field: those accounts are active.
        self.pendingApproval = try container.decodeIfPresent(Bool.self, forKey: .pendingApproval) ?? false
    }
}
