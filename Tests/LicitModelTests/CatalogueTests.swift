import LicitModel
import Testing

@Suite("Conversion factors and the catalogue")
struct CatalogueTests {
    /// The factors as computed from IUPAC standard atomic weights, to 4 decimals.
    static let published: [(String, String)] = [
        ("MORPHINE-HYDROCHLORIDE-TRIHYDRATE", "0.7592"),
        ("MORPHINE-HYDROCHLORIDE-ANHYDROUS", "0.8867"),
        ("MORPHINE-SULFATE-PENTAHYDRATE", "0.7521"),
        ("MORPHINE-SULFATE-ANHYDROUS", "0.8534"),
        ("MORPHINE-MONOHYDRATE", "0.9406"),
        ("CODEINE-PHOSPHATE-HEMIHYDRATE", "0.7367"),
        ("CODEINE-PHOSPHATE-SESQUIHYDRATE", "0.7054"),
        ("CODEINE-HYDROCHLORIDE-DIHYDRATE", "0.8051"),
        ("CODEINE-SULFATE-TRIHYDRATE", "0.7974"),
        ("CODEINE-MONOHYDRATE", "0.9432"),
        ("DIHYDROCODEINE-HYDROGEN-TARTRATE", "0.6676"),
        ("OXYCODONE-HYDROCHLORIDE", "0.8964"),
        ("HYDROMORPHONE-HYDROCHLORIDE", "0.8867"),
        ("HYDROCODONE-HYDROGEN-TARTRATE-2_5-HYDRATE", "0.6054"),
        ("FENTANYL-CITRATE", "0.6365"),
        ("SUFENTANIL-CITRATE", "0.6680"),
        ("REMIFENTANIL-HYDROCHLORIDE", "0.9117"),
        ("METHADONE-HYDROCHLORIDE", "0.8946"),
        ("PETHIDINE-HYDROCHLORIDE", "0.8715"),
        ("DIAMORPHINE-HYDROCHLORIDE-MONOHYDRATE", "0.8715"),
        ("COCAINE-HYDROCHLORIDE", "0.8927"),
        ("METHYLPHENIDATE-HYDROCHLORIDE", "0.8649"),
        ("DEXAMFETAMINE-SULFATE", "0.7339"),
        ("BUPRENORPHINE-HYDROCHLORIDE", "0.9277"),
        ("PENTOBARBITAL-SODIUM", "0.9115"),
        ("PHENOBARBITAL-SODIUM", "0.9135"),
        ("MIDAZOLAM-HYDROCHLORIDE", "0.8994"),
    ]

    @Test("the catalogue carries the reference table's factor for every form", arguments: Self.published)
    func catalogueMatchesReference(form code: String, printed: String) throws {
        let form = try #require(ReferenceCatalogue.substances.lazy.compactMap { $0.form(code) }.first, "form \(code)")
        #expect(form.factor(on: ReferenceCatalogue.effectiveFrom)?.factor == ConversionFactor(decimal: printed))
    }

    @Test(
        "factors computed from molecular weights agree with the reference (weights to 0.001 g/mol)",
        arguments: [
            // (n, base MW, salt MW) in thousandths, from IUPAC weights; printed factor
            (Int64(2), Int64(285_343), Int64(668_758), "0.8534"),  // morphine sulfate (anhydrous)
            (1, 299_370, 317_385, "0.9432"),  // codeine monohydrate
            (1, 233_311, 269_769, "0.8649"),  // methylphenidate hydrochloride
            (1, 325_771, 362_229, "0.8994"),  // midazolam hydrochloride
            (1, 285_343, 375_850, "0.7592"),  // morphine hydrochloride trihydrate
        ]
    )
    func computedFactor(n: Int64, baseWeight: Int64, saltWeight: Int64, printed: String) throws {
        let factor = try #require(
            ConversionFactor.computed(baseMolecules: n, baseWeight: baseWeight, saltWeight: saltWeight)
        )
        #expect((factor.millionths + 50) / 100 * 100 == ConversionFactor(decimal: printed)?.millionths)
    }

    @Test(
        "the worked example: 1 kg of morphine hydrochloride trihydrate is 0.7592 kg of base with the published factor"
    )
    func workedExample() throws {
        let published = DatedFactor(
            factor: ConversionFactor(decimal: "0.7592")!,
            effectiveFrom: ReferenceCatalogue.effectiveFrom,
            source: .published
        )
        #expect(try published.factor.baseQuantity(of: .kilograms(1)) == Quantity(milligrams: 759_200))
        let computed = try #require(ReferenceCatalogue.substance("MORPHINE")?.form("MORPHINE-HYDROCHLORIDE-TRIHYDRATE"))
        let base = try computed.factor(on: ReferenceCatalogue.effectiveFrom)!.factor.baseQuantity(of: .kilograms(1))
        #expect(abs(base.milligrams - 759_200) < 100)
    }

    @Test("base quantities round half up to the milligram")
    func rounding() throws {
        let half = try #require(ConversionFactor(decimal: "0.5"))
        #expect(try half.baseQuantity(of: Quantity(milligrams: 3)) == Quantity(milligrams: 2))
        #expect(try half.baseQuantity(of: Quantity(milligrams: 2)) == Quantity(milligrams: 1))
        #expect(throws: QuantityError.self) { try half.baseQuantity(of: Quantity(milligrams: .max)) }
    }

    @Test(
        "the factor in force: the latest effective on the day; a published factor beats a computed one of the same day"
    )
    func factorInForce() throws {
        let jan2018 = Day(iso: "2018-01-01")!
        let jan2019 = Day(iso: "2019-01-01")!
        let form = SubstanceForm(
            code: "X-SALT",
            name: "x salt",
            factors: [
                DatedFactor(factor: ConversionFactor(decimal: "0.8")!, effectiveFrom: jan2018, source: .published),
                DatedFactor(factor: ConversionFactor(decimal: "0.81")!, effectiveFrom: jan2019, source: .computed),
                DatedFactor(factor: ConversionFactor(decimal: "0.82")!, effectiveFrom: jan2019, source: .published),
            ]
        )
        #expect(form.factor(on: jan2018.adding(days: -1)) == nil)
        #expect(form.factor(on: jan2018)?.factor.description == "0.8")
        #expect(form.factor(on: jan2019.adding(days: -1))?.factor.description == "0.8")
        #expect(form.factor(on: jan2019)?.factor.description == "0.82")
    }

    @Test(
        "which substances need import and export authorizations",
        arguments: [
            (Convention.narcotic1961, [1], true), (.narcotic1961, [2], true), (.narcotic1961, [3], false),
            (.narcotic1961, [1, 4], true), (.psychotropic1971, [1], true), (.psychotropic1971, [2], true),
            (.psychotropic1971, [3], true), (.psychotropic1971, [4], true),
        ]
    )
    func requiresAuthorization(convention: Convention, schedules: [Int], required: Bool) {
        let substance = Substance(code: "S", name: "s", convention: convention, schedules: Set(schedules), forms: [])
        #expect(substance.requiresAuthorization == required)
    }

    @Test("factors parse and print as published decimals; impossible factors are refused")
    func factorText() {
        #expect(ConversionFactor(decimal: "0.7592")?.millionths == 759_200)
        #expect(ConversionFactor(decimal: "1")?.description == "1.0")
        #expect(ConversionFactor(decimal: "0") == nil)
        #expect(ConversionFactor(decimal: "1.1") == nil)
        #expect(ConversionFactor(decimal: "0.1234567") == nil)
    }
}
