extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal, two digits per byte, written straight into the string's storage.
    /// Inlinable, so that it is specialized where it is used: called through the generic
    /// `Sequence` witnesses instead, every byte would cost an allocation.
    @inlinable
    public var lowercaseHex: String {
        if let hex = self.withContiguousStorageIfAvailable(hexDigits) { return hex }
        // A sequence that holds its bytes elsewhere (a digest): gathered once.
        return Array(self).withUnsafeBufferPointer(hexDigits)
    }
}

@usableFromInline
func hexDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(unsafeUninitializedCapacity: bytes.count * 2) { text in
        for (index, byte) in bytes.enumerated() {
            text[2 * index] = hexDigit(byte >> 4)
            text[2 * index + 1] = hexDigit(byte & 0x0f)
        }
        return bytes.count * 2
    }
}

private func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
}
