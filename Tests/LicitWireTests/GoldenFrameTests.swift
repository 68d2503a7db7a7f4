import Foundation
import LicitWire
import NIOCore
import SwiftProtobuf
import Testing

@Suite("Golden frames in Proto/testdata")
struct GoldenFrameTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Proto/testdata")

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Self.directory.path)) ?? []
        return files.filter { $0.hasSuffix(".bin") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test("there is a golden frame of every kind")
    func coverage() throws {
        var kinds: Set<String> = []
        for name in Self.names {
            var buffer = ByteBuffer(bytes: try Data(contentsOf: Self.directory.appendingPathComponent("\(name).bin")))
            let frame = try #require(try FrameDecoder().nextFrame(from: &buffer))
            kinds.insert(String(describing: frame.kind!).components(separatedBy: "(").first!)
        }
        #expect(kinds == ["request", "response", "event", "cancel", "ping", "pong", "goaway"])
    }

    @Test("decodes to its text description and re-encodes byte for byte", arguments: Self.names)
    func roundTrip(name: String) throws {
        let binary = try Data(contentsOf: Self.directory.appendingPathComponent("\(name).bin"))
        let text = try String(contentsOf: Self.directory.appendingPathComponent("\(name).txtpb"), encoding: .utf8)
        let described = try Licit_V1_Frame(textFormatString: text)

        var buffer = ByteBuffer(bytes: binary)
        let decoded = try #require(try FrameDecoder().nextFrame(from: &buffer))
        #expect(buffer.readableBytes == 0)
        #expect(decoded == described)

        var encoded = ByteBuffer()
        try FrameEncoder.write(described, into: &encoded)
        #expect(Array(encoded.readableBytesView) == Array(binary))
    }

    @Test("the frame_too_large golden GoAway is exactly what the decoder's error sends")
    func frameTooLargeMatchesDecoder() throws {
        var header = ByteBuffer()
        header.writeInteger(UInt32(5_000_000))
        let error = #expect(throws: FrameCodecError.self) { try FrameDecoder().nextFrame(from: &header) }
        let sent = Licit_V1_Frame.goAway(status: try #require(error).wireStatus, lastCallID: 1)
        var buffer = ByteBuffer(
            bytes: try Data(contentsOf: Self.directory.appendingPathComponent("goaway_frame_too_large.bin"))
        )
        #expect(try FrameDecoder().nextFrame(from: &buffer) == sent)
    }

    @Test("the hello response golden frame carries the recognised account")
    func helloResponse() throws {
        var buffer = ByteBuffer(
            bytes: try Data(contentsOf: Self.directory.appendingPathComponent("hello_response.bin"))
        )
        let frame = try #require(try FrameDecoder().nextFrame(from: &buffer))
        let hello = try Licit_V1_HelloResponse(licitPayload: frame.response.payload)
        #expect(hello.account.name == "fr-signer")
        #expect(hello.account.role == .signer)
        #expect(hello.limits.maxFrameBytes == 4 * 1024 * 1024)
    }
}
