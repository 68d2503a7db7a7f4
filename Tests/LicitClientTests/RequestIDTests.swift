import Foundation
import Testing

@testable import LicitClient

/// The SDK's idempotency keys: valid request ids that sort in the order they were made.
@Suite("The SDK's request ids")
struct RequestIDTests {
    @Test("a request id is a lower-case version 7 UUID whose first 48 bits are its Unix time in milliseconds")
    func layout() throws {
        let at = Date(timeIntervalSince1970: 1_796_601_600.123)
        let id = LicitClient.makeRequestID(at: at)
        #expect(id.count == 36 && id == id.lowercased())
        let uuid = try #require(UUID(uuidString: id)).uuid
        let bytes = withUnsafeBytes(of: uuid) { Array($0) }
        let milliseconds = bytes.prefix(6).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(milliseconds == 1_796_601_600_123)
        #expect(bytes[6] >> 4 == 7)  // version
        #expect(bytes[8] >> 6 == 0b10)  // RFC 9562 variant
    }

    @Test("ids made at later times sort after earlier ones, and ids made at the same time differ")
    func ordered() {
        // Mid-millisecond instants, so that no rounding of the Date moves one into the next.
        func instant(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: (Double(milliseconds) + 0.5) / 1000) }
        var milliseconds: Int64 = 1_700_000_000_000
        var previous = LicitClient.makeRequestID(at: instant(milliseconds))
        for step in 1...200 {
            milliseconds += Int64(step % 7 + 1)
            let next = LicitClient.makeRequestID(at: instant(milliseconds))
            #expect(previous < next, "\(previous) then \(next)")
            previous = next
        }
        let sameMoment = Set((0..<1000).map { _ in LicitClient.makeRequestID(at: instant(milliseconds)) })
        #expect(sameMoment.count == 1000)
    }
}
