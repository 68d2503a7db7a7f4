import Crypto
import Foundation
import LicitModel
import LicitStorage
import LicitWire

/// The exchange's writes on documents, inside one store transaction: each checks the treaty
/// rules, changes the documents, keeps the importing country's running totals, records the
/// history, and drops events in the inboxes of the CNAs concerned.
struct DocumentLedger {
    let transaction: any LedgerTransaction
    let account: Account
    let moment: Moment
    let sealKey: SealKey
    let references: ReferenceCache

    static let board = "BOARD"

    private var preparation: DocumentPreparation {
        get throws {
            try DocumentPreparation(
                self.transaction,
                account: self.account,
                day: self.moment.day,
                references: self.references
            )
        }
    }

    // MARK: Import authorizations

    func saveDraft(_ content: Licit_V1_ImportAuthorizationContent) throws -> StoredDocument {
        let prepared = try self.preparation.importAuthorization(content)
        let bytes = try WireModel.content(prepared.ia, importerID: prepared.importerID, exporterID: prepared.exporterID)
            .serializedData()
        if try self.transaction.document(prepared.ia.key)?.body.status == ImportAuthorization.Status.draft.rawValue {
            try self.transaction.deleteDraft(prepared.ia.key)
        }
        let stored = try self.transaction.insert(
            StoredDocument(body: .importAuthorization(prepared.ia), content: bytes, seal: Data(), annotations: .init())
        )
        try self.history(stored, "drafted")
        return stored
    }

    func issueImport(_ request: Licit_V1_ImportAuthorizationRequest, supersedes: String? = nil) throws -> StoredDocument
    {
        var content = request.content
        if !request.draftNumber.isEmpty {
            let key = DocumentKey(authority: self.account.authority, number: request.draftNumber)
            guard let draft = try self.transaction.document(key), draft.body.status == "draft" else {
                throw LicitStatus(
                    .notFound,
                    reason: "draft_not_found",
                    message: "your CNA has no draft \(request.draftNumber)"
                )
            }
            content = try Licit_V1_ImportAuthorizationContent(serializedBytes: draft.content)
            try self.transaction.deleteDraft(key)
        }
        var prepared = try self.preparation.importAuthorization(content, supersedes: supersedes)
        let overridden = try Self.accept(prepared.problems, justification: request.overrideJustification)
        try rules { try prepared.ia.issue(on: self.moment.day) }
        var notes = DocumentAnnotations()
        notes.issuedOn = self.moment.day
        notes.overrideJustification = overridden ? request.overrideJustification : ""
        notes.counterpartAuthority =
            try self.preparation.reference.counterpart(in: prepared.ia.exportingCountry, for: prepared.ia.lines) ?? ""
        notes.exports = ExportTotals(lines: prepared.ia.lines.count)
        let sealed = WireModel.content(prepared.ia, importerID: prepared.importerID, exporterID: prepared.exporterID)
        let stored = try self.insertSealed(
            .importAuthorization(prepared.ia),
            content: try sealed.serializedData(),
            notes
        )
        try self.applyUsage(Self.usage(prepared.ia, notes.exports!))
        try self.history(stored, "issued", detail: overridden ? "override: \(request.overrideJustification)" : "")
        try self.notify(
            notes.counterpartAuthority,
            "ia_received",
            stored,
            "import authorization \(prepared.ia.number) from \(prepared.ia.importingCountry)"
        )
        if overridden { try self.notify(Self.board, "override_recorded", stored, request.overrideJustification) }
        return stored
    }

    /// A new IA superseding one of the caller's issued IAs (issued documents are never edited).
    func amendImport(_ request: Licit_V1_ImportAuthorizationRequest) throws -> StoredDocument {
        let oldKey = DocumentKey(authority: self.account.authority, number: request.content.supersedes)
        guard let old = try self.transaction.document(oldKey), old.importAuthorization != nil else {
            throw LicitStatus(
                .notFound,
                reason: "document_not_found",
                message: "your CNA has no import authorization \(oldKey.number) to amend"
            )
        }
        let newNumber = request.content.number
        try self.changeImport(oldKey) { ia in
            _ = ia.expireIfDue(on: self.moment.day)
            try ia.supersede(by: newNumber)
        }
        let stored = try self.issueImport(request, supersedes: oldKey.number)
        let superseded = try self.transaction.document(oldKey)!
        try self.history(superseded, "superseded", detail: "by \(newNumber)")
        try self.notify(
            superseded.annotations.counterpartAuthority,
            "superseded",
            superseded,
            "superseded by \(newNumber)"
        )
        return stored
    }

    // MARK: Export authorizations

    func issueExport(_ request: Licit_V1_ExportAuthorizationRequest) throws -> StoredDocument {
        let prepared = try self.preparation.exportAuthorization(request.content)
        if prepared.ea.isEmergency {
            guard !request.emergencyJustification.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw LicitStatus.invalid(
                    "emergency_justification_required",
                    "an emergency export states why it cannot wait for an import authorization"
                )
            }
        }
        let overridden = try Self.accept(prepared.problems, justification: request.overrideJustification)
        var notes = DocumentAnnotations()
        notes.issuedOn = self.moment.day
        notes.overrideJustification = overridden ? request.overrideJustification : ""
        notes.emergencyJustification = prepared.ea.isEmergency ? request.emergencyJustification : ""
        if let ia = prepared.ia {
            // A paper IA's issuer is not on the exchange: nobody here receives the EA.
            notes.counterpartAuthority = ia.annotations.isPaper ? "" : ia.key.authority
            try self.exportChanged(citing: ia.key, from: nil, to: prepared.ea, loaded: ia)
        } else {
            notes.counterpartAuthority =
                try self.preparation.reference.counterpart(in: prepared.ea.importingCountry, for: prepared.ea.lines)
                ?? ""
        }
        let content = WireModel.content(
            prepared.ea,
            exporter: prepared.exporter,
            importer: prepared.importer,
            issuedOn: self.moment.day
        )
        let stored = try self.insertSealed(
            .exportAuthorization(prepared.ea),
            content: try content.serializedData(),
            notes
        )
        try self.history(stored, "issued", detail: overridden ? "override: \(request.overrideJustification)" : "")
        try self.notify(
            notes.counterpartAuthority,
            "ea_received",
            stored,
            "export authorization \(prepared.ea.number) from \(prepared.ea.exportingCountry)"
        )
        if overridden { try self.notify(Self.board, "override_recorded", stored, request.overrideJustification) }
        if prepared.ea.isEmergency {
            try self.notify(Self.board, "emergency_export", stored, request.emergencyJustification)
        }
        return stored
    }

    /// A short export: the quantity actually exported (art. 31(8)), by the EA's issuer.
    func recordExported(_ request: Licit_V1_RecordExportedRequest) throws -> StoredDocument {
        let key = DocumentKey(authority: self.account.authority, number: request.number)
        return try self.changeExport(key, action: "exported_recorded") { ea in
            try ea.recordExported(request.exportedMg.map(Quantity.init(milligrams:)))
        }
    }

    /// The importing CNA endorses an EA with the quantity actually imported (zero allowed).
    func endorse(_ request: Licit_V1_EndorseRequest) throws -> StoredDocument {
        let key = DocumentKey(
            authority: request.exportAuthorization.authority,
            number: request.exportAuthorization.number
        )
        guard let document = try self.transaction.document(key), document.exportAuthorization != nil,
            self.account.maySee(document)
        else { throw LicitStatus.documentNotFound(key) }
        guard document.exportAuthorization?.importingCountry == self.account.country,
            [document.annotations.counterpartAuthority, document.annotations.recordedBy].contains(
                self.account.authority
            )
        else {
            throw LicitStatus(
                .permissionDenied,
                reason: "not_the_importing_authority",
                message: "only the importing country's CNA endorses export authorization \(key.number)"
            )
        }
        let stored = try self.changeExport(key, action: "endorsed") { ea in
            _ = ea.expireIfDue(on: self.moment.day)
            try ea.endorse(imported: request.importedMg.map(Quantity.init(milligrams:)))
        } annotate: {
            $0.endorsedOn = self.moment.day
        }
        try self.notify(key.authority, "endorsement_received", stored, "endorsed by \(self.account.authority)")
        return stored
    }

    // MARK: Cancellation

    func cancel(_ request: Licit_V1_CancelRequest) throws -> StoredDocument {
        let reason = try WireModel.text(request.reason, field: "reason", max: 1024)
        // Your own document, or (naming its foreign CNA) a paper document your CNA recorded.
        let key = DocumentKey(
            authority: request.authority.isEmpty ? self.account.authority : request.authority,
            number: request.number
        )
        guard let document = try self.transaction.document(key),
            key.authority == self.account.authority || document.annotations.recordedBy == self.account.authority
        else { throw LicitStatus.documentNotFound(key) }
        let cancelled: StoredDocument
        switch document.body {
        case .importAuthorization(var ia) where ia.status == .draft:
            try self.transaction.deleteDraft(key)
            try rules { try ia.cancel(reason: reason) }
            return StoredDocument(
                body: .importAuthorization(ia),
                content: document.content,
                seal: Data(),
                annotations: document.annotations
            )
        case .importAuthorization:
            cancelled = try self.changeImport(key) { ia in
                _ = ia.expireIfDue(on: self.moment.day)
                try ia.cancel(reason: reason)
            }
        case .exportAuthorization:
            cancelled = try self.changeExport(key, action: nil) { ea in try ea.cancel(reason: reason) }
        }
        try self.history(cancelled, "cancelled", detail: reason)
        try self.notify(cancelled.annotations.counterpartAuthority, "cancelled", cancelled, reason)
        return cancelled
    }

    // MARK: Paper partners

    /// Records a paper IA or EA exchanged with a country not on the exchange, with its scan.
    func recordPaper(_ request: Licit_V1_PaperDocumentRequest) throws -> StoredDocument {
        guard !request.scan.isEmpty, request.scan.count <= PaperLimits.maxScanBytes else {
            throw LicitStatus.invalid(
                "invalid_scan",
                "attach the scanned document (1 byte to \(PaperLimits.maxScanBytes / 1_048_576) MiB)"
            )
        }
        let sha = SHA256.hash(data: request.scan).lowercaseHex
        try self.transaction.put(
            Attachment(
                sha256: sha,
                mediaType: request.scanMediaType.isEmpty ? "application/octet-stream" : request.scanMediaType,
                bytes: request.scan
            )
        )
        var notes = DocumentAnnotations()
        notes.recordedBy = self.account.authority
        notes.scanSHA256 = sha
        let preparation = try self.preparation
        switch request.content {
        case .importAuthorization(let content):
            // A paper IA from a country not on the exchange, addressed to the caller's country.
            let issuer = try self.paperIssuer(content.authority, content.importingCountry, preparation)
            guard content.exportingCountry == self.account.country else {
                throw LicitStatus.invalid(
                    "not_addressed_to_you",
                    "record a paper import authorization that names your country as the exporting country"
                )
            }
            var ia = try preparation.importAuthorization(content, issuer: issuer).ia
            let issuedOn = try WireModel.day(content.issuedOn, field: "issued_on")
            try rules { try ia.issue(on: issuedOn) }
            notes.issuedOn = issuedOn
            notes.exports = ExportTotals(lines: ia.lines.count)
            let stored = try self.insertSealed(
                .importAuthorization(ia),
                content: try WireModel.content(ia, importerID: "", exporterID: "").serializedData(),
                notes
            )
            try self.applyUsage(Self.usage(ia, notes.exports!))
            try self.history(stored, "recorded_from_paper", detail: "scan \(sha)")
            return stored
        case .exportAuthorization(let content):
            // A paper EA from a country not on the exchange, against the caller's own IA.
            let issuer = try self.paperIssuer(content.authority, content.exportingCountry, preparation)
            let prepared = try preparation.exportAuthorization(content, issuer: issuer)
            guard prepared.ia?.key.authority == self.account.authority else {
                throw LicitStatus.invalid(
                    "not_your_ia",
                    "a paper export authorization must cite an import authorization of your CNA"
                )
            }
            let overridden = try Self.accept(prepared.problems, justification: request.overrideJustification)
            notes.overrideJustification = overridden ? request.overrideJustification : ""
            notes.issuedOn = try WireModel.day(content.issuedOn, field: "issued_on")
            notes.counterpartAuthority = self.account.authority
            try self.exportChanged(citing: prepared.ia!.key, from: nil, to: prepared.ea, loaded: prepared.ia)
            let bytes = try WireModel.content(
                prepared.ea,
                exporter: prepared.exporter,
                importer: prepared.importer,
                issuedOn: notes.issuedOn
            ).serializedData()
            let stored = try self.insertSealed(.exportAuthorization(prepared.ea), content: bytes, notes)
            try self.history(stored, "recorded_from_paper", detail: "scan \(sha)")
            if overridden { try self.notify(Self.board, "override_recorded", stored, request.overrideJustification) }
            return stored
        case nil:
            throw LicitStatus.invalid("missing_field", "give the paper import or export authorization")
        }
    }

    private func paperIssuer(
        _ authority: String,
        _ country: String,
        _ preparation: DocumentPreparation
    ) throws -> DocumentPreparation.Issuer {
        let partner = try preparation.reference.country(country, field: "country of the paper document")
        guard !partner.participating else {
            throw LicitStatus.invalid(
                "partner_on_exchange",
                "\(partner.name) is on the exchange: its CNA issues its documents here, not on paper"
            )
        }
        let code = try WireModel.text(authority, field: "authority (the foreign CNA)", max: 64)
        return .init(authority: code, country: partner.code, isPaper: true)
    }

    // MARK: Families: an IA, its EAs, and the running totals they make

    /// Changes an IA, keeping its status and the importing country's totals in step.
    @discardableResult
    func changeImport(_ key: DocumentKey, _ change: (inout ImportAuthorization) throws -> Void) throws -> StoredDocument
    {
        guard var document = try self.transaction.document(key), var ia = document.importAuthorization else {
            throw LicitStatus.documentNotFound(key)
        }
        let totals = document.annotations.exports ?? ExportTotals(lines: ia.lines.count)
        let before = Self.usage(ia, totals)
        try rules { try change(&ia) }
        return try self.settle(&document, ia, totals, before: before)
    }

    /// Accounts for one EA changing (from nil: newly issued) in the totals of the IA it cites
    /// (`loaded`, when the caller has just read it).
    func exportChanged(
        citing key: DocumentKey,
        from old: ExportAuthorization?,
        to new: ExportAuthorization,
        loaded: StoredDocument? = nil
    ) throws {
        guard var document = try loaded ?? self.transaction.document(key), let ia = document.importAuthorization else {
            throw LicitStatus.documentNotFound(key)
        }
        var totals = document.annotations.exports ?? ExportTotals(lines: ia.lines.count)
        let before = Self.usage(ia, totals)
        totals.replace(old, with: new)
        try self.settle(&document, ia, totals, before: before)
    }

    /// Stores an IA with its export totals: issued → partly used → used as they grow, and the
    /// importing country's totals moved by the difference.
    private func settle(
        _ document: inout StoredDocument,
        _ ia: ImportAuthorization,
        _ totals: ExportTotals,
        before: [UsageKey: Usage]
    ) throws -> StoredDocument {
        var ia = ia
        if ia.status.acceptsExports || ia.status == .used {
            try rules {
                try ia.exportsChanged(
                    committed: totals.committed.map(Quantity.init(milligrams:)),
                    exportCount: totals.activeExports
                )
            }
        }
        document.body = .importAuthorization(ia)
        document.annotations.exports = totals
        try self.transaction.update(document)
        var delta = Self.usage(ia, totals)
        for (key, usage) in before { delta[key] = (delta[key] ?? .zero) + -usage }
        try self.applyUsage(delta)
        return document
    }

    /// Changes one EA, and its IA's totals when it cites one.
    private func changeExport(
        _ key: DocumentKey,
        action: String?,
        _ change: (inout ExportAuthorization) throws -> Void,
        annotate: (inout DocumentAnnotations) -> Void = { _ in }
    ) throws -> StoredDocument {
        guard var document = try self.transaction.document(key), var ea = document.exportAuthorization else {
            throw LicitStatus.documentNotFound(key)
        }
        let old = ea
        try rules { try change(&ea) }
        if let cited = document.citedKey {
            try self.exportChanged(citing: cited, from: old, to: ea)
        } else if let year = document.annotations.issuedOn?.year {
            // An emergency export has no IA to count in: what it brought in still counts as imported.
            var delta = Self.importedWithoutIA(ea, year: year)
            for (key, usage) in Self.importedWithoutIA(old, year: year) { delta[key] = (delta[key] ?? .zero) + -usage }
            try self.applyUsage(delta)
        }
        document.body = .exportAuthorization(ea)
        annotate(&document.annotations)
        try self.transaction.update(document)
        if let action { try self.history(document, action) }
        return document
    }

    /// What an EA without an IA (an emergency export) adds to its importing country's totals:
    /// the endorsed quantity, once endorsed.
    static func importedWithoutIA(_ ea: ExportAuthorization, year: Int) -> [UsageKey: Usage] {
        guard ea.status == .endorsed, let imported = ea.imported else { return [:] }
        var usages: [UsageKey: Usage] = [:]
        for (line, quantity) in zip(ea.lines, imported) {
            let key = UsageKey(country: ea.importingCountry, substance: line.substance, year: year)
            usages[key] = (usages[key] ?? .zero) + Usage(imported: quantity.milligrams)
        }
        return usages
    }

    /// What one IA and its EAs add to its importing country's totals, per substance.
    static func usage(_ ia: ImportAuthorization, _ totals: ExportTotals) -> [UsageKey: Usage] {
        guard let year = ia.issuedOn?.year else { return [:] }
        var usages: [UsageKey: Usage] = [:]
        for substance in Set(ia.lines.map(\.substance)) {
            let (authorized, imported) = totals.usage(of: ia, substance: substance)
            usages[UsageKey(country: ia.importingCountry, substance: substance, year: year)] = Usage(
                authorizedNotUsed: authorized,
                imported: imported
            )
        }
        return usages
    }

    private func applyUsage(_ delta: [UsageKey: Usage]) throws {
        for (key, usage) in delta where !usage.isZero { try self.transaction.adjustUsage(key, by: usage) }
    }

    // MARK: Records

    private func insertSealed(
        _ body: DocumentBody,
        content: Data,
        _ notes: DocumentAnnotations
    ) throws -> StoredDocument {
        try self.transaction.insert(
            StoredDocument(body: body, content: content, seal: try self.sealKey.sign(content), annotations: notes)
        )
    }

    func history(_ document: StoredDocument, _ action: String, detail: String = "") throws {
        try self.transaction.appendHistory(
            document.key,
            HistoryEntry(
                at: self.moment.milliseconds,
                action: action,
                status: document.body.status,
                authority: self.account.authority,
                detail: detail
            )
        )
    }

    func notify(_ recipient: String, _ kind: String, _ document: StoredDocument, _ summary: String) throws {
        guard !recipient.isEmpty else { return }
        try self.transaction.appendEvent(
            InboxEntry(
                recipient: recipient,
                kind: kind,
                document: document.key,
                documentKind: document.kind,
                at: self.moment.milliseconds,
                status: document.body.status,
                summary: String(summary.prefix(512))
            )
        )
    }

    /// Refuses on any problem, except an excess over an estimate or assessment the signer
    /// justified; returns whether such an override was recorded.
    static func accept(_ problems: [ModelProblem], justification: String) throws -> Bool {
        let justified = !justification.trimmingCharacters(in: .whitespaces).isEmpty
        let blocking = problems.filter { !(justified && $0.reason.isOverridable) }
        guard blocking.isEmpty else { throw LicitStatus(problems: blocking) }
        guard justification.utf8.count <= 2048 else {
            throw LicitStatus.invalid("field_too_long", "override_justification is longer than 2048 bytes")
        }
        return justified && !problems.isEmpty
    }
}

/// Runs model code, turning a treaty problem into its wire refusal.
func rules<Value>(_ body: () throws -> Value) throws -> Value {
    do {
        return try body()
    } catch let problem as ModelProblem {
        throw LicitStatus(problem)
    }
}

enum PaperLimits {
    /// A scan travels in one frame (4 MiB by default) with its document.
    static let maxScanBytes = 3 * 1_048_576
}

extension ImportAuthorization {
    var key: DocumentKey { DocumentKey(authority: self.authority, number: self.number) }
}
