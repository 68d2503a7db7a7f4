import Foundation
import LicitExchange
import LicitModel
import LicitServerCore
import LicitStorage
import LicitStorageSQLite
import LicitWire

/// The clock, restarts, retries with the same and with reused request ids, and a second daemon.
extension Simulation {
    // MARK: Clock and restarts

    func advanceClock(days: Int) async throws {
        let response = try await self.write(
            SimulationWorld.boardAdmin,
            LicitMethod.Sandbox.setClock,
            Licit_V1_SetClockRequest.with { $0.advanceSeconds = Int64(days) * 86_400 }
        )
        guard response.status.code == .ok else { return }
        self.model.day = self.today
    }

    /// A crash and a start on the same files: everything acknowledged is still there, as it was.
    /// `afterCrash`: the daemon died inside a write that may have committed (a SetClock moves the
    /// clock only once the store answers), so what it showed before is no yardstick; the model's
    /// checks after the step judge what survived.
    func restart(afterCrash: Bool = false) async throws {
        let before = afterCrash ? nil : try await self.snapshot()
        try await self.exchange.restart()
        try await self.checkClock()
        if let before {
            let after = try await self.snapshot()
            self.checks += 1
            try require(
                before == after,
                "acknowledged-writes-survive",
                "after a restart the exchange differs: \(Self.difference(before, after))"
            )
        }
        // As the daemon does when it starts.
        try await self.exchange.sweep()
        self.model.day = self.today
    }

    /// The same write again with the same request id: the same answer, applied once.
    func replay(_ pick: Int, afterRestart: Bool) async throws {
        let writes = self.acknowledged.filter {
            $0.method != LicitMethod.Sandbox.setClock && !self.revoked.contains($0.account.name)
        }
        guard !writes.isEmpty else { return }
        let write = writes[pick % writes.count]
        if afterRestart { try await self.restart() }
        let before = try await self.snapshot()
        let response = await self.exchange.call(write.account, write.method, write.payload, requestID: write.requestID)
        self.checks += 1
        try require(
            response.status.code == .ok && response.payload == write.response,
            "idempotent-retries",
            "\(write.method) retried with request id \(write.requestID) answered \(response.status.code) \(response.status.reason), \(response.payload == write.response ? "the same" : "another") payload"
        )
        let after = try await self.snapshot()
        try require(
            before == after,
            "idempotent-retries",
            "retrying \(write.method) \(write.requestID) changed the exchange: \(Self.difference(before, after))"
        )
    }

    /// A request id used again for another request: refused, and nothing changes.
    func reuseRequestID(_ pick: Int, otherMethod: Bool) async throws {
        let writes = self.acknowledged.filter { !self.revoked.contains($0.account.name) }
        guard !writes.isEmpty else { return }
        let write = writes[pick % writes.count]
        let method: String
        let payload: Data
        if otherMethod {
            let pairs = [
                Method.issueImportAuthorization: Method.draftImportAuthorization,
                Method.draftImportAuthorization: Method.issueImportAuthorization,
            ]
            guard let other = pairs[write.method], write.account.role == .signer else { return }
            (method, payload) = (other, write.payload)
        } else {
            guard
                let other = self.acknowledged.first(where: {
                    $0.method == write.method && $0.account.authority == write.account.authority
                        && $0.payload != write.payload
                })
            else { return }
            (method, payload) = (write.method, other.payload)
        }
        let before = try await self.snapshot()
        let response = await self.exchange.call(write.account, method, payload, requestID: write.requestID)
        self.checks += 1
        try require(
            response.status.reason == "request_id_reused",
            "idempotent-retries",
            "request id \(write.requestID) of an acknowledged \(write.method), sent again with \(otherMethod ? "method \(method)" : "another payload"), answered \(response.status.code) \(response.status.reason)"
        )
        let after = try await self.snapshot()
        try require(before == after, "idempotent-retries", "a reused request id changed the exchange")
    }

    /// A second daemon on the same database: it must not start, and whatever happens the trail
    /// stays verifiable.
    func secondDaemon() async throws {
        guard self.exchange.kind == .sqlite else { return }
        let second: SQLiteStore
        do {
            second = try SQLiteStore(path: self.exchange.path)
        } catch {
            return
        }
        defer { try? second.close() }
        // It started: both write, as two daemons serving clients would.
        _ = try? await second.write(
            WriteIntent(
                authority: "FR-ANSM",
                requestID: self.nextRequestID(),
                payload: Data(),
                actor: "fr-ansm-signer",
                certificate: "",
                action: "trader.register",
                subject: "second daemon",
                at: Int64(self.exchange.clock.now.timeIntervalSince1970 * 1000)
            )
        ) { transaction in
            try transaction.put(
                RegisteredTrader(
                    id: "FR-ANSM-T2",
                    authority: "FR-ANSM",
                    trader: Trader(name: "Second Trader", address: "Lyon", country: "FR")
                )
            )
            return Data()
        }
        _ = await self.exchange.call(
            SimulationWorld.signer(of: "FR-ANSM"),
            LicitMethod.Reference.registerTrader,
            try Licit_V1_RegisterTraderRequest.with {
                $0.trader = .with {
                    $0.name = "First Trader"
                    $0.address = "Paris"
                }
            }.serializedData(),
            requestID: self.nextRequestID()
        )
        try? second.close()
        self.checks += 1
        let report = try await self.exchange.verify()
        throw Violation(
            invariant: "one-writer",
            message:
                "a second daemon started on the database in use\(report.isIntact ? "" : ", and the trail no longer verifies: \(report.problems.first!)")"
        )
    }
}
