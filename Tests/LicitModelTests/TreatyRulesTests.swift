import LicitModel
import Testing

/// Every rule of docs/ARCHITECTURE.md §1 accepted at its boundary and refused just past it.
@Suite("Treaty rules for export authorizations")
struct ExportRulesTests {
    typealias F = Fixtures

    static func problems(
        _ ea: ExportAuthorization,
        against ia: ImportAuthorization?,
        existing: [ExportAuthorization] = [],
        on day: Day = Fixtures.jan1,
        prohibited: Set<String> = [],
        balance: Balance? = Fixtures.balance(limit: .kilograms(100))
    ) -> [String] {
        let country = TreatyRules.ImportingCountry(
            code: "FR",
            prohibited: prohibited,
            balances: balance.map { ["MORPHINE": $0] } ?? [:]
        )
        return TreatyRules.problemsIssuing(
            ea,
            against: ia,
            existing: existing,
            on: day,
            catalogue: F.catalogue,
            country: country
        )
        .map(\.reason.code)
    }

    @Test("quantity: exactly what remains of the IA is accepted; one milligram more is refused with the figures")
    func remainingOfIA() throws {
        let ia = try F.ia()
        let authorized = ia.lines[0].base
        #expect(Self.problems(F.ea(against: ia, base: authorized), against: ia).isEmpty)
        let over = F.ea(against: ia, base: Quantity(milligrams: authorized.milligrams + 1))
        #expect(Self.problems(over, against: ia) == ["over_remaining_ia"])
        // With 4 kg already exported against it, 4 kg + remaining is the new boundary.
        let first = F.ea(number: "IN-EA-0", against: ia, base: .kilograms(4))
        let rest = Quantity(milligrams: authorized.milligrams - 4_000_000)
        #expect(Self.problems(F.ea(against: ia, base: rest), against: ia, existing: [first]).isEmpty)
        #expect(
            Self.problems(
                F.ea(against: ia, base: Quantity(milligrams: rest.milligrams + 1)),
                against: ia,
                existing: [first]
            )
                == ["over_remaining_ia"]
        )
    }

    @Test("a short export returns the unexported remainder to the IA; a cancelled EA frees all of it")
    func shortAndCancelled() throws {
        let ia = try F.ia()
        let authorized = ia.lines[0].base
        var short = F.ea(number: "IN-EA-0", against: ia, base: .kilograms(6))
        try short.recordExported([.kilograms(5)])
        let rest = Quantity(milligrams: authorized.milligrams - 5_000_000)
        #expect(Self.problems(F.ea(against: ia, base: rest), against: ia, existing: [short]).isEmpty)
        var cancelled = F.ea(number: "IN-EA-0", against: ia, base: .kilograms(6))
        try cancelled.cancel(reason: "wrong exporter")
        #expect(Self.problems(F.ea(against: ia, base: authorized), against: ia, existing: [cancelled]).isEmpty)
    }

    @Test("period: the IA's own period is accepted; a day beyond it either way is refused")
    func period() throws {
        let ia = try F.ia()
        #expect(Self.problems(F.ea(against: ia, base: .kilograms(1), period: ia.period), against: ia).isEmpty)
        let late = Period(from: F.jan1, through: F.jun30.adding(days: 1))!
        #expect(
            Self.problems(F.ea(against: ia, base: .kilograms(1), period: late), against: ia) == ["period_outside_ia"]
        )
        let early = Period(from: F.jan1.adding(days: -1), through: F.jun30)!
        #expect(
            Self.problems(F.ea(against: ia, base: .kilograms(1), period: early), against: ia) == ["period_outside_ia"]
        )
    }

    @Test("validity: an EA may be issued on the IA's last day, not the day after")
    func expiry() throws {
        let ia = try F.ia()
        #expect(Self.problems(F.ea(against: ia, base: .kilograms(1)), against: ia, on: F.jun30).isEmpty)
        #expect(
            Self.problems(F.ea(against: ia, base: .kilograms(1)), against: ia, on: F.jun30.adding(days: 1)) == [
                "ia_expired"
            ]
        )
        var expired = ia
        let didExpire = expired.expireIfDue(on: F.jun30.adding(days: 1))
        #expect(didExpire)
        #expect(expired.status == .expired)
        #expect(Self.problems(F.ea(against: expired, base: .kilograms(1)), against: expired) == ["ia_expired"])
    }

    @Test("an IA that is cancelled, superseded, a draft or missing cannot be exported against")
    func unusableIA() throws {
        var cancelled = try F.ia()
        try cancelled.cancel(reason: "error in the importer's address")
        #expect(Self.problems(F.ea(against: cancelled, base: .kilograms(1)), against: cancelled) == ["ia_not_usable"])
        var superseded = try F.ia()
        try superseded.supersede(by: "FR-IA-2")
        #expect(Self.problems(F.ea(against: superseded, base: .kilograms(1)), against: superseded) == ["ia_not_usable"])
        let draft = try F.ia(issued: false)
        #expect(Self.problems(F.ea(against: draft, base: .kilograms(1)), against: draft).contains("ia_not_usable"))
        #expect(Self.problems(F.ea(against: try F.ia(), base: .kilograms(1)), against: nil) == ["ia_not_usable"])
    }

    @Test("a single-consignment IA takes one EA; a multiple-consignment IA takes several")
    func consignments() throws {
        let single = try F.ia(consignments: .single)
        let first = F.ea(number: "IN-EA-0", against: single, base: .kilograms(2))
        #expect(
            Self.problems(F.ea(against: single, base: .kilograms(1)), against: single, existing: [first]) == [
                "single_consignment_used"
            ]
        )
        let multiple = try F.ia(consignments: .multiple)
        #expect(
            Self.problems(F.ea(against: multiple, base: .kilograms(1)), against: multiple, existing: [first]).isEmpty
        )
    }

    @Test("the EA must come from the country the IA names and cite the IA exactly")
    func countryAndCitation() throws {
        let ia = try F.ia()
        #expect(
            Self.problems(F.ea(against: ia, base: .kilograms(1), exportingCountry: "DE"), against: ia) == [
                "wrong_exporting_country"
            ]
        )
        let other = try F.ia(number: "FR-IA-9")  // the same authority, another number
        let miscited = F.ea(against: other, base: .kilograms(1))
        #expect(Self.problems(miscited, against: ia).contains("citation_mismatch"))
    }

    @Test("an export to a country that prohibits the substance (1971 art. 13) is refused")
    func prohibition() throws {
        let ia = try F.ia()
        #expect(
            Self.problems(F.ea(against: ia, base: .kilograms(1)), against: ia, prohibited: ["MORPHINE"]) == [
                "import_prohibited"
            ]
        )
        #expect(Self.problems(F.ea(against: ia, base: .kilograms(1)), against: ia, prohibited: ["CODEINE"]).isEmpty)
    }

    @Test(
        "bonded warehouses (1971 art. 12(3)(c)): Schedule I never; Schedule II only with the IA's approval",
        arguments: [
            ("METHYLPHENIDATE", false, false, [String]()),
            ("METHYLPHENIDATE", true, false, ["bonded_warehouse_not_approved"]),
            ("METHYLPHENIDATE", true, true, []),
            ("BUPRENORPHINE", true, false, []),
        ]
    )
    func bondedWarehouse(substance code: String, toBonded: Bool, approved: Bool, expected: [String]) throws {
        let substance = try #require(F.catalogue[code])
        let form = substance.forms[1]
        let line = try AuthorizationLine.converting(.grams(100), of: form.code, of: substance, on: F.jan1)
        let ia = try F.ia(lines: [line], bonded: approved)
        let ea = F.ea(against: ia, base: line.base, toBondedWarehouse: toBonded)
        #expect(Self.problems(ea, against: ia, balance: nil) == expected)
    }

    @Test("a Schedule I psychotropic may never go to a bonded warehouse, even with approval")
    func scheduleOneBonded() throws {
        let scheduleOne = Substance(
            code: "MDMA",
            name: "MDMA",
            convention: .psychotropic1971,
            schedules: [1],
            forms: [
                SubstanceForm(
                    code: "MDMA",
                    name: "mdma",
                    factors: [DatedFactor(factor: .base, effectiveFrom: F.jan1, source: .computed)]
                )
            ]
        )
        var catalogue = F.catalogue
        catalogue["MDMA"] = scheduleOne
        let line = try AuthorizationLine.converting(.grams(1), of: "MDMA", of: scheduleOne, on: F.jan1)
        let ia = try F.ia(lines: [line], bonded: true)
        let ea = F.ea(against: ia, base: line.base, toBondedWarehouse: true)
        let problems = TreatyRules.problemsIssuing(
            ea,
            against: ia,
            existing: [],
            on: F.jan1,
            catalogue: catalogue,
            country: .init(code: "FR")
        )
        #expect(problems.map(\.reason.code) == ["bonded_warehouse_prohibited"])
    }

    @Test(
        "estimates: an EA fitting what remains (counting its own IA's reserve) is accepted; one milligram more is refused with the figures"
    )
    func estimate() throws {
        let ia = try F.ia()
        let reserve = ia.lines[0].base  // the IA's unexported remainder, already in authorized-not-used
        // Estimate 30 kg: 12 kg imported, 18 kg authorized and not used — of which this IA's reserve.
        let balance = F.balance(limit: .kilograms(30), authorizedNotUsed: .kilograms(18), imported: .kilograms(12))
        #expect(balance.remaining == .zero)
        #expect(Self.problems(F.ea(against: ia, base: reserve), against: ia, balance: balance).isEmpty)
        let tight = F.balance(
            limit: Quantity(milligrams: 30_000_000 - 1),
            authorizedNotUsed: .kilograms(18),
            imported: .kilograms(12)
        )
        let country = TreatyRules.ImportingCountry(code: "FR", balances: ["MORPHINE": tight])
        let problems = TreatyRules.problemsIssuing(
            F.ea(against: ia, base: reserve),
            against: ia,
            existing: [],
            on: F.jan1,
            catalogue: F.catalogue,
            country: country
        )
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.reason == .overEstimate)
        #expect(problem.details["limit"] == "29999.999 g")
        #expect(problem.details["limit_mg"] == "29999999")
        #expect(problem.facts["limit"] == .quantity(Quantity(milligrams: 29_999_999)))
        #expect(problem.details["imported"] == "12 kg")
        #expect(problem.details["authorized_not_used"] == "18 kg")
        #expect(problem.details["requested"] == "\(reserve)")
    }

    @Test("no confirmed estimate for a narcotic drug refuses the export")
    func noEstimate() throws {
        let ia = try F.ia()
        #expect(Self.problems(F.ea(against: ia, base: .kilograms(1)), against: ia, balance: nil) == ["no_estimate"])
    }
}

@Suite("Treaty rules for import authorizations")
struct ImportRulesTests {
    typealias F = Fixtures

    static func problems(_ ia: ImportAuthorization, on day: Day = Fixtures.jan1, balance: Balance?) -> [String] {
        TreatyRules.problemsIssuing(
            ia,
            on: day,
            catalogue: F.catalogue,
            country: .init(code: "FR", balances: balance.map { ["MORPHINE": $0] } ?? [:])
        ).map(\.reason.code)
    }

    @Test("an IA fitting exactly what remains of the estimate is accepted; one milligram more is refused")
    func estimateBoundary() throws {
        let draft = try F.ia(issued: false)
        let base = draft.lines[0].base
        #expect(
            Self.problems(
                draft,
                balance: F.balance(limit: Quantity(milligrams: base.milligrams + 5_000_000), imported: .kilograms(5))
            ).isEmpty
        )
        #expect(
            Self.problems(
                draft,
                balance: F.balance(
                    limit: Quantity(milligrams: base.milligrams + 5_000_000 - 1),
                    imported: .kilograms(5)
                )
            )
                == ["over_estimate"]
        )
    }

    @Test("a country that prohibits a substance (1971 art. 13) does not authorize its import itself")
    func ownProhibition() throws {
        let draft = try F.ia(issued: false)
        let prohibiting = TreatyRules.ImportingCountry(
            code: "FR",
            prohibited: ["MORPHINE"],
            balances: ["MORPHINE": F.balance(limit: .kilograms(100))]
        )
        let problems = TreatyRules.problemsIssuing(draft, on: F.jan1, catalogue: F.catalogue, country: prohibiting)
        #expect(problems.map(\.reason.code) == ["import_prohibited"])
        #expect(Self.problems(draft, balance: F.balance(limit: .kilograms(100))).isEmpty)
    }

    @Test("an IA may be issued up to the last day of its import period, not after")
    func issueBoundary() throws {
        let balance = F.balance(limit: .kilograms(100))
        #expect(Self.problems(try F.ia(issued: false), on: F.jun30, balance: balance).isEmpty)
        #expect(Self.problems(try F.ia(issued: false), on: F.jun30.adding(days: 1), balance: balance) == ["ia_expired"])
        var draft = try F.ia(issued: false)
        let late = F.jun30.adding(days: 1)
        let error = #expect(throws: ExchangeError.self) {
            var copy = draft
            try copy.issue(on: late)
        }
        #expect(error?.reason == .iaExpired)
        #expect(error?.facts["expired_on"] == .day(F.jun30), "the date, typed")
        #expect(error?.details["expired_on"] == "2026-06-30", "and as ISO 8601 on the wire")
        try draft.issue(on: F.jun30)
        #expect(draft.status == .issued)
    }

    @Test("a Schedule III narcotic preparation needs no IA")
    func exemptPreparation() throws {
        let preparation = Substance(
            code: "CODEINE-PREP",
            name: "codeine preparation",
            convention: .narcotic1961,
            schedules: [3],
            forms: [
                SubstanceForm(
                    code: "CODEINE-PREP",
                    name: "x",
                    factors: [DatedFactor(factor: .base, effectiveFrom: F.jan1, source: .computed)]
                )
            ]
        )
        let line = try AuthorizationLine.converting(.grams(1), of: "CODEINE-PREP", of: preparation, on: F.jan1)
        let problems = TreatyRules.problemsIssuing(
            try F.ia(lines: [line], issued: false),
            on: F.jan1,
            catalogue: ["CODEINE-PREP": preparation],
            country: .init(code: "FR", balances: ["CODEINE-PREP": F.balance(limit: .kilograms(1))])
        )
        #expect(problems.map(\.reason.code) == ["authorization_not_required"])
    }
}
