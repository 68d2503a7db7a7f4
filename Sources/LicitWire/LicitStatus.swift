import SwiftProtobuf

/// The outcome of a call as the wire carries it: a gRPC-style code, a stable machine-readable
/// reason, a message for people and optional details.
///
/// This is the one place where errors meet the wire: servers throw it and it becomes a
/// `licit.v1.Status`; clients receive a `licit.v1.Status` and get one back.
public struct LicitStatus: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let wireValue: Licit_V1_StatusCode

        public init(wire value: Licit_V1_StatusCode) { self.wireValue = value }

        public static let ok = Code(wire: .ok)
        public static let cancelled = Code(wire: .cancelled)
        public static let unknown = Code(wire: .unknown)
        public static let invalidArgument = Code(wire: .invalidArgument)
        public static let deadlineExceeded = Code(wire: .deadlineExceeded)
        public static let notFound = Code(wire: .notFound)
        public static let alreadyExists = Code(wire: .alreadyExists)
        public static let permissionDenied = Code(wire: .permissionDenied)
        public static let resourceExhausted = Code(wire: .resourceExhausted)
        public static let failedPrecondition = Code(wire: .failedPrecondition)
        public static let aborted = Code(wire: .aborted)
        public static let outOfRange = Code(wire: .outOfRange)
        public static let unimplemented = Code(wire: .unimplemented)
        public static let `internal` = Code(wire: .internal)
        public static let unavailable = Code(wire: .unavailable)
        public static let dataLoss = Code(wire: .dataLoss)
        public static let unauthenticated = Code(wire: .unauthenticated)

        public var description: String {
            switch self.wireValue {
            case .UNRECOGNIZED(let raw): return "code_\(raw)"
            default: return String(describing: self.wireValue)
            }
        }
    }

    public var code: Code
    public var reason: String
    public var message: String
    public var details: [String: String]

    public init(_ code: Code, reason: String, message: String, details: [String: String] = [:]) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    public static let ok = LicitStatus(.ok, reason: "", message: "")

    public var isOK: Bool { self.code == .ok }

    public var description: String {
        let facts = self.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let suffix = facts.isEmpty ? "" : " (\(facts.joined(separator: ", ")))"
        return "\(self.code) [\(self.reason)]: \(self.message)\(suffix)"
    }
}

extension LicitStatus {
    public init(wire status: Licit_V1_Status) {
        self.init(
            Code(wire: status.code),
            reason: status.reason,
            message: status.message,
            details: status.details
        )
    }

    public var wire: Licit_V1_Status {
        var status = Licit_V1_Status()
        status.code = self.code.wireValue
        status.reason = self.reason
        status.message = self.message
        status.details = self.details
        return status
    }
}
