import LicitModel

/// How many records a listing answers with: the default when the request asks for 0, and a
/// refusal (`page_size_too_large`, detail `max_page_size`) beyond the largest page, never a
/// silent cut.
public struct PageSize: Sendable {
    public let defaultSize: Int
    public let maximum: Int

    public init(default defaultSize: Int, maximum: Int) {
        self.defaultSize = defaultSize
        self.maximum = maximum
    }

    /// Documents and the Board's oversight lists.
    public static let listing = PageSize(default: 100, maximum: 500)
    /// Inbox events (ListEvents `limit`).
    public static let events = PageSize(default: 100, maximum: 1000)
    /// Audit records.
    public static let audit = PageSize(default: 100, maximum: 1000)

    /// The page `requested` stands for; `field` names it in the refusal.
    public func resolve(_ requested: UInt32, field: String = "page_size") throws(ExchangeError) -> Int {
        guard requested <= self.maximum else {
            throw ExchangeError(
                "page_size_too_large",
                "\(field) must be at most \(self.maximum) (0 means \(self.defaultSize)); ask for the rest page by page",
                facts: ["max_page_size": .number(Int64(self.maximum))]
            )
        }
        return requested == 0 ? self.defaultSize : Int(requested)
    }
}
