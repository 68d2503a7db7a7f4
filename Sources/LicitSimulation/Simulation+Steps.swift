import Foundation
import LicitExchange
import LicitModel
import LicitServerCore
import LicitStorage
import LicitStorageSQLite
import LicitWire

/// The steps besides documents: paper partners, estimates, accounts, the clock, restarts,
/// retries and reused request ids, a second daemon.
extension Simulation {
    func perform(_ step: HistoryStep) async throws {
        switch step {
        case .issueImport(
            let importer,
            let exporter,
            let substance,
            let kilograms,
            let multiple,
            let days,
            let route,
            let reuse
        ):
            try await self.issueImport(
                importer: importer,
                exporter: exporter,
                substance: substance,
                kilograms: kilograms,
                multiple: multiple,
                days: days,
                route: route,
                reuseNumber: reuse
            )
        case .issueExport(let ia, let percent, let days, let validated, let wrong):
            try await self.issueExport(ia: ia, percent: percent, days: days, validated: validated, wrongExporter: wrong)
        case .emergencyExport(let exporter, let importer, let substance, let kilograms, let justified, let validated):
            try await self.emergencyExport(
                exporter: exporter,
                importer: importer,
                substance: substance,
                kilograms: kilograms,
                justified: justified,
                validated: validated
            )
        case .recordExported(let ea, let percent): try await self.recordExported(ea: ea, percent: percent)
        case .endorse(let ea, let percent, let wrong):
            try await self.endorse(ea: ea, percent: percent, wrongAuthority: wrong)
        case .amendImport(let ia, let percent): try await self.amendImport(ia: ia, percent: percent)
        case .cancel(let document): try await self.cancel(document: document)
        case .paperImport(let exporter, let substance, let kilograms):
            try await self.paperImport(exporter: exporter, substance: substance, kilograms: kilograms)
        case .paperExport(let ia, let percent): try await self.paperExport(ia: ia, percent: percent)
        case .estimate(let country, let substance, let kilograms, let supplementary):
            try await self.estimate(
                country: country,
                substance: substance,
                kilograms: kilograms,
                supplementary: supplementary
            )
        case .enroll(let serial): try await self.enroll(serial)
        case .revoke(let account): try await self.revoke(account)
        case .advanceClock(let days): try await self.advanceClock(days: days)
        case .sweep: try await self.exchange.sweep()
        case .restart where self.step % 3 == 0:
            // A crash around the next write's commit, instead of between calls.
            self.crashNextWrite = self.step % 2 == 0 ? .beforeCommit : .afterCommit
        case .restart: try await self.restart()
        case .replay(let write, let afterRestart): try await self.replay(write, afterRestart: afterRestart)
        case .reuseRequestID(let write, let otherMethod): try await self.reuseRequestID(write, otherMethod: otherMethod)
        case .read(let account, let kind, let document):
            try await self.read(account: account, kind: kind, document: document)
        case .probeHidden(let account, let document, let method):
            try await self.probeHidden(account: account, document: document, method: method)
        case .secondDaemon: try await self.secondDaemon()
        case .tamper(let seed): try await self.checkTamperDetection(seed: seed)
        }
    }

    // MARK: Paper partners

    func paperImport(exporter: Int, substance: Int, kilograms: Int) async throws {
        let substance = SimulationWorld.substances[substance % SimulationWorld.substances.count]
        let country = SimulationWorld.countries[exporter % SimulationWorld.countries.count]
        guard let recorder = SimulationWorld.authority(of: country, for: substance) else { return }
        let number = self.nextNumber("NP-IA")
        let quantity = Int64(kilograms) * 1_000_000
        let response = try await self.write(
            SimulationWorld.signer(of: recorder),
            Method.recordPaperDocument,
            Licit_V1_PaperDocumentRequest.with {
                $0.importAuthorization = .with {
                    $0.number = number
                    $0.authority = SimulationWorld.paperAuthority
                    $0.importingCountry = SimulationWorld.paperCountry
                    $0.exportingCountry = country
                    $0.importer = .with {
                        $0.name = "Importer in Nepal"
                        $0.address = "Kathmandu"
                    }
                    $0.exporter.id = SimulationWorld.trader(of: recorder)
                    $0.lines = [Self.line(substance, quantity)]
                    $0.period = Self.period(self.today, self.today.adding(days: 60))
                    $0.multipleConsignments = true
                    $0.issuedOn = self.today.description
                }
                $0.scan = Data("paper IA \(number)".utf8)
                $0.scanMediaType = "application/pdf"
            }
        )
        guard response.status.code == .ok else { return }
        var document = ReferenceModel.Document(
            key: Key(authority: SimulationWorld.paperAuthority, number: number),
            isImport: true,
            issuingCountry: SimulationWorld.paperCountry,
            importingCountry: SimulationWorld.paperCountry,
            exportingCountry: country,
            substance: substance,
            quantity: quantity,
            status: .open,
            multiple: true,
            periodFirst: self.today,
            periodLast: self.today.adding(days: 60),
            issuedOn: self.today,
            cites: nil,
            parties: [recorder],
            paper: true
        )
        document.issuedOn = self.today
        self.model.record(document)
    }

    func paperExport(ia pick: Int, percent: Int) async throws {
        let imports = self.model.issuedImports.filter {
            $0.exportingCountry == SimulationWorld.paperCountry && !$0.paper
        }
        guard !imports.isEmpty else { return }
        let ia = imports[pick % imports.count]
        let accepts = self.model.acceptsExports(ia)
        let remaining = self.model.remaining(of: ia)
        let quantity = max(1_000, (remaining > 0 ? remaining : ia.quantity) * Int64(percent) / 100)
        let number = self.nextNumber("NP-EA")
        var content = Self.exportContent(number, citing: ia, quantity, self.today, ia.periodLast)
        content.authority = SimulationWorld.paperAuthority
        content.exportingCountry = SimulationWorld.paperCountry
        content.importingCountry = ia.importingCountry
        content.issuedOn = self.today.description
        let response = try await self.write(
            SimulationWorld.signer(of: ia.key.authority),
            Method.recordPaperDocument,
            Licit_V1_PaperDocumentRequest.with {
                $0.exportAuthorization = content
                $0.scan = Data("paper EA \(number)".utf8)
            }
        )
        guard response.status.code == .ok else { return }
        let committed = self.model.committed(ofChain: ia.key)
        try require(
            accepts && committed + quantity <= ia.quantity,
            "no-over-commitment",
            "paper EA \(number) for \(quantity) mg was recorded against IA \(ia.key) (\(ia.quantity) mg, \(committed) mg committed)"
        )
        var ea = self.exportDocument(
            number,
            SimulationWorld.paperAuthority,
            ia,
            quantity,
            days: 0,
            parties: [ia.key.authority]
        )
        ea = ReferenceModel.Document(
            key: ea.key,
            isImport: false,
            issuingCountry: SimulationWorld.paperCountry,
            importingCountry: ia.importingCountry,
            exportingCountry: SimulationWorld.paperCountry,
            substance: ia.substance,
            quantity: quantity,
            status: .open,
            multiple: false,
            periodFirst: self.today,
            periodLast: ia.periodLast,
            issuedOn: self.today,
            cites: ia.key,
            parties: [ia.key.authority],
            paper: true
        )
        self.model.record(ea)
    }

    // MARK: Estimates

    func estimate(country: Int, substance: Int, kilograms: Int, supplementary: Bool) async throws {
        let countries = SimulationWorld.countries + [SimulationWorld.paperCountry]
        let key = ReferenceModel.BalanceKey(
            country: countries[country % countries.count],
            substance: SimulationWorld.substances[substance % SimulationWorld.substances.count],
            year: self.today.year
        )
        var allowance = self.model.allowances[key] ?? (0, [])
        let signer = self.accounts.first {
            $0.country == key.country && $0.role == .signer && !self.revoked.contains($0.name)
        }
        if supplementary, let signer {
            try await self.supplementaryEstimate(key, kilograms: kilograms, asked: signer, allowance: allowance)
            return
        }
        if supplementary {
            allowance.supplementary.append(Int64(kilograms) * 1_000_000)
        } else {
            allowance.initial = Int64(kilograms) * 1_000_000
        }
        let response = try await self.write(
            SimulationWorld.boardAdmin,
            LicitMethod.Reference.importReference,
            Licit_V1_ReferenceData.with {
                $0.allowances = [
                    .with {
                        $0.country = key.country
                        $0.substance = key.substance
                        $0.year = UInt32(key.year)
                        $0.initialMg = allowance.initial
                        $0.supplementaryMg = allowance.supplementary
                    }
                ]
            }
        )
        guard response.status.code == .ok else { return }
        self.model.allowances[key] = allowance
    }

    /// A CNA asks for a supplementary estimate and the Board decides it, through the exchange's own
    /// loop: confirmed whole, reduced to half, or refused, by the quantity's remainder. What the
    /// Board confirms is what the model adds to the allowance; the balance invariant checks it.
    private func supplementaryEstimate(
        _ key: ReferenceModel.BalanceKey,
        kilograms: Int,
        asked signer: Account,
        allowance: (initial: Int64, supplementary: [Int64])
    ) async throws {
        let milligrams = Int64(kilograms) * 1_000_000
        let asked = try await self.write(
            signer,
            LicitMethod.Estimates.requestSupplementary,
            Licit_V1_RequestSupplementaryRequest.with {
                $0.substance = key.substance
                $0.quantityMg = milligrams
                $0.justification = "simulated need"
            }
        )
        guard asked.status.code == .ok else { return }
        let request = try self.decode(Licit_V1_SupplementaryEstimateResponse.self, asked).estimate
        let confirmed = [milligrams, milligrams / 2, 0][kilograms % 3]
        let decided = try await self.write(
            SimulationWorld.boardAdmin,
            LicitMethod.Estimates.decide,
            Licit_V1_DecideSupplementaryRequest.with {
                $0.id = request.id
                $0.confirmedMg = confirmed
                $0.reason = confirmed == milligrams ? "" : "simulated decision"
            }
        )
        self.checks += 1
        try require(
            decided.status.code == .ok,
            "balances-are-sums",
            "the Board's decision on \(request.id) was refused: \(decided.status.reason) \(decided.status.message)"
        )
        var after = allowance
        if confirmed > 0 { after.supplementary.append(confirmed) }
        self.model.allowances[key] = after
    }

    // MARK: Accounts

    func enroll(_ serial: Int) async throws {
        let name = "sim-officer-\(serial)"
        guard !self.accounts.contains(where: { $0.name == name }) else { return }
        let admin = self.accounts.first { $0.role == .countryAdmin }!
        let response = try await self.write(
            admin,
            LicitMethod.Reference.enrollAccount,
            Licit_V1_EnrollAccountRequest.with {
                $0.name = name
                $0.role = .officer
                $0.certificateRequest = Data([0x30, 0x03, 0x02, 0x01, UInt8(serial % 256)])
            }
        )
        guard response.status.code == .ok else { return }
        let account = try self.decode(Licit_V1_EnrollAccountResponse.self, response).account
        self.accounts.append(
            Account(
                name: account.name,
                country: account.country,
                authority: account.authority,
                role: .officer,
                certificateFingerprint: SimulationWorld.fingerprint("enrolled-\(name)")
            )
        )
    }

    /// Revokes an officer's, a viewer's or an enrolled account's certificate (signers and admins
    /// stay, so that the history can go on).
    func revoke(_ pick: Int) async throws {
        let candidates = self.accounts.filter { $0.role == .officer || $0.role == .viewer }
        let target = candidates[pick % candidates.count]
        let response = try await self.write(
            SimulationWorld.boardAdmin,
            LicitMethod.Reference.revokeCertificate,
            Licit_V1_RevokeCertificateRequest.with {
                $0.fingerprint = target.certificateFingerprint
                $0.reason = "the officer left the CNA"
            }
        )
        if response.status.code == .ok { self.revoked.insert(target.name) }
    }
}
