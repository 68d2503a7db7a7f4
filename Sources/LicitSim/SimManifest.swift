import Foundation
import LicitClient

/// What `licit-sim` knows of a sandbox: the SDK's view of its manifest.
public typealias SimManifest = LicitSandbox

extension LicitSandbox {
    /// The signer of each country's first CNA (`fr-signer`, …), in manifest order.
    public var countrySigners: [Account] {
        self.accounts.filter { $0.role == "signer" && $0.name == "\($0.country.lowercased())-signer" }
    }
}

/// A failure of the simulator itself, told in one line.
public struct SimError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// SplitMix64: small, fast and the same on every platform, so that a seed fixes a plan.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { self.state = seed }

    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
