import NIOCore
import Testing

@testable import LicitConsole

@Suite("multipart/form-data bodies")
struct MultipartTests {
    static let contentType = "multipart/form-data; boundary=XyZ"
    static let body = Array(
        ("--XyZ\r\nContent-Disposition: form-data; name=\"number\"\r\n\r\nNP-IA-7\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"scan\"; filename=\"a.pdf\"\r\n"
            + "Content-Type: application/pdf\r\n\r\n%PDF\r\n--X\r\n--XyZ--\r\n").utf8
    )

    @Test("fields and a file, the file's bytes kept whole (a line that looks like a boundary included)")
    func parses() throws {
        let parsed = try Multipart(ByteBuffer(bytes: Self.body), contentType: Self.contentType)
        #expect(parsed.form["number"] == "NP-IA-7")
        let scan = try #require(parsed["scan"])
        #expect(scan.filename == "a.pdf" && scan.contentType == "application/pdf")
        #expect(scan.text == "%PDF\r\n--X")
    }

    @Test("every truncation and 2,000 seeded mutations are refused or parsed, never a crash")
    func hostileBodies() {
        for length in 0..<Self.body.count {
            _ = try? Multipart(ByteBuffer(bytes: Self.body.prefix(length)), contentType: Self.contentType)
        }
        var state: UInt64 = 7
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<2000 {
            var bytes = Self.body
            for _ in 0..<(1 + next() % 4) {
                bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next())
            }
            _ = try? Multipart(ByteBuffer(bytes: bytes), contentType: Self.contentType)
        }
        #expect(throws: ConsoleInputError.self) {
            try Multipart(ByteBuffer(bytes: Self.body), contentType: "application/x-www-form-urlencoded")
        }
    }
}
