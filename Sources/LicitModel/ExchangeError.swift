/// Why the exchange refuses a call: a treaty rule, bad input, a store's refusal. The one error
/// type of the exchange's layers; the protocol layer turns it into a wire status, its code taken
/// from the reason catalogue.
///
/// `reason` is stable and machine-readable; `message` is for people; `facts` carry the figures a
/// CNA officer or a program needs (quantities in milligrams, dates as days), typed.
public struct ExchangeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable reason: new ones are added as the exchange grows.
    public struct Reason: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
        public let code: String
        public init(_ code: String) { self.code = code }
        public init(stringLiteral code: String) { self.code = code }
        public var description: String { self.code }

        public static let unknownForm = Reason("unknown_form")
        public static let noFactorInForce = Reason("no_factor_in_force")
        public static let nonPositiveQuantity = Reason("non_positive_quantity")
        public static let quantityTooLarge = Reason("quantity_too_large")
        public static let invalidTransition = Reason("invalid_transition")
        public static let iaNotUsable = Reason("ia_not_usable")
        public static let iaExpired = Reason("ia_expired")
        public static let wrongExportingCountry = Reason("wrong_exporting_country")
        public static let wrongImportingCountry = Reason("wrong_importing_country")
        public static let citationMismatch = Reason("citation_mismatch")
        public static let periodOutsideIA = Reason("period_outside_ia")
        public static let overRemainingIA = Reason("over_remaining_ia")
        public static let singleConsignmentUsed = Reason("single_consignment_used")
        public static let substanceNotOnIA = Reason("substance_not_on_ia")
        public static let importProhibited = Reason("import_prohibited")
        public static let bondedWarehouseProhibited = Reason("bonded_warehouse_prohibited")
        public static let bondedWarehouseNotApproved = Reason("bonded_warehouse_not_approved")
        public static let overEstimate = Reason("over_estimate")
        public static let overAssessment = Reason("over_assessment")
        public static let noEstimate = Reason("no_estimate")
        public static let notControlled = Reason("authorization_not_required")
        public static let endorsementTooLarge = Reason("endorsement_exceeds_export")
        public static let exportedTooLarge = Reason("exported_exceeds_authorized")
        public static let emergencyJustificationRequired = Reason("emergency_justification_required")
        public static let documentNotFound = Reason("document_not_found")
        public static let duplicateNumber = Reason("duplicate_number")
        public static let requestIDReused = Reason("request_id_reused")
        public static let notFound = Reason("not_found")
        public static let storageUnavailable = Reason("storage_unavailable")
        public static let fieldTooLong = Reason("field_too_long")
        public static let missingField = Reason("missing_field")
    }

    /// One figure of a refusal, typed.
    public enum Fact: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
        /// A quantity: in details as integer milligrams under `<key>_mg`, and for people under `<key>`.
        case quantity(Quantity)
        /// A day, as ISO 8601 (`YYYY-MM-DD`).
        case day(Day)
        /// A count or an ordinal, such as a line number.
        case number(Int64)
        /// A code or a name.
        case text(String)

        public init(stringLiteral value: String) { self = .text(value) }
        public init(stringInterpolation: DefaultStringInterpolation) {
            self = .text(String(stringInterpolation: stringInterpolation))
        }

        public static func number(_ value: Int) -> Fact { .number(Int64(value)) }
    }

    public let reason: Reason
    public private(set) var message: String
    public private(set) var facts: [String: Fact]
    /// What lay underneath (a store's or a library's error), for the operator's log.
    public let cause: String?

    public init(_ reason: Reason, _ message: String, facts: [String: Fact] = [:], cause: (any Error)? = nil) {
        self.reason = reason
        self.message = message
        self.facts = facts
        self.cause = cause.map { String(describing: $0) }
    }

    /// The facts as text, the way the wire's `details` carry them: each quantity twice (integer
    /// milligrams under `<key>_mg`, and for people under `<key>`), days as ISO 8601.
    public var details: [String: String] {
        var details: [String: String] = [:]
        for (key, fact) in self.facts {
            switch fact {
            case .quantity(let quantity):
                details[key] = "\(quantity)"
                details["\(key)_mg"] = "\(quantity.milligrams)"
            case .day(let day): details[key] = "\(day)"
            case .number(let number): details[key] = "\(number)"
            case .text(let text): details[key] = text
            }
        }
        return details
    }

    public var description: String { "\(self.reason): \(self.message)" }

    /// The same refusal with `context` before its message, such as "line 2: ".
    public func prefixed(_ context: String) -> ExchangeError {
        var error = self
        error.message = context + self.message
        return error
    }

    /// The same problem, about a document's line `number` (1-based): named first in the message
    /// and given as the `line` fact.
    public func about(line number: Int) -> ExchangeError {
        var error = self.prefixed("line \(number): ")
        error.facts["line"] = .number(number)
        return error
    }
}

extension ExchangeError {
    /// The first of several problems, its message naming the others and its `problems` fact
    /// counting them all: a validate call lists them one by one.
    public init(firstOf problems: [ExchangeError]) {
        precondition(!problems.isEmpty, "a refusal has at least one problem")
        var first = problems[0]
        guard problems.count > 1 else {
            self = first
            return
        }
        let others = problems.dropFirst().map(\.reason.code).joined(separator: ", ")
        first.message += " (and \(problems.count - 1) more problem\(problems.count > 2 ? "s" : ""): \(others))"
        var facts = first.facts
        facts["problems"] = .number(problems.count)
        self.init(first.reason, first.message, facts: facts)
    }
}
