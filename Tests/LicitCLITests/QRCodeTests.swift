import Foundation
import Testing

@testable import LicitCLI

/// The QR encoder, read back by a real decoder (zbarimg, Debian's zbar-tools).
@Suite("QR codes on prints, decoded by zbarimg")
struct QRCodeTests {
    static let zbarimg = "/usr/bin/zbarimg"
    /// Decoding needs Debian's zbar-tools: skipped where it is missing, except in CI (which installs it).
    static let canDecode =
        FileManager.default.isExecutableFile(atPath: zbarimg) || ProcessInfo.processInfo.environment["CI"] != nil

    static func decode(_ code: QRCode) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).pbm")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(code.pbm().utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.zbarimg)
        process.arguments = ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    @Test(
        "every version from 1 to 10, at both levels, decodes to the text encoded",
        .enabled(if: QRCodeTests.canDecode, "needs zbarimg (apt-get install zbar-tools)"),
        arguments: [1, 10, 17, 30, 60, 100, 134, 150, 180, 213, 230, 271]
    )
    func roundTrip(length: Int) throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.zbarimg), "install zbar-tools (.ci/run does)")
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-/:;=+")
        let text = String((0..<length).map { alphabet[($0 * 7 + length) % alphabet.count] })
        let code = try QRCode(text)
        #expect(try Self.decode(code) == text, "version \((code.size - 17) / 4)")
    }

    @Test("a text longer than version 10 holds is refused, not truncated")
    func tooLong() {
        #expect(throws: QRCode.TooLong.self) { try QRCode(String(repeating: "x", count: 272)) }
    }
}

extension LicitCommandTests {
    @Test("an HTML print carries a QR code of its document key, key id and seal, which zbarimg reads back")
    func printedQRCode() async throws {
        let sandbox = try await self.sandbox
        let ia = try await self.issueImport(sandbox)
        let file = sandbox.root.appendingPathComponent("\(ia)-qr.html").path
        let exported = try await sandbox.licit(["export", "FR-ANSM/\(ia)", "--format", "html", "--output", file])
        #expect(exported.status == 0, "\(exported)")
        let html = try String(contentsOfFile: file, encoding: .utf8)
        let printed = try PrintedDocument.parse(html)
        #expect(printed.qrText.hasPrefix("LICIT1;FR-ANSM/\(ia);\(printed.keyID);"))
        #expect(printed.qrText.hasSuffix(printed.seal.base64EncodedString()))
        let code = try QRCode(printed.qrText)
        #expect(html.contains(code.svg()), "the print holds the QR code of its own seal")
        if QRCodeTests.canDecode { #expect(try QRCodeTests.decode(code) == printed.qrText) }
        let valid = try await sandbox.licit(["verify", file, "--public-key", sandbox.sealKey], as: nil)
        #expect(valid.status == 0, "the QR code is part of what verify re-renders: \(valid)")
    }
}
