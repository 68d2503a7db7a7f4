import Foundation
import LicitWire

/// What a document states, in the order the treaties' forms list it: the one source for `show`
/// and for every printable format.
struct DocumentFacts {
    struct LineFacts {
        let form: String
        let substance: String
        let traded: Int64
        let base: Int64
    }

    let kind: Licit_V1_DocumentKind
    let title: String
    let legalBasis: String
    let number: String
    let authority: String
    let fields: [(String, String)]
    let lines: [LineFacts]

    init(kind: Licit_V1_DocumentKind, content: Data) throws {
        self.kind = kind
        switch kind {
        case .importAuthorization:
            let ia = try Licit_V1_ImportAuthorizationContent(serializedBytes: content)
            self.title = "Import authorization"
            self.legalBasis =
                "Single Convention on Narcotic Drugs, 1961, art. 31(4)–(5); Convention on Psychotropic Substances, 1971, art. 12(1)"
            self.number = ia.number
            self.authority = ia.authority
            self.fields = [
                ("Number", ia.number),
                ("Issuing authority", ia.authority),
                ("Issued on", ia.issuedOn),
                ("Importing country", ia.importingCountry),
                ("Exporting country", ia.exportingCountry),
                ("Importer", Self.trader(ia.importer)),
                ("Exporter", Self.trader(ia.exporter)),
                ("Import to be effected", Self.period(ia.period)),
                ("Consignments", ia.multipleConsignments ? "more than one allowed" : "a single consignment"),
                ("Port of entry", ia.port),
                ("Bonded warehouse", ia.bondedWarehouseApproved ? "import into a bonded warehouse approved" : ""),
                ("Supersedes", ia.supersedes),
            ]
            self.lines = ia.lines.map(Self.line)
        case .exportAuthorization:
            let ea = try Licit_V1_ExportAuthorizationContent(serializedBytes: content)
            self.title = ea.emergency ? "Export authorization — emergency export" : "Export authorization"
            self.legalBasis =
                "Single Convention on Narcotic Drugs, 1961, art. 31(4); Convention on Psychotropic Substances, 1971, art. 12(1)(b)"
            self.number = ea.number
            self.authority = ea.authority
            let citation =
                ea.hasImportAuthorization
                ? "\(ea.importAuthorization.authority)/\(ea.importAuthorization.number) issued on \(ea.importAuthorization.issuedOn)"
                : "none: emergency export without an import authorization"
            self.fields = [
                ("Number", ea.number),
                ("Issuing authority", ea.authority),
                ("Issued on", ea.issuedOn),
                ("Exporting country", ea.exportingCountry),
                ("Importing country", ea.importingCountry),
                ("Import authorization", citation),
                ("Exporter", Self.trader(ea.exporter)),
                ("Importer", Self.trader(ea.importer)),
                ("Export to be effected", Self.period(ea.period)),
                ("Bonded warehouse", ea.toBondedWarehouse ? "export to a bonded warehouse" : ""),
            ]
            self.lines = ea.lines.map(Self.line)
        default:
            throw CLIError(.unavailable, "the exchange sent a document of a kind this licit does not know (\(kind))")
        }
    }

    static func trader(_ trader: Licit_V1_Trader) -> String {
        let parts = [trader.name, trader.address, trader.country].filter { !$0.isEmpty }
        let described = parts.joined(separator: ", ")
        guard !trader.id.isEmpty else { return described }
        return described.isEmpty ? trader.id : "\(described) (\(trader.id))"
    }

    static func period(_ period: Licit_V1_Period) -> String {
        period.first.isEmpty ? "" : "from \(period.first) to \(period.last) inclusive"
    }

    static func line(_ line: Licit_V1_Line) -> LineFacts {
        LineFacts(form: line.form, substance: line.substance, traded: line.tradedMg, base: line.baseMg)
    }

    static func quantity(_ milligrams: Int64) -> String {
        "\(QuantityInput.format(milligrams)) (\(milligrams) mg)"
    }
}
