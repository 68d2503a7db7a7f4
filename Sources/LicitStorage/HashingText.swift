import Crypto

extension HashFunction {
    /// Hashes `text`'s UTF-8 bytes where the string holds them, without copying them out first.
    @inlinable
    public mutating func update(utf8 text: String) {
        var text = text
        text.withUTF8 { self.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    /// Hashes one byte.
    @inlinable
    public mutating func update(byte: UInt8) {
        withUnsafeBytes(of: byte) { self.update(bufferPointer: $0) }
    }
}
