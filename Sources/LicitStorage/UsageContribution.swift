import LicitModel

/// What documents add to their importing country's running totals: the one rule both the
/// exchange (which moves the totals by these differences) and `audit verify` (which recomputes
/// them from the documents) use.
extension UsageKey {
    /// What an IA and the EAs issued against it (their `totals`) add, per substance, in the year
    /// the IA was issued. Nothing for a draft, nor for a superseded IA: its amendment took over
    /// its EAs, and counts them.
    public static func contribution(of ia: ImportAuthorization, _ totals: ExportTotals) -> [UsageKey: Usage] {
        guard let year = ia.issuedOn?.year, ia.status != .superseded else { return [:] }
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

    /// What an EA without an IA (an emergency export) adds: the endorsed quantity, once
    /// endorsed, in the year it was issued.
    public static func contribution(ofEmergency ea: ExportAuthorization, year: Int) -> [UsageKey: Usage] {
        guard ea.status == .endorsed, let imported = ea.imported else { return [:] }
        var usages: [UsageKey: Usage] = [:]
        for (line, quantity) in zip(ea.lines, imported) {
            let key = UsageKey(country: ea.importingCountry, substance: line.substance, year: year)
            usages[key] = (usages[key] ?? .zero) + Usage(imported: quantity.milligrams)
        }
        return usages
    }
}

extension StoredDocument {
    /// What this stored document adds to the running totals on its own: an IA with its export
    /// totals, or an endorsed emergency export. EAs issued against an IA count through it.
    public var contribution: [UsageKey: Usage] {
        switch self.body {
        case .importAuthorization(let ia):
            return UsageKey.contribution(of: ia, self.annotations.exports ?? ExportTotals(lines: ia.lines.count))
        case .exportAuthorization(let ea):
            guard ea.isEmergency, let year = self.annotations.issuedOn?.year else { return [:] }
            return UsageKey.contribution(ofEmergency: ea, year: year)
        }
    }
}
