/// The plain-text print: fixed-width, for email and terminals.
enum TextPrint {
    static func render(_ facts: DocumentFacts, armor: String, language say: PrintLanguage) -> String {
        let rule = String(repeating: "=", count: 72)
        let lines = Output.table(
            ["#", say("form"), say("substance"), say("quantity"), say("anhydrous base")],
            facts.lines.enumerated().map { index, line in
                [
                    "\(index + 1)", line.form, line.substance, DocumentFacts.quantity(line.traded),
                    DocumentFacts.quantity(line.base),
                ]
            }
        )
        return [
            rule,
            "LICIT — \(facts.title.uppercased())",
            facts.legalBasis,
            rule,
            "",
            Output.fields(facts.fields),
            "",
            say("Substances"),
            lines,
            "",
            say("Seal"),
            say(PrintText.sealExplanation),
            "",
            armor,
            "",
        ].joined(separator: "\n")
    }
}

/// Words every print shares.
enum PrintText {
    static let qrExplanation =
        "The QR code carries LICIT1;AUTHORITY/NUMBER;KEY-ID;SEAL: which document, which seal key, and its seal."
    static let sealExplanation = """
        The exchange sealed this document when it was issued: an Ed25519 signature (RFC 8032) over
        "licit.seal.v1", a zero byte, then the content bytes in the block below. To verify this copy:
            licit verify FILE --public-key KEY
        with the exchange's public key, or check the signature over those bytes with any Ed25519 tool.
        licit verify also checks that nothing in this file was changed. The document's current
        status (used, cancelled, endorsed) is not part of the seal: ask the exchange for it.
        """

    static let sealExplanationFrench = """
        L'échange a scellé ce document lors de sa délivrance : une signature Ed25519 (RFC 8032) sur
        "licit.seal.v1", un octet nul, puis les octets du contenu du bloc ci-dessous. Pour vérifier
        cette copie :
            licit verify FICHIER --public-key CLÉ
        avec la clé publique de l'échange, ou vérifiez la signature de ces octets avec tout outil
        Ed25519. licit verify vérifie aussi que rien n'a été modifié dans ce fichier. Le statut
        actuel du document (utilisé, annulé, visé) ne fait pas partie du sceau : demandez-le à l'échange.
        """

    static let sealExplanationSpanish = """
        El intercambio selló este documento al expedirlo: una firma Ed25519 (RFC 8032) sobre
        "licit.seal.v1", un byte cero y luego los bytes del contenido del bloque siguiente. Para
        verificar esta copia:
            licit verify ARCHIVO --public-key CLAVE
        con la clave pública del intercambio, o compruebe la firma sobre esos bytes con cualquier
        herramienta Ed25519. licit verify comprueba también que no se modificó nada en este archivo.
        El estado actual del documento (utilizado, anulado, refrendado) no forma parte del sello:
        consúltelo en el intercambio.
        """
}
