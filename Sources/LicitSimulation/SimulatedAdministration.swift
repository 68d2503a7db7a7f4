import LicitExchange
import LicitModel
import LicitServerCore

/// Enrols and revokes in the simulation's account directory, as the daemon's administration
/// does, with a stand-in certificate: issuing X.509 certificates is not what is simulated.
final class SimulatedAdministration: AccountAdministration {
    let directory: InMemoryAccountDirectory

    init(directory: InMemoryAccountDirectory) {
        self.directory = directory
    }

    func revoke(fingerprint: String) throws {
        self.directory.revoke(fingerprint: fingerprint)
    }

    func approve(fingerprint: String) throws -> Account {
        guard let account = self.directory.approve(fingerprint: fingerprint) else {
            throw ExchangeError("account_not_found", "no account has the certificate \(fingerprint)")
        }
        return account
    }

    func enroll(_ account: Account, request: [UInt8]) throws -> (account: Account, certificatePEM: String) {
        var enrolled = account
        enrolled.certificateFingerprint = SimulationWorld.fingerprint("enrolled-\(account.name)")
        self.directory.register(enrolled)
        return (enrolled, "-----BEGIN CERTIFICATE-----\nc2ltdWxhdGVk\n-----END CERTIFICATE-----\n")
    }
}
