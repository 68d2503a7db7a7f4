import Crypto
import Foundation
import LicitWire
import Testing

@Suite("Seals")
struct SealTests {
    static let document = Data([0x0A, 0x0B]) + Data("FR-IA-0001".utf8) + Data([0x12, 0x07]) + Data("FR-ANSM".utf8)

    static func bytes(_ hex: String) -> Data {
        var data = Data()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            data.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return data
    }

    @Test("a seal made with Python's cryptography from the documented algorithm verifies here")
    func knownAnswer() throws {
        // Ed25519 key from seed 00 01 02 … 1f; message "licit.seal.v1" 0x00 document.
        let signature = Self.bytes(
            "ae9c36d006dd0234357a72f8f310e413ad023abc5e42e9e4eda1871356ebf804bd3f217e12c9fc6c930cdc7188ba532c05cfc1e8f4906d1930221dd993438f03"
        )
        let publicKey = Self.bytes("03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8")
        #expect(Seal.verify(Self.document, signature: signature, publicKey: publicKey))
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: Data(0..<32))
        #expect(key.publicKey.rawRepresentation == publicKey)
    }

    @Test(
        "a seal verifies against its document and key, and fails for any changed byte, another key or a bare signature"
    )
    func tamper() throws {
        let key = Curve25519.Signing.PrivateKey()
        let publicKey = key.publicKey.rawRepresentation
        let signature = try Seal.sign(Self.document, with: key)
        #expect(signature.count == 64)
        #expect(Seal.verify(Self.document, signature: signature, publicKey: publicKey))
        for index in Self.document.indices {
            var altered = Self.document
            altered[index] ^= 0x01
            #expect(!Seal.verify(altered, signature: signature, publicKey: publicKey), "byte \(index)")
        }
        #expect(!Seal.verify(Self.document + Data([0]), signature: signature, publicKey: publicKey))
        let stranger = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation
        #expect(!Seal.verify(Self.document, signature: signature, publicKey: stranger))
        // A signature over the bare bytes (no tag) is not a seal.
        let bare = try key.signature(for: Self.document)
        #expect(!Seal.verify(Self.document, signature: bare, publicKey: publicKey))
        #expect(!Seal.verify(Self.document, signature: signature, publicKey: Data(count: 5)))
    }
}
