import SwiftProtobuf

/// Protocol-wide constants of licit.v1.
public enum FrameLimits {
    /// The largest frame body accepted unless configured otherwise: 4 MiB.
    public static let defaultMaxFrameBytes = 4 * 1024 * 1024

    /// The protocol version this code speaks (the `1` of `licit/1`).
    public static let protocolVersion: UInt32 = 1

    /// The TLS ALPN protocol identifier.
    public static let alpnProtocol = "licit/1"

    /// How deeply messages may nest. Licit's deepest message nests 4 levels; 100 (the library
    /// default) would let a hostile frame drive the decoder's recursion.
    public static let messageDepthLimit = 16

    /// The options every Licit peer decodes frames and payloads with.
    public static var decodingOptions: BinaryDecodingOptions {
        var options = BinaryDecodingOptions()
        options.messageDepthLimit = Self.messageDepthLimit
        return options
    }
}
