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

    /// Every reason as the wire's `Term`s, each with its catalogue entry, sorted by code.
    public static var reasonTerms: [Licit_V1_Term] {
        ReasonCatalogue.entries.sorted { $0.reason < $1.reason }.map { entry in
            .with {
                $0.code = entry.reason
                $0.names = ["en": entry.names.english, "fr": entry.names.french, "es": entry.names.spanish]
                $0.statusCode = entry.code.wireValue
                $0.retrySameID = entry.retrySameID
                $0.details = entry.details
                $0.action = entry.action
            }
        }
    }

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
