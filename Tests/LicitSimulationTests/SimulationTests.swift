import Foundation
import Testing

@testable import LicitSimulation

@Suite("The simulation")
struct SimulationTests {
    @Test("a seed names one history")
    func seedsAreReproducible() {
        #expect(SimulationRun.history(seed: 7, steps: 50) == SimulationRun.history(seed: 7, steps: 50))
        #expect(SimulationRun.history(seed: 7, steps: 50) != SimulationRun.history(seed: 8, steps: 50))
    }
}
