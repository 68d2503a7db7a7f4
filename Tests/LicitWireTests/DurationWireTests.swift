import LicitWire
import NIOCore
import Testing

@Suite("Durations on the wire")
struct DurationWireTests {
    @Test(
        "whole milliseconds, clamped to what timeout_ms can carry",
        arguments: [
            (Duration.milliseconds(1500), UInt32(1500)), (.microseconds(999), 0), (.seconds(-3), 0),
            (.seconds(5_000_000), UInt32.max), (.zero, 0),
        ]
    )
    func milliseconds(duration: Duration, expected: UInt32) {
        #expect(duration.wireMilliseconds == expected)
    }

    @Test("converts to NIO's TimeAmount to the nanosecond")
    func timeAmount() {
        #expect(Duration.milliseconds(1500).timeAmount == .milliseconds(1500))
        #expect(Duration.nanoseconds(7).timeAmount == .nanoseconds(7))
    }
}
