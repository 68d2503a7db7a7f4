import LicitExchange
import LicitWire
import Testing

@testable import LicitServerCore

/// The per-authority write pace, on a clock the test moves: bursts, the steady pace, refusals
/// that take no turn, and authorities that do not share a bucket.
@Suite("Authority pacer")
struct AuthorityPacerTests {
    let start = ContinuousClock.now

    @Test("a burst goes at once; the next write waits its turn; beyond the longest wait it is refused")
    func burstThenPace() throws {
        let pacer = AuthorityPacer(ratePerSecond: 10, burst: 3, maxWait: .milliseconds(250))
        for _ in 0..<3 { #expect(try pacer.reserve("FR-ANSM", now: self.start).get() == .zero) }
        #expect(try pacer.reserve("FR-ANSM", now: self.start).get() == .milliseconds(100))
        #expect(try pacer.reserve("FR-ANSM", now: self.start).get() == .milliseconds(200))
        // The next turn is 300 ms away, over the longest wait: refused, with when to retry.
        guard case .failure(let refusal) = pacer.reserve("FR-ANSM", now: self.start) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(refusal.code == .resourceExhausted)
        #expect(refusal.reason == "rate_limited")
        #expect(refusal.details["retry_after_ms"] == "51")
        // The refusal took no turn: a little later the same turn is there.
        #expect(
            try pacer.reserve("FR-ANSM", now: self.start.advanced(by: .milliseconds(50))).get() == .milliseconds(250)
        )
        // Another authority has its own bucket.
        #expect(try pacer.reserve("IN-NCB", now: self.start).get() == .zero)
    }

    @Test("an authority that paused gets its burst back, and no more")
    func burstRefills() throws {
        let pacer = AuthorityPacer(ratePerSecond: 10, burst: 2, maxWait: .zero)
        for _ in 0..<2 { #expect(try pacer.reserve("DE-BFARM", now: self.start).get() == .zero) }
        #expect((try? pacer.reserve("DE-BFARM", now: self.start).get()) == nil)
        let later = self.start.advanced(by: .seconds(60))
        for _ in 0..<2 { #expect(try pacer.reserve("DE-BFARM", now: later).get() == .zero) }
        #expect((try? pacer.reserve("DE-BFARM", now: later).get()) == nil)
    }
}
