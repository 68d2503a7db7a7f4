import ArgumentParser
import LicitWire

/// The languages `licit` prints documents, statuses and returns in: the Board's three.
package enum PrintLanguage: String, CaseIterable, Sendable, ExpressibleByArgument {
    case en, fr, es

    /// `text` (English, as written in the code) in this language; English when no translation exists.
    package func callAsFunction(_ text: String) -> String {
        switch self {
        case .en: text
        case .fr: Words.table[text]?.french ?? text
        case .es: Words.table[text]?.spanish ?? text
        }
    }

    /// A status code (`partly_used`) as words.
    package func status(_ code: String) -> String {
        Vocabulary.statuses[code]?(self.rawValue) ?? code
    }

    /// A refusal's reason code (`over_estimate`) as words; nil for a reason without a description.
    package func reason(_ code: String) -> String? {
        Vocabulary.reasons[code]?(self.rawValue)
    }

    /// The language of this run's tables: `--lang` when the command line gives it, else LICIT_LANG.
    @TaskLocal static var current: PrintLanguage = .en

    /// `--lang X` in a command line, else LICIT_LANG, else English.
    static func of(_ arguments: [String]) -> PrintLanguage {
        if let index = arguments.firstIndex(of: "--lang"), index + 1 < arguments.count,
            let language = PrintLanguage(rawValue: arguments[index + 1].lowercased())
        {
            return language
        }
        return Self.fromEnvironment
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
    static let table: [String: (french: String, spanish: String)] = Self.phrases.merging(Self.headers) { first, _ in
        first
    }

    /// Table headers.
    static let headers: [String: (french: String, spanish: String)] = [
        "seq": ("n°", "n.º"), "at (UTC)": ("à (UTC)", "a las (UTC)"), "event": ("événement", "evento"),
        "about": ("objet", "objeto"), "status": ("statut", "estado"), "summary": ("résumé", "resumen"),
        "kind": ("type", "tipo"), "document": ("document", "documento"), "counterpart": ("partenaire", "contraparte"),
        "issued": ("délivré", "expedido"), "period": ("période", "período"), "substances": ("substances", "sustancias"),
        "substance": ("substance", "sustancia"), "country": ("pays", "país"), "authority": ("autorité", "autoridad"),
        "year": ("année", "año"), "limit": ("limite", "límite"), "imported": ("importé", "importado"),
        "authorized, not used": ("autorisé, non utilisé", "autorizado, no utilizado"),
        "remaining": ("disponible", "disponible"), "name": ("nom", "nombre"), "role": ("rôle", "función"),
        "certificate": ("certificat", "certificado"), "state": ("état", "estado"), "form": ("forme", "forma"),
        "factor": ("facteur", "factor"), "since": ("depuis", "desde"), "convention": ("convention", "convención"),
        "schedules": ("tableaux", "listas"), "requested": ("demandé", "solicitado"),
        "confirmed": ("confirmé", "confirmado"), "justification": ("justification", "justificación"),
        "reason": ("motif", "motivo"), "purpose": ("emploi", "finalidad"), "quantity": ("quantité", "cantidad"),
        "item": ("rubrique", "partida"), "source": ("source", "fuente"), "line": ("ligne", "línea"),
        "number": ("numéro", "número"), "result": ("résultat", "resultado"), "detail": ("détail", "detalle"),
        "action": ("action", "acción"), "by": ("par", "por"), "exported": ("exporté", "exportado"),
        "authorized": ("autorisé", "autorizado"), "documents": ("documents", "documentos"),
        "(none)": ("(aucun)", "(ninguno)"),
    ]

    static let phrases: [String: (french: String, spanish: String)] = [
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
        "Port of exit": ("Port de sortie", "Puerto de salida"),
        "Transit countries": ("Pays de transit", "Países de tránsito"),
        "Carrier": ("Transporteur", "Transportista"), "Signed by": ("Signé par", "Firmado por"),
        "Address": ("Adresse", "Dirección"),
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
        PrintText.qrExplanation: (
            "Le code QR porte LICIT1;AUTORITÉ/NUMÉRO;CLÉ;SCEAU : quel document, quelle clé de scellement, et son sceau.",
            "El código QR lleva LICIT1;AUTORIDAD/NÚMERO;CLAVE;SELLO: qué documento, qué clave de sellado y su sello."
        ),
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
