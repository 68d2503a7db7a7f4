import Crypto
import Foundation
import LicitModel
import LicitStorage

/// An IA, the EAs citing it, and what they add to the importing country's balance: every
/// change to one of them goes through here, so that the IA's status, its export totals and the
/// country's running totals move together.
extension DocumentLedger {
    /// Changes an IA, keeping its status and the importing country's totals in step.
    @discardableResult
    func changeImport(_ key: DocumentKey, _ change: (inout ImportAuthorization) throws -> Void) throws -> StoredDocument
    {
        guard var document = try self.transaction.document(key), var ia = document.importAuthorization else {
            throw ExchangeError.documentNotFound(key)
        }
        let totals = document.annotations.exports ?? ExportTotals(lines: ia.lines.count)
        let before = UsageKey.contribution(of: ia, totals)
        try change(&ia)
        return try self.settle(&document, ia, totals, before: before)
    }

    /// Accounts for one EA changing (from nil: newly issued) in the totals of the IA it cites
    /// (`loaded`, when the caller has just read it) — or of the amendment that took it over.
    func exportChanged(
        citing key: DocumentKey,
        from old: ExportAuthorization?,
        to new: ExportAuthorization,
        loaded: StoredDocument? = nil
    ) throws {
        guard var document = try loaded ?? self.currentImport(key), let ia = document.importAuthorization else {
            throw ExchangeError.documentNotFound(key)
        }
        var totals = document.annotations.exports ?? ExportTotals(lines: ia.lines.count)
        let before = UsageKey.contribution(of: ia, totals)
        totals.replace(old, with: new)
        try self.settle(&document, ia, totals, before: before)
    }

    /// Stores an IA with its export totals: issued → partly used → used as they grow, and the
    /// importing country's totals moved by the difference.
    @discardableResult
    func settle(
        _ document: inout StoredDocument,
        _ ia: ImportAuthorization,
        _ totals: ExportTotals,
        before: [UsageKey: Usage]
    ) throws -> StoredDocument {
        var ia = ia
        if ia.status.acceptsExports || ia.status == .used {
            try ia.exportsChanged(
                committed: totals.committed.map(Quantity.init(milligrams:)),
                exportCount: totals.activeExports
            )
            // Back to accepting exports (one was cancelled or short) after its period: expired now,
            // not at the next sweep, so that its remainder stops counting at once.
            _ = ia.expireIfDue(on: self.moment.day)
        }
        document.body = .importAuthorization(ia)
        document.annotations.exports = totals
        try self.transaction.update(document)
        var delta = UsageKey.contribution(of: ia, totals)
        for (key, usage) in before { delta[key] = (delta[key] ?? .zero) + -usage }
        try self.applyUsage(delta)
        return document
    }

    /// Changes one EA, and its IA's totals when it cites one.
    func changeExport(
        _ key: DocumentKey,
        action: String?,
        _ change: (inout ExportAuthorization) throws -> Void,
        annotate: (inout DocumentAnnotations) -> Void = { _ in }
    ) throws -> StoredDocument {
        guard var document = try self.transaction.document(key), var ea = document.exportAuthorization else {
            throw ExchangeError.documentNotFound(key)
        }
        let old = ea
        try change(&ea)
        if let cited = document.citedKey {
            try self.exportChanged(citing: cited, from: old, to: ea)
        } else if let year = document.annotations.issuedOn?.year {
            // An emergency export has no IA to count in: what it brought in still counts as imported.
            var delta = UsageKey.contribution(ofEmergency: ea, year: year)
            for (key, usage) in UsageKey.contribution(ofEmergency: old, year: year) {
                delta[key] = (delta[key] ?? .zero) + -usage
            }
            try self.applyUsage(delta)
        }
        document.body = .exportAuthorization(ea)
        annotate(&document.annotations)
        try self.transaction.update(document)
        if let action { try self.history(document, action) }
        return document
    }

    /// The IA `key`, or the amendment that superseded it (and so on): the one whose totals count
    /// the EAs citing it.
    func currentImport(_ key: DocumentKey) throws -> StoredDocument? {
        var document = try self.transaction.document(key)
        for _ in 0..<1_000 {
            guard let ia = document?.importAuthorization, ia.status == .superseded, let next = ia.supersededBy else {
                return document
            }
            document = try self.transaction.document(DocumentKey(authority: ia.authority, number: next))
        }
        return document
    }

    func applyUsage(_ delta: [UsageKey: Usage]) throws {
        for (key, usage) in delta where !usage.isZero { try self.transaction.adjustUsage(key, by: usage) }
    }
}
