import LicitWire

extension LicitStatus {
    /// Sent in a GoAway to every connection of a certificate once it is revoked.
    public static let certificateRevoked = LicitStatus(
        .unauthenticated,
        reason: "certificate_revoked",
        message: "this certificate has been revoked; ask your country admin for a new one"
    )
}
