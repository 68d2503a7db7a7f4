/// The reconnection jitter's randomness: SplitMix64 from a seed, or the system's generator.
struct JitterSource: RandomNumberGenerator {
    private var state: UInt64?
    private var system = SystemRandomNumberGenerator()

    init(seed: UInt64?) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        guard var state = self.state else { return self.system.next() }
        state &+= 0x9E37_79B9_7F4A_7C15
        self.state = state
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
