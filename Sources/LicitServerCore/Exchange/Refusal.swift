import LicitModel
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
