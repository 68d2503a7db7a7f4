import Foundation
import LicitExchange
import LicitModel
import LicitServerCore
import LicitWire
import SwiftProtobuf

/// The document steps: what each asks of the exchange, and what the model expects of the answer.
extension Simulation {
    typealias Key = ReferenceModel.Key
    typealias Method = LicitMethod.Documents

    static let exporterCountries = ["FR", "IN", "DE", SimulationWorld.paperCountry]

    func issueImport(
        importer: Int,
        exporter: Int,
        substance: Int,
        kilograms: Int,
        multiple: Bool,
        days: Int,
        route: HistoryStep.Route,
        reuseNumber: Bool
    ) async throws {
        let authority = SimulationWorld.authorities[importer % SimulationWorld.authorities.count]
        let substance = SimulationWorld.substances[substance % SimulationWorld.substances.count]
        let exporting = Self.exporterCountries[exporter % Self.exporterCountries.count]
        let taken = self.model.all.filter { $0.key.authority == authority }.map(\.key.number)
        let number = reuseNumber && !taken.isEmpty ? taken[kilograms % taken.count] : self.nextNumber("IA")
        let content = Licit_V1_ImportAuthorizationContent.with {
            $0.number = number
            $0.exportingCountry = exporting
            $0.importer.id = SimulationWorld.trader(of: authority)
            $0.exporter = .with {
                $0.name = "Exporter in \(exporting)"
                $0.address = "2 Harbour Road, \(exporting)"
            }
            $0.lines = [Self.line(substance, Int64(kilograms) * 1_000_000)]
            $0.period = Self.period(self.today, self.today.adding(days: days))
            $0.multipleConsignments = multiple
        }
        let signer = SimulationWorld.signer(of: authority)
        var request = Licit_V1_ImportAuthorizationRequest.with { $0.content = content }
        var validated: Licit_V1_ValidationResponse?
        switch route {
        case .direct:
            break
        case .validated:
            validated = try await self.validate(signer, Method.validateImportAuthorization, request)
        case .drafted:
            let officer = SimulationWorld.officer(of: authority)
            let drafted = try await self.write(officer, Method.draftImportAuthorization, request)
            if drafted.status.code == .ok, self.model[Key(authority: authority, number: number)] == nil {
                self.model.record(
                    self.importDocument(
                        number,
                        authority,
                        exporting,
                        substance,
                        kilograms,
                        multiple,
                        days,
                        status: .draft
                    )
                )
            }
            request = .with { $0.draftNumber = number }
        }
        let key = Key(authority: authority, number: number)
        let wasTaken = self.model[key].map { $0.status != .draft } ?? false
        let issued = try await self.write(signer, Method.issueImportAuthorization, request)
        try self.checkValidateAgrees(validated, issued, "IA \(key)")
        if wasTaken {
            try require(
                issued.status.code != .ok,
                "numbers-unique",
                "IA \(key) issued again under a number already taken: \(issued.status.code) \(issued.status.reason)"
            )
        }
        guard issued.status.code == .ok else { return }
        var document = self.importDocument(
            number,
            authority,
            exporting,
            substance,
            kilograms,
            multiple,
            days,
            status: .open
        )
        document.issuedOn = self.today
        self.model.record(document)
        self.importContents[key] = content
    }

    func importDocument(
        _ number: String,
        _ authority: String,
        _ exporting: String,
        _ substance: String,
        _ kilograms: Int,
        _ multiple: Bool,
        _ days: Int,
        status: ReferenceModel.Status
    ) -> ReferenceModel.Document {
        var parties: Set<String> = [authority]
        if status != .draft, let counterpart = SimulationWorld.authority(of: exporting, for: substance) {
            parties.insert(counterpart)
        }
        return ReferenceModel.Document(
            key: Key(authority: authority, number: number),
            isImport: true,
            issuingCountry: SimulationWorld.country(of: authority),
            importingCountry: SimulationWorld.country(of: authority),
            exportingCountry: exporting,
            substance: substance,
            quantity: Int64(kilograms) * 1_000_000,
            status: status,
            multiple: multiple,
            periodFirst: self.today,
            periodLast: self.today.adding(days: days),
            issuedOn: nil,
            cites: nil,
            parties: parties,
            paper: false
        )
    }

    func issueExport(ia pick: Int, percent: Int, days: Int, validated: Bool, wrongExporter: Bool) async throws {
        let imports = self.model.issuedImports
        guard !imports.isEmpty else { return }
        let ia = imports[pick % imports.count]
        guard var exporter = SimulationWorld.authority(of: ia.exportingCountry, for: ia.substance) else { return }
        if wrongExporter { exporter = exporter == "DE-BFARM" ? "FR-ANSM" : "DE-BFARM" }
        let accepts = self.model.acceptsExports(ia)
        let remaining = self.model.remaining(of: ia)
        let quantity = max(1_000, (remaining > 0 ? remaining : ia.quantity) * Int64(percent) / 100)
        let number = self.nextNumber("EA")
        let content = Self.exportContent(
            number,
            citing: ia,
            quantity,
            self.today,
            min(self.today.adding(days: days), ia.periodLast)
        )
        let request = Licit_V1_ExportAuthorizationRequest.with { $0.content = content }
        let signer = SimulationWorld.signer(of: exporter)
        let validation = validated ? try await self.validate(signer, Method.validateExportAuthorization, request) : nil
        let issued = try await self.write(signer, Method.issueExportAuthorization, request)
        try self.checkValidateAgrees(validation, issued, "EA \(exporter)/\(number)")
        guard issued.status.code == .ok else { return }
        let committed = self.model.committed(ofChain: ia.key)
        try require(
            accepts && committed + quantity <= ia.quantity,
            "no-over-commitment",
            "EA \(exporter)/\(number) for \(quantity) mg was issued against IA \(ia.key) (\(ia.status), \(ia.quantity) mg, \(committed) mg already committed by its EAs across amendments)"
        )
        self.model.record(
            self.exportDocument(
                number,
                exporter,
                ia,
                quantity,
                days: days,
                parties: ia.paper ? [exporter] : [exporter, ia.key.authority]
            )
        )
    }

    func exportDocument(
        _ number: String,
        _ authority: String,
        _ ia: ReferenceModel.Document,
        _ quantity: Int64,
        days: Int,
        parties: Set<String>
    ) -> ReferenceModel.Document {
        ReferenceModel.Document(
            key: Key(authority: authority, number: number),
            isImport: false,
            issuingCountry: ia.exportingCountry,
            importingCountry: ia.importingCountry,
            exportingCountry: ia.exportingCountry,
            substance: ia.substance,
            quantity: quantity,
            status: .open,
            multiple: false,
            periodFirst: self.today,
            periodLast: min(self.today.adding(days: days), ia.periodLast),
            issuedOn: self.today,
            cites: ia.key,
            parties: parties,
            paper: false
        )
    }

    func emergencyExport(
        exporter: Int,
        importer: Int,
        substance: Int,
        kilograms: Int,
        justified: Bool,
        validated: Bool
    ) async throws {
        let authority = SimulationWorld.authorities[exporter % SimulationWorld.authorities.count]
        let substance = SimulationWorld.substances[substance % SimulationWorld.substances.count]
        let importing = Self.exporterCountries[importer % Self.exporterCountries.count]
        let number = self.nextNumber("EA")
        let quantity = Int64(kilograms) * 1_000_000
        let request = Licit_V1_ExportAuthorizationRequest.with {
            $0.content = .with {
                $0.number = number
                $0.emergency = true
                $0.importingCountry = importing
                $0.lines = [Self.line(substance, quantity)]
                $0.period = Self.period(self.today, self.today.adding(days: 30))
                $0.importer = .with {
                    $0.name = "Hospital in \(importing)"
                    $0.address = "3 Clinic Lane, \(importing)"
                }
            }
            $0.emergencyJustification = justified ? "an outbreak: the importing country's stocks ran out" : ""
        }
        let signer = SimulationWorld.signer(of: authority)
        let validation = validated ? try await self.validate(signer, Method.validateExportAuthorization, request) : nil
        let issued = try await self.write(signer, Method.issueExportAuthorization, request)
        try self.checkValidateAgrees(validation, issued, "emergency EA \(authority)/\(number)")
        guard issued.status.code == .ok else { return }
        var parties: Set<String> = [authority]
        if let counterpart = SimulationWorld.authority(of: importing, for: substance) { parties.insert(counterpart) }
        self.model.record(
            ReferenceModel.Document(
                key: Key(authority: authority, number: number),
                isImport: false,
                issuingCountry: SimulationWorld.country(of: authority),
                importingCountry: importing,
                exportingCountry: SimulationWorld.country(of: authority),
                substance: substance,
                quantity: quantity,
                status: .open,
                multiple: false,
                periodFirst: self.today,
                periodLast: self.today.adding(days: 30),
                issuedOn: self.today,
                cites: nil,
                parties: parties,
                paper: false
            )
        )
    }

    func recordExported(ea pick: Int, percent: Int) async throws {
        let exports = self.model.exports
        guard !exports.isEmpty else { return }
        let ea = exports[pick % exports.count]
        guard SimulationWorld.authorities.contains(ea.key.authority) else { return }
        let exported = ea.quantity * Int64(percent) / 100
        let response = try await self.write(
            SimulationWorld.signer(of: ea.key.authority),
            Method.recordExported,
            Licit_V1_RecordExportedRequest.with {
                $0.number = ea.key.number
                $0.exportedMg = [exported]
            }
        )
        guard response.status.code == .ok else { return }
        try require(
            ea.status == .open && exported <= ea.quantity,
            "quantities-conserved",
            "a short export of \(exported) mg was recorded on EA \(ea.key) (\(ea.status), \(ea.quantity) mg)"
        )
        self.model.update(ea.key) { $0.exported = exported }
    }

    func endorse(ea pick: Int, percent: Int, wrongAuthority: Bool) async throws {
        let exports = self.model.exports
        guard !exports.isEmpty else { return }
        let ea = exports[pick % exports.count]
        // The importing CNA; for a paper partner, the CNA that issued the EA records the paper endorsement.
        let importing = ea.parties.subtracting([ea.key.authority]).sorted().first ?? ea.key.authority
        let endorser = wrongAuthority ? (importing == "DE-BFARM" ? "FR-ANSM" : "DE-BFARM") : importing
        guard SimulationWorld.authorities.contains(endorser) else { return }
        let imported = ea.committed * Int64(percent) / 100
        let response = try await self.write(
            SimulationWorld.signer(of: endorser),
            Method.endorse,
            Licit_V1_EndorseRequest.with {
                $0.exportAuthorization = .with {
                    $0.authority = ea.key.authority
                    $0.number = ea.key.number
                }
                $0.importedMg = [imported]
                if endorser == ea.key.authority {
                    $0.scan = Data("scanned endorsement of \(ea.key)".utf8)
                    $0.scanMediaType = "application/pdf"
                }
            }
        )
        guard response.status.code == .ok else { return }
        try require(
            ea.status == .open && imported <= ea.committed && endorser == importing,
            "quantities-conserved",
            "EA \(ea.key) (\(ea.status), \(ea.committed) mg committed) was endorsed for \(imported) mg by \(endorser); its importing CNA is \(importing)"
        )
        self.model.update(ea.key) {
            $0.status = .endorsed
            $0.imported = imported
        }
    }

    // MARK: Contents

    static func line(_ substance: String, _ milligrams: Int64) -> Licit_V1_Line {
        .with {
            $0.form = substance
            $0.tradedMg = milligrams
        }
    }

    static func period(_ first: Day, _ last: Day) -> Licit_V1_Period {
        .with {
            $0.first = first.description
            $0.last = last.description
        }
    }

    static func exportContent(
        _ number: String,
        citing ia: ReferenceModel.Document,
        _ quantity: Int64,
        _ first: Day,
        _ last: Day
    ) -> Licit_V1_ExportAuthorizationContent {
        .with {
            $0.number = number
            $0.importAuthorization = .with {
                $0.number = ia.key.number
                $0.issuedOn = ia.issuedOn?.description ?? ""
                $0.authority = ia.key.authority
            }
            $0.lines = [Self.line(ia.substance, quantity)]
            $0.period = Self.period(first, max(first, last))
        }
    }

    /// A validate call; its answer is checked like any other.
    func validate(
        _ account: Account,
        _ method: String,
        _ request: some SwiftProtobuf.Message
    ) async throws -> Licit_V1_ValidationResponse? {
        let response = try await self.read(account, method, request)
        guard response.status.code == .ok else { return nil }
        return try self.decode(Licit_V1_ValidationResponse.self, response)
    }

    /// A validate that found no problem is followed by an issue that succeeds, on the same state.
    func checkValidateAgrees(
        _ validation: Licit_V1_ValidationResponse?,
        _ issued: Licit_V1_Response,
        _ what: String
    )
        throws
    {
        guard let validation, validation.problems.isEmpty else { return }
        self.checks += 1
        try require(
            issued.status.code == .ok,
            "validate-agrees-with-issue",
            "\(what): validate found no problem, then the issue was refused: \(issued.status.code) \(issued.status.reason): \(issued.status.message)"
        )
    }
}
