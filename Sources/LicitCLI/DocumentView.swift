import Foundation
import LicitWire

/// A document as `show`, `list` and `--json` present it.
package enum DocumentView {
    static func kindName(_ kind: Licit_V1_DocumentKind) -> String {
        kind == .importAuthorization ? "import_authorization" : "export_authorization"
    }

    /// The stable JSON of a document (docs/CLI.md): its content and state in their proto3 JSON mapping.
    static func json(_ document: Licit_V1_Document, sealValid: Bool? = nil) -> [String: Any] {
        let facts = try? DocumentFacts(kind: document.kind, content: document.content)
        var object: [String: Any] = [
            "kind": Self.kindName(document.kind),
            "authority": facts?.authority ?? "",
            "number": facts?.number ?? "",
            "status": document.state.status,
            "state": Output.value(document.state),
            "seal": document.seal.base64EncodedString(),
        ]
        if let content = document.importAuthorization { object["content"] = Output.value(content) }
        if let content = document.exportAuthorization { object["content"] = Output.value(content) }
        if let sealValid { object["sealValid"] = sealValid }
        return object
    }

    /// Everything about a document, for a person.
    static func text(
        _ document: Licit_V1_Document,
        sealValid: Bool? = nil,
        language say: PrintLanguage = .en,
        names: [String: String] = [:]
    ) throws -> String {
        let facts = try DocumentFacts(kind: document.kind, content: document.content, language: say, names: names)
        let state = document.state
        let isImport = document.kind == .importAuthorization
        func figure(_ values: [Int64], _ index: Int, otherwise: String) -> String {
            index < values.count ? QuantityInput.format(values[index]) : otherwise
        }
        let lines = Output.table(
            ["#", say("form"), say("quantity"), say("base")]
                + (isImport ? [say("committed by EAs")] : [say("exported"), say("imported")]),
            facts.lines.enumerated().map { index, line in
                ["\(index + 1)", line.form, QuantityInput.format(line.traded), QuantityInput.format(line.base)]
                    + (isImport
                        ? [figure(state.committedMg, index, otherwise: "-")]
                        : [
                            figure(state.exportedMg, index, otherwise: say("as authorized")),
                            figure(state.importedMg, index, otherwise: "-"),
                        ])
            }
        )
        var stateFields: [(String, String)] = [
            (
                say("Status"),
                say.status(state.status) + (state.endorsementOverdue ? " (\(say("endorsement overdue")))" : "")
            ),
            (say("Addressed to"), state.counterpartAuthority),
            (say("Endorsed on"), state.endorsedOn),
            (say("Cancelled because"), state.cancellationReason),
            (say("Superseded by"), state.supersededBy),
            (say("Override"), state.overrideJustification),
            (say("Emergency"), state.emergencyJustification),
            (say("Paper"), state.paper ? "\(state.recordedBy), sha256 \(state.scanSha256)" : ""),
        ]
        if let sealValid {
            stateFields.append((say("Seal"), sealValid ? say("valid") : "INVALID — do not rely on this document"))
        } else if document.seal.isEmpty {
            stateFields.append((say("Seal"), "none (a draft)"))
        }
        return [
            "\(facts.title) \(facts.authority)/\(facts.number)",
            "",
            Output.fields(facts.fields),
            "",
            lines,
            "",
            Output.fields(stateFields),
        ].joined(separator: "\n")
    }

    package static let listHeader = ["kind", "document", "status", "counterpart", "issued", "period", "substances"]

    package static func row(_ document: Licit_V1_Document, language: PrintLanguage = .en) -> [String] {
        let isImport = document.kind == .importAuthorization
        let ia = document.importAuthorization
        let ea = document.exportAuthorization
        let authority = ia?.authority ?? ea?.authority ?? ""
        let number = ia?.number ?? ea?.number ?? ""
        let lines = ia?.lines ?? ea?.lines ?? []
        let period = ia?.period ?? ea?.period ?? .init()
        return [
            isImport ? "IA" : "EA",
            "\(authority)/\(number)",
            language.status(document.state.status) + (document.state.endorsementOverdue ? "!" : ""),
            document.state.counterpartAuthority,
            ia?.issuedOn ?? ea?.issuedOn ?? "",
            period.first.isEmpty ? "" : "\(period.first)..\(period.last)",
            lines.map { "\($0.substance) \(QuantityInput.format($0.baseMg))" }.joined(separator: ", "),
        ]
    }
}
