import Foundation
import LicitStorage
import Testing

@Suite("Hexadecimal")
struct HexTests {
    static func expected(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("every byte value, and sequences that announce fewer bytes than they hold")
    func hex() {
        let every = (0...255).map(UInt8.init)
        #expect(every.lowercaseHex == Self.expected(every))
        #expect([UInt8]().lowercaseHex == "")
        // A lazy filter announces no count: every digit comes from the part written after.
        let filtered = every.lazy.filter { $0 % 3 == 0 }
        #expect(filtered.lowercaseHex == Self.expected(Array(filtered)))
        #expect(Data(every).lowercaseHex == Self.expected(every))
    }
}
