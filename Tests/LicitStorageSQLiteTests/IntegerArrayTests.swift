import Foundation
import Testing

@testable import LicitStorageSQLite

/// The direct reading of a JSON array of integers agrees with JSONDecoder on every text.
@Suite("SQLite store: integer arrays read without a JSONDecoder")
struct IntegerArrayTests {
    static func decoded(_ text: String) -> [Int64]? {
        try? JSONDecoder().decode([Int64].self, from: Data(text.utf8))
    }

    @Test(
        "arrays as the store writes them, and spellings it never writes, read as JSONDecoder reads them",
        arguments: 0..<8
    )
    func agrees(seed: UInt64) throws {
        var draws = Draws(seed: seed)
        let pieces = [
            "0", "7", "-3", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "+1", " 2", "2 ",
            "1.5", "1e3", "", "\"4\"", "null", "[1]", "00", "-0",
        ]
        for _ in 0..<400 {
            let count = draws.int(0...4)
            let plain = draws.int(0...1) == 0
            let parts = (0..<count).map { _ in
                plain ? "\(draws.int(-1_000_000...1_000_000))" : pieces[draws.int(0...pieces.count - 1)]
            }
            var text = "[" + parts.joined(separator: draws.int(0...5) == 0 ? ", " : ",") + "]"
            if draws.int(0...9) == 0 {
                text = [" " + text, String(text.dropLast()), String(text.dropFirst()), "{}"][draws.int(0...3)]
            }
            let direct = try? SQLiteLedger.integers(text)
            #expect(direct == Self.decoded(text), "\(text)")
            if plain && text.first == "[" && text.last == "]" { #expect(direct != nil, "\(text)") }
        }
    }
}
