import NIOCore
import SwiftProtobuf

/// Splits a byte stream into Licit frames.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +---------------------------------------------------------------+
/// |              length N (unsigned 32-bit, big-endian)           |
/// +---------------------------------------------------------------+
/// |          N bytes: one protobuf-encoded licit.v1.Frame ...     |
/// +---------------------------------------------------------------+
/// ```
///
/// The length is checked against `maxFrameBytes` as soon as its 4 bytes arrive, before
/// any of the body is buffered, so a peer cannot make the decoder hold more than
/// `maxFrameBytes + 4` bytes of one frame.
public struct FrameDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = Licit_V1_Frame

    public let maxFrameBytes: Int
    private let options: BinaryDecodingOptions

    public init(maxFrameBytes: Int = FrameLimits.defaultMaxFrameBytes) {
        precondition(maxFrameBytes > 0, "maxFrameBytes must be positive")
        self.maxFrameBytes = maxFrameBytes
        self.options = FrameLimits.decodingOptions
    }

    /// Removes and returns the next complete frame, or `nil` when more bytes are needed.
    public func nextFrame(from buffer: inout ByteBuffer) throws(FrameCodecError) -> Licit_V1_Frame? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return nil }
        let bodyBytes = Int(length)
        guard bodyBytes > 0 else { throw FrameCodecError(.zeroLength, announcedBytes: 0) }
        guard bodyBytes <= self.maxFrameBytes else {
            throw FrameCodecError(.frameTooLarge, announcedBytes: bodyBytes, maxFrameBytes: self.maxFrameBytes)
        }
        guard buffer.readableBytes >= 4 + bodyBytes else { return nil }
        buffer.moveReaderIndex(forwardBy: 4)
        let body = buffer.readSlice(length: bodyBytes)!
        if let frame = DirectFrameDecoding.frame(body) { return frame }
        do {
            return try Licit_V1_Frame(serializedBytes: body.readableBytesSpan, options: self.options)
        } catch {
            throw FrameCodecError(.undecodable, announcedBytes: bodyBytes)
        }
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try self.nextFrame(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        while try self.decode(context: context, buffer: &buffer) == .continue {}
        if seenEOF, buffer.readableBytes > 0 {
            let announced = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self).map { Int($0) }
            throw FrameCodecError(
                .truncated,
                announcedBytes: announced,
                receivedBytes: max(0, buffer.readableBytes - 4)
            )
        }
        return .needMoreData
    }
}
