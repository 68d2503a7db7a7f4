import Crypto

/// The SHA-256 digest of a certificate's DER encoding, as lowercase hex.
///
/// Licit maps a client certificate to its account by this fingerprint: an account is
/// reached only through a certificate the exchange registered for it, whatever names
/// the certificate carries.
public struct CertificateFingerprint: Hashable, Sendable, Codable, CustomStringConvertible {
    public let hex: String

    public init(derEncoded der: some Sequence<UInt8>) {
        let digest = SHA256.hash(data: Array(der))
        self.hex = digest.map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }

    /// Accepts 64 hex digits, with or without `:` separators, in either case.
    public init?(hex: String) {
        let digits = hex.lowercased().filter { $0 != ":" }
        guard digits.count == 64, digits.allSatisfy(\.isHexDigit) else { return nil }
        self.hex = digits
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let fingerprint = CertificateFingerprint(hex: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a SHA-256 fingerprint: \(text)")
            )
        }
        self = fingerprint
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.hex)
    }

    public var description: String { self.hex }
}
