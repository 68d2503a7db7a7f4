/// Why one delivery failed, in words for the CNA's `notify list` and the daemon's log.
struct DeliveryError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
