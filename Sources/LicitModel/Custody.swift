/// Who may do what to a document, and what an act must state: the workflow's rules about
/// authorities rather than quantities. Pure: the exchange applies them to what it stored.
public enum Custody {
    /// Where an EA stands towards the CNA asked to endorse it.
    public struct EndorsementParties: Sendable, Hashable {
        /// The EA's issuing CNA.
        public var issuer: String
        /// The importing country, as the EA names it.
        public var importingCountry: String
        /// The CNA the EA was sent to on the exchange; empty when its IA came on paper from a
        /// country not on the exchange.
        public var counterpart: String
        /// The CNA that recorded the EA from paper, if it came on paper.
        public var recordedBy: String

        public init(issuer: String, importingCountry: String, counterpart: String, recordedBy: String) {
            self.issuer = issuer
            self.importingCountry = importingCountry
            self.counterpart = counterpart
            self.recordedBy = recordedBy
        }

        /// Whether the EA went to a paper partner: nobody on the exchange received it.
        public var toPaperPartner: Bool { self.counterpart.isEmpty && self.recordedBy.isEmpty }
    }

    /// How the endorsement of an EA is recorded by the CNA `authority` of `country`.
    public enum Endorsement: Sendable, Hashable {
        /// The importing country's CNA states what arrived (1961 art. 31(7), 1971 art. 12(3)(d)).
        case byImportingAuthority
        /// A paper partner's endorsement came back on paper to the EA's issuer, who records it
        /// with its scan.
        case fromPaperPartner
    }

    /// Whether the CNA `authority` of `country` may record the endorsement of an EA with these
    /// parties, and how; refused `not_the_importing_authority` otherwise.
    public static func endorsement(
        of parties: EndorsementParties,
        by authority: String,
        of country: String,
        number: String
    ) throws(ExchangeError) -> Endorsement {
        if parties.importingCountry == country, [parties.counterpart, parties.recordedBy].contains(authority) {
            return .byImportingAuthority
        }
        if parties.toPaperPartner, parties.issuer == authority { return .fromPaperPartner }
        throw ExchangeError(
            "not_the_importing_authority",
            "only the importing country's CNA endorses export authorization \(number)"
        )
    }

    /// A paper document's partner must be a country not on the exchange: one on it issues its
    /// documents there (refused `partner_on_exchange`).
    public static func paperPartner(_ partner: Country) throws(ExchangeError) {
        guard partner.participating else { return }
        throw ExchangeError(
            "partner_on_exchange",
            "\(partner.name) is on the exchange: its CNA issues its documents here, not on paper"
        )
    }

    /// An emergency export, without an import authorization, states why it cannot wait for one;
    /// `nil` when the EA needs no justification or has one.
    public static func missingJustification(
        of ea: ExportAuthorization,
        emergencyJustification: String
    ) -> ExchangeError? {
        guard ea.isEmergency, emergencyJustification.allSatisfy(\.isWhitespace) else { return nil }
        return ExchangeError(
            .emergencyJustificationRequired,
            "an emergency export states why it cannot wait for an import authorization"
        )
    }
}
