/// The print-ready HTML page: self-contained (inline style, no scripts, no external assets).
package enum HTMLPrint {
    /// - Parameter qr: the QR code's inline SVG (the document key, key id and seal), when it fits one.
    static func render(_ facts: DocumentFacts, armor: String, qr: String?, language say: PrintLanguage) -> String {
        let fields = facts.fields.filter { !$0.1.isEmpty }.map {
            "<tr><th>\(escape($0.0))</th><td>\(escape($0.1))</td></tr>"
        }
        let lines = facts.lines.enumerated().map { index, line in
            "<tr><td>\(index + 1)</td><td>\(escape(line.form))</td><td>\(escape(line.substance))</td>"
                + "<td class=\"n\">\(escape(DocumentFacts.quantity(line.traded)))</td>"
                + "<td class=\"n\">\(escape(DocumentFacts.quantity(line.base)))</td></tr>"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(say.rawValue)">
            <head>
            <meta charset="utf-8">
            <title>\(escape(facts.title)) \(escape(facts.authority))/\(escape(facts.number))</title>
            <style>
            body { font-family: Georgia, serif; max-width: 48rem; margin: 2rem auto; color: #111; }
            h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
            .basis { font-style: italic; color: #444; margin-top: 0; }
            table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
            th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
            th { background: #f0f0f0; width: 30%; }
            td.n { text-align: right; white-space: nowrap; }
            figure.qr { float: right; margin: 0 0 1rem 1rem; text-align: center; font-size: 0.75rem; max-width: 12rem; }
            pre { font-size: 0.75rem; white-space: pre-wrap; word-break: break-all; border: 1px dashed #666; padding: 0.5rem; }
            @media print { body { margin: 0; } }
            </style>
            </head>
            <body>
            <h1>\(escape(facts.title)) \(escape(facts.number))</h1>
            <p class="basis">\(escape(facts.legalBasis))</p>
            <table>
            \(fields.joined(separator: "\n"))
            </table>
            <h2>\(escape(say("Substances")))</h2>
            <table>
            <tr><th>#</th>\(["form", "substance", "quantity", "anhydrous base"].map { "<th>\(escape(say($0)))</th>" }.joined())</tr>
            \(lines.joined(separator: "\n"))
            </table>
            <h2>\(escape(say("Seal")))</h2>
            \(qr.map { "<figure class=\"qr\">\($0)<figcaption>\(escape(say(PrintText.qrExplanation)))</figcaption></figure>" } ?? "")
            <p>\(escape(say(PrintText.sealExplanation)).replacingOccurrences(of: "\n", with: " "))</p>
            <pre>\(armor)</pre>
            </body>
            </html>

            """
    }

    package static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
