import LicitModel

/// A French import of morphine hydrochloride trihydrate from India, and the documents around it.
enum Fixtures {
    static let catalogue = Dictionary(uniqueKeysWithValues: ReferenceCatalogue.substances.map { ($0.code, $0) })
    static let morphine = catalogue["MORPHINE"]!
    static let jan1 = Day(iso: "2026-01-01")!
    static let jun30 = Day(iso: "2026-06-30")!
    static let importer = Trader(name: "Pharmacie Centrale", address: "1 rue de Lyon, Paris", country: "FR")
    static let exporter = Trader(name: "Ganga Alkaloids", address: "Ghazipur", country: "IN")

    /// 10 kg of morphine base, as 13.172 kg of hydrochloride trihydrate (factor 0.7592 → 10,000,182 mg).
    static func line(_ traded: Quantity = .grams(13_172)) throws -> AuthorizationLine {
        try AuthorizationLine.converting(
            traded,
            of: "MORPHINE-HYDROCHLORIDE-TRIHYDRATE",
            of: Self.morphine,
            on: Self.jan1
        )
    }

    static func ia(
        number: String = "FR-IA-1",
        consignments: ImportAuthorization.Consignments = .multiple,
        lines: [AuthorizationLine]? = nil,
        bonded: Bool = false,
        issued: Bool = true
    ) throws -> ImportAuthorization {
        var ia = ImportAuthorization(
            number: number,
            authority: "FR-ANSM",
            importingCountry: "FR",
            exportingCountry: "IN",
            importer: Self.importer,
            exporter: Self.exporter,
            lines: try lines ?? [Self.line()],
            period: Period(from: Self.jan1, through: Self.jun30)!,
            consignments: consignments,
            bondedWarehouseApproved: bonded
        )
        if issued { try ia.issue(on: Self.jan1) }
        return ia
    }

    static func ea(
        number: String = "IN-EA-1",
        against ia: ImportAuthorization,
        base: Quantity,
        period: Period? = nil,
        exportingCountry: String = "IN",
        toBondedWarehouse: Bool = false
    ) -> ExportAuthorization {
        let line = ia.lines[0]
        return ExportAuthorization(
            number: number,
            authority: "IN-NCB",
            exportingCountry: exportingCountry,
            importingCountry: ia.importingCountry,
            importAuthorization: .init(number: ia.number, issuedOn: ia.issuedOn ?? Self.jan1, authority: ia.authority),
            lines: [AuthorizationLine(substance: line.substance, form: line.form, traded: line.traded, base: base)],
            period: period ?? ia.period,
            toBondedWarehouse: toBondedWarehouse
        )
    }

    static func balance(limit: Quantity?, authorizedNotUsed: Quantity = .zero, imported: Quantity = .zero) -> Balance {
        Balance(
            country: "FR",
            substance: "MORPHINE",
            year: 2026,
            limit: limit,
            authorizedNotUsed: authorizedNotUsed,
            imported: imported
        )
    }
}
