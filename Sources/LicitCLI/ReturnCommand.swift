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
              licit return --form A/P --year 2027 --quarter 2 --country IN --format csv
            """
    )
    @Option(name: .long, help: "A, A/P, C or P.") var form: String
    @Option(name: .long, help: "The year.") var year: Int
    @Option(name: .long, help: "The quarter, 1 to 4 (forms A and A/P).") var quarter: Int?
    @Option(name: .long, help: ArgumentHelp("The country (the Board; default: yours).", valueName: "code")) var country:
        String?
    @Option(name: .long, help: "table, json, csv or html.") var format: String = "table"
    @Flag(name: .long, help: "Same as --format json.") var json = false
    @Flag(name: .long, help: "List the documents behind each figure (tables).") var documents = false
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file.", valueName: "file")) var output: String?
    @OptionGroup var language: LanguageOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let format = self.json ? "json" : self.format.lowercased()
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
        let language = try self.language.language
        let (report, names) = try await self.connection.withClient { client in
            let report = try await client.statisticalReturn(
                form: form,
                year: self.year,
                quarter: self.quarter ?? 0,
                country: self.country?.uppercased() ?? ""
            )
            return (
                report,
                ["table", "html"].contains(format) ? try await ReferenceNames.fetch(client, language) : [:]
            )
        }
        let layout = ReturnPrint(report: report, language: language, names: names)
        let text: String
        switch format {
        case "json": text = Output.json(Output.value(report))
        case "csv": text = Output.csv(Self.csvHeader, report.lines.map(Self.csvRow))
        case "html": text = layout.html
        default: text = layout.text(documents: self.documents)
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
struct ReturnPrint {
    let report: Licit_V1_ReturnResponse
    let language: PrintLanguage
    /// Country and substance names by code, in `language`.
    let names: [String: String]

    static let titles = [
        "A": "Form A — quarterly statistics of imports and exports of narcotic drugs",
        "A/P": "Form A/P — quarterly statistics of imports and exports of substances in Schedule II (1971)",
        "C": "Form C — annual statistics of narcotic drugs: imports and exports",
        "P": "Form P — annual statistics of psychotropic substances: imports and exports",
    ]
    static let basis =
        "Anhydrous base quantities; imports as endorsed by the importing authority, exports as actually exported."

    var title: String { self.language(Self.titles[self.report.form] ?? "Form \(self.report.form)") }

    func named(_ code: String) -> String { self.names[code].map { "\($0) (\(code))" } ?? code }

    var sections: [(name: String, partner: String, lines: [Licit_V1_ReturnLine])] {
        [
            (
                self.language("Imports"), self.language("exporting country"),
                self.report.lines.filter { $0.direction == "import" }
            ),
            (
                self.language("Exports"), self.language("importing country"),
                self.report.lines.filter { $0.direction == "export" }
            ),
        ]
    }

    static func documents(_ line: Licit_V1_ReturnLine) -> String {
        line.documents.map { "\($0.authority)/\($0.number)" }.joined(separator: ", ")
    }

    func text(documents: Bool) -> String {
        let say = self.language
        var text = [
            self.title,
            "\(say("Country")) \(self.named(self.report.country)), \(self.report.period.first) – \(self.report.period.last)",
            "",
        ]
        for section in self.sections {
            text.append(section.name)
            text.append(
                Output.table(
                    [say("substance"), section.partner, say("base")] + (documents ? [say("documents")] : []),
                    section.lines.map { line in
                        [
                            self.named(line.substance), self.named(line.partnerCountry),
                            QuantityInput.format(line.baseMg),
                        ]
                            + (documents ? [Self.documents(line)] : [])
                    }
                )
            )
            text.append("")
        }
        text.append(say(Self.basis))
        return text.joined(separator: "\n")
    }

    var html: String {
        let say = self.language
        let escape = HTMLPrint.escape
        let sections = self.sections.map { section in
            let rows = section.lines.map { line in
                "<tr><td>\(escape(self.named(line.substance)))</td><td>\(escape(self.named(line.partnerCountry)))</td>"
                    + "<td class=\"n\">\(escape(QuantityInput.format(line.baseMg)))</td><td class=\"n\">\(line.baseMg)</td>"
                    + "<td>\(escape(Self.documents(line)))</td></tr>"
            }
            let header = [say("substance"), section.partner, say("base"), "mg", say("documents")]
            return """
                <h2>\(escape(section.name))</h2>
                <table>
                <tr>\(header.map { "<th>\(escape($0))</th>" }.joined())</tr>
                \(rows.isEmpty ? "<tr><td colspan=\"5\">—</td></tr>" : rows.joined(separator: "\n"))
                </table>
                """
        }
        return """
            <!DOCTYPE html>
            <html lang="\(say.rawValue)">
            <head>
            <meta charset="utf-8">
            <title>\(escape(self.title)) — \(escape(self.report.country))</title>
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
            <h1>\(escape(self.title))</h1>
            <p>\(escape(say("Country"))) <strong>\(escape(self.named(self.report.country)))</strong>, \(self.report.period.first) – \(self.report.period.last).
            \(escape(say(Self.basis)))</p>
            \(sections.joined(separator: "\n"))
            </body>
            </html>

            """
    }
}
