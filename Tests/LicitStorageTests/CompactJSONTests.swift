import Foundation
import LicitStorage
import Testing

/// CompactJSON against Foundation's own coder, on seeded random values of every shape Codable
/// code writes: the text it makes decodes to the same value, and parses to the same JSON as
/// `JSONEncoder`'s, whatever the value.
@Suite("CompactJSON: text that JSONDecoder reads back as JSONEncoder's")
struct CompactJSONTests {
    @Test("random values decode back equal, and parse to the same JSON as JSONEncoder's", arguments: 0..<400)
    func roundTrip(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let value = Shape.random(&random, depth: 0)
        let compact = try #require(try CompactJSON.streamed(value), "streamed, not left to JSONEncoder")
        #expect(try JSONDecoder().decode(Shape.self, from: Data(compact.utf8)) == value, "\(compact)")
        let foundation = try JSONEncoder().encode(value)
        #expect(try Self.canonical(Data(compact.utf8)) == Self.canonical(foundation), "\(compact)")
    }

    /// JSON text parsed and written again with sorted keys: equal for equal JSON values.
    static func canonical(_ json: Data) throws -> String {
        let parsed = try JSONSerialization.jsonObject(with: json, options: .fragmentsAllowed)
        let text = try JSONSerialization.data(withJSONObject: parsed, options: [.sortedKeys, .fragmentsAllowed])
        return String(decoding: text, as: UTF8.self)
    }

    @Test("a value out of streaming order is encoded by JSONEncoder instead, never wrongly")
    func outOfOrder() throws {
        let value = OutOfOrder(first: 1, second: "two")
        #expect(try CompactJSON.streamed(value) == nil)
        let text = try CompactJSON.encode(value)
        #expect(try JSONDecoder().decode(OutOfOrder.self, from: Data(text.utf8)) == value)
        let stale = StaleNested(first: 5, second: "six", third: 7)
        #expect(try CompactJSON.streamed(stale) == nil)
        #expect(try JSONDecoder().decode(StaleNested.self, from: Data(try CompactJSON.encode(stale).utf8)) == stale)
        let inherited = Derived(base: 3, own: "four")
        #expect(try CompactJSON.streamed(inherited) == nil)
        #expect(try JSONDecoder().decode(Derived.self, from: Data(try CompactJSON.encode(inherited).utf8)) == inherited)
    }

    @Test("what JSON cannot hold is refused as JSONEncoder refuses it")
    func notJSON() {
        #expect(throws: EncodingError.self) { try CompactJSON.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try CompactJSON.encode(["x": Double.infinity]) }
    }
}

/// Every shape a value can take, nested.
private indirect enum Shape: Codable, Equatable {
    case text(String)
    case integer(Int64)
    case unsigned(UInt8)
    case real(Double)
    case flag(Bool)
    case missing(String?)
    case list([Shape])
    case table([String: Shape])
    case numbered([Int: String])
    case record(Record)
    case bytes(Data)
    case moment(Date)
    case address(URL)
    case empty(Empty)
    case pair(Shape, label: String)

    struct Record: Codable, Equatable {
        var name: String
        var count: Int
        var note: String?
        var tags: [String]
        var inner: Shape?
    }

    struct Empty: Codable, Equatable {}

    static func random(_ random: inout SplitMix, depth: Int) -> Shape {
        let leaves = 8
        let choice = random.int(0...(depth > 3 ? leaves - 1 : 14))
        switch choice {
        case 0: return .text(random.text())
        case 1:
            return .integer(
                [Int64.min, Int64.max, 0, -1, Int64(random.int(-1_000_000...1_000_000))][random.int(0...4)]
            )
        case 2: return .unsigned(UInt8(random.int(0...255)))
        case 3: return .real([0.1, -2.5e-300, 1e300, 3, Double(random.int(-9999...9999)) / 7][random.int(0...4)])
        case 4: return .flag(random.int(0...1) == 1)
        case 5: return .missing(random.int(0...1) == 1 ? random.text() : nil)
        case 6: return .bytes(Data((0..<random.int(0...40)).map { _ in UInt8(random.int(0...255)) }))
        case 7: return .empty(Empty())
        case 8: return .list((0..<random.int(0...4)).map { _ in .random(&random, depth: depth + 1) })
        case 9:
            return .table(
                Dictionary(
                    (0..<random.int(0...4)).map { _ in (random.text(), Shape.random(&random, depth: depth + 1)) }
                ) {
                    first,
                    _ in first
                }
            )
        case 10:
            return .numbered(
                Dictionary(uniqueKeysWithValues: (0..<random.int(0...3)).map { ($0 * 7 - 3, random.text()) })
            )
        case 11:
            return .record(
                Record(
                    name: random.text(),
                    count: random.int(-5...5),
                    note: random.int(0...1) == 1 ? random.text() : nil,
                    tags: (0..<random.int(0...3)).map { _ in random.text() },
                    inner: random.int(0...1) == 1 ? .random(&random, depth: depth + 1) : nil
                )
            )
        case 12:
            return .moment(Date(timeIntervalSinceReferenceDate: Double(random.int(-1_000_000_000...1_000_000_000))))
        case 13: return .address(URL(string: "https://example.org/a%20b?q=\(random.int(0...99))&r=/x")!)
        default: return .pair(.random(&random, depth: depth + 1), label: random.text())
        }
    }
}

/// Writes to its outer container after opening a nested one: not streamable.
private struct OutOfOrder: Codable, Equatable {
    var first: Int
    var second: String

    enum CodingKeys: String, CodingKey { case first, second, nested }
    enum NestedKeys: String, CodingKey { case value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var nested = container.nestedContainer(keyedBy: NestedKeys.self, forKey: .nested)
        try container.encode(self.second, forKey: .second)
        try nested.encode(self.first, forKey: .value)
    }

    init(first: Int, second: String) {
        self.first = first
        self.second = second
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.second = try container.decode(String.self, forKey: .second)
        self.first = try container.nestedContainer(keyedBy: NestedKeys.self, forKey: .nested).decode(
            Int.self,
            forKey: .value
        )
    }
}

/// Writes to a nested container after another has been opened at its depth: not streamable (and
/// never written into the other one).
private struct StaleNested: Codable, Equatable {
    var first: Int
    var second: String
    var third: Int

    enum CodingKeys: String, CodingKey { case first, second, third }
    enum NestedKeys: String, CodingKey { case value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var first = container.nestedContainer(keyedBy: NestedKeys.self, forKey: .first)
        try container.encode(self.second, forKey: .second)
        var third = container.nestedContainer(keyedBy: NestedKeys.self, forKey: .third)
        try third.encode(self.third, forKey: .value)
        try first.encode(self.first, forKey: .value)
    }

    init(first: Int, second: String, third: Int) {
        (self.first, self.second, self.third) = (first, second, third)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.second = try container.decode(String.self, forKey: .second)
        self.first = try container.nestedContainer(keyedBy: NestedKeys.self, forKey: .first).decode(
            Int.self,
            forKey: .value
        )
        self.third = try container.nestedContainer(keyedBy: NestedKeys.self, forKey: .third).decode(
            Int.self,
            forKey: .value
        )
    }
}

/// Encodes through `superEncoder()`: not streamable.
private class Base: Codable, Equatable {
    let base: Int
    init(base: Int) { self.base = base }
    static func == (left: Base, right: Base) -> Bool { left.base == right.base && type(of: left) == type(of: right) }
}

private final class Derived: Base {
    let own: String
    enum CodingKeys: String, CodingKey { case own }

    init(base: Int, own: String) {
        self.own = own
        super.init(base: base)
    }

    required init(from decoder: any Decoder) throws {
        self.own = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .own)
        try super.init(from: try decoder.container(keyedBy: CodingKeys.self).superDecoder())
    }

    override func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.own, forKey: .own)
        try super.encode(to: container.superEncoder())
    }

    static func == (left: Derived, right: Derived) -> Bool { left.base == right.base && left.own == right.own }
}

/// SplitMix64: a seed names one value on every machine.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { self.state = seed }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// Text with what JSON must escape: quotes, backslashes, slashes, control characters, and
    /// characters beyond ASCII.
    mutating func text() -> String {
        let alphabet: [Character] = [
            "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\r", "\u{01}", "\u{1F}", "é", "€", "😀", "中",
        ]
        return String((0..<self.int(0...12)).map { _ in alphabet[self.int(0...(alphabet.count - 1))] })
    }
}
