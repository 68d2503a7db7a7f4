import Foundation
import LicitModel
import LicitStorage

/// Reference data: countries, CNAs, the substance catalogue, estimates and assessments,
/// prohibitions and traders. Board admins maintain them; CNAs register their own traders.
extension Exchange {
    /// The reference data as the caller may see it, about one country or all (nil). Traders are
    /// a CNA's own register: others see them only on the documents naming them.
    public func reference(about country: String?, for caller: Caller) async throws -> ReferenceData {
        let account = caller.account
        return try await self.storage.read { reader in
            let traders = try reader.traders(authority: account.isBoard ? nil : account.authority)
            return ReferenceData(
                countries: try reader.countries(),
                authorities: try reader.authorities(),
                substances: try reader.substances(),
                allowances: try reader.allowances(country: country),
                prohibitions: try reader.prohibitions().filter { country == nil || $0.country == country },
                traders: traders.filter { country == nil || $0.trader.country == country }
            )
        }
    }

    /// Adds or replaces every entry of `data` in one write; `answer` encodes what was imported.
    public func importReference(
        _ data: ReferenceData,
        by caller: Caller,
        payload: Data,
        answer: @escaping @Sendable () throws -> Data
    ) async throws -> Data {
        // Once committed, no call may go on with the old catalogue: forget it again (a snapshot
        // read from committed state during the write would be the old one).
        defer { self.references.invalidate() }
        return try await self.write(caller, action: "reference.import", subject: "reference", payload: payload) {
            transaction in
            // Writes after this one in the same transaction must see the new data.
            self.references.invalidate()
            try data.apply(to: transaction)
            return try answer()
        }
    }

    /// Registers a trader of the caller's country under the caller's CNA, as `id` (empty: the
    /// next free one); `answer` encodes the registered trader.
    public func registerTrader(
        id requestedID: String,
        name: String,
        address: String,
        by caller: Caller,
        payload: Data,
        answer: @escaping @Sendable (RegisteredTrader) throws -> Data
    ) async throws -> Data {
        let account = caller.account
        let trader = Trader(
            name: try InputCheck.text(name, field: "trader.name", max: 256),
            address: try InputCheck.text(address, field: "trader.address", max: 512),
            country: account.country
        )
        return try await self.write(caller, action: "trader.register", subject: requestedID, payload: payload) {
            transaction in
            var id = requestedID
            if id.isEmpty {
                id = "\(account.authority)-T\(try transaction.traders(authority: account.authority).count + 1)"
            } else {
                id = try InputCheck.number(id, field: "trader.id")
                if let existing = try transaction.trader(id: id), existing.authority != account.authority {
                    throw ExchangeError("trader_id_taken", "trader id \(id) belongs to another CNA")
                }
            }
            let registered = RegisteredTrader(id: id, authority: account.authority, trader: trader)
            try transaction.put(registered)
            return try answer(registered)
        }
    }
}
