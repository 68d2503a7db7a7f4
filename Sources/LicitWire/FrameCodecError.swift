/// Why a byte stream is not a valid sequence of Licit frames.
///
/// Thrown by ``FrameDecoder``; every case is a protocol violation after which the
/// connection is closed (with a GoAway carrying ``wireStatus`` where one can still be sent).
public struct FrameCodecError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case zeroLength = "zero_length_frame"
            case frameTooLarge = "frame_too_large"
            case truncated = "truncated_frame"
            case undecodable = "undecodable_frame"
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The length prefix was 0: a Frame always has at least its call id or kind.
        public static let zeroLength = Code(.zeroLength)
        /// The length prefix announced more than the configured maximum.
        public static let frameTooLarge = Code(.frameTooLarge)
        /// The stream ended in the middle of a frame.
        public static let truncated = Code(.truncated)
        /// The frame's bytes are not a valid `licit.v1.Frame`.
        public static let undecodable = Code(.undecodable)

        /// The machine-readable reason sent on the wire.
        public var reason: String { self.value.rawValue }
        public var description: String { self.value.rawValue }
    }

    public let code: Code
    /// The announced frame length, when the error concerns one.
    public let announcedBytes: Int?
    /// The bytes of the frame that had arrived, for ``Code/truncated``.
    public let receivedBytes: Int?
    /// The limit in force, for ``Code/frameTooLarge``.
    public let maxFrameBytes: Int?

    init(_ code: Code, announcedBytes: Int? = nil, receivedBytes: Int? = nil, maxFrameBytes: Int? = nil) {
        self.code = code
        self.announcedBytes = announcedBytes
        self.receivedBytes = receivedBytes
        self.maxFrameBytes = maxFrameBytes
    }

    public var description: String {
        switch self.code {
        case .zeroLength:
            return "frame length prefix is 0"
        case .frameTooLarge:
            return "frame of \(self.announcedBytes ?? 0) bytes exceeds the limit of \(self.maxFrameBytes ?? 0)"
        case .truncated:
            return
                "connection ended after \(self.receivedBytes ?? 0) of \(self.announcedBytes.map(String.init) ?? "?") bytes of a frame"
        default:
            return "frame of \(self.announcedBytes ?? 0) bytes is not a valid licit.v1.Frame"
        }
    }

    /// The status a peer receives in the GoAway sent before the connection closes.
    public var wireStatus: LicitStatus {
        var details: [String: String] = [:]
        if let max = self.maxFrameBytes { details["max_frame_bytes"] = String(max) }
        if let announced = self.announcedBytes { details["announced_bytes"] = String(announced) }
        let code: LicitStatus.Code = self.code == .frameTooLarge ? .resourceExhausted : .invalidArgument
        return LicitStatus(code, reason: self.code.reason, message: self.description, details: details)
    }
}
