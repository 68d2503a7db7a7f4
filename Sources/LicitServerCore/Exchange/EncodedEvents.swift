import Foundation
import LicitStorage
import Synchronization

/// Each inbox event's wire payload, encoded once for every subscriber it goes to. An event never
/// changes once written and its sequence is unique across the exchange, so the sequence names it.
final class EncodedEvents: Sendable {
    private let payloads = Mutex<[UInt64: Data]>([:])
    /// Events remembered at most; past it the memo starts again empty.
    private let capacity = 4096

    func payload(of event: InboxEntry) throws -> Data {
        if let payload = self.payloads.withLock({ $0[event.sequence] }) { return payload }
        let payload = try InboxMethods.wire(event).serializedData()
        self.payloads.withLock { payloads in
            if payloads.count >= self.capacity { payloads.removeAll(keepingCapacity: true) }
            payloads[event.sequence] = payload
        }
        return payload
    }
}
