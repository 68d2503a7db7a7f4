import Foundation
import LicitStorage
import Testing

@Suite("Hexadecimal")
struct HexTests {
    static func expected(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("every byte value, from contiguous bytes, slices of them, and sequences held elsewhere")
    func hex() {
        let every = (0...255).map(UInt8.init)
        #expect(every.lowercaseHex == Self.expected(every))
        #expect([UInt8]().lowercaseHex == "")
        // A lazy filter holds no bytes of its own: they are gathered first.
        let filtered = every.lazy.filter { $0 % 3 == 0 }
        #expect(filtered.lowercaseHex == Self.expected(Array(filtered)))
        #expect(Data(every).lowercaseHex == Self.expected(every))
        every.withUnsafeBytes { raw in
            #expect(raw.prefix(16).lowercaseHex == Self.expected(Array(every.prefix(16))))
            #expect(raw[200...].lowercaseHex == Self.expected(Array(every[200...])))
        }
    }
}
