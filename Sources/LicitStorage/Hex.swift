extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal, two digits per byte, written straight into the string's storage.
    public var lowercaseHex: String {
        var bytes = self.makeIterator()
        let announced = self.underestimatedCount * 2
        let head = String(unsafeUninitializedCapacity: announced) { text in
            var written = 0
            while written < announced, let byte = bytes.next() {
                text[written] = hexDigit(byte >> 4)
                text[written + 1] = hexDigit(byte & 0x0f)
                written += 2
            }
            return written
        }
        // What a sequence holds beyond the count it announced.
        var rest: [UInt8] = []
        while let byte = bytes.next() { rest += [hexDigit(byte >> 4), hexDigit(byte & 0x0f)] }
        return rest.isEmpty ? head : head + String(decoding: rest, as: UTF8.self)
    }
}

private func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
}
