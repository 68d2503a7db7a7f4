import Crypto
import Foundation
import GRDB
import LicitStorage

/// One idempotent write: its key, what it does inside the transaction, and how it is audited.
public struct DurableWrite: Sendable {
    /// The CNA the caller acts for: request ids are unique per authority.
    public let authority: String
    public let requestID: String
    /// SHA-256 of the request payload: the same id with another payload is refused.
    public let payloadDigest: Data
    public let actor: String
    public let certificate: String
    public let action: String
    public let subject: String
    /// Applies the write and returns the response to store and send. A thrown error rolls back
    /// this write alone and is returned to its caller.
    public let effect: @Sendable (Database) throws -> Data

    public init(
        authority: String,
        requestID: String,
        payload: Data,
        actor: String,
        certificate: String,
        action: String,
        subject: String,
        effect: @escaping @Sendable (Database) throws -> Data
    ) {
        self.authority = authority
        self.requestID = requestID
        self.payloadDigest = Data(SHA256.hash(data: payload))
        self.actor = actor
        self.certificate = certificate
        self.action = action
        self.subject = subject
        self.effect = effect
    }
}

/// Why a durable write was not applied.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public let reason: String
    public let message: String

    public init(reason: String, message: String) {
        self.reason = reason
        self.message = message
    }

    public static let requestIDReused = StoreError(
        reason: "request_id_reused",
        message: "this request id was already used with a different payload; use a new id for a new request"
    )

    public var description: String { "\(self.reason): \(self.message)" }
}
