import Foundation
import LicitExchange
import LicitServerCore
import LicitWire
import NIOCore

/// The frame fuzzer: one input is the byte stream a peer sends after the TLS handshake.
///
/// The bytes go to the decoder the server installs (``FrameDecoder`` with the daemon's
/// `ServerLimits.defaults.maxFrameBytes` and ``FrameLimits/decodingOptions``) twice: in one
/// piece, and cut into chunks at positions drawn from the input, as TCP may deliver them. Then:
///
/// - both deliveries decode the same frames and stop at the same error: decoding does not
///   depend on how the stream is cut;
/// - the decoder never holds more than one frame's worth of bytes (`maxFrameBytes + 4`);
/// - an error is the one the length prefix calls for (`zero_length_frame`, `frame_too_large`,
///   `undecodable_frame`; `truncated_frame` at the end), and the GoAway carrying it round-trips;
/// - every decoded frame, re-encoded with ``FrameEncoder``, decodes back equal;
/// - the frames, handed in order to the protocol side of a connection (a `ServerConnection`
///   serving the Session methods), get the answers PROTOCOL §5–6 promise: one well-formed
///   Response per request, a Pong per Ping, a GoAway for a violation, nothing otherwise.
public enum FrameFuzzing {
    /// The limit the daemon's decoder is installed with.
    public static let maxFrameBytes = ServerLimits.defaults.maxFrameBytes

    /// libFuzzer's entry: traps on a finding.
    public static func run(_ bytes: UnsafeRawBufferPointer) {
        let input = bytes.fuzzBytes
        trapOnFinding { () throws(FuzzFinding) in try Self.check(input) }
    }

    /// Runs one input; throws what it found.
    public static func check(_ bytes: [UInt8]) throws(FuzzFinding) {
        let whole = try Self.decode(bytes, chunks: [bytes.count])
        var random = InputRandom(seed: bytes)
        let chunks = Self.chunkSizes(total: bytes.count, &random)
        let split = try Self.decode(bytes, chunks: chunks)
        try expect(
            whole.frames == split.frames && whole.error == split.error && whole.truncated == split.truncated,
            """
            decoding depends on how the stream is cut (chunks \(chunks.prefix(16))…): \
            whole → \(whole.frames.count) frames, \(whole.outcome); split → \(split.frames.count) frames, \(split.outcome)
            """
        )
        try Self.checkEnd(whole, bytes)
        for (index, frame) in whole.frames.enumerated() {
            try WireChecks.roundTrip(frame, "decoded frame \(index)")
        }
        try Self.converse(whole.frames)
    }

    struct Decoded {
        var frames: [Licit_V1_Frame] = []
        var error: FrameCodecError?
        /// Where the frame the error is about starts in the input.
        var errorOffset = 0
        /// Bytes left at the end of the stream (only when no error stopped decoding first).
        var truncated = 0

        var outcome: String {
            if let error { return "error \(error.code) at \(self.errorOffset)" }
            return self.truncated > 0 ? "\(self.truncated) bytes left at the end" : "all consumed"
        }
    }

    /// Feeds `bytes` in chunks of `chunks` bytes to one decoder, as ByteToMessageHandler does:
    /// decode while frames are complete, keep the rest for the next read.
    static func decode(_ bytes: [UInt8], chunks: [Int]) throws(FuzzFinding) -> Decoded {
        let decoder = FrameDecoder(maxFrameBytes: Self.maxFrameBytes)
        var decoded = Decoded()
        var buffer = ByteBufferAllocator.fuzz.buffer(capacity: 0)
        var position = 0
        // Input offset of the buffer's first byte.
        var base = 0
        for size in chunks {
            buffer.writeBytes(bytes[position..<(position + size)])
            position += size
            while true {
                let start = base + buffer.readerIndex
                do {
                    guard let frame = try decoder.nextFrame(from: &buffer) else { break }
                    decoded.frames.append(frame)
                } catch {
                    decoded.error = error
                    decoded.errorOffset = start
                    return decoded
                }
            }
            try expect(
                buffer.readableBytes < 4 + Self.maxFrameBytes,
                "the decoder holds \(buffer.readableBytes) bytes without a decision (limit \(Self.maxFrameBytes))"
            )
            base += buffer.readerIndex
            buffer.discardReadBytes()
        }
        decoded.truncated = buffer.readableBytes
        return decoded
    }

    /// The decoder stopped where, and for the reason, the length prefix calls for.
    static func checkEnd(_ decoded: Decoded, _ bytes: [UInt8]) throws(FuzzFinding) {
        guard let error = decoded.error else {
            // decodeLast at EOF: leftover bytes are a frame cut short, which the server refuses.
            let offset = bytes.count - decoded.truncated
            if decoded.truncated >= 4 {
                let length = Self.length(at: offset, in: bytes)
                try expect(
                    length > 0 && length <= Self.maxFrameBytes && decoded.truncated < 4 + length,
                    "waited for more bytes after a length prefix of \(length) with \(decoded.truncated - 4) of them"
                )
            }
            return
        }
        let offset = decoded.errorOffset
        try expect(offset + 4 <= bytes.count, "\(error.code) before a whole length prefix had arrived")
        let length = Self.length(at: offset, in: bytes)
        switch error.code {
        case .zeroLength:
            try expect(length == 0, "zero_length_frame for a length prefix of \(length)")
        case .frameTooLarge:
            try expect(
                length > Self.maxFrameBytes && error.announcedBytes == length
                    && error.maxFrameBytes == Self.maxFrameBytes,
                "frame_too_large for a length prefix of \(length): \(error)"
            )
        case .undecodable:
            try expect(
                length > 0 && length <= Self.maxFrameBytes && offset + 4 + length <= bytes.count,
                "undecodable_frame for a length prefix of \(length) at \(offset) of \(bytes.count) bytes"
            )
        default:
            throw FuzzFinding("nextFrame threw \(error.code), which only decodeLast may")
        }
        // What the server sends before it closes.
        let status = error.wireStatus
        try expect(
            status.reason == error.code.reason
                && (status.code == .invalidArgument || status.code == .resourceExhausted),
            "the GoAway for \(error.code) carries \(status)"
        )
        let goAway = Licit_V1_Frame.goAway(status: status, lastCallID: 0)
        try WireChecks.status(goAway.goaway.status, "the GoAway for \(error.code)")
        try WireChecks.roundTrip(goAway, "the GoAway for \(error.code)")
    }

    static func length(at offset: Int, in bytes: [UInt8]) -> Int {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
    }

    /// Chunk sizes that add up to `total`: single bytes, small or large pieces, as the input decides.
    static func chunkSizes(total: Int, _ random: inout InputRandom) -> [Int] {
        let largest = [1, 3, 8, 64, 1024][random.below(5)]
        var sizes: [Int] = []
        var left = total
        while left > 0 {
            let size = min(left, 1 + random.below(largest))
            sizes.append(size)
            left -= size
        }
        return sizes
    }

    // MARK: The connection's protocol side

    /// A connection's protocol side with the Session methods only: every answer is immediate.
    static let server = ExchangeProtocol(
        registry: MethodRegistry(SessionMethods.handlers),
        limits: .defaults,
        directory: InMemoryAccountDirectory(accounts: [FuzzAccounts.all[0]]),
        clock: SystemExchangeClock()
    )

    /// Hands the frames to a connection in order, as the transport does, and checks each answer.
    static func converse(_ frames: [Licit_V1_Frame]) throws(FuzzFinding) {
        let connection = Self.server.makeConnection(
            account: FuzzAccounts.all[0],
            outbound: ClosedOutbound(),
            logger: .fuzz
        )
        for (index, frame) in frames.enumerated() {
            let what = "the answer to frame \(index) (\(Self.kindName(frame)), call \(frame.callID))"
            let disposition = connection.frameReceived(frame)
            switch (frame.kind, disposition) {
            case (.request(let request), .reply(let reply)) where frame.callID != 0:
                try expect(
                    reply.callID == frame.callID,
                    "\(what): a reply for call \(reply.callID)"
                )
                guard case .response(let response) = reply.kind else {
                    throw FuzzFinding("\(what): a \(Self.kindName(reply)) frame instead of a Response")
                }
                try WireChecks.status(response.status, what)
                try Self.checkPayload(request, response, what)
                try WireChecks.roundTrip(reply, what)
            case (.request, .close(let goAway)) where frame.callID == 0:
                try Self.checkGoAway(goAway, what)
                return
            case (.ping(let ping), .reply(let reply)):
                try expect(reply == .pong(opaque: ping.opaque), "\(what): \(reply) instead of its Pong")
            case (.cancel, .none), (.pong, .none), (.goaway, .none):
                break
            case (.response, .close(let goAway)), (.event, .close(let goAway)):
                try Self.checkGoAway(goAway, what)
                return
            case (nil, .none) where !frame.unknownFields.data.isEmpty:
                break
            case (nil, .close(let goAway)) where frame.unknownFields.data.isEmpty:
                try Self.checkGoAway(goAway, what)
                return
            default:
                throw FuzzFinding("\(what): unexpected disposition \(disposition)")
            }
        }
    }

    static func checkPayload(
        _ request: Licit_V1_Request,
        _ response: Licit_V1_Response,
        _ what: String
    ) throws(FuzzFinding) {
        guard response.status.code == .ok else { return }
        switch request.method {
        case LicitMethod.hello:
            let hello = try WireChecks.decode(Licit_V1_HelloResponse.self, response.payload, what)
            try expect(
                hello.protocolVersion == FrameLimits.protocolVersion
                    && hello.account == FuzzAccounts.all[0].wire,
                "\(what): hello answered \(hello)"
            )
        case LicitMethod.echo:
            let echo = try WireChecks.decode(Licit_V1_EchoResponse.self, response.payload, what)
            let sent = try WireChecks.decode(Licit_V1_EchoRequest.self, request.payload, "\(what) (its request)")
            try expect(echo.data == sent.data, "\(what): echoed \(echo.data.count) bytes of \(sent.data.count)")
        default:
            throw FuzzFinding("\(what): \(request.method) answered OK; this server does not serve it")
        }
    }

    static func checkGoAway(_ frame: Licit_V1_Frame, _ what: String) throws(FuzzFinding) {
        guard case .goaway(let goAway) = frame.kind, frame.callID == 0 else {
            throw FuzzFinding("\(what): closed with \(frame) instead of a GoAway")
        }
        try expect(goAway.status.code != .ok, "\(what): a protocol violation closed with an OK GoAway")
        try WireChecks.status(goAway.status, what)
        try WireChecks.roundTrip(frame, what)
    }

    static func kindName(_ frame: Licit_V1_Frame) -> String {
        switch frame.kind {
        case .request: "Request"
        case .response: "Response"
        case .event: "Event"
        case .cancel: "Cancel"
        case .ping: "Ping"
        case .pong: "Pong"
        case .goaway: "GoAway"
        case nil: "no kind"
        }
    }
}

/// For a connection whose answers are all immediate: nothing may be written asynchronously.
struct ClosedOutbound: FrameOutbound {
    struct Closed: Error {}

    func write(_ frame: Licit_V1_Frame) async throws { throw Closed() }
    func close() {}
}
