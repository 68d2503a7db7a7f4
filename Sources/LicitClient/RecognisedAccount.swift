import Foundation
import LicitWire

/// The account the exchange recognised from this client's certificate, as told by hello.
public struct RecognisedAccount: Sendable, Hashable {
    public let name: String
    /// ISO 3166-1 alpha-2; empty for the Board.
    public let country: String
    public let authority: String
    /// "board_admin", "board_observer", "country_admin", "officer", "signer" or "viewer".
    public let role: String
    public let certificateFingerprint: String
    /// When the client certificate stops being valid, on the exchange's clock, if the exchange said;
    /// the connection is closed then (`certificate_expired`): renew it before.
    public let certificateExpiry: Date?

    init(_ wire: Licit_V1_Account, certificateExpiresMs: Int64 = 0) {
        self.certificateExpiry =
            certificateExpiresMs > 0 ? Date(timeIntervalSince1970: Double(certificateExpiresMs) / 1000) : nil
        self.name = wire.name
        self.country = wire.country
        self.authority = wire.authority
        self.role = Self.name(of: wire.role)
        self.certificateFingerprint = wire.certificateFingerprint
    }

    /// A role as the exchange names it in text: "signer", "country_admin" ….
    public static func name(of role: Licit_V1_Role) -> String {
        switch role {
        case .boardAdmin: "board_admin"
        case .boardObserver: "board_observer"
        case .countryAdmin: "country_admin"
        case .officer: "officer"
        case .signer: "signer"
        case .viewer: "viewer"
        default: "unspecified"
        }
    }
}
