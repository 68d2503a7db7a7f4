import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// `licit return`: a statistical return computed by the exchange from the documents.
struct ReturnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "return",
        abstract:
            "A statistical return: imports and exports by substance and partner, from endorsements and export records.",
        discussion: """
            Form A (narcotic drugs) and A/P (Schedule II psychotropics) are quarterly; C and P are the
            import and export parts of the annual returns. Quantities are anhydrous base. A CNA obtains
            its own country's; the Board any (--country). Each figure lists the EAs it adds up (--documents).
            Examples:
              licit return --form A --year 2027 --quarter 1
              licit return --form C --year 2027 --format html --output form-c-2027.html
              licit return --form A/P --year 2027 --quarter 2 --country IN --format csv     # the Board
            """
    )
    @Option(name: .long, help: "A, A/P, C or P.") var form: String
    @Option(name: .long, help: "The year.") var year: Int
    @Option(name: .long, help: "The quarter, 1 to 4 (forms A and A/P).") var quarter: Int?
    @Option(name: .long, help: ArgumentHelp("The country (the Board; default: yours).", valueName: "code")) var country:
        String?
    @Option(name: .long, help: "table, json, csv or html.") var format: String = "table"
    @Flag(name: .long, help: "List the documents behind each figure (tables).") var documents = false
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file.", valueName: "file")) var output: String?
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let format = self.format.lowercased()
        guard ["table", "json", "csv", "html"].contains(format) else {
            throw CLIError.usage("unknown --format \(self.format)", hint: "choose table, json, csv or html")
        }
        let form = self.form.uppercased()
        guard ["A", "A/P", "C", "P"].contains(form) else {
            throw CLIError.usage("unknown --form \(self.form)", hint: "A, A/P, C or P")
        }
        let quarterly = form == "A" || form == "A/P"
        guard quarterly == (self.quarter != nil) else {
            throw CLIError.usage(
                quarterly
                    ? "form \(form) is quarterly: give --quarter 1 to 4" : "form \(form) is annual: drop --quarter"
            )
        }
        let report = try await self.connection.withClient { client in
            try await client.statisticalReturn(
                form: form,
                year: self.year,
                quarter: self.quarter ?? 0,
                country: self.country?.uppercased() ?? ""
            )
        }
        let text: String
        switch format {
        case "json": text = Output.json(Output.value(report))
        case "csv": text = Output.csv(Self.csvHeader, report.lines.map(Self.csvRow))
        case "html": text = ReturnPrint.html(report)
        default: text = ReturnPrint.text(report, documents: self.documents)
        }
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CLIError.usage("cannot write \(output): \(error.localizedDescription)")
            }
            Console.current.err("wrote \(output)")
        } else {
            Console.current.out(text)
        }
    }

    static let csvHeader = ["direction", "substance", "partner_country", "base_mg", "base", "documents"]

    static func csvRow(_ line: Licit_V1_ReturnLine) -> [String] {
        [
            line.direction, line.substance, line.partnerCountry, "\(line.baseMg)", QuantityInput.format(line.baseMg),
            line.documents.map { "\($0.authority)/\($0.number)" }.joined(separator: " "),
        ]
    }
}

/// A return laid out like the Board's forms: imports, then exports, by substance and partner country.
enum ReturnPrint {
    static func title(_ report: Licit_V1_ReturnResponse) -> String {
        let names = [
            "A": "Form A — quarterly statistics of imports and exports of narcotic drugs",
            "A/P": "Form A/P — quarterly statistics of imports and exports of substances in Schedule II (1971)",
            "C": "Form C — annual statistics of narcotic drugs: imports and exports",
            "P": "Form P — annual statistics of psychotropic substances: imports and exports",
        ]
        return names[report.form] ?? "Form \(report.form)"
    }

    static func sections(_ report: Licit_V1_ReturnResponse) -> [(String, String, [Licit_V1_ReturnLine])] {
        [
            ("Imports", "exporting country", report.lines.filter { $0.direction == "import" }),
            ("Exports", "importing country", report.lines.filter { $0.direction == "export" }),
        ]
    }

    static func text(_ report: Licit_V1_ReturnResponse, documents: Bool) -> String {
        var text = [
            "\(Self.title(report))", "Country \(report.country), \(report.period.first) to \(report.period.last)", "",
        ]
        for (name, partner, lines) in Self.sections(report) {
            text.append(name)
            text.append(
                Output.table(
                    ["substance", partner, "base"] + (documents ? ["documents"] : []),
                    lines.map { line in
                        [line.substance, line.partnerCountry, QuantityInput.format(line.baseMg)]
                            + (documents
                                ? [line.documents.map { "\($0.authority)/\($0.number)" }.joined(separator: ", ")] : [])
                    }
                )
            )
            text.append("")
        }
        text.append("Base quantities; imports as endorsed, exports as actually exported (PROTOCOL.md §15.8).")
        return text.joined(separator: "\n")
    }

    static func html(_ report: Licit_V1_ReturnResponse) -> String {
        let sections = Self.sections(report).map { name, partner, lines in
            let rows = lines.map { line in
                "<tr><td>\(HTMLPrint.escape(line.substance))</td><td>\(HTMLPrint.escape(line.partnerCountry))</td>"
                    + "<td class=\"n\">\(HTMLPrint.escape(QuantityInput.format(line.baseMg)))</td><td class=\"n\">\(line.baseMg)</td>"
                    + "<td>\(HTMLPrint.escape(line.documents.map { "\($0.authority)/\($0.number)" }.joined(separator: ", ")))</td></tr>"
            }
            return """
                <h2>\(name)</h2>
                <table>
                <tr><th>Substance</th><th>\(partner.prefix(1).uppercased() + partner.dropFirst())</th><th>Base</th><th>mg</th><th>Documents</th></tr>
                \(rows.isEmpty ? "<tr><td colspan=\"5\">none</td></tr>" : rows.joined(separator: "\n"))
                </table>
                """
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(HTMLPrint.escape(Self.title(report))) — \(HTMLPrint.escape(report.country))</title>
            <style>
            body { font-family: Georgia, serif; max-width: 60rem; margin: 2rem auto; color: #111; }
            table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
            th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
            th { background: #f0f0f0; }
            td.n { text-align: right; white-space: nowrap; }
            @media print { body { margin: 0; } }
            </style>
            </head>
            <body>
            <h1>\(HTMLPrint.escape(Self.title(report)))</h1>
            <p>Country <strong>\(HTMLPrint.escape(report.country))</strong>, \(report.period.first) to \(report.period.last).
            Anhydrous base quantities; imports as endorsed by the importing authority, exports as actually exported.</p>
            \(sections.joined(separator: "\n"))
            </body>
            </html>

            """
    }
}
