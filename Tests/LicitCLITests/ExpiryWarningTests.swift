import Foundation
import LicitDaemon
import Testing

/// licit says when the certificate it connects with expires soon, and only then.
@Suite("certificate expiry warnings")
struct ExpiryWarningTests {
    @Test("a certificate expiring within 30 days is named on standard error; a distant expiry is not")
    func warning() async throws {
        var soon = FaultProfile()
        soon.expiryWarningDays = 5
        let sandbox = try await CLISandbox.start(faults: .init(accounts: ["fr-viewer": soon]))
        let warned = try await sandbox.licit(["ref", "countries"], as: "fr-viewer")
        #expect(warned.status == 0, "\(warned)")
        #expect(warned.error.contains("warning: the certificate of fr-viewer expires on"), "\(warned)")
        #expect(warned.error.contains("(in 4 days)") || warned.error.contains("(in 5 days)"), "\(warned)")
        let quiet = try await sandbox.licit(["ref", "countries"], as: "de-viewer")
        #expect(quiet.status == 0 && !quiet.error.contains("warning"), "\(quiet)")
    }
}
