/// The exchange's own words — document statuses and refusal reasons — in the Board's three
/// languages. The wire always carries the codes; these names are for people, and GetReference
/// serves them so that every client shows the same.
public enum Vocabulary {
    public struct Names: Sendable, Hashable {
        public let english: String
        public let french: String
        public let spanish: String

        /// The name in a language code ("en", "fr", "es"); English for any other.
        public func callAsFunction(_ language: String) -> String {
            switch language {
            case "fr": self.french
            case "es": self.spanish
            default: self.english
            }
        }
    }

    public static let statuses: [String: Names] = [
        "draft": Names(english: "draft", french: "brouillon", spanish: "borrador"),
        "issued": Names(english: "issued", french: "délivrée", spanish: "expedida"),
        "partly_used": Names(
            english: "partly used",
            french: "partiellement utilisée",
            spanish: "parcialmente utilizada"
        ),
        "used": Names(english: "used", french: "utilisée", spanish: "utilizada"),
        "expired": Names(english: "expired", french: "expirée", spanish: "vencida"),
        "cancelled": Names(english: "cancelled", french: "annulée", spanish: "anulada"),
        "superseded": Names(english: "superseded", french: "remplacée", spanish: "sustituida"),
        "endorsed": Names(english: "endorsed", french: "visée", spanish: "refrendada"),
    ]

    /// The treaty rules' reasons and the refusals officers meet most.
    public static let reasons: [String: Names] = [
        "over_estimate": Names(
            english: "exceeds the importing country's estimate",
            french: "dépasse l'évaluation du pays importateur",
            spanish: "excede la previsión del país importador"
        ),
        "over_assessment": Names(
            english: "exceeds the importing country's assessment",
            french: "dépasse l'évaluation (psychotropes) du pays importateur",
            spanish: "excede la evaluación del país importador"
        ),
        "no_estimate": Names(
            english: "no estimate for this substance",
            french: "aucune évaluation pour cette substance",
            spanish: "no hay previsión para esta sustancia"
        ),
        "amendment_below_exported": Names(
            english: "the amendment is below what its export authorizations commit",
            french: "la modification est inférieure à ce qu'engagent ses autorisations d'exportation",
            spanish: "la modificación es inferior a lo que comprometen sus autorizaciones de exportación"
        ),
        "amendment_changes_lines": Names(
            english: "the amendment changes the lines of an authorization already exported against",
            french: "la modification change les lignes d'une autorisation déjà utilisée à l'exportation",
            spanish: "la modificación cambia las líneas de una autorización ya utilizada para exportar"
        ),
        "over_remaining_ia": Names(
            english: "exceeds what remains of the import authorization",
            french: "dépasse le solde de l'autorisation d'importation",
            spanish: "excede el saldo de la autorización de importación"
        ),
        "ia_expired": Names(
            english: "the import authorization has expired",
            french: "l'autorisation d'importation a expiré",
            spanish: "la autorización de importación ha vencido"
        ),
        "ia_not_usable": Names(
            english: "the import authorization cannot be used",
            french: "l'autorisation d'importation n'est pas utilisable",
            spanish: "la autorización de importación no puede utilizarse"
        ),
        "import_prohibited": Names(
            english: "the importing country prohibits this substance",
            french: "le pays importateur interdit cette substance",
            spanish: "el país importador prohíbe esta sustancia"
        ),
        "single_consignment_used": Names(
            english: "the import authorization allows a single consignment, already used",
            french: "l'autorisation d'importation ne permet qu'un envoi, déjà utilisé",
            spanish: "la autorización de importación permite un solo envío, ya utilizado"
        ),
        "substance_not_on_ia": Names(
            english: "the substance is not on the import authorization",
            french: "la substance ne figure pas sur l'autorisation d'importation",
            spanish: "la sustancia no figura en la autorización de importación"
        ),
        "period_outside_ia": Names(
            english: "the period falls outside the import authorization's",
            french: "la période dépasse celle de l'autorisation d'importation",
            spanish: "el período excede el de la autorización de importación"
        ),
        "citation_mismatch": Names(
            english: "the citation does not match the import authorization",
            french: "la référence ne correspond pas à l'autorisation d'importation",
            spanish: "la referencia no coincide con la autorización de importación"
        ),
        "endorsement_exceeds_export": Names(
            english: "the endorsement exceeds the exported quantity",
            french: "le visa dépasse la quantité exportée",
            spanish: "el refrendo excede la cantidad exportada"
        ),
        "document_not_found": Names(
            english: "no such document",
            french: "document introuvable",
            spanish: "documento inexistente"
        ),
        "role_not_permitted": Names(
            english: "not permitted for this role",
            french: "non permis pour ce rôle",
            spanish: "no permitido para esta función"
        ),
    ]

    /// A vocabulary as the wire's `Term`s, sorted by code.
    public static func terms(_ words: [String: Names]) -> [Licit_V1_Term] {
        words.sorted { $0.key < $1.key }.map { code, names in
            .with {
                $0.code = code
                $0.names = ["en": names.english, "fr": names.french, "es": names.spanish]
            }
        }
    }
}
