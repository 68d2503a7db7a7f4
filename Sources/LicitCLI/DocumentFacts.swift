import Foundation
import LicitWire

/// What a document states, in the order the treaties' forms list it: the one source for `show`
/// and for every printable format.
package struct DocumentFacts {
    package struct LineFacts {
        package let form: String
        package let substance: String
        package let traded: Int64
        package let base: Int64
    }

    package let kind: Licit_V1_DocumentKind
    package let title: String
    package let legalBasis: String
    package let number: String
    package let authority: String
    package let fields: [(String, String)]
    package let lines: [LineFacts]

    /// - Parameters:
    ///   - language: the language of the labels.
    ///   - names: country and substance names by code, shown beside the codes (which are what is sealed).
    package init(
        kind: Licit_V1_DocumentKind,
        content: Data,
        language: PrintLanguage = .en,
        names: [String: String] = [:]
    ) throws {
        self.kind = kind
        let say = language
        func named(_ code: String) -> String { names[code].map { "\($0) (\(code))" } ?? code }
        func trader(_ trader: Licit_V1_Trader) -> String { Self.trader(trader, country: named(trader.country)) }
        func period(_ period: Licit_V1_Period) -> String {
            period.first.isEmpty ? "" : "\(say("from")) \(period.first) \(say("to")) \(period.last) \(say("inclusive"))"
        }
        switch kind {
        case .importAuthorization:
            let ia = try Licit_V1_ImportAuthorizationContent(serializedBytes: content)
            self.title = say("Import authorization")
            self.legalBasis = say(
                "Single Convention on Narcotic Drugs, 1961, art. 31(4)–(5); Convention on Psychotropic Substances, 1971, art. 12(1)"
            )
            self.number = ia.number
            self.authority = ia.authority
            self.fields = [
                (say("Number"), ia.number),
                (say("Issuing authority"), named(ia.authority)),
                (say("Address"), names["address:\(ia.authority)"] ?? ""),
                (say("Signed by"), ia.signedBy),
                (say("Issued on"), ia.issuedOn),
                (say("Importing country"), named(ia.importingCountry)),
                (say("Exporting country"), named(ia.exportingCountry)),
                (say("Importer"), trader(ia.importer)),
                (say("Exporter"), trader(ia.exporter)),
                (say("Import to be effected"), period(ia.period)),
                (say("Consignments"), say(ia.multipleConsignments ? "more than one allowed" : "a single consignment")),
                (say("Port of entry"), ia.port),
                (
                    say("Bonded warehouse"),
                    ia.bondedWarehouseApproved ? say("import into a bonded warehouse approved") : ""
                ),
                (say("Supersedes"), ia.supersedes),
            ]
            self.lines = ia.lines.map { Self.line($0, substance: named($0.substance)) }
        case .exportAuthorization:
            let ea = try Licit_V1_ExportAuthorizationContent(serializedBytes: content)
            self.title = say(ea.emergency ? "Export authorization — emergency export" : "Export authorization")
            self.legalBasis = say(
                "Single Convention on Narcotic Drugs, 1961, art. 31(4); Convention on Psychotropic Substances, 1971, art. 12(1)(b)"
            )
            self.number = ea.number
            self.authority = ea.authority
            let citation =
                ea.hasImportAuthorization
                ? "\(ea.importAuthorization.authority)/\(ea.importAuthorization.number) \(say("issued on")) \(ea.importAuthorization.issuedOn)"
                : say("none: emergency export without an import authorization")
            self.fields = [
                (say("Number"), ea.number),
                (say("Issuing authority"), named(ea.authority)),
                (say("Address"), names["address:\(ea.authority)"] ?? ""),
                (say("Signed by"), ea.signedBy),
                (say("Issued on"), ea.issuedOn),
                (say("Exporting country"), named(ea.exportingCountry)),
                (say("Importing country"), named(ea.importingCountry)),
                (say("Import authorization"), citation),
                (say("Exporter"), trader(ea.exporter)),
                (say("Importer"), trader(ea.importer)),
                (say("Export to be effected"), period(ea.period)),
                (say("Bonded warehouse"), ea.toBondedWarehouse ? say("export to a bonded warehouse") : ""),
                (say("Port of exit"), ea.portOfExit),
                (say("Port of entry"), ea.portOfEntry),
                (say("Transit countries"), ea.transitCountries.map(named).joined(separator: ", ")),
                (say("Carrier"), ea.carrier),
            ]
            self.lines = ea.lines.map { Self.line($0, substance: named($0.substance)) }
        default:
            throw CLIError(.unavailable, "the exchange sent a document of a kind this licit does not know (\(kind))")
        }
    }

    static func trader(_ trader: Licit_V1_Trader, country: String) -> String {
        let parts = [trader.name, trader.address, country].filter { !$0.isEmpty }
        let described = parts.joined(separator: ", ")
        guard !trader.id.isEmpty else { return described }
        return described.isEmpty ? trader.id : "\(described) (\(trader.id))"
    }

    static func line(_ line: Licit_V1_Line, substance: String) -> LineFacts {
        LineFacts(form: line.form, substance: substance, traded: line.tradedMg, base: line.baseMg)
    }

    package static func quantity(_ milligrams: Int64) -> String {
        "\(QuantityInput.format(milligrams)) (\(milligrams) mg)"
    }
}
