import LicitModel
import LicitStorage

/// One country's figures for one substance and year: what is authorized and not yet used, what
/// was imported, and the estimate or assessment they count against (nil: none is set).
public struct BalanceFigures: Sendable, Hashable {
    public let key: UsageKey
    public let usage: Usage
    public let allowance: Allowance?
    public let convention: Convention?

    public init(key: UsageKey, usage: Usage, allowance: Allowance?, convention: Convention?) {
        self.key = key
        self.usage = usage
        self.allowance = allowance
        self.convention = convention
    }

    /// A balance with `base` milligrams more authorized, as a validated document would add.
    init(_ balance: Balance, adding base: Int64, convention: Convention?) {
        self.key = UsageKey(country: balance.country, substance: balance.substance, year: balance.year)
        self.usage = Usage(
            authorizedNotUsed: balance.authorizedNotUsed.milligrams + base,
            imported: balance.imported.milligrams
        )
        self.allowance = balance.limit.map {
            Allowance(country: balance.country, substance: balance.substance, year: balance.year, initial: $0)
        }
        self.convention = convention
    }

    /// The balance these figures make: the limit, and what remains of it.
    public var balance: Balance {
        Balance(
            country: self.key.country,
            substance: self.key.substance,
            year: self.key.year,
            limit: self.allowance?.total,
            authorizedNotUsed: Quantity(milligrams: self.usage.authorizedNotUsed),
            imported: Quantity(milligrams: self.usage.imported)
        )
    }
}
