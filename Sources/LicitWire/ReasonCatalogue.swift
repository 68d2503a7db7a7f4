/// Every reason the exchange answers a call with: its status code, where it is sent, when it
/// happens, what the caller should do, whether a retry with the same request id can help, its
/// machine-readable detail fields and its names in the Board's three languages.
///
/// The entries are generated from `Proto/reasons.json`, which also gives PROTOCOL.md §11.2's
/// table and the C and Python clients' reason lists (`Proto/generate.sh`). The server decides a
/// refusal's status code here and nowhere else.
public enum ReasonCatalogue {
    public enum Layer: Sendable, Hashable {
        /// Frames, calls and the session: the same for every method.
        case session
        /// The exchange's methods.
        case exchange
    }

    public struct Entry: Sendable, Hashable {
        public let reason: String
        public let code: LicitStatus.Code
        public let layer: Layer
        /// Where it is sent: a Response, a GoAway, the TLS handshake.
        public let sentIn: String
        /// When it happens.
        public let when: String
        /// What the caller should do.
        public let action: String
        /// Whether sending the same write again with the same request id can succeed later.
        public let retrySameID: Bool
        /// The machine-readable `details` keys it may carry.
        public let details: [String]
        public let names: Vocabulary.Names
    }

    /// The entries by reason.
    public static let byReason: [String: Entry] = Dictionary(
        uniqueKeysWithValues: Self.entries.map { ($0.reason, $0) }
    )

    /// The status code of `reason`; FAILED_PRECONDITION for a reason the catalogue lacks (a
    /// test keeps every reason the server sends in the catalogue).
    public static func code(of reason: String) -> LicitStatus.Code {
        Self.byReason[reason]?.code ?? .failedPrecondition
    }
}
