import Foundation
import LicitClient
import LicitWire
import Logging
import Synchronization

/// A signed-in person: the identity they act with, their own connection to the exchange, and the
/// token every form of theirs must carry back (CSRF).
final class ConsoleSession: Sendable {
    let id: String
    let csrfToken: String
    let identity: ConsoleSetup.Identity
    /// Who the exchange says this is: country, authority, role.
    let account: RecognisedAccount
    let client: LicitClient
    let signedInAt: ContinuousClock.Instant
    let lastSeen: Mutex<ContinuousClock.Instant>
    /// The exchange's reference data for this person's country, and when it was read.
    private let referenceRead = Mutex<(at: ContinuousClock.Instant, data: Licit_V1_ReferenceData)?>(nil)
    /// How long reference data is reused: forms check as one types, each check needing the
    /// catalogue; a trader registered meanwhile appears within this.
    static let referenceFreshness: Duration = .seconds(30)
    private let connection: Task<Void, Never>

    init(
        identity: ConsoleSetup.Identity,
        account: RecognisedAccount,
        client: LicitClient,
        connection: Task<Void, Never>
    ) {
        self.id = Token.make()
        self.csrfToken = Token.make()
        self.identity = identity
        self.account = account
        self.client = client
        self.connection = connection
        self.signedInAt = .now
        self.lastSeen = Mutex(.now)
    }

    /// The reference data for this person's country (catalogue, traders, names), read at most once
    /// per ``referenceFreshness``.
    func reference() async throws -> Licit_V1_ReferenceData {
        let now = ContinuousClock.now
        if let read = self.referenceRead.withLock({ $0 }), now - read.at < Self.referenceFreshness {
            return read.data
        }
        let data = try await self.client.reference(country: self.account.country)
        self.referenceRead.withLock { $0 = (now, data) }
        return data
    }

    var isBoard: Bool { self.account.role.hasPrefix("board_") }
    var isCountryAdmin: Bool { self.account.role == "country_admin" }
    /// Officers draft; signers issue; both act on documents.
    var mayWrite: Bool { ["officer", "signer"].contains(self.account.role) }
    var maySign: Bool { self.account.role == "signer" }

    func end() {
        self.client.shutdown()
        self.connection.cancel()
    }
}

/// Every signed-in session, ended after a time without requests or a time after sign-in.
actor SessionStore {
    private var sessions: [String: ConsoleSession] = [:]
    let idleLimit: Duration
    let lifetime: Duration
    let capacity: Int
    let logger: Logger

    init(idleLimit: Duration, lifetime: Duration, capacity: Int, logger: Logger) {
        self.idleLimit = idleLimit
        self.lifetime = lifetime
        self.capacity = capacity
        self.logger = logger
    }

    /// Connects to the exchange as `identity` and opens a session; throws what the exchange said
    /// when it does not recognise the certificate.
    func signIn(_ identity: ConsoleSetup.Identity, setup: ConsoleSetup) async throws -> ConsoleSession {
        if self.sessions.count >= self.capacity { self.sweep() }
        guard self.sessions.count < self.capacity else {
            throw ConsoleInputError(
                "the console has \(self.capacity) people signed in, its most: try again when one signs out"
            )
        }
        let client = LicitClient(configuration: try setup.clientConfiguration(for: identity), logger: self.logger)
        let connection = Task {
            do { try await client.run() } catch {}
        }
        do {
            let account = try await client.recognisedAccount()
            let session = ConsoleSession(identity: identity, account: account, client: client, connection: connection)
            self.sessions[session.id] = session
            self.logger.info("signed in", metadata: ["account": "\(account.name)", "role": "\(account.role)"])
            return session
        } catch {
            client.shutdown()
            connection.cancel()
            throw error
        }
    }

    /// The live session with this id, its idle clock restarted; nil when there is none or it expired.
    func session(_ id: String?) -> ConsoleSession? {
        guard let id, let session = self.sessions[id] else { return nil }
        let now = ContinuousClock.now
        let idle = session.lastSeen.withLock { now - $0 }
        guard idle < self.idleLimit, now - session.signedInAt < self.lifetime else {
            self.end(id)
            return nil
        }
        session.lastSeen.withLock { $0 = now }
        return session
    }

    func end(_ id: String) {
        self.sessions.removeValue(forKey: id)?.end()
    }

    /// Ends every expired session (run every minute).
    func sweep() {
        let now = ContinuousClock.now
        for (id, session) in self.sessions
        where now - session.lastSeen.withLock({ $0 }) >= self.idleLimit || now - session.signedInAt >= self.lifetime {
            self.end(id)
        }
    }

    func endAll() {
        for id in self.sessions.keys { self.end(id) }
    }
}

/// Unguessable tokens: 256 random bits, URL- and cookie-safe.
enum Token {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next() as UInt64, radix: 16).leftPadded(to: 16) }.joined()
    }

    /// Compares in time independent of where the strings differ.
    static func matches(_ given: String?, _ expected: String) -> Bool {
        guard let given else { return false }
        let a = Array(given.utf8)
        let b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        self.count >= width ? self : String(repeating: "0", count: width - self.count) + self
    }
}
