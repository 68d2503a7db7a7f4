import ArgumentParser

/// The languages `licit` prints documents, statuses and returns in: the Board's three.
enum PrintLanguage: String, CaseIterable, Sendable, ExpressibleByArgument {
    case en, fr, es

    /// `text` (English, as written in the code) in this language; English when no translation exists.
    func callAsFunction(_ text: String) -> String {
        switch self {
        case .en: text
        case .fr: Words.table[text]?.french ?? text
        case .es: Words.table[text]?.spanish ?? text
        }
    }

    /// A status code (`partly_used`) as words.
    func status(_ code: String) -> String {
        self(Words.statuses[code] ?? code)
    }

    /// A refusal's reason code (`over_estimate`) as words; nil for a reason without a description.
    func reason(_ code: String) -> String? {
        Words.reasons[code].map { self($0) }
    }

    /// LICIT_LANG, for output that has no `--lang` option (errors).
    static var fromEnvironment: PrintLanguage {
        Console.current.environment["LICIT_LANG"].flatMap { PrintLanguage(rawValue: $0.lowercased()) } ?? .en
    }
}

/// `--lang`: flag, then LICIT_LANG, then English.
struct LanguageOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("en, fr or es (env LICIT_LANG).", valueName: "language"))
    var lang: PrintLanguage?

    var language: PrintLanguage {
        get throws {
            if let lang { return lang }
            guard let variable = Console.current.environment["LICIT_LANG"], !variable.isEmpty else { return .en }
            guard let language = PrintLanguage(rawValue: variable.lowercased()) else {
                throw CLIError.usage("LICIT_LANG=\(variable) is not en, fr or es")
            }
            return language
        }
    }
}

/// Every translated phrase, keyed by its English.
enum Words {
    static let statuses = [
        "draft": "draft", "issued": "issued", "partly_used": "partly used", "used": "used", "expired": "expired",
        "cancelled": "cancelled", "superseded": "superseded", "endorsed": "endorsed",
    ]

    /// The treaty rules' reasons, as people say them.
    static let reasons = [
        "over_estimate": "exceeds the importing country's estimate",
        "over_assessment": "exceeds the importing country's assessment",
        "no_estimate": "no estimate for this substance",
        "over_remaining_ia": "exceeds what remains of the import authorization",
        "ia_expired": "the import authorization has expired",
        "ia_not_usable": "the import authorization cannot be used",
        "import_prohibited": "the importing country prohibits this substance",
        "single_consignment_used": "the import authorization allows a single consignment, already used",
        "substance_not_on_ia": "the substance is not on the import authorization",
        "period_outside_ia": "the period falls outside the import authorization's",
        "citation_mismatch": "the citation does not match the import authorization",
        "endorsement_exceeds_export": "the endorsement exceeds the exported quantity",
        "document_not_found": "no such document",
        "role_not_permitted": "not permitted for this role",
    ]

    static let table: [String: (french: String, spanish: String)] = [
        // Reasons.
        "exceeds the importing country's estimate": (
            "dépasse l'évaluation du pays importateur", "excede la previsión del país importador"
        ),
        "exceeds the importing country's assessment": (
            "dépasse l'évaluation (psychotropes) du pays importateur", "excede la evaluación del país importador"
        ),
        "no estimate for this substance": (
            "aucune évaluation pour cette substance", "no hay previsión para esta sustancia"
        ),
        "exceeds what remains of the import authorization": (
            "dépasse le solde de l'autorisation d'importation", "excede el saldo de la autorización de importación"
        ),
        "the import authorization has expired": (
            "l'autorisation d'importation a expiré", "la autorización de importación ha vencido"
        ),
        "the import authorization cannot be used": (
            "l'autorisation d'importation n'est pas utilisable", "la autorización de importación no puede utilizarse"
        ),
        "the importing country prohibits this substance": (
            "le pays importateur interdit cette substance", "el país importador prohíbe esta sustancia"
        ),
        "the import authorization allows a single consignment, already used": (
            "l'autorisation d'importation ne permet qu'un envoi, déjà utilisé",
            "la autorización de importación permite un solo envío, ya utilizado"
        ),
        "the substance is not on the import authorization": (
            "la substance ne figure pas sur l'autorisation d'importation",
            "la sustancia no figura en la autorización de importación"
        ),
        "the period falls outside the import authorization's": (
            "la période dépasse celle de l'autorisation d'importation",
            "el período excede el de la autorización de importación"
        ),
        "the citation does not match the import authorization": (
            "la référence ne correspond pas à l'autorisation d'importation",
            "la referencia no coincide con la autorización de importación"
        ),
        "the endorsement exceeds the exported quantity": (
            "le visa dépasse la quantité exportée", "el refrendo excede la cantidad exportada"
        ),
        "no such document": ("document introuvable", "documento inexistente"),
        "not permitted for this role": ("non permis pour ce rôle", "no permitido para esta función"),
        // Statuses.
        "draft": ("brouillon", "borrador"), "issued": ("délivrée", "expedida"),
        "partly used": ("partiellement utilisée", "parcialmente utilizada"), "used": ("utilisée", "utilizada"),
        "expired": ("expirée", "vencida"), "cancelled": ("annulée", "anulada"),
        "superseded": ("remplacée", "sustituida"),
        "endorsed": ("visée", "refrendada"),
        // Documents.
        "Import authorization": ("Autorisation d'importation", "Autorización de importación"),
        "Export authorization": ("Autorisation d'exportation", "Autorización de exportación"),
        "Export authorization — emergency export": (
            "Autorisation d'exportation — exportation d'urgence",
            "Autorización de exportación — exportación de emergencia"
        ),
        "Single Convention on Narcotic Drugs, 1961, art. 31(4)–(5); Convention on Psychotropic Substances, 1971, art. 12(1)":
            (
                "Convention unique sur les stupéfiants de 1961, art. 31(4)–(5) ; Convention sur les substances psychotropes de 1971, art. 12(1)",
                "Convención Única sobre Estupefacientes de 1961, art. 31(4)–(5); Convenio sobre Sustancias Sicotrópicas de 1971, art. 12(1)"
            ),
        "Single Convention on Narcotic Drugs, 1961, art. 31(4); Convention on Psychotropic Substances, 1971, art. 12(1)(b)":
            (
                "Convention unique sur les stupéfiants de 1961, art. 31(4) ; Convention sur les substances psychotropes de 1971, art. 12(1)(b)",
                "Convención Única sobre Estupefacientes de 1961, art. 31(4); Convenio sobre Sustancias Sicotrópicas de 1971, art. 12(1)(b)"
            ),
        "Number": ("Numéro", "Número"), "Issuing authority": ("Autorité de délivrance", "Autoridad expedidora"),
        "Issued on": ("Délivrée le", "Expedida el"), "Importing country": ("Pays importateur", "País importador"),
        "Exporting country": ("Pays exportateur", "País exportador"), "Importer": ("Importateur", "Importador"),
        "Exporter": ("Exportateur", "Exportador"),
        "Import to be effected": ("Importation à effectuer", "Importación a efectuar"),
        "Export to be effected": ("Exportation à effectuer", "Exportación a efectuar"),
        "Consignments": ("Envois", "Envíos"), "more than one allowed": ("plusieurs autorisés", "se permiten varios"),
        "a single consignment": ("un seul envoi", "un solo envío"),
        "Port of entry": ("Port d'entrée", "Puerto de entrada"),
        "Bonded warehouse": ("Entrepôt sous douane", "Depósito aduanero"),
        "import into a bonded warehouse approved": (
            "importation en entrepôt sous douane approuvée", "importación a depósito aduanero aprobada"
        ),
        "export to a bonded warehouse": (
            "exportation vers un entrepôt sous douane", "exportación a un depósito aduanero"
        ),
        "Supersedes": ("Remplace", "Sustituye a"), "issued on": ("délivrée le", "expedida el"),
        "none: emergency export without an import authorization": (
            "aucune : exportation d'urgence sans autorisation d'importation",
            "ninguna: exportación de emergencia sin autorización de importación"
        ),
        "from": ("du", "del"), "to": ("au", "al"), "inclusive": ("inclus", "inclusive"),
        "Substances": ("Substances", "Sustancias"), "form": ("forme", "forma"), "substance": ("substance", "sustancia"),
        "quantity": ("quantité", "cantidad"), "anhydrous base": ("base anhydre", "base anhidra"),
        "Seal": ("Sceau", "Sello"),
        PrintText.sealExplanation: (PrintText.sealExplanationFrench, PrintText.sealExplanationSpanish),
        // A document's state, as `show` prints it.
        "Status": ("Statut", "Estado"), "Addressed to": ("Adressée à", "Dirigida a"),
        "Endorsed on": ("Visée le", "Refrendada el"), "Cancelled because": ("Annulée pour", "Anulada por"),
        "Superseded by": ("Remplacée par", "Sustituida por"),
        "Override": ("Dépassement justifié", "Exceso justificado"),
        "Emergency": ("Urgence", "Emergencia"), "Paper": ("Papier", "Papel"), "valid": ("valide", "válido"),
        "committed by EAs": ("engagée par les AE", "comprometida por AE"), "exported": ("exportée", "exportada"),
        "imported": ("importée", "importada"), "as authorized": ("comme autorisé", "según lo autorizado"),
        "endorsement overdue": ("visa en retard", "refrendo atrasado"),
        // Returns.
        "Imports": ("Importations", "Importaciones"), "Exports": ("Exportations", "Exportaciones"),
        "exporting country": ("pays exportateur", "país exportador"),
        "importing country": ("pays importateur", "país importador"),
        "base": ("base", "base"), "documents": ("documents", "documentos"), "Country": ("Pays", "País"),
        "Form A — quarterly statistics of imports and exports of narcotic drugs": (
            "Formulaire A — statistiques trimestrielles des importations et exportations de stupéfiants",
            "Formulario A — estadísticas trimestrales de importaciones y exportaciones de estupefacientes"
        ),
        "Form A/P — quarterly statistics of imports and exports of substances in Schedule II (1971)": (
            "Formulaire A/P — statistiques trimestrielles des importations et exportations des substances du tableau II (1971)",
            "Formulario A/P — estadísticas trimestrales de importaciones y exportaciones de sustancias de la Lista II (1971)"
        ),
        "Form C — annual statistics of narcotic drugs: imports and exports": (
            "Formulaire C — statistiques annuelles des stupéfiants : importations et exportations",
            "Formulario C — estadísticas anuales de estupefacientes: importaciones y exportaciones"
        ),
        "Form P — annual statistics of psychotropic substances: imports and exports": (
            "Formulaire P — statistiques annuelles des substances psychotropes : importations et exportations",
            "Formulario P — estadísticas anuales de sustancias sicotrópicas: importaciones y exportaciones"
        ),
        "Anhydrous base quantities; imports as endorsed by the importing authority, exports as actually exported.": (
            "Quantités en base anhydre ; importations telles que visées par l'autorité importatrice, exportations telles qu'effectuées.",
            "Cantidades en base anhidra; importaciones según el refrendo de la autoridad importadora, exportaciones según lo efectivamente exportado."
        ),
    ]
}
