import Foundation
import LicitWire

extension LicitStatus {
    /// Sent in a GoAway to every connection of a certificate once it is revoked.
    public static let certificateRevoked = LicitStatus(
        .unauthenticated,
        reason: "certificate_revoked",
        message: "this certificate has been revoked; ask your country admin for a new one"
    )

    /// Sent to a connection whose certificate passed its notAfter while it was open.
    public static func certificateExpired(at expiry: Date) -> LicitStatus {
        LicitStatus(
            .unauthenticated,
            reason: "certificate_expired",
            message: "this certificate expired at \(expiry.ISO8601Format()); renew it and connect with the new one",
            details: ["expired_at": expiry.ISO8601Format()]
        )
    }
}
