import Foundation
import LicitExchange
import LicitModel
import LicitServerCore
import LicitTestSupport
import LicitWire
import Testing

/// What PROTOCOL.md promises an integrator at its edges: bounds refused rather than cut, fields
/// that must be given, and copies that keep what they copy.
@Suite("The contract at its edges")
struct ContractTests {
    typealias World = TestWorld

    @Test("a page beyond the largest is refused with the largest, for every listing")
    func pageBounds() async throws {
        let exchange = try await DirectExchange()
        let viewer = exchange.account("fr-viewer", .viewer)
        let board = exchange.account("board", .boardAdmin, country: "BOARD")
        let documents = try await exchange.call(
            viewer,
            LicitMethod.Documents.listDocuments,
            Licit_V1_ListDocumentsRequest.with { $0.pageSize = 501 },
            as: Licit_V1_ListDocumentsResponse.self
        )
        #expect(CommandTests.refused(documents, "page_size_too_large")["max_page_size"] == "500")
        let fine = try await exchange.call(
            viewer,
            LicitMethod.Documents.listDocuments,
            Licit_V1_ListDocumentsRequest.with { $0.pageSize = 500 },
            as: Licit_V1_ListDocumentsResponse.self
        )
        #expect(throws: Never.self) { try fine.get() }
        let events = try await exchange.call(
            viewer,
            LicitMethod.Inbox.listEvents,
            Licit_V1_ListEventsRequest.with { $0.limit = 1001 },
            as: Licit_V1_ListEventsResponse.self
        )
        #expect(CommandTests.refused(events, "page_size_too_large")["max_page_size"] == "1000")
        let oversight = try await exchange.call(
            board,
            LicitMethod.Board.listOversight,
            Licit_V1_OversightRequest.with { $0.pageSize = 501 },
            as: Licit_V1_OversightResponse.self
        )
        #expect(CommandTests.refused(oversight, "page_size_too_large")["max_page_size"] == "500")
        let audit = try await exchange.call(
            board,
            LicitMethod.Board.listAudit,
            Licit_V1_ListAuditRequest.with { $0.pageSize = 1001 },
            as: Licit_V1_ListAuditResponse.self
        )
        #expect(CommandTests.refused(audit, "page_size_too_large")["max_page_size"] == "1000")
    }

    @Test("a return asked for without a year is refused for the year, not for a quarter never given")
    func returnYear() async throws {
        let exchange = try await DirectExchange()
        let viewer = exchange.account("fr-viewer", .viewer)
        for form in ["C", "A"] {
            let result = try await exchange.call(
                viewer,
                LicitMethod.Board.getReturn,
                Licit_V1_ReturnRequest.with {
                    $0.form = form
                    $0.quarter = form == "A" ? 1 : 0
                },
                as: Licit_V1_ReturnResponse.self
            )
            CommandTests.refused(result, "invalid_period")
            guard case .failure(let status) = result else { continue }
            #expect(status.message.contains("year"), "\(status.message)")
            #expect(!status.message.contains("quarter"), "\(status.message)")
        }
    }

    @Test("a line states at most 1 000 t: one milligram more is quantity_too_large, naming the line")
    func largestLine() async throws {
        let exchange = try await DirectExchange()
        let signer = exchange.account("fr-signer")
        var content = World.morphineImport("FR-IA-BIG", on: exchange.today)
        content.lines[0].tradedMg = Quantity.largestStated.milligrams + 1
        let details = CommandTests.refused(
            try await CommandTests.issue(exchange, content, as: signer),
            "quantity_too_large"
        )
        #expect(details["line"] == "1")
        content.lines[0].tradedMg = Quantity.largestStated.milligrams
        let validated = try await exchange.call(
            signer,
            LicitMethod.Documents.validateImportAuthorization,
            Licit_V1_ImportAuthorizationRequest.with { $0.content = content },
            as: Licit_V1_ValidationResponse.self
        )
        #expect(!(try validated.get().problems.contains { $0.reason == "quantity_too_large" }))
    }

    @Test("an EA's copy of its IA's importer keeps the trader id the IA named")
    func importerCopied() async throws {
        let exchange = try await DirectExchange()
        let importer = exchange.account("fr-signer")
        let exporter = exchange.account("in-signer", country: "IN")
        let ia = try await CommandTests.issue(
            exchange,
            World.morphineImport("FR-IA-ID", on: exchange.today),
            as: importer
        )
        .get().document.importAuthorizationContent
        #expect(ia.importer.id == "FR-T1")
        let ea = try await CommandTests.export(
            exchange,
            World.export("IN-EA-ID", against: ia, kilograms: 1, on: exchange.today),
            as: exporter
        ).get().document.exportAuthorizationContent
        #expect(ea.importer.id == ia.importer.id)
        #expect(ea.importer.name == ia.importer.name)
    }
}
