import Foundation
import SwiftProtobuf

extension Licit_V1_Frame {
    /// A request frame opening call `callID`.
    public static func request(
        callID: UInt64,
        method: String,
        payload: Data,
        timeoutMilliseconds: UInt32 = 0,
        requestID: String = ""
    ) -> Self {
        var request = Licit_V1_Request()
        request.method = method
        request.payload = payload
        request.timeoutMs = timeoutMilliseconds
        request.requestID = requestID
        return Self.with {
            $0.callID = callID
            $0.request = request
        }
    }

    /// The response ending call `callID`.
    public static func response(callID: UInt64, status: LicitStatus, payload: Data = Data()) -> Self {
        var response = Licit_V1_Response()
        response.status = status.wire
        response.payload = payload
        return Self.with {
            $0.callID = callID
            $0.response = response
        }
    }

    /// An event pushed on the open subscription `callID`.
    public static func event(callID: UInt64, sequence: UInt64, payload: Data) -> Self {
        var event = Licit_V1_Event()
        event.sequence = sequence
        event.payload = payload
        return Self.with {
            $0.callID = callID
            $0.event = event
        }
    }

    public static func cancel(callID: UInt64) -> Self {
        Self.with {
            $0.callID = callID
            $0.cancel = Licit_V1_Cancel()
        }
    }

    public static func ping(opaque: UInt64) -> Self {
        Self.with { $0.ping = .with { $0.opaque = opaque } }
    }

    public static func pong(opaque: UInt64) -> Self {
        Self.with { $0.pong = .with { $0.opaque = opaque } }
    }

    public static func goAway(status: LicitStatus, lastCallID: UInt64) -> Self {
        Self.with {
            $0.goaway = .with {
                $0.status = status.wire
                $0.lastCallID = lastCallID
            }
        }
    }
}

extension SwiftProtobuf.Message {
    /// Decodes a payload with the limits every Licit peer applies.
    public init(licitPayload payload: Data) throws {
        try self.init(serializedBytes: payload, options: FrameLimits.decodingOptions)
    }
}

/// The protobuf message protocol, re-exported so layers above need not import SwiftProtobuf.
public typealias SwiftProtobufMessage = SwiftProtobuf.Message
