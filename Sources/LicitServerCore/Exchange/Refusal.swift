import LicitModel
import LicitStorage
import LicitWire

/// Where the exchange's refusals meet the wire: the one place an ``ExchangeError`` becomes a
/// status. Its code comes from the reason catalogue; its details are its facts as text.
extension LicitStatus {
    init(_ refusal: ExchangeError) {
        self.init(
            ReasonCatalogue.code(of: refusal.reason.code),
            reason: refusal.reason.code,
            message: refusal.message,
            details: refusal.details
        )
    }
}

extension ExchangeError {
    /// What a caller gets for a document it may not see: the same as for one that does not
    /// exist, so that numbers cannot be probed.
    static func documentNotFound(_ key: DocumentKey) -> ExchangeError {
        ExchangeError(.documentNotFound, "no document \(key.number) of \(key.authority) is visible to you")
    }
}
