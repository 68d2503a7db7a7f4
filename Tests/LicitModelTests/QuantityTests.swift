import LicitModel
import Testing

@Suite("Quantities")
struct QuantityTests {
    @Test(
        "parses quantities with units exactly",
        arguments: [
            ("25kg", Int64(25_000_000)), ("500 g", 500_000), ("1.5g", 1_500), ("10000mg", 10_000),
            ("0.001kg", 1_000), ("2.000001kg", 2_000_001), ("0g", 0), (" 7 MG ", 7),
        ]
    )
    func parses(text: String, milligrams: Int64) throws {
        #expect(try Quantity(parsing: text).milligrams == milligrams)
    }

    @Test(
        "refuses what is not a whole number of milligrams with a unit",
        arguments: ["25", "kg", "-5g", "1.2345g", "1.5mg", "1,5g", "abc", "1..2g", "99999999999999kg", ""]
    )
    func refuses(text: String) {
        #expect(throws: QuantityError.self) { try Quantity(parsing: text) }
    }

    @Test(
        "shows the largest exact unit",
        arguments: [
            (Int64(25_000_000), "25 kg"), (1_500_000, "1.5 kg"), (500_000, "500 g"), (1_500, "1.5 g"),
            (12, "12 mg"), (2_000_001, "2000.001 g"), (0, "0 mg"),
        ]
    )
    func description(milligrams: Int64, text: String) {
        #expect(Quantity(milligrams: milligrams).description == text)
    }

    @Test("adding and subtracting refuse to overflow")
    func overflow() throws {
        #expect(try Quantity.kilograms(2) + Quantity.grams(500) == Quantity(milligrams: 2_500_000))
        #expect(throws: QuantityError.overflow) { try Quantity(milligrams: .max) + Quantity(milligrams: 1) }
        #expect(throws: QuantityError.overflow) { try Quantity(milligrams: .min) - Quantity(milligrams: 1) }
    }
}

@Suite("Days and periods")
struct DayTests {
    @Test(
        "ISO dates round-trip, and the epoch is day 0",
        arguments: ["1970-01-01", "2019-01-01", "2024-02-29", "2026-12-31", "2100-03-01"]
    )
    func roundTrip(text: String) throws {
        let day = try #require(Day(iso: text))
        #expect(day.description == text)
        #expect(Day(iso: "1970-01-01")?.ordinal == 0)
    }

    @Test(
        "impossible dates are refused",
        arguments: ["2026-02-29", "2100-02-29", "2026-13-01", "2026-04-31", "26-01-01", "2026-1-1"]
    )
    func impossible(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("a period contains its first and last days and nothing outside")
    func period() throws {
        let period = try #require(Period(from: Day(iso: "2026-01-01")!, through: Day(iso: "2026-06-30")!))
        #expect(period.contains(period.first))
        #expect(period.contains(period.last))
        #expect(!period.contains(period.last.adding(days: 1)))
        #expect(!period.contains(period.first.adding(days: -1)))
        #expect(Period(from: period.last, through: period.first) == nil)
    }
}
