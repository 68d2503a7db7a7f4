import LicitWire

/// What an account may do; see docs/ARCHITECTURE.md §5.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case boardAdmin = "board_admin"
    case boardObserver = "board_observer"
    case countryAdmin = "country_admin"
    case officer
    case signer
    case viewer

    /// The role a wire value names; nil for an unspecified or unknown one.
    public init?(wire: Licit_V1_Role) {
        guard let role = Self.allCases.first(where: { $0.wire == wire }) else { return nil }
        self = role
    }

    public var wire: Licit_V1_Role {
        switch self {
        case .boardAdmin: .boardAdmin
        case .boardObserver: .boardObserver
        case .countryAdmin: .countryAdmin
        case .officer: .officer
        case .signer: .signer
        case .viewer: .viewer
        }
    }
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

    public init(name: String, country: String, authority: String, role: Role, certificateFingerprint: String) {
        self.name = name
        self.country = country
        self.authority = authority
        self.role = role
        self.certificateFingerprint = certificateFingerprint
    }

    public var wire: Licit_V1_Account {
        .with {
            $0.name = self.name
            $0.country = self.country
            $0.authority = self.authority
            $0.role = self.role.wire
            $0.certificateFingerprint = self.certificateFingerprint
        }
    }
}
