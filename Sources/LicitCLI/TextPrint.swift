/// The plain-text print: fixed-width, for email and terminals.
enum TextPrint {
    static func render(_ facts: DocumentFacts, armor: String) -> String {
        let rule = String(repeating: "=", count: 72)
        let lines = Output.table(
            ["#", "form", "substance", "quantity", "anhydrous base"],
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
            "Substances",
            lines,
            "",
            "Seal",
            PrintText.sealExplanation,
            "",
            armor,
            "",
        ].joined(separator: "\n")
    }
}

/// Words every print shares.
enum PrintText {
    static let sealExplanation = """
        The exchange sealed this document when it was issued: an Ed25519 signature (RFC 8032) over
        "licit.seal.v1", a zero byte, then the content bytes in the block below. To verify this copy:
            licit verify FILE --public-key KEY
        with the exchange's public key, or check the signature over those bytes with any Ed25519 tool.
        licit verify also checks that nothing in this file was changed. The document's current
        status (used, cancelled, endorsed) is not part of the seal: ask the exchange for it.
        """
}
