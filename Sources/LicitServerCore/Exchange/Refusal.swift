import LicitModel
import LicitStorage
import LicitWire

/// How the exchange's refusals meet the wire: a treaty problem is FAILED_PRECONDITION with the
/// problem's reason and figures; a store refusal keeps its reason.
extension LicitStatus {
    init(_ problem: ModelProblem) {
        self.init(.failedPrecondition, reason: problem.reason.code, message: problem.message, details: problem.facts)
    }

    /// The first problem as the status, and how many there were: a validate call shows them all.
    init(problems: [ModelProblem]) {
        var status = LicitStatus(problems[0])
        if problems.count > 1 {
            status.message +=
                " (and \(problems.count - 1) more problem\(problems.count > 2 ? "s" : ""): "
                + problems.dropFirst().map(\.reason.code).joined(separator: ", ") + ")"
            status.details["problems"] = "\(problems.count)"
        }
        self = status
    }

    init(_ error: StoreError) {
        let code: LicitStatus.Code =
            switch error.reason {
            case "request_id_reused", "duplicate_number": .alreadyExists
            case "not_found": .notFound
            case "storage_unavailable": .unavailable
            default: .failedPrecondition
            }
        self.init(code, reason: error.reason, message: error.message)
    }

    static func invalid(_ reason: String, _ message: String, details: [String: String] = [:]) -> LicitStatus {
        LicitStatus(.invalidArgument, reason: reason, message: message, details: details)
    }

    /// What a caller gets for a document it may not see: the same as for one that does not
    /// exist, so that numbers cannot be probed.
    static func documentNotFound(_ key: DocumentKey) -> LicitStatus {
        LicitStatus(
            .notFound,
            reason: "document_not_found",
            message: "no document \(key.number) of \(key.authority) is visible to you"
        )
    }
}

extension LicitStatus: ReasonedError {
    public var auditReason: String { self.reason }
}

extension ModelProblem: ReasonedError {
    public var auditReason: String { self.reason.code }
}
