import Testing

@testable import LicitClient

@Suite("The SDK's reconnection jitter")
struct JitterSourceTests {
    @Test("a seed replays the same jitter; without one, the system's generator draws it")
    func seededJitterReplays() {
        var first = JitterSource(seed: 42)
        var second = JitterSource(seed: 42)
        var other = JitterSource(seed: 43)
        let drawn = (0..<8).map { _ in Double.random(in: 0.5...1.0, using: &first) }
        #expect(drawn == (0..<8).map { _ in Double.random(in: 0.5...1.0, using: &second) })
        #expect(drawn != (0..<8).map { _ in Double.random(in: 0.5...1.0, using: &other) })
        var system = JitterSource(seed: nil)
        #expect((0..<8).map { _ in system.next() } != (0..<8).map { _ in system.next() })
    }
}
