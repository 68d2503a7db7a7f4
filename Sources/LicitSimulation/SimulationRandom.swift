/// The simulation's only source of randomness: SplitMix64, so that a seed names one history on
/// every machine and every run.
public struct SimulationRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        self.state = seed
    }

    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    /// True `percent` times in a hundred.
    public mutating func chance(_ percent: Int) -> Bool {
        self.int(0...99) < percent
    }

    /// One of `weighted`, each as often as its weight.
    public mutating func pick<Value>(_ weighted: [(Int, Value)]) -> Value {
        var roll = self.int(0...(weighted.reduce(0) { $0 + $1.0 } - 1))
        for (weight, value) in weighted {
            if roll < weight { return value }
            roll -= weight
        }
        return weighted[weighted.count - 1].1
    }
}
