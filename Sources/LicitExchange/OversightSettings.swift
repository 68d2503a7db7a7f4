import LicitModel

/// When the Board is alerted, beyond overrides and emergency exports (which always are).
public struct OversightSettings: Sendable, Hashable {
    /// Alert when an endorsement is still missing this many days after the import period ended.
    public var overdueAlertDays: Int
    /// Alert when an endorsed quantity differs from the exported one by more than this percentage.
    public var discrepancyAlertPercent: Int

    public init(overdueAlertDays: Int = 30, discrepancyAlertPercent: Int = 5) {
        self.overdueAlertDays = overdueAlertDays
        self.discrepancyAlertPercent = discrepancyAlertPercent
    }

    public static let defaults = OversightSettings()

    /// The lines whose imported quantity differs from the exported by more than the allowed share.
    func discrepancies(exported: [Quantity], imported: [Quantity]) -> [Int] {
        zip(exported, imported).enumerated().compactMap { index, pair in
            let (sent, received) = (pair.0.milligrams, pair.1.milligrams)
            return abs(sent - received) * 100 > Int64(self.discrepancyAlertPercent) * sent ? index : nil
        }
    }
}
