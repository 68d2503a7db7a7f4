/// The checks the exchange makes before it accepts a document (docs/ARCHITECTURE.md §1). Each returns every
/// problem found, so that a validate call can show them all at once.
public enum TreatyRules {
    /// What the exchange knows about the importing country when a document concerns it.
    public struct ImportingCountry: Sendable {
        public let code: String
        /// 1971 art. 13 prohibitions notified by the country (substance codes).
        public let prohibited: Set<String>
        /// The country's balance per substance for the year concerned.
        public let balances: [String: Balance]
        /// Whether whoever asks may learn the country's running totals (imported, authorized and
        /// not used, what remains): its own CNA and the Board. Another country's CNA learns the
        /// estimate or assessment (the Board publishes them) and whether its document fits.
        public let disclosesTotals: Bool

        public init(
            code: String,
            prohibited: Set<String> = [],
            balances: [String: Balance] = [:],
            disclosesTotals: Bool = true
        ) {
            self.code = code
            self.prohibited = prohibited
            self.balances = balances
            self.disclosesTotals = disclosesTotals
        }
    }

    /// Checks an IA the importing CNA is about to issue on `day`.
    public static func problemsIssuing(
        _ ia: ImportAuthorization,
        on day: Day,
        catalogue: [String: Substance],
        country: ImportingCountry
    ) -> [ExchangeError] {
        var problems: [ExchangeError] = []
        if ia.status != .draft {
            problems.append(
                ExchangeError(
                    .invalidTransition,
                    "import authorization \(ia.number) is \(ia.status.rawValue), not a draft"
                )
            )
        }
        if day > ia.period.last {
            problems.append(
                ExchangeError(
                    .iaExpired,
                    "the import period ended on \(ia.period.last)",
                    facts: ["expired_on": .day(ia.period.last)]
                )
            )
        }
        for (substance, base) in Self.totals(ia.lines) {
            guard let entry = catalogue[substance] else { continue }
            if !entry.requiresAuthorization {
                problems.append(
                    ExchangeError(.notControlled, "\(entry.name) in its schedules needs no import authorization")
                )
            }
            // A country that notified a prohibition under 1971 art. 13 does not authorize the import itself.
            problems += Self.prohibitionProblems(entry, country)
            problems += Self.allowanceProblems(
                base,
                of: entry,
                balance: country.balances[substance],
                headroom: .zero,
                disclosed: country.disclosesTotals
            )
        }
        return problems
    }

    /// Checks an EA the exporting CNA is about to issue on `day` against `ia` (nil: not found),
    /// given the EAs already issued against it.
    public static func problemsIssuing(
        _ ea: ExportAuthorization,
        against ia: ImportAuthorization?,
        existing: [ExportAuthorization],
        on day: Day,
        catalogue: [String: Substance],
        country: ImportingCountry
    ) -> [ExchangeError] {
        Self.problemsIssuing(
            ea,
            against: ia,
            totals: ExportTotals(lines: ia?.lines.count ?? 0, exports: existing),
            on: day,
            catalogue: catalogue,
            country: country
        )
    }

    /// Checks an EA against `ia` given what the EAs already issued against it add up to.
    public static func problemsIssuing(
        _ ea: ExportAuthorization,
        against ia: ImportAuthorization?,
        totals: ExportTotals,
        on day: Day,
        catalogue: [String: Substance],
        country: ImportingCountry
    ) -> [ExchangeError] {
        guard let ia else {
            return [
                ExchangeError(
                    .iaNotUsable,
                    "no import authorization \(ea.importAuthorization?.number ?? "") of \(ea.importAuthorization?.authority ?? "") is known to the exchange",
                    facts: ["ia": .text(ea.importAuthorization?.number ?? "")]
                )
            ]
        }
        var problems = Self.citationProblems(ea, ia, on: day)
        if ia.consignments == .single, totals.activeExports > 0 {
            problems.append(
                ExchangeError(
                    .singleConsignmentUsed,
                    "import authorization \(ia.number) allows one consignment, and \(totals.firstActive.map { "export authorization \($0)" } ?? "an export authorization") was issued against it"
                )
            )
        }
        problems += Self.lineProblems(ea, ia, totals: totals)
        for (substance, base) in Self.totals(ea.lines) {
            guard let entry = catalogue[substance] else { continue }
            problems += Self.destinationProblems(ea, ia, entry, country)
            // The IA's own unexported remainder already counts against the balance.
            let remainder = Self.iaRemainder(ia, substance: substance, totals: totals)
            problems += Self.allowanceProblems(
                base,
                of: entry,
                balance: country.balances[substance],
                headroom: remainder,
                disclosed: country.disclosesTotals
            )
        }
        return problems
    }

    /// Checks an emergency export (without an IA or estimate, docs/ARCHITECTURE.md §1.10): the importing
    /// country's art. 13 prohibitions and the bonded-warehouse rule still hold.
    public static func problemsIssuingEmergency(
        _ ea: ExportAuthorization,
        catalogue: [String: Substance],
        country: ImportingCountry
    ) -> [ExchangeError] {
        Self.totals(ea.lines).flatMap { substance, _ -> [ExchangeError] in
            guard let entry = catalogue[substance] else { return [] }
            return Self.destinationProblems(ea, nil, entry, country)
        }
    }

    /// The importing country's prohibition of the substance, notified under 1971 art. 13.
    private static func prohibitionProblems(_ entry: Substance, _ country: ImportingCountry) -> [ExchangeError] {
        guard country.prohibited.contains(entry.code) else { return [] }
        return [
            ExchangeError(
                .importProhibited,
                "\(country.code) prohibits the import of \(entry.name) (1971 art. 13)",
                facts: ["country": .text(country.code), "substance": .text(entry.code)]
            )
        ]
    }

    /// The importing country's art. 13 prohibition, and the bonded-warehouse rule (1971 art. 12(3)(c)).
    private static func destinationProblems(
        _ ea: ExportAuthorization,
        _ ia: ImportAuthorization?,
        _ entry: Substance,
        _ country: ImportingCountry
    ) -> [ExchangeError] {
        var problems = Self.prohibitionProblems(entry, country)
        guard ea.toBondedWarehouse, entry.convention == .psychotropic1971 else { return problems }
        if entry.schedules.contains(1) {
            problems.append(
                ExchangeError(
                    .bondedWarehouseProhibited,
                    "Schedule I substances may not be exported to a bonded warehouse (1971 art. 12(3)(c))"
                )
            )
        } else if entry.schedules.contains(2), ia?.bondedWarehouseApproved != true {
            problems.append(
                ExchangeError(
                    .bondedWarehouseNotApproved,
                    "the import authorization does not certify approval of import into a bonded warehouse"
                )
            )
        }
        return problems
    }

    private static func citationProblems(
        _ ea: ExportAuthorization,
        _ ia: ImportAuthorization,
        on day: Day
    ) -> [ExchangeError] {
        var problems: [ExchangeError] = []
        if !ia.status.acceptsExports {
            let reason: ExchangeError.Reason = ia.status == .expired ? .iaExpired : .iaNotUsable
            problems.append(
                ExchangeError(
                    reason,
                    "import authorization \(ia.number) is \(ia.status.rawValue)",
                    facts: ia.status == .expired
                        ? ["status": .text(ia.status.rawValue), "expired_on": .day(ia.period.last)]
                        : ["status": .text(ia.status.rawValue)]
                )
            )
        } else if day > ia.period.last {
            problems.append(
                ExchangeError(
                    .iaExpired,
                    "import authorization \(ia.number) expired on \(ia.period.last)",
                    facts: ["expired_on": .day(ia.period.last)]
                )
            )
        }
        if ea.exportingCountry != ia.exportingCountry {
            problems.append(
                ExchangeError(
                    .wrongExportingCountry,
                    "import authorization \(ia.number) names \(ia.exportingCountry) as the exporting country, not \(ea.exportingCountry)"
                )
            )
        }
        if ea.importingCountry != ia.importingCountry {
            problems.append(
                ExchangeError(
                    .wrongImportingCountry,
                    "import authorization \(ia.number) is of \(ia.importingCountry), not \(ea.importingCountry)"
                )
            )
        }
        let citation = ExportAuthorization.Citation(
            number: ia.number,
            issuedOn: ia.issuedOn ?? ia.period.first,
            authority: ia.authority
        )
        if ea.importAuthorization != citation {
            problems.append(
                ExchangeError(
                    .citationMismatch,
                    "the export authorization must cite import authorization \(citation.number) of \(citation.issuedOn) by \(citation.authority)"
                )
            )
        }
        if !ia.period.contains(ea.period) {
            problems.append(
                ExchangeError(
                    .periodOutsideIA,
                    "the period \(ea.period) is not within the import authorization's \(ia.period)",
                    facts: [
                        "first": .day(ea.period.first), "last": .day(ea.period.last),
                        "ia_first": .day(ia.period.first), "ia_last": .day(ia.period.last),
                    ]
                )
            )
        }
        return problems
    }

    private static func lineProblems(
        _ ea: ExportAuthorization,
        _ ia: ImportAuthorization,
        totals: ExportTotals
    ) -> [ExchangeError] {
        guard ea.lines.count == ia.lines.count,
            zip(ea.lines, ia.lines).allSatisfy({ $0.substance == $1.substance && $0.form == $1.form })
        else {
            return [
                ExchangeError(
                    .substanceNotOnIA,
                    "the export authorization's lines must be the import authorization's substances and forms, in order"
                )
            ]
        }
        var problems: [ExchangeError] = []
        for (index, (line, authorized)) in zip(ea.lines, ia.lines).enumerated() {
            let used = totals.committed[index]
            let remaining = Quantity(milligrams: authorized.base.milligrams - used)
            if line.base > remaining {
                problems.append(
                    ExchangeError(
                        .overRemainingIA,
                        "line \(index + 1): \(line.base) of base exceeds the \(remaining) that remains of import authorization \(ia.number)",
                        facts: [
                            "line": .number(index + 1), "requested": .quantity(line.base),
                            "authorized": .quantity(authorized.base), "used": .quantity(Quantity(milligrams: used)),
                            "remaining": .quantity(remaining),
                        ]
                    )
                )
            }
        }
        return problems
    }

    private static func iaRemainder(
        _ ia: ImportAuthorization,
        substance: String,
        totals: ExportTotals
    ) -> Quantity {
        guard ia.status.acceptsExports else { return .zero }
        var remainder: Int64 = 0
        for (index, line) in ia.lines.enumerated() where line.substance == substance {
            let used = totals.committed[index]
            remainder += max(0, line.base.milligrams - used)
        }
        return Quantity(milligrams: remainder)
    }

    /// Whether `base` more of the substance fits the country's estimate or assessment, counting
    /// `headroom` already reserved for this very authorization. The running totals are stated
    /// only when `disclosed`; otherwise the refusal names the estimate alone.
    private static func allowanceProblems(
        _ base: Quantity,
        of substance: Substance,
        balance: Balance?,
        headroom: Quantity,
        disclosed: Bool
    ) -> [ExchangeError] {
        let isEstimate = substance.convention == .narcotic1961
        guard let balance, let remaining = balance.remaining else {
            guard isEstimate else { return [] }  // without an assessment, psychotropics are not limited here
            return [
                ExchangeError(
                    .noEstimate,
                    "no estimate of \(substance.name) is confirmed for this country and year",
                    facts: ["substance": .text(substance.code)]
                )
            ]
        }
        let available = remaining.milligrams + headroom.milligrams
        guard base.milligrams > available else { return [] }
        let kind = isEstimate ? "estimate" : "assessment"
        let limit = balance.limit.map { "\($0)" } ?? "none"
        guard disclosed else {
            return [
                ExchangeError(
                    isEstimate ? .overEstimate : .overAssessment,
                    "\(base) of \(substance.name) exceeds what remains of \(balance.country)'s \(kind) for \(balance.year) (\(limit) in all); its CNA and the Board see the figures",
                    facts: [
                        "country": .text(balance.country), "substance": .text(balance.substance),
                        "year": .number(balance.year), "limit": balance.limit.map { .quantity($0) } ?? .text("none"),
                        "requested": .quantity(base),
                    ]
                )
            ]
        }
        var facts = balance.facts
        facts["requested"] = .quantity(base)
        facts["available"] = .quantity(Quantity(milligrams: available))
        return [
            ExchangeError(
                isEstimate ? .overEstimate : .overAssessment,
                "\(base) of \(substance.name) exceeds the \(Quantity(milligrams: max(0, available))) left of \(balance.country)'s \(isEstimate ? "estimate" : "assessment") for \(balance.year) (\(balance.limit.map { "\($0)" } ?? "none") in all: \(balance.imported) imported, \(balance.authorizedNotUsed) authorized and not yet imported)",
                facts: facts
            )
        ]
    }

    /// Base quantity per substance over all lines.
    static func totals(_ lines: [AuthorizationLine]) -> [(String, Quantity)] {
        var totals: [String: Int64] = [:]
        for line in lines { totals[line.substance, default: 0] += line.base.milligrams }
        return totals.sorted { $0.key < $1.key }.map { ($0.key, Quantity(milligrams: $0.value)) }
    }
}
