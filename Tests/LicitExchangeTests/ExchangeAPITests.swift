import Foundation
import LicitExchange
import LicitModel
import LicitSeal
import LicitStorage
import LicitTestSupport
import Synchronization
import Testing

/// The exchange on its own, in the model's terms: no wire message, no session. Its documents
/// are written down by a codec of the test's own (JSON), which shows the exchange seals and
/// reissues whatever encoding the protocol layer gives it.
@Suite("The exchange's API, without the wire")
struct ExchangeAPITests {
    /// An exchange over an in-memory store, seeded with ``TestWorld``.
    struct World {
        let exchange: Exchange
        let clock = TestClock()
        let directory = InMemoryAccountDirectory()

        /// An exchange on `storage`, seeded with the world unless another seeded it already.
        init(storage: any Storage = InMemoryStorage(), seed: Bool = true) async throws {
            self.exchange = Exchange(
                storage: storage,
                sealKeys: SealKeyRing(current: Self.sealKey),
                clock: self.clock,
                directory: self.directory,
                contents: JSONContents()
            )
            guard seed else { return }
            let data = TestWorld.reference(year: Day(self.clock.now).year)
            let board = Caller(
                Account(name: "board", country: "", authority: "BOARD", role: .boardAdmin, certificateFingerprint: "b"),
                requestID: "seed"
            )
            _ = try await self.exchange.importReference(data, by: board, payload: Data()) { Data() }
        }

        /// One seal key for every exchange of the test process, as daemons of one exchange share theirs.
        static let sealKey = SealKey.generate()

        var today: Day { Day(self.clock.now) }

        func caller(_ name: String, _ country: String, _ authority: String, _ role: Role = .signer) -> Caller {
            Caller(
                Account(name: name, country: country, authority: authority, role: role, certificateFingerprint: name),
                requestID: UUID().uuidString
            )
        }

        /// `kilograms` of morphine from India to France, for 90 days from today.
        func morphine(_ number: String, kilograms: Int64) -> ImportAuthorizationInput {
            var content = ImportAuthorizationInput()
            content.number = number
            content.exportingCountry = "IN"
            content.importer = TraderInput(id: "FR-T1")
            content.exporter = TraderInput(name: "Ganges Alkaloids Ltd", address: "Ghazipur, Uttar Pradesh")
            content.lines = [LineInput(form: "MORPHINE", tradedMilligrams: kilograms * 1_000_000)]
            content.period = PeriodInput(first: self.today.description, last: self.today.adding(days: 90).description)
            content.multipleConsignments = true
            return content
        }

        func export(_ number: String, against ia: StoredDocument, kilograms: Int64) -> ExportAuthorizationInput {
            var content = ExportAuthorizationInput()
            content.number = number
            content.importAuthorization = CitationInput(
                number: ia.key.number,
                issuedOn: "",
                authority: ia.key.authority
            )
            content.lines = [LineInput(form: "MORPHINE", tradedMilligrams: kilograms * 1_000_000)]
            content.period = PeriodInput(first: self.today.description, last: self.today.adding(days: 30).description)
            return content
        }

        /// Runs `command`; the document it answers with.
        func perform(_ command: DocumentCommand, by caller: Caller) async throws -> StoredDocument {
            let answer = try await self.exchange.perform(command, by: caller, payload: Data(caller.requestID.utf8)) {
                document,
                _ in try JSONEncoder().encode(document)
            }
            return try JSONDecoder().decode(StoredDocument.self, from: answer)
        }
    }

    /// Expects `body` to be refused for `reason`; returns the refusal's details.
    @discardableResult
    static func refused<Value>(
        _ reason: String,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> Value
    ) async -> [String: String] {
        do {
            _ = try await body()
            Issue.record("expected \(reason), the command succeeded", sourceLocation: sourceLocation)
        } catch let refusal as ExchangeError {
            #expect(refusal.reason.code == reason, "\(refusal)", sourceLocation: sourceLocation)
            return refusal.details
        } catch {
            Issue.record("expected \(reason), got \(error)", sourceLocation: sourceLocation)
        }
        return [:]
    }

    @Test("an issued IA is sealed over the codec's bytes, which decode to what was issued")
    func sealedContent() async throws {
        let world = try await World()
        let signer = world.caller("fr-signer", "FR", "FR-ANSM")
        let issued = try await world.perform(
            .issueImport(world.morphine("IA-1", kilograms: 10), draftNumber: "", overrideJustification: ""),
            by: signer
        )
        #expect(issued.body.status == "issued")
        #expect(Seal.verify(issued.content, signature: issued.seal, publicKey: world.exchange.sealKey.publicKey))
        let written = try JSONDecoder().decode(JSONContents.IA.self, from: issued.content)
        #expect(written.ia.number == "IA-1")
        #expect(written.ia.lines.map(\.base) == [.kilograms(10)])
        #expect(written.ia.importer.registeredID == "FR-T1")
    }

    @Test("a draft is kept in the codec's encoding and issued from it by number")
    func draftThroughCodec() async throws {
        let world = try await World()
        let officer = world.caller("fr-officer", "FR", "FR-ANSM", .officer)
        let draft = try await world.perform(.draftImport(world.morphine("IA-D", kilograms: 3)), by: officer)
        #expect(draft.body.status == "draft")
        let signer = world.caller("fr-signer", "FR", "FR-ANSM")
        let issued = try await world.perform(
            .issueImport(ImportAuthorizationInput(), draftNumber: "IA-D", overrideJustification: ""),
            by: signer
        )
        #expect(issued.key.number == "IA-D")
        #expect(issued.body.lines.map(\.base) == [.kilograms(3)])
        await Self.refused("draft_not_found") {
            try await world.perform(
                .issueImport(ImportAuthorizationInput(), draftNumber: "IA-D", overrideJustification: ""),
                by: world.caller("fr-signer", "FR", "FR-ANSM")
            )
        }
    }

    @Test("an amendment cannot fall below what its EAs commit: the refusal carries milligrams")
    func amendmentBelowExported() async throws {
        let world = try await World()
        let importer = world.caller("fr-signer", "FR", "FR-ANSM")
        let ia = try await world.perform(
            .issueImport(world.morphine("IA-A", kilograms: 10), draftNumber: "", overrideJustification: ""),
            by: importer
        )
        _ = try await world.perform(
            .issueExport(
                world.export("EA-A", against: ia, kilograms: 6),
                overrideJustification: "",
                emergencyJustification: ""
            ),
            by: world.caller("in-signer", "IN", "IN-NCB")
        )
        var smaller = world.morphine("IA-A2", kilograms: 5)
        smaller.supersedes = "IA-A"
        let details = await Self.refused("amendment_below_exported") {
            try await world.perform(
                .amendImport(smaller, draftNumber: "", overrideJustification: ""),
                by: world.caller("fr-signer", "FR", "FR-ANSM")
            )
        }
        #expect(details["committed_mg"] == "6000000")
        #expect(details["requested_mg"] == "5000000")
    }

    @Test("validation writes nothing and shows the importing country's totals to its own CNA only")
    func validationScope() async throws {
        let world = try await World()
        let ownCNA = try await world.exchange.validate(
            world.morphine("IA-V", kilograms: 10),
            by: world.caller("fr-officer", "FR", "FR-ANSM", .officer)
        )
        #expect(ownCNA.problems.isEmpty)
        let morphine = try #require(ownCNA.balancesAfter.first { $0.key.substance == "MORPHINE" })
        #expect(morphine.usage.authorizedNotUsed == Quantity.kilograms(10).milligrams)
        let ia = try await world.perform(
            .issueImport(world.morphine("IA-V", kilograms: 10), draftNumber: "", overrideJustification: ""),
            by: world.caller("fr-signer", "FR", "FR-ANSM")
        )
        let exporter = try await world.exchange.validate(
            world.export("EA-V", against: ia, kilograms: 2),
            emergencyJustification: "",
            by: world.caller("in-officer", "IN", "IN-NCB", .officer)
        )
        #expect(exporter.problems.isEmpty)
        #expect(exporter.balancesAfter.isEmpty, "France's totals are not India's to see")
        let documents = try await world.exchange.documents(
            DocumentQuery(visibleTo: nil),
            by: world.caller("board", "", "BOARD", .boardObserver)
        )
        #expect(documents.documents.map(\.key.number) == ["IA-V"], "validating wrote nothing")
    }

    @Test("a retry with the same request id is answered from the first time, without running again")
    func retryAnsweredOnce() async throws {
        let world = try await World()
        let signer = world.caller("fr-signer", "FR", "FR-ANSM")
        let answers = Atomic<Int>(0)
        let command = DocumentCommand.issueImport(
            world.morphine("IA-R", kilograms: 1),
            draftNumber: "",
            overrideJustification: ""
        )
        var responses: [Data] = []
        for _ in 0..<2 {
            responses.append(
                try await world.exchange.perform(command, by: signer, payload: Data("IA-R".utf8)) { document, day in
                    answers.add(1, ordering: .relaxed)
                    return Data("\(document.key) \(document.sequence) \(day)".utf8)
                }
            )
        }
        #expect(responses[0] == responses[1])
        #expect(answers.load(ordering: .relaxed) == 1)
        await Self.refused("request_id_reused") {
            try await world.exchange.perform(command, by: signer, payload: Data("other".utf8)) { _, _ in Data() }
        }
    }

    @Test("a CNA cannot see another CNA's document: refused as unknown, and the denial is audited")
    func hiddenDocument() async throws {
        let world = try await World()
        let ia = try await world.perform(
            .issueImport(world.morphine("IA-H", kilograms: 1), draftNumber: "", overrideJustification: ""),
            by: world.caller("fr-signer", "FR", "FR-ANSM")
        )
        let before = try await world.exchange.storage.auditHead().sequence
        await Self.refused("document_not_found") {
            try await world.exchange.document(
                ia.key,
                by: world.caller("de-viewer", "DE", "DE-BFARM", .viewer),
                action: "document.get"
            )
        }
        let records = try await world.exchange.storage.auditRecords(after: before, limit: 10)
        #expect(records.map(\.action) == ["document.get"])
        #expect(records.first?.actor == "de-viewer")
    }
}

/// Documents written down as JSON: the model's values and the registered traders' ids.
struct JSONContents: DocumentContentCodec {
    struct IA: Codable {
        let ia: ImportAuthorization
        let signer: String
    }

    struct EA: Codable {
        let ea: ExportAuthorization
        let exporter: Trader?
        let importer: Trader?
        let issuedOn: Day?
        let transitCountries: [String]
        let signer: String
    }

    func content(of ia: ImportAuthorization, signer: String) throws -> Data {
        try Self.encoder.encode(IA(ia: ia, signer: signer))
    }

    func content(
        of ea: ExportAuthorization,
        exporter: Trader?,
        importer: Trader?,
        issuedOn: Day?,
        route: ConsignmentRoute,
        signer: String
    ) throws -> Data {
        try Self.encoder.encode(
            EA(
                ea: ea,
                exporter: exporter,
                importer: importer,
                issuedOn: issuedOn,
                transitCountries: route.transitCountries,
                signer: signer
            )
        )
    }

    func importInput(fromDraft content: Data) throws -> ImportAuthorizationInput {
        let written = try JSONDecoder().decode(IA.self, from: content)
        var input = ImportAuthorizationInput()
        input.number = written.ia.number
        input.exportingCountry = written.ia.exportingCountry
        input.importer = TraderInput(
            id: written.ia.importer.registeredID ?? "",
            name: written.ia.importer.name,
            address: written.ia.importer.address
        )
        input.exporter = TraderInput(
            id: written.ia.exporter.registeredID ?? "",
            name: written.ia.exporter.name,
            address: written.ia.exporter.address
        )
        input.lines = written.ia.lines.map { LineInput(form: $0.form, tradedMilligrams: $0.traded.milligrams) }
        input.period = PeriodInput(first: written.ia.period.first.description, last: written.ia.period.last.description)
        input.multipleConsignments = written.ia.consignments == .multiple
        input.port = written.ia.port ?? ""
        input.bondedWarehouseApproved = written.ia.bondedWarehouseApproved
        return input
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()
}
