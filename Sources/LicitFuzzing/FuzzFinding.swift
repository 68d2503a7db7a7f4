import Foundation
import LicitWire
import NIOCore

/// An invariant a fuzz input broke: a bug in the code under test (or in the fuzz target).
///
/// The libFuzzer entry points (`run`) trap with it, which libFuzzer records as a crash and
/// saves the input; the `check` entry points throw it, so that a replay test names the input.
public struct FuzzFinding: Error, CustomStringConvertible, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "licit fuzz finding: \(self.message)" }
}

/// Throws a ``FuzzFinding`` unless `condition` holds.
func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws(FuzzFinding) {
    if !condition { throw FuzzFinding(message()) }
}

/// Runs one input for libFuzzer: a finding traps, so that libFuzzer keeps the input as a crash.
func trapOnFinding(_ body: () throws(FuzzFinding) -> Void) {
    do {
        try body()
    } catch {
        // Printed by the Swift runtime before the trap, and so in libFuzzer's log.
        fatalError(error.description)
    }
}

extension UnsafeRawBufferPointer {
    /// The input's bytes; libFuzzer may pass a null pointer for the empty input.
    var fuzzBytes: [UInt8] {
        guard let base = self.baseAddress, self.count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: base, count: self.count))
    }
}

/// A small deterministic generator (SplitMix64), seeded from an input so that the same input
/// always takes the same path.
struct InputRandom {
    private var state: UInt64

    init(seed bytes: [UInt8]) {
        // FNV-1a over the input, then its length, so that every byte counts.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        self.state = hash ^ UInt64(bytes.count)
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9e37_79b9_7f4a_7c15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` > 0).
    mutating func below(_ bound: Int) -> Int {
        Int(self.next() % UInt64(bound))
    }
}

/// The bytes of `frame` as a peer writes them: the length prefix, then the deterministic encoding.
func framedBytes(_ frame: Licit_V1_Frame) throws(FuzzFinding) -> [UInt8] {
    var buffer = ByteBufferAllocator.fuzz.buffer(capacity: 64)
    do {
        try FrameEncoder.write(frame, into: &buffer)
    } catch {
        throw FuzzFinding("FrameEncoder could not encode a frame the server made or decoded: \(error); \(frame)")
    }
    return buffer.readBytes(length: buffer.readableBytes) ?? []
}

extension ByteBufferAllocator {
    static let fuzz = ByteBufferAllocator()
}
