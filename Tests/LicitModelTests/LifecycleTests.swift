import LicitModel
import Testing

@Suite("Import authorization lifecycle")
struct ImportLifecycleTests {
    typealias F = Fixtures
    typealias Status = ImportAuthorization.Status

    /// An IA brought to `status` by the lifecycle itself.
    static func ia(
        in status: Status,
        consignments: ImportAuthorization.Consignments = .multiple
    ) throws -> ImportAuthorization {
        var ia = try F.ia(consignments: consignments, issued: false)
        switch status {
        case .draft: break
        case .issued: try ia.issue(on: F.jan1)
        case .partlyUsed:
            try ia.issue(on: F.jan1)
            try ia.exportsChanged(committed: [.kilograms(1)], exportCount: 1)
        case .used:
            try ia.issue(on: F.jan1)
            try ia.exportsChanged(committed: [ia.lines[0].base], exportCount: 1)
        case .expired:
            try ia.issue(on: F.jan1)
            _ = ia.expireIfDue(on: F.jun30.adding(days: 1))
        case .cancelled: try ia.cancel(reason: "test")
        case .superseded:
            try ia.issue(on: F.jan1)
            try ia.supersede(by: "FR-IA-2")
        }
        #expect(ia.status == status)
        return ia
    }

    enum Action: String, CaseIterable, Sendable {
        case issue, export, cancel, supersede
    }

    /// Which actions each status allows: everything else is refused with invalid_transition.
    static let allowed: [Status: Set<Action>] = [
        .draft: [.issue, .cancel],
        .issued: [.export, .cancel, .supersede],
        .partlyUsed: [.export, .cancel, .supersede],
        // A used IA takes its exports' changes: one cancelled or found short makes room again.
        .used: [.export],
        .expired: [], .cancelled: [], .superseded: [],
    ]

    @Test(
        "every status × action: allowed ones succeed, the rest are refused",
        arguments: Status.allCases,
        Action.allCases
    )
    func transitions(status: Status, action: Action) throws {
        var ia = try Self.ia(in: status)
        let attempt: () throws -> Void = {
            switch action {
            case .issue: try ia.issue(on: F.jan1)
            case .export: try ia.exportsChanged(committed: [.kilograms(1)], exportCount: 1)
            case .cancel: try ia.cancel(reason: "test")
            case .supersede: try ia.supersede(by: "FR-IA-3")
            }
        }
        if Self.allowed[status]!.contains(action) {
            try attempt()
        } else {
            let error = #expect(throws: ExchangeError.self) { try attempt() }
            #expect(error?.reason == .invalidTransition)
            #expect(ia.status == status, "a refused transition changes nothing")
        }
    }

    @Test("usage: partly used below the authorized base, used at it; a single consignment is used by one export")
    func usage() throws {
        var ia = try Self.ia(in: .issued)
        let base = ia.lines[0].base
        try ia.exportsChanged(committed: [Quantity(milligrams: base.milligrams - 1)], exportCount: 1)
        #expect(ia.status == .partlyUsed)
        try ia.exportsChanged(committed: [base], exportCount: 2)
        #expect(ia.status == .used)
        var single = try Self.ia(in: .issued, consignments: .single)
        try single.exportsChanged(committed: [.kilograms(1)], exportCount: 1)
        #expect(single.status == .used)
    }

    @Test("expiry happens the day after the import period, not on its last day")
    func expiry() throws {
        var ia = try Self.ia(in: .issued)
        let onLastDay = ia.expireIfDue(on: F.jun30)
        #expect(!onLastDay)
        #expect(ia.status == .issued)
        let dayAfter = ia.expireIfDue(on: F.jun30.adding(days: 1))
        #expect(dayAfter)
        #expect(ia.status == .expired)
        var used = try Self.ia(in: .used)
        let usedExpired = used.expireIfDue(on: F.jun30.adding(days: 400))
        #expect(!usedExpired)
    }
}

@Suite("Export authorization lifecycle and endorsement")
struct ExportLifecycleTests {
    typealias F = Fixtures

    @Test("a short export is recorded up to the authorized quantity, not beyond")
    func shortExport() throws {
        var ea = F.ea(against: try F.ia(), base: .kilograms(5))
        #expect(throws: ExchangeError.self) {
            var copy = ea
            try copy.recordExported([Quantity(milligrams: 5_000_001)])
        }
        try ea.recordExported([.kilograms(5)])
        try ea.recordExported([.kilograms(4)])
        #expect(ea.committed == [.kilograms(4)])
    }

    @Test("an endorsement may be zero and may be less than exported, never more")
    func endorsement() throws {
        var ea = F.ea(against: try F.ia(), base: .kilograms(5))
        try ea.recordExported([.kilograms(4)])
        let tooMuch = ea
        let error = #expect(throws: ExchangeError.self) {
            var copy = tooMuch
            try copy.endorse(imported: [Quantity(milligrams: 4_000_001)])
        }
        #expect(error?.reason == .endorsementTooLarge)
        var zero = ea
        try zero.endorse(imported: [.zero])
        #expect(zero.status == .endorsed)
        try ea.endorse(imported: [Quantity(milligrams: 3_999_000)])
        #expect(ea.imported == [Quantity(milligrams: 3_999_000)])
        let endorsed = ea
        #expect(throws: ExchangeError.self) {
            var copy = endorsed
            try copy.endorse(imported: [.zero])
        }
    }

    @Test(
        "the endorsement is due at the end of the import period and overdue from the next day; an expired EA can still be endorsed"
    )
    func overdue() throws {
        var ea = F.ea(against: try F.ia(), base: .kilograms(5))
        #expect(!ea.endorsementOverdue(on: F.jun30))
        #expect(ea.endorsementOverdue(on: F.jun30.adding(days: 1)))
        let expired = ea.expireIfDue(on: F.jun30.adding(days: 1))
        #expect(expired)
        try ea.endorse(imported: [.zero])
        #expect(!ea.endorsementOverdue(on: F.jun30.adding(days: 30)))
    }

    @Test("only an issued EA can be cancelled")
    func cancel() throws {
        var ea = F.ea(against: try F.ia(), base: .kilograms(5))
        try ea.endorse(imported: [.kilograms(5)])
        let endorsed = ea
        #expect(throws: ExchangeError.self) {
            var copy = endorsed
            try copy.cancel(reason: "late")
        }
    }
}

@Suite("Balances")
struct BalanceTests {
    typealias F = Fixtures

    @Test("figures after IAs, EAs, a short export, endorsements, a cancellation and a supplementary estimate")
    func sequence() throws {
        // Estimate 20 kg, then a supplementary 5 kg.
        let allowance = Allowance(
            country: "FR",
            substance: "MORPHINE",
            year: 2026,
            initial: .kilograms(20),
            supplementary: [.kilograms(5)]
        )
        #expect(allowance.total == .kilograms(25))
        let base = try F.line().base  // 10,000,182 mg
        let ia1 = try F.ia(number: "FR-IA-1")
        var ia2 = try F.ia(number: "FR-IA-2")
        let ia3 = try F.ia(number: "FR-IA-3")
        // IA-1: two EAs — 6 kg exported short at 5 kg and endorsed 4.9 kg; 3 kg not yet endorsed.
        var ea1 = F.ea(number: "IN-EA-1", against: ia1, base: .kilograms(6))
        try ea1.recordExported([.kilograms(5)])
        try ea1.endorse(imported: [Quantity(milligrams: 4_900_000)])
        let ea2 = F.ea(number: "IN-EA-2", against: ia1, base: .kilograms(3))
        // IA-2 cancelled: its remainder no longer counts. IA-3 untouched.
        try ia2.cancel(reason: "duplicate")
        // A cancelled EA against IA-3 counts for nothing.
        var ea3 = F.ea(number: "IN-EA-3", against: ia3, base: .kilograms(2))
        try ea3.cancel(reason: "wrong form")

        let balance = Balance.compute(
            country: "FR",
            substance: "MORPHINE",
            year: 2026,
            limit: allowance.total,
            importAuthorizations: [ia1, ia2, ia3],
            exportAuthorizations: [ea1, ea2, ea3]
        )
        // Outstanding: IA-1 remainder (base − 5 kg − 3 kg) + EA-2's 3 kg + IA-3's whole base.
        let iaOneRemainder = base.milligrams - 5_000_000 - 3_000_000
        #expect(balance.authorizedNotUsed == Quantity(milligrams: iaOneRemainder + 3_000_000 + base.milligrams))
        #expect(balance.imported == Quantity(milligrams: 4_900_000))
        #expect(
            balance.remaining
                == Quantity(milligrams: 25_000_000 - 4_900_000 - (iaOneRemainder + 3_000_000 + base.milligrams))
        )
        #expect(balance.facts["imported"] == .quantity(Quantity(milligrams: 4_900_000)))
    }

    @Test(
        "another country's, another year's and another substance's documents do not count",
        arguments: [("DE", "MORPHINE", 2026), ("FR", "MORPHINE", 2027), ("FR", "CODEINE", 2026)]
    )
    func scope(country: String, substance: String, year: Int) throws {
        let balance = Balance.compute(
            country: country,
            substance: substance,
            year: year,
            limit: .kilograms(1),
            importAuthorizations: [try F.ia()],
            exportAuthorizations: []
        )
        #expect(balance.authorizedNotUsed == .zero)
    }

    @Test("the IA itself counts for its own country, substance and year")
    func inScope() throws {
        let ia = try F.ia()
        let balance = Balance.compute(
            country: "FR",
            substance: "MORPHINE",
            year: 2026,
            limit: .kilograms(1),
            importAuthorizations: [ia],
            exportAuthorizations: []
        )
        #expect(balance.authorizedNotUsed == ia.lines[0].base)
    }
}
