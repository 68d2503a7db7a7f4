import Foundation
import LicitExchange
import LicitModel
import LicitServerCore
import LicitStorage
import LicitTestSupport
import LicitWire
import Logging
import Synchronization

/// The accounts a fuzz input may call as: each role, in the importing, exporting and a third
/// country, and the Board. Their order is part of the input format (byte 0): append, never reorder.
public enum FuzzAccounts {
    public static let all: [Account] = [
        Self.account("fr-signer", "FR", "FR-ANSM", .signer),
        Self.account("fr-officer", "FR", "FR-ANSM", .officer),
        Self.account("fr-viewer", "FR", "FR-ANSM", .viewer),
        Self.account("fr-admin", "FR", "FR-ANSM", .countryAdmin),
        Self.account("in-signer", "IN", "IN-NCB", .signer),
        Self.account("in-cdsco-signer", "IN", "IN-CDSCO", .signer),
        Self.account("de-signer", "DE", "DE-BFARM", .signer),
        Self.account("board-admin", "", "BOARD", .boardAdmin),
        Self.account("board-observer", "", "BOARD", .boardObserver),
    ]

    public static func named(_ name: String) -> Account {
        Self.all.first { $0.name == name }!
    }

    public static func index(of name: String) -> UInt8 {
        UInt8(Self.all.firstIndex { $0.name == name }!)
    }

    private static func account(_ name: String, _ country: String, _ authority: String, _ role: Role) -> Account {
        Account(
            name: name,
            country: country,
            authority: authority,
            role: role,
            certificateFingerprint: Self.fingerprint(Array(name.utf8))
        )
    }

    /// 64 hex characters, as a certificate's SHA-256 is written; derived from `bytes`.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var random = InputRandom(seed: bytes)
        return (0..<4).map { _ in
            let text = String(random.next(), radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
    }
}

extension Logger {
    /// Silent unless LICIT_FUZZ_LOG names a level (for example `debug`, to see why a call failed).
    static let fuzz: Logger = {
        guard let level = ProcessInfo.processInfo.environment["LICIT_FUZZ_LOG"].flatMap({ Logger.Level(rawValue: $0) })
        else {
            return Logger(label: "licit.fuzz", factory: { _ in SwiftLogNoOpLogHandler() })
        }
        var logger = Logger(label: "licit.fuzz", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = level
        return logger
    }()
}

/// Revokes and enrols in the world's account directory, as the daemon's administration does,
/// except that a certificate request is only checked to be a DER SEQUENCE and the certificate
/// is a placeholder: issuing certificates is LicitPKI's, outside what the fuzzers link.
final class FuzzAdministration: AccountAdministration {
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
        guard request.count > 2, request[0] == 0x30 else {
            throw ExchangeError(
                "invalid_certificate_request",
                "the certificate request is not a DER-encoded PKCS #10 request"
            )
        }
        var enrolled = account
        enrolled.certificateFingerprint = FuzzAccounts.fingerprint(request)
        self.directory.register(enrolled)
        let pem =
            "-----BEGIN CERTIFICATE-----\n\(Data(request.prefix(48)).base64EncodedString())\n-----END CERTIFICATE-----\n"
        return (enrolled, pem)
    }
}

/// The exchange the request fuzzer calls: the daemon's handlers (SessionMethods and every
/// method of ExchangeContext, registered as `licitd` registers them) on an in-memory store
/// seeded with TestWorld, a sandbox clock, and a few documents already issued.
///
/// Made once per process, on first use, and made again after ``lifetime`` inputs so that the
/// store (and its audit trail) stays small and fast however long the fuzzer runs.
final class FuzzWorld: Sendable {
    /// The exchange's clock starts here (2026-03-02 12:00 UTC), whatever the date of the run.
    static let start = Date(timeIntervalSince1970: 1_772_452_800)
    static let lifetime = 5_000

    /// The daemon's limits, except that an authority's writes are not paced: the fuzzer sends
    /// one request after another from five authorities, and pacing (50 writes a second each)
    /// would make it wait rather than fuzz.
    static var limits: ServerLimits {
        var limits = ServerLimits.defaults
        limits.authorityWritesPerSecond = 1_000_000
        limits.authorityWriteBurst = 1_000_000
        return limits
    }

    let exchange: ExchangeContext
    let server: ExchangeProtocol
    let directory: InMemoryAccountDirectory
    let day: Day

    private static let shared = Mutex<(world: FuzzWorld?, inputs: Int)>((nil, 0))

    /// The world for the next input.
    static func forNextInput() throws(FuzzFinding) -> FuzzWorld {
        try Self.shared.withLock { (shared) throws(FuzzFinding) -> FuzzWorld in
            if let world = shared.world, shared.inputs < Self.lifetime {
                shared.inputs += 1
                return world
            }
            let world = try FuzzWorld()
            shared = (world, 1)
            return world
        }
    }

    private init() throws(FuzzFinding) {
        let directory = InMemoryAccountDirectory(accounts: FuzzAccounts.all)
        let clock = SandboxClock(start: Self.start)
        let exchange = ExchangeContext(
            storage: InMemoryStorage(),
            sealKeys: SealKeyRing(current: try! SealKey(rawRepresentation: Data(repeating: 7, count: 32))),
            clock: clock,
            directory: directory,
            administration: FuzzAdministration(directory: directory)
        )
        self.exchange = exchange
        self.directory = directory
        self.day = Day(Self.start)
        self.server = ExchangeProtocol(
            registry: MethodRegistry(SessionMethods.handlers + exchange.handlers, tally: exchange.tally),
            limits: Self.limits,
            directory: directory,
            clock: clock,
            onDenial: { account, method, status in
                try await exchange.auditRoleDenial(
                    account,
                    method: method,
                    reason: status.reason,
                    message: status.message
                )
            }
        )
        try self.seed()
    }

    /// After each input: the fixed accounts again, none revoked, none enrolled.
    func restoreAccounts() {
        self.directory.replace(accounts: FuzzAccounts.all, revoked: [])
    }

    /// TestWorld's reference data, then the documents the seed requests name.
    private func seed() throws(FuzzFinding) {
        let data = TestWorld.reference(year: self.day.year)
        let storage = self.exchange.storage
        let seeded = blockingWait {
            try await storage.write(
                WriteIntent(
                    authority: "TEST",
                    requestID: "seed",
                    payload: Data(),
                    actor: "fuzz",
                    certificate: "",
                    action: "reference.import",
                    subject: "world",
                    at: Int64(FuzzWorld.start.timeIntervalSince1970 * 1000)
                )
            ) { transaction in
                try data.apply(to: transaction)
                return Data()
            }
        }
        guard case .success = seeded else { throw FuzzFinding("the world's reference data: \(seeded)") }
        for step in WorldDocuments.steps(on: self.day) {
            let conversation = Conversation(world: self, account: FuzzAccounts.named(step.account))
            conversation.deliver(.request(callID: 1, method: LicitMethod.hello, payload: RequestFuzzing.helloPayload))
            conversation.deliver(
                .request(
                    callID: 2,
                    method: step.method,
                    payload: step.payload,
                    requestID: "seed-\(step.number)"
                )
            )
            let status = try conversation.response(to: 2).status
            try conversation.finish()
            try expect(status.code == .ok, "seeding the world: \(step.method) \(step.number) answered \(status)")
        }
    }
}

/// Runs `body` as a task and blocks the calling thread until it ends. Call it only from a thread
/// that is not one of the concurrency pool's (the fuzzer's own, or one a test starts).
func blockingWait<Value: Sendable>(
    _ body: @escaping @Sendable () async throws -> Value
) -> Result<Value, any Error> {
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox<Value>()
    Task.detached {
        do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
        done.signal()
    }
    done.wait()
    return box.result!
}

final class ResultBox<Value: Sendable>: Sendable {
    private let value = Mutex<Result<Value, any Error>?>(nil)

    func set(_ result: Result<Value, any Error>) { self.value.withLock { $0 = result } }
    var result: Result<Value, any Error>? { self.value.withLock { $0 } }
}
