import LicitExchange
import LicitWire

extension Role {
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

extension Account {
    public var wire: Licit_V1_Account {
        .with {
            $0.name = self.name
            $0.country = self.country
            $0.authority = self.authority
            $0.role = self.role.wire
            $0.certificateFingerprint = self.certificateFingerprint
            $0.pendingApproval = self.pendingApproval
        }
    }
}
