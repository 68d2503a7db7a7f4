/// The exit codes of `licit`, documented in docs/CLI.md. Scripts may rely on them.
package enum ExitStatus: Int32, CaseIterable, Sendable {
    case success = 0
    /// The exchange answered and refused: a treaty rule, not found, permission denied.
    case rejected = 1
    /// A write was sent and its outcome is unknown: run the command again with `--request-id`.
    case indeterminate = 2
    /// No usable answer: the exchange could not be reached, TLS or a certificate failed, a deadline
    /// passed, or the exchange answered with something this version does not understand.
    case unavailable = 3
    /// `licit verify`: the document's seal is invalid or the file was altered.
    case verificationFailed = 4
    /// The user declined the confirmation.
    case declined = 5
    /// The command line or the local configuration is wrong.
    case usage = 64
}

/// A failure `licit` reports itself: what went wrong, and what to do about it.
package struct CLIError: Error, Sendable {
    package let status: ExitStatus
    package let message: String
    package let hint: String?
    /// The exchange's refusal behind it, when there is one: its reason and status code.
    package var reason = ""
    package var code = ""
    /// The write's request id, to retry an indeterminate one.
    package var requestID = ""
    /// The refusal's details, for messages told in `licit`'s terms.
    package var details: [String: String] = [:]

    package init(_ status: ExitStatus, _ message: String, hint: String? = nil) {
        self.status = status
        self.message = message
        self.hint = hint
    }

    /// The error as `--json` prints it: one object a program can act on.
    package var json: [String: Any] {
        [
            "error": [
                "exitStatus": Int(self.status.rawValue), "reason": self.reason, "code": self.code,
                "message": self.message, "hint": self.hint ?? "", "requestId": self.requestID,
            ] as [String: Any]
        ]
    }

    package static func usage(_ message: String, hint: String? = nil) -> CLIError {
        CLIError(.usage, message, hint: hint)
    }
}
