import Foundation
import LicitExchange
import LicitModel
import LicitServerCore
import LicitStorage
import LicitWire
import SwiftProtobuf

/// The exchange with no sockets: its session, routing, limits and handlers over a store (in
/// memory, or staged with `LICIT_TEST_STORAGE=staged`), seeded with ``TestWorld``, on a
/// ``TestClock``. Each call goes through `ExchangeProtocol.call`, the path a TLS connection
/// drives. Fast: for tests of the exchange's commands one by one.
public struct DirectExchange: Sendable {
    public let exchange: ExchangeContext
    public let server: ExchangeProtocol
    public let clock: TestClock
    private let directory: InMemoryAccountDirectory

    public var today: Day { Day(self.clock.now) }

    public init(storage: any Storage = TestExchange.defaultStorage()) async throws {
        self.clock = TestClock()
        self.directory = InMemoryAccountDirectory()
        let exchange = ExchangeContext(
            storage: storage,
            sealKeys: SealKeyRing(current: .generate()),
            clock: self.clock,
            directory: self.directory
        )
        self.exchange = exchange
        var limits = ServerLimits.defaults
        limits.authorityWritesPerSecond = 1_000_000
        limits.authorityWriteBurst = 1_000_000
        self.server = ExchangeProtocol(
            registry: MethodRegistry(SessionMethods.handlers + exchange.handlers, tally: exchange.tally),
            limits: limits,
            directory: self.directory,
            clock: self.clock,
            onDenial: { account, method, status in
                try await exchange.auditRoleDenial(
                    account,
                    method: method,
                    reason: status.reason,
                    message: status.message
                )
            }
        )
        let data = TestWorld.reference(year: Day(self.clock.now).year)
        _ = try await storage.write(
            WriteIntent(
                authority: "TEST",
                requestID: "seed",
                payload: Data(),
                actor: "test",
                certificate: "",
                action: "reference.import",
                subject: "world",
                at: Int64(self.clock.now.timeIntervalSince1970 * 1000)
            )
        ) { transaction in
            try data.apply(to: transaction)
            return Data()
        }
    }

    /// An account of `role` at `authority` (the country's first CNA by default), known to the
    /// exchange's directory.
    public func account(
        _ name: String,
        _ role: Role = .signer,
        country: String = "FR",
        authority: String? = nil
    )
        -> Account
    {
        let account = Account(
            name: name,
            country: country,
            authority: authority ?? (country == "BOARD" ? "BOARD" : Self.authorities[country] ?? country),
            role: role,
            certificateFingerprint: String(repeating: "0", count: 48) + String(format: "%016x", name.hashValue)
        )
        self.directory.register(account)
        return account
    }

    static let authorities = ["FR": "FR-ANSM", "IN": "IN-NCB", "DE": "DE-BFARM"]

    /// Calls `method` as `account`: the decoded response, or the refusal's status.
    public func call<Response: SwiftProtobuf.Message>(
        _ account: Account,
        _ method: String,
        _ request: some SwiftProtobuf.Message,
        requestID: String = UUID().uuidString,
        as _: Response.Type = Response.self
    ) async throws -> Result<Response, LicitStatus> {
        let response = await self.server.call(account, method, try request.serializedData(), requestID: requestID)
        let status = LicitStatus(wire: response.status)
        guard status.isOK else { return .failure(status) }
        return .success(try Response(serializedBytes: response.payload))
    }
}
