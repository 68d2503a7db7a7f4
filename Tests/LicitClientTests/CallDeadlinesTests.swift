import NIOCore
import Testing

@testable import LicitClient

@Suite("One timer for a connection's deadlines")
struct CallDeadlinesTests {
    @Test(
        "expired calls come out earliest first, exactly those due, after any inserts and compactions",
        arguments: 0..<20
    )
    func againstAModel(seed: UInt64) {
        var random = JitterSource(seed: seed)
        var deadlines = CallDeadlines()
        // The model: every call whose deadline is held, and which calls are still waiting.
        var held: [UInt64: NIODeadline] = [:]
        var waiting: Set<UInt64> = []
        var nextID: UInt64 = 1
        var now = NIODeadline.uptimeNanoseconds(1_000_000)
        for step in 0..<400 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<5:
                // Deadlines mostly in sending order, some out of it (shorter timeouts), some equal.
                let deadline = now + .milliseconds(Int64.random(in: 0...50, using: &random))
                deadlines.insert(deadline, callID: nextID)
                held[nextID] = deadline
                waiting.insert(nextID)
                nextID += 1
            case 5..<7:
                // Some calls are answered.
                if let answered = waiting.randomElement(using: &random) { waiting.remove(answered) }
            case 7:
                deadlines.compact { waiting.contains($0) }
                held = held.filter { waiting.contains($0.key) }
            default:
                now = now + .milliseconds(Int64.random(in: 0...20, using: &random))
                let expired = deadlines.removeExpired(at: now)
                let due = held.filter { $0.value <= now }
                #expect(Set(expired) == Set(due.keys), "seed \(seed), step \(step)")
                #expect(expired.count == due.count, "each call once")
                let order = expired.compactMap { held[$0] }
                #expect(order == order.sorted(), "earliest first (seed \(seed), step \(step))")
                for callID in expired { held[callID] = nil }
            }
            #expect(deadlines.count == held.count)
            #expect(deadlines.earliest == held.values.min(), "seed \(seed), step \(step)")
        }
    }
}
