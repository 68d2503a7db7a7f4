import Crypto
import Foundation
import LicitModel
import LicitStorage

/// The exchange's writes on documents, inside one store transaction: each checks the treaty
/// rules, changes the documents, keeps the importing country's running totals, records the
/// history, and drops events in the inboxes of the CNAs concerned.
struct DocumentLedger {
    let transaction: any LedgerTransaction
    let account: Account
    let moment: Moment
    let sealKey: SealKey
    let references: ReferenceCache
    let oversight: OversightSettings
    let contents: any DocumentContentCodec

    init(_ transaction: any LedgerTransaction, account: Account, moment: Moment, exchange: Exchange) {
        self.transaction = transaction
        self.account = account
        self.moment = moment
        self.sealKey = exchange.sealKey
        self.references = exchange.references
        self.oversight = exchange.oversight
        self.contents = exchange.contents
    }

    static let board = "BOARD"

    var preparation: DocumentPreparation {
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

    func saveDraft(_ content: ImportAuthorizationInput) throws -> StoredDocument {
        let prepared = try self.preparation.importAuthorization(content)
        let bytes = try self.contents.content(
            of: prepared.ia,
            signer: ""
        )
        if try self.transaction.document(prepared.ia.key)?.body.status == ImportAuthorization.Status.draft.rawValue {
            try self.transaction.deleteDraft(prepared.ia.key)
        }
        let stored = try self.transaction.insert(
            StoredDocument(body: .importAuthorization(prepared.ia), content: bytes, seal: Data(), annotations: .init())
        )
        try self.history(stored, "drafted")
        return stored
    }

    /// Issues an IA: from its content or a draft, or as the amendment of `superseded`, whose EAs
    /// it takes over (`carried`: what they add up to).
    func issueImport(
        _ content: ImportAuthorizationInput,
        draftNumber: String,
        overrideJustification: String,
        supersedes superseded: StoredDocument? = nil,
        carried: ExportTotals? = nil
    ) throws -> StoredDocument {
        var content = content
        if !draftNumber.isEmpty {
            let key = DocumentKey(authority: self.account.authority, number: draftNumber)
            guard let draft = try self.transaction.document(key), draft.body.status == "draft" else {
                throw ExchangeError(
                    "draft_not_found",
                    "your CNA has no draft \(draftNumber)"
                )
            }
            content = try self.contents.importInput(fromDraft: draft.content)
            try self.transaction.deleteDraft(key)
        } else if try self.transaction.document(self.ownKey(content.number))?.body.status == "draft" {
            // Issuing the number of one's own draft issues this content in its place.
            try self.transaction.deleteDraft(self.ownKey(content.number))
        }
        let preparation = try self.preparation
        var prepared = try preparation.importAuthorization(content, supersedes: superseded?.key.number)
        let override = try Self.accept(prepared.problems, justification: overrideJustification)
        try prepared.ia.issue(on: self.moment.day)
        let totals = try Self.carry(carried, from: superseded, to: prepared.ia)
        if totals.activeExports > 0 {
            try prepared.ia.exportsChanged(
                committed: totals.committed.map(Quantity.init(milligrams:)),
                exportCount: totals.activeExports
            )
        }
        var notes = DocumentAnnotations()
        notes.issuedOn = self.moment.day
        notes.overrideJustification = override ?? ""
        notes.counterpartAuthority =
            preparation.reference.counterpart(in: prepared.ia.exportingCountry, for: prepared.ia.lines) ?? ""
        notes.exports = totals
        let sealed = try self.contents.content(
            of: prepared.ia,
            signer: self.account.name
        )
        let stored = try self.insertSealed(.importAuthorization(prepared.ia), content: sealed, notes)
        try self.applyUsage(UsageKey.contribution(of: prepared.ia, notes.exports!))
        try self.announceIssue(
            stored,
            event: "ia_received",
            summary: "import authorization \(prepared.ia.number) from \(prepared.ia.importingCountry)",
            override: override
        )
        return stored
    }

    private func ownKey(_ number: String) -> DocumentKey {
        DocumentKey(authority: self.account.authority, number: number)
    }

    /// A new IA superseding one of the caller's issued IAs (issued documents are never edited).
    /// It takes over the EAs issued against the old one: what they exported, endorsed or still
    /// hold counts against the new quantity, and the balance counts each kilogram once.
    func amendImport(
        _ content: ImportAuthorizationInput,
        draftNumber: String,
        overrideJustification: String
    ) throws -> StoredDocument {
        guard draftNumber.isEmpty else {
            throw ExchangeError("draft_in_amendment", "an amendment gives its content, not a draft number")
        }
        let oldKey = DocumentKey(authority: self.account.authority, number: content.supersedes)
        guard let old = try self.transaction.document(oldKey), old.importAuthorization != nil else {
            throw ExchangeError(
                "document_not_found",
                "your CNA has no import authorization \(oldKey.number) to amend"
            )
        }
        let newNumber = content.number
        let carried = old.annotations.exports ?? ExportTotals(lines: old.importAuthorization!.lines.count)
        let superseded = try self.changeImport(oldKey) { ia in
            _ = ia.expireIfDue(on: self.moment.day)
            try ia.supersede(by: newNumber)
        }
        let stored = try self.issueImport(
            content,
            draftNumber: "",
            overrideJustification: overrideJustification,
            supersedes: superseded,
            carried: carried
        )
        try self.history(superseded, "superseded", detail: "by \(newNumber)")
        try self.notify(
            superseded.annotations.counterpartAuthority,
            "superseded",
            superseded,
            "superseded by \(newNumber)"
        )
        return stored
    }

    /// What an amendment starts from: the old IA's export totals when EAs were issued against it
    /// (its lines then stay the same substances and forms, in order, and none falls below what
    /// its EAs commit), or nothing.
    static func carry(
        _ carried: ExportTotals?,
        from superseded: StoredDocument?,
        to ia: ImportAuthorization
    ) throws -> ExportTotals {
        guard let carried, carried.activeExports > 0, let old = superseded?.importAuthorization else {
            return ExportTotals(lines: ia.lines.count)
        }
        guard ia.lines.count == old.lines.count,
            zip(ia.lines, old.lines).allSatisfy({ $0.substance == $1.substance && $0.form == $1.form })
        else {
            throw ExchangeError(
                "amendment_changes_lines",
                "export authorizations were issued against \(old.number): its amendment keeps its lines (the same substances and forms, in order) and may change their quantities"
            )
        }
        for (index, line) in ia.lines.enumerated() where line.base.milligrams < carried.committed[index] {
            let committed = Quantity(milligrams: carried.committed[index])
            throw ExchangeError(
                "amendment_below_exported",
                "line \(index + 1): \(line.base) of base is less than the \(committed) its export authorizations already commit",
                facts: [
                    "line": .number(index + 1), "requested": .quantity(line.base), "committed": .quantity(committed),
                ]
            )
        }
        return carried
    }

    // MARK: Export authorizations

    func issueExport(
        _ content: ExportAuthorizationInput,
        overrideJustification: String,
        emergencyJustification: String
    ) throws -> StoredDocument {
        let preparation = try self.preparation
        let prepared = try preparation.exportAuthorization(content)
        if let missing = Custody.missingJustification(of: prepared.ea, emergencyJustification: emergencyJustification) {
            throw missing
        }
        let override = try Self.accept(prepared.problems, justification: overrideJustification)
        var notes = DocumentAnnotations()
        notes.issuedOn = self.moment.day
        notes.overrideJustification = override ?? ""
        notes.emergencyJustification = prepared.ea.isEmergency ? emergencyJustification : ""
        if let ia = prepared.ia {
            // A paper IA's issuer is not on the exchange: nobody here receives the EA.
            notes.counterpartAuthority = ia.annotations.isPaper ? "" : ia.key.authority
            try self.exportChanged(citing: ia.key, from: nil, to: prepared.ea, loaded: ia)
        } else {
            notes.counterpartAuthority =
                preparation.reference.counterpart(in: prepared.ea.importingCountry, for: prepared.ea.lines) ?? ""
        }
        let sealed = try self.contents.content(
            of: prepared.ea,
            exporter: prepared.exporter,
            importer: prepared.importer,
            issuedOn: self.moment.day,
            route: prepared.route,
            signer: self.account.name
        )
        let stored = try self.insertSealed(.exportAuthorization(prepared.ea), content: sealed, notes)
        try self.announceIssue(
            stored,
            event: "ea_received",
            summary: "export authorization \(prepared.ea.number) from \(prepared.ea.exportingCountry)",
            override: override
        )
        if prepared.ea.isEmergency {
            try self.notify(Self.board, "emergency_export", stored, emergencyJustification)
        }
        return stored
    }

    /// A short export: the quantity actually exported (art. 31(8)), by the EA's issuer.
    func recordExported(number: String, exported: [Int64]) throws -> StoredDocument {
        let key = DocumentKey(authority: self.account.authority, number: number)
        return try self.changeExport(key, action: "exported_recorded") { ea in
            try ea.recordExported(exported.map(Quantity.init(milligrams:)))
        } annotate: {
            $0.exportedOn = self.moment.day
        }
    }

    /// The importing CNA endorses an EA with the quantity actually imported (zero allowed).
    func endorse(_ key: DocumentKey, imported: [Int64], scan: Data, scanMediaType: String) throws -> StoredDocument {
        guard let document = try self.transaction.document(key), document.exportAuthorization != nil,
            self.account.maySee(document)
        else { throw ExchangeError.documentNotFound(key) }
        let endorsement = try Custody.endorsement(
            of: Custody.EndorsementParties(
                issuer: key.authority,
                importingCountry: document.exportAuthorization?.importingCountry ?? "",
                counterpart: document.annotations.counterpartAuthority,
                recordedBy: document.annotations.recordedBy
            ),
            by: self.account.authority,
            of: self.account.country,
            number: key.number
        )
        let scan =
            endorsement == .fromPaperPartner ? try self.storeScan(scan, mediaType: scanMediaType) : nil
        let stored = try self.changeExport(key, action: "endorsed") { ea in
            _ = ea.expireIfDue(on: self.moment.day)
            try ea.endorse(imported: imported.map(Quantity.init(milligrams:)))
        } annotate: {
            $0.endorsedOn = self.moment.day
            $0.endorsementScanSHA256 = scan
        }
        try self.notify(key.authority, "endorsement_received", stored, "endorsed by \(self.account.authority)")
        if let ea = stored.exportAuthorization, let imported = ea.imported {
            let exported = ea.committed
            let lines = self.oversight.discrepancies(exported: exported, imported: imported)
            if !lines.isEmpty {
                let detail = lines.map { "line \($0 + 1): \(exported[$0]) exported, \(imported[$0]) endorsed" }
                try self.notify(Self.board, "endorsement_discrepancy", stored, detail.joined(separator: "; "))
            }
        }
        return stored
    }

    // MARK: Cancellation

    func cancel(authority: String, number: String, reason: String) throws -> StoredDocument {
        let reason = try InputCheck.text(reason, field: "reason", max: 1024)
        // Your own document, or (naming its foreign CNA) a paper document your CNA recorded.
        let key = DocumentKey(authority: authority.isEmpty ? self.account.authority : authority, number: number)
        guard let document = try self.transaction.document(key),
            key.authority == self.account.authority || document.annotations.recordedBy == self.account.authority
        else { throw ExchangeError.documentNotFound(key) }
        let cancelled: StoredDocument
        switch document.body {
        case .importAuthorization(var ia) where ia.status == .draft:
            try self.transaction.deleteDraft(key)
            try ia.cancel(reason: reason)
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

    // MARK: Records

    func insertSealed(
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
    /// justified; returns the justification when such an override is recorded.
    static func accept(_ problems: [ExchangeError], justification: String) throws -> String? {
        let justified = !justification.trimmingCharacters(in: .whitespaces).isEmpty
        let blocking = problems.filter { !(justified && $0.reason.isOverridable) }
        guard blocking.isEmpty else { throw ExchangeError(firstOf: blocking) }
        guard justification.utf8.count <= 2048 else {
            throw ExchangeError("field_too_long", "override_justification is longer than 2048 bytes")
        }
        return justified && !problems.isEmpty ? justification : nil
    }

    /// Records an issue in the history and tells the counterpart CNA (`event`), and the Board
    /// of an override.
    func announceIssue(_ stored: StoredDocument, event: String, summary: String, override: String?) throws {
        try self.history(stored, "issued", detail: override.map { "override: \($0)" } ?? "")
        try self.notify(stored.annotations.counterpartAuthority, event, stored, summary)
        if let override { try self.notify(Self.board, "override_recorded", stored, override) }
    }
}

extension ImportAuthorization {
    var key: DocumentKey { DocumentKey(authority: self.authority, number: self.number) }
}
