import Testing

@testable import LicitModel

/// The running totals the exchange keeps per IA must give exactly what recomputing from every
/// EA gives (``Balance/compute``), whatever happens to the EAs.
@Suite("Export totals")
struct ExportTotalsTests {
    typealias F = Fixtures

    /// Applies `steps` to EAs against `ia`, checking totals against a full recomputation after each.
    @Test("totals match a recomputation from every EA through issues, short exports, endorsements and cancellations")
    func matchesRecomputation() throws {
        let ia = try F.ia()
        let base = ia.lines[0].base.milligrams  // 10 kg of morphine base
        var exports: [ExportAuthorization] = []
        var totals = ExportTotals(lines: 1)
        func check(_ step: String) {
            let expected = Balance.compute(
                country: "FR",
                substance: "MORPHINE",
                year: 2026,
                limit: nil,
                importAuthorizations: [ia],
                exportAuthorizations: exports
            )
            let usage = totals.usage(of: ia, substance: "MORPHINE")
            #expect(usage.authorizedNotUsed == expected.authorizedNotUsed.milligrams, "\(step)")
            #expect(usage.imported == expected.imported.milligrams, "\(step)")
            #expect(totals == ExportTotals(lines: 1, exports: exports), "\(step): incremental = from scratch")
        }
        func change(_ index: Int, _ body: (inout ExportAuthorization) throws -> Void) throws {
            let old = exports[index]
            try body(&exports[index])
            totals.replace(old, with: exports[index])
        }
        for (index, quantity) in [base / 4, base / 4, base / 10].enumerated() {
            let ea = F.ea(number: "EA-\(index)", against: ia, base: Quantity(milligrams: quantity))
            exports.append(ea)
            totals.replace(nil, with: ea)
            check("issue \(index)")
        }
        #expect(totals.activeExports == 3)
        #expect(totals.committed == [base / 4 * 2 + base / 10])
        try change(0) { try $0.recordExported([Quantity(milligrams: base / 5)]) }
        check("short export")
        try change(0) { try $0.endorse(imported: [Quantity(milligrams: base / 6)]) }
        check("endorsement below exported")
        try change(1) { try $0.endorse(imported: [.zero]) }
        check("zero endorsement")
        try change(2) { try $0.cancel(reason: "withdrawn") }
        check("cancellation")
        #expect(totals.activeExports == 2)
        #expect(totals.firstActive == "EA-0")
        #expect(totals.outstanding == [0])
        #expect(totals.imported == [base / 6])
    }

    @Test("a single-consignment IA used by its export is usable again once that export is cancelled")
    func reopenedByCancellation() throws {
        var ia = try F.ia(consignments: .single)
        var ea = F.ea(against: ia, base: .grams(1))
        var totals = ExportTotals(lines: 1)
        totals.replace(nil, with: ea)
        try ia.exportsChanged(committed: totals.committedQuantities, exportCount: totals.activeExports)
        #expect(ia.status == .used)
        let issued = ea
        try ea.cancel(reason: "shipment abandoned")
        totals.replace(issued, with: ea)
        try ia.exportsChanged(committed: totals.committedQuantities, exportCount: totals.activeExports)
        #expect(ia.status == .issued)
        #expect(totals.firstActive == nil)
    }
}

extension ExportTotals {
    var committedQuantities: [Quantity] { self.committed.map(Quantity.init(milligrams:)) }
}
