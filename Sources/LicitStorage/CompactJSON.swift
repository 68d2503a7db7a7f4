import Foundation

/// JSON text of a value, written straight into one buffer as the value encodes itself.
///
/// Foundation's `JSONEncoder` first builds a tree of every value and then serializes it; for the
/// document states the writer encodes on every write that is most of the cost. This encoder
/// writes each key and value as it is given, so it needs the order `Codable` code naturally
/// follows: a container is written to until the next write to an enclosing one (nested
/// containers close then, or when their value's `encode(to:)` returns). Anything else — writing
/// to a container already closed, a value that opens two kinds of container, `superEncoder` — is
/// detected, and the value is then encoded by `JSONEncoder` instead. Either way the text decodes
/// with `JSONDecoder` to the same value (`Data` as base64 and `URL` as its string, as
/// `JSONEncoder` does by default).
public enum CompactJSON {
    public static func encode(_ value: some Encodable) throws -> String {
        try self.streamed(value) ?? String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    /// The text as streamed, or nil when the value does not encode in streaming order.
    public static func streamed(_ value: some Encodable) throws -> String? {
        let writer = JSONStreamWriter()
        do {
            try writer.encodeValue(value, level: 0)
            return writer.failed ? nil : writer.text
        } catch is JSONStreamWriter.Unstreamable {
            return nil
        }
    }
}

final class JSONStreamWriter {
    /// A value whose encoding does not follow the order this writer needs.
    struct Unstreamable: Error {}

    /// An open container: its depth in the writer's stack, and which one it is.
    struct Container {
        let depth: Int
        let id: Int
    }

    private(set) var bytes: [UInt8] = []
    /// The containers open, outermost first: whether each is an object, its elements so far, and
    /// its identity (a container closed and another opened at its depth is not it).
    private var open: [(isObject: Bool, count: Int, id: Int)] = []
    private var opened = 0
    /// Set where a protocol requirement cannot throw: the result is then discarded.
    var failed = false

    init() {
        self.bytes.reserveCapacity(1024)
    }

    var text: String { String(decoding: self.bytes, as: UTF8.self) }

    /// Encodes a value whose containers begin at depth `level`.
    func encodeValue<Value: Encodable>(_ value: Value, level: Int) throws {
        if Value.self == Data.self {
            return self.write(string: (value as! Data).base64EncodedString())
        }
        if Value.self == URL.self {
            return self.write(string: (value as! URL).absoluteString)
        }
        if Value.self == Decimal.self { throw Unstreamable() }
        let before = self.bytes.count
        try value.encode(to: StreamEncoder(writer: self, level: level))
        if self.bytes.count == before {
            self.bytes.append(contentsOf: "{}".utf8)  // a value that encoded nothing, as JSONEncoder writes it
        }
        self.close(downTo: level)
    }

    /// Opens a container for the value at `level`, or returns the one it opened already.
    func container(at level: Int, isObject: Bool) -> Container {
        if self.open.count > level {
            self.close(downTo: level + 1)
            if self.open[level].isObject != isObject { self.failed = true }
            return Container(depth: level + 1, id: self.open[level].id)
        }
        return self.nested(isObject: isObject)
    }

    /// Opens a container inside the innermost one (its key or place already written).
    func nested(isObject: Bool) -> Container {
        self.opened += 1
        self.open.append((isObject, 0, self.opened))
        self.bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        return Container(depth: self.open.count, id: self.opened)
    }

    /// Readies `container` for its next element; throws when it has been closed already.
    func nextElement(in container: Container) throws {
        guard self.open.count >= container.depth, self.open[container.depth - 1].id == container.id else {
            throw Unstreamable()
        }
        self.close(downTo: container.depth)
        if self.open[container.depth - 1].count > 0 { self.bytes.append(UInt8(ascii: ",")) }
        self.open[container.depth - 1].count += 1
    }

    var openCount: Int { self.open.count }

    func elementCount(in container: Container) -> Int {
        guard self.open.count >= container.depth, self.open[container.depth - 1].id == container.id else { return 0 }
        return self.open[container.depth - 1].count
    }

    func key(_ key: some CodingKey, in container: Container) throws {
        try self.nextElement(in: container)
        self.write(string: key.stringValue)
        self.bytes.append(UInt8(ascii: ":"))
    }

    func close(downTo depth: Int) {
        while self.open.count > depth {
            self.bytes.append(self.open.removeLast().isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
    }

    func write(literal: String) {
        self.bytes.append(contentsOf: literal.utf8)
    }

    func write(number: some BinaryInteger) {
        self.bytes.append(contentsOf: String(number).utf8)
    }

    func write(number: Double) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "\(number) is not JSON"))
        }
        self.bytes.append(contentsOf: "\(number)".utf8)
    }

    func write(string: String) {
        self.bytes.append(UInt8(ascii: "\""))
        let utf8 = string.utf8
        if utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            self.escaped(utf8)
        } else {
            self.bytes.append(contentsOf: utf8)  // nothing to escape: appended whole
        }
        self.bytes.append(UInt8(ascii: "\""))
    }

    private func escaped(_ utf8: String.UTF8View) {
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): self.bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): self.bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): self.bytes.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): self.bytes.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): self.bytes.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                self.bytes.append(contentsOf: #"\u00"#.utf8)
                self.bytes.append(hex[Int(byte >> 4)])
                self.bytes.append(hex[Int(byte & 0xF)])
            default: self.bytes.append(byte)
            }
        }
    }
}

/// The `Encoder` of one value: its containers begin at depth `level` of the writer's stack.
private struct StreamEncoder: Encoder {
    let writer: JSONStreamWriter
    let level: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let container = self.writer.container(at: self.level, isObject: true)
        return KeyedEncodingContainer(StreamKeyedContainer<Key>(writer: self.writer, container: container))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        StreamUnkeyedContainer(writer: self.writer, container: self.writer.container(at: self.level, isObject: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        StreamSingleValue(writer: self.writer, level: self.level)
    }
}

private struct StreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONStreamWriter
    let container: JSONStreamWriter.Container
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        try self.writer.key(key, in: self.container)
        self.writer.write(literal: "null")
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try self.writer.key(key, in: self.container)
        self.writer.write(literal: value ? "true" : "false")
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        try self.writer.key(key, in: self.container)
        self.writer.write(string: value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        try self.writer.key(key, in: self.container)
        try self.writer.write(number: value)
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        try self.encode(Double(value), forKey: key)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { try self.integer(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try self.integer(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try self.integer(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try self.integer(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try self.integer(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try self.integer(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try self.integer(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try self.integer(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try self.integer(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try self.integer(value, key) }

    private func integer(_ value: some BinaryInteger, _ key: Key) throws {
        try self.writer.key(key, in: self.container)
        self.writer.write(number: value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try self.writer.key(key, in: self.container)
        try self.writer.encodeValue(value, level: self.container.depth)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        do { try self.writer.key(key, in: self.container) } catch { self.writer.failed = true }
        let container = self.writer.nested(isObject: true)
        return KeyedEncodingContainer(StreamKeyedContainer<NestedKey>(writer: self.writer, container: container))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        do { try self.writer.key(key, in: self.container) } catch { self.writer.failed = true }
        return StreamUnkeyedContainer(writer: self.writer, container: self.writer.nested(isObject: false))
    }

    mutating func superEncoder() -> any Encoder { self.unsupported() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { self.unsupported() }

    private func unsupported() -> any Encoder {
        self.writer.failed = true
        return StreamEncoder(writer: JSONStreamWriter(), level: 0)
    }
}

private struct StreamUnkeyedContainer: UnkeyedEncodingContainer {
    let writer: JSONStreamWriter
    let container: JSONStreamWriter.Container
    var codingPath: [any CodingKey] { [] }
    var count: Int { self.writer.elementCount(in: self.container) }

    mutating func encodeNil() throws {
        try self.writer.nextElement(in: self.container)
        self.writer.write(literal: "null")
    }

    mutating func encode(_ value: Bool) throws {
        try self.writer.nextElement(in: self.container)
        self.writer.write(literal: value ? "true" : "false")
    }

    mutating func encode(_ value: String) throws {
        try self.writer.nextElement(in: self.container)
        self.writer.write(string: value)
    }

    mutating func encode(_ value: Double) throws {
        try self.writer.nextElement(in: self.container)
        try self.writer.write(number: value)
    }

    mutating func encode(_ value: Int64) throws {
        try self.writer.nextElement(in: self.container)
        self.writer.write(number: value)
    }

    mutating func encode(_ value: Int) throws {
        try self.writer.nextElement(in: self.container)
        self.writer.write(number: value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try self.writer.nextElement(in: self.container)
        try self.writer.encodeValue(value, level: self.container.depth)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        do { try self.writer.nextElement(in: self.container) } catch { self.writer.failed = true }
        let container = self.writer.nested(isObject: true)
        return KeyedEncodingContainer(StreamKeyedContainer<NestedKey>(writer: self.writer, container: container))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        do { try self.writer.nextElement(in: self.container) } catch { self.writer.failed = true }
        return StreamUnkeyedContainer(writer: self.writer, container: self.writer.nested(isObject: false))
    }

    mutating func superEncoder() -> any Encoder {
        self.writer.failed = true
        return StreamEncoder(writer: JSONStreamWriter(), level: 0)
    }
}

private struct StreamSingleValue: SingleValueEncodingContainer {
    let writer: JSONStreamWriter
    let level: Int
    var codingPath: [any CodingKey] { [] }

    /// A single value is the whole of its value: no container may have been opened for it.
    private func begin() throws {
        guard self.writer.openCount == self.level else { throw JSONStreamWriter.Unstreamable() }
    }

    mutating func encodeNil() throws {
        try self.begin()
        self.writer.write(literal: "null")
    }

    mutating func encode(_ value: Bool) throws {
        try self.begin()
        self.writer.write(literal: value ? "true" : "false")
    }

    mutating func encode(_ value: String) throws {
        try self.begin()
        self.writer.write(string: value)
    }

    mutating func encode(_ value: Double) throws {
        try self.begin()
        try self.writer.write(number: value)
    }

    mutating func encode(_ value: Float) throws { try self.encode(Double(value)) }
    mutating func encode(_ value: Int) throws { try self.integer(value) }
    mutating func encode(_ value: Int8) throws { try self.integer(value) }
    mutating func encode(_ value: Int16) throws { try self.integer(value) }
    mutating func encode(_ value: Int32) throws { try self.integer(value) }
    mutating func encode(_ value: Int64) throws { try self.integer(value) }
    mutating func encode(_ value: UInt) throws { try self.integer(value) }
    mutating func encode(_ value: UInt8) throws { try self.integer(value) }
    mutating func encode(_ value: UInt16) throws { try self.integer(value) }
    mutating func encode(_ value: UInt32) throws { try self.integer(value) }
    mutating func encode(_ value: UInt64) throws { try self.integer(value) }

    private func integer(_ value: some BinaryInteger) throws {
        try self.begin()
        self.writer.write(number: value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try self.begin()
        try self.writer.encodeValue(value, level: self.level)
    }
}
