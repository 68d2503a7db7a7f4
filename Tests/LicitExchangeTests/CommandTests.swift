import Foundation
import LicitExchange
import LicitModel
import LicitServerCore
import LicitTestSupport
import LicitWire
import Testing

/// The exchange's commands one by one, in process (no TLS, no SDK): each refusal carries the
/// reason, the catalogue's status code and the typed details PROTOCOL.md §11.2 lists.
@Suite("Commands in process")
struct CommandTests {
    typealias Method = LicitMethod.Documents
    typealias World = TestWorld

    /// Expects `result` refused for `reason`, with the catalogue's code; returns its details.
    @discardableResult
    static func refused<Value>(
        _ result: Result<Value, LicitStatus>,
        _ reason: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [String: String] {
        guard case .failure(let status) = result else {
            Issue.record("expected \(reason), the call succeeded", sourceLocation: sourceLocation)
            return [:]
        }
        #expect(status.reason == reason, "\(status)", sourceLocation: sourceLocation)
        #expect(status.code == ReasonCatalogue.code(of: reason), "\(status)", sourceLocation: sourceLocation)
        return status.details
    }

    static func issue(
        _ exchange: DirectExchange,
        _ content: Licit_V1_ImportAuthorizationContent,
        as signer: Account
    ) async throws -> Result<Licit_V1_DocumentResponse, LicitStatus> {
        try await exchange.call(
            signer,
            Method.issueImportAuthorization,
            Licit_V1_ImportAuthorizationRequest.with {
                $0.content = content
            }
        )
    }

    static func export(
        _ exchange: DirectExchange,
        _ content: Licit_V1_ExportAuthorizationContent,
        as signer: Account,
        emergency: String = ""
    ) async throws -> Result<Licit_V1_DocumentResponse, LicitStatus> {
        try await exchange.call(
            signer,
            Method.issueExportAuthorization,
            Licit_V1_ExportAuthorizationRequest.with {
                $0.content = content
                $0.emergencyJustification = emergency
            }
        )
    }

    @Test("an IA over the estimate is refused with the figures in milligrams, and with an override it is issued")
    func overEstimate() async throws {
        let exchange = try await DirectExchange()
        let signer = exchange.account("fr-signer")
        let content = World.morphineImport("FR-IA-1", on: exchange.today, kilograms: 101)
        let details = Self.refused(try await Self.issue(exchange, content, as: signer), "over_estimate")
        #expect(details["requested_mg"] == "101000000" && details["limit_mg"] == "100000000", "\(details)")
        #expect(details["requested"] == "101 kg", "the same figure for people")
        let overridden: Result<Licit_V1_DocumentResponse, LicitStatus> = try await exchange.call(
            signer,
            Method.issueImportAuthorization,
            Licit_V1_ImportAuthorizationRequest.with {
                $0.content = content
                $0.overrideJustification = "epidemic"
            }
        )
        #expect(try overridden.get().document.state.status == "issued")
    }

    @Test("an EA beyond what remains of its IA names the line and the quantities")
    func overRemaining() async throws {
        let exchange = try await DirectExchange()
        let importer = exchange.account("fr-signer")
        let exporter = exchange.account("in-signer", country: "IN")
        var ia = World.morphineImport("FR-IA-1", on: exchange.today, kilograms: 10)
        ia = try await Self.issue(exchange, ia, as: importer).get().document.importAuthorizationContent
        let over = World.export("IN-EA-1", against: ia, kilograms: 11, on: exchange.today)
        let details = Self.refused(try await Self.export(exchange, over, as: exporter), "over_remaining_ia")
        #expect(
            details["line"] == "1" && details["remaining_mg"] == "10000000" && details["requested_mg"] == "11000000"
        )
        #expect(
            try await Self.export(
                exchange,
                World.export("IN-EA-1", against: ia, kilograms: 10, on: exchange.today),
                as: exporter
            ).get().document.state.status == "issued"
        )
    }

    @Test("only the importing CNA endorses; the exporter is refused")
    func endorsement() async throws {
        let exchange = try await DirectExchange()
        let importer = exchange.account("fr-signer")
        let exporter = exchange.account("in-signer", country: "IN")
        let ia = try await Self.issue(exchange, World.morphineImport("FR-IA-1", on: exchange.today), as: importer)
            .get().document.importAuthorizationContent
        _ = try await Self.export(
            exchange,
            World.export("IN-EA-1", against: ia, kilograms: 4, on: exchange.today),
            as: exporter
        ).get()
        let endorse = Licit_V1_EndorseRequest.with {
            $0.exportAuthorization = .with {
                $0.authority = "IN-NCB"
                $0.number = "IN-EA-1"
            }
            $0.importedMg = [4_000_000]
        }
        let byExporter: Result<Licit_V1_DocumentResponse, LicitStatus> = try await exchange.call(
            exporter,
            Method.endorse,
            endorse
        )
        Self.refused(byExporter, "not_the_importing_authority")
        let byImporter: Result<Licit_V1_DocumentResponse, LicitStatus> = try await exchange.call(
            importer,
            Method.endorse,
            endorse
        )
        #expect(try byImporter.get().document.state.status == "endorsed")
    }

    @Test("input the exchange cannot read is INVALID_ARGUMENT, naming the field or the line")
    func badInput() async throws {
        let exchange = try await DirectExchange()
        let signer = exchange.account("fr-signer")
        var unknownForm = World.morphineImport("FR-IA-1", on: exchange.today)
        unknownForm.lines[0].form = "NO_SUCH_FORM"
        let details = Self.refused(try await Self.issue(exchange, unknownForm, as: signer), "unknown_form")
        #expect(details["line"] == "1" && details["form"] == "NO_SUCH_FORM")
        var badDate = World.morphineImport("FR-IA-2", on: exchange.today)
        badDate.period.first = "31/12/2026"
        Self.refused(try await Self.issue(exchange, badDate, as: signer), "invalid_date")
        var zero = World.morphineImport("FR-IA-3", on: exchange.today)
        zero.lines[0].tradedMg = 0
        Self.refused(try await Self.issue(exchange, zero, as: signer), "non_positive_quantity")
        var emergency = World.export(
            "IN-EA-1",
            against: World.morphineImport("FR-IA-4", on: exchange.today),
            kilograms: 1,
            on: exchange.today
        )
        emergency.clearImportAuthorization()
        emergency.emergency = true
        emergency.importingCountry = "FR"
        Self.refused(
            try await Self.export(exchange, emergency, as: exchange.account("in-signer", country: "IN")),
            "emergency_justification_required"
        )
    }

    @Test("a retried write answers the same bytes; its request id for another call is refused")
    func idempotency() async throws {
        let exchange = try await DirectExchange()
        let signer = exchange.account("fr-signer")
        let request = Licit_V1_ImportAuthorizationRequest.with {
            $0.content = World.morphineImport("FR-IA-1", on: exchange.today)
        }
        let first = await exchange.server.call(
            signer,
            Method.issueImportAuthorization,
            try request.serializedData(),
            requestID: "r-1"
        )
        exchange.clock.advance(days: 1)
        let again = await exchange.server.call(
            signer,
            Method.issueImportAuthorization,
            try request.serializedData(),
            requestID: "r-1"
        )
        #expect(first.status.code == .ok && again == first, "byte for byte, a day later")
        let draft: Result<Licit_V1_DocumentResponse, LicitStatus> = try await exchange.call(
            signer,
            Method.draftImportAuthorization,
            request,
            requestID: "r-1"
        )
        Self.refused(draft, "request_id_reused")
    }

    @Test("a document another CNA may not see is answered as one nobody issued, and the probe is audited")
    func hiddenDocuments() async throws {
        let exchange = try await DirectExchange()
        _ = try await Self.issue(
            exchange,
            World.morphineImport("FR-IA-1", on: exchange.today),
            as: exchange.account("fr-signer")
        ).get()
        let outsider = exchange.account("de-viewer", .viewer, country: "DE")
        for number in ["FR-IA-1", "FR-IA-404"] {
            let result: Result<Licit_V1_DocumentResponse, LicitStatus> = try await exchange.call(
                outsider,
                Method.getDocument,
                Licit_V1_DocumentRef.with {
                    $0.authority = "FR-ANSM"
                    $0.number = number
                }
            )
            Self.refused(result, "document_not_found")
        }
        let trail = try await exchange.exchange.storage.auditRecords()
        #expect(trail.filter { $0.actor == "de-viewer" && $0.outcome == "document_not_found" }.count == 2)
    }
}

extension Licit_V1_Document {
    /// The IA's content as issued (its `issued_on` and authority filled), to cite it.
    var importAuthorizationContent: Licit_V1_ImportAuthorizationContent {
        (try? Licit_V1_ImportAuthorizationContent(serializedBytes: self.content)) ?? .init()
    }

    var exportAuthorizationContent: Licit_V1_ExportAuthorizationContent {
        (try? Licit_V1_ExportAuthorizationContent(serializedBytes: self.content)) ?? .init()
    }
}
