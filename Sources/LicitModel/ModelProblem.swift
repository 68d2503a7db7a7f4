/// One reason a document or a transition is refused, with the treaty rule behind it.
///
/// `reason` is stable and machine-readable (it becomes the wire status reason); `facts` carry the
/// figures a CNA officer needs (for example the estimate, what is used and what remains).
public struct ModelProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        public let code: String
        public init(_ code: String) { self.code = code }
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
    }

    public let reason: Reason
    public let message: String
    public let facts: [String: String]

    public init(_ reason: Reason, _ message: String, facts: [String: String] = [:]) {
        self.reason = reason
        self.message = message
        self.facts = facts
    }

    public var description: String { "\(self.reason): \(self.message)" }
}
