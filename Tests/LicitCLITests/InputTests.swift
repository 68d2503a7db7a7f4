import LicitClient
import LicitWire
import Testing

@testable import LicitCLI

@Suite("what officers type")
struct InputTests {
    @Test(
        "quantities with units, exact to the milligram",
        arguments: [
            ("25kg", 25_000_000), ("500g", 500_000), ("10000mg", 10_000), ("1.5kg", 1_500_000), ("0.001 g", 1),
            ("2 KG", 2_000_000),
        ] as [(String, Int64)]
    )
    func quantities(text: String, milligrams: Int64) throws {
        #expect(try QuantityInput.milligrams(text) == milligrams)
    }

    @Test("quantities that are not", arguments: ["25", "kg", "1.0005g", "-3kg", "1e3kg", "twelve kg"])
    func badQuantities(text: String) {
        #expect(throws: CLIError.self) { try QuantityInput.milligrams(text) }
    }

    @Test("figures print exactly, in the largest unit reached")
    func format() {
        #expect(QuantityInput.format(25_000_000) == "25 kg")
        #expect(QuantityInput.format(18_802_500) == "18.8025 kg")
        #expect(QuantityInput.format(752_100) == "752.1 g")
        #expect(QuantityInput.format(12) == "12 mg")
        #expect(QuantityInput.format(-1_500_000) == "-1.5 kg")
    }

    @Test("documents by AUTHORITY/NUMBER or by number for one's own")
    func documentNames() throws {
        #expect(try DocumentName("IA-1", defaultAuthority: "FR-ANSM").description == "FR-ANSM/IA-1")
        #expect(try DocumentName("in-ncb/EA-9", defaultAuthority: "FR-ANSM").description == "IN-NCB/EA-9")
        #expect(throws: CLIError.self) { try DocumentName("/EA-9", defaultAuthority: "FR-ANSM") }
    }

    @Test("dates are YYYY-MM-DD")
    func dates() throws {
        #expect(try DayInput.check("2027-03-31", "--to") == "2027-03-31")
        #expect(throws: CLIError.self) { try DayInput.check("2027-13-01", "--to") }
        #expect(CalendarDay.adding(days: 90, to: "2026-12-01") == "2027-03-01")
    }

    @Test("salts and preparations by code, name, or a unique fragment of it")
    func forms() throws {
        let names = CatalogueNames([
            .with {
                $0.code = "MORPHINE"
                $0.name = "Morphine"
                $0.forms = [
                    .with {
                        $0.code = "MORPHINE-SULFATE-PENTAHYDRATE"
                        $0.name = "morphine sulfate pentahydrate"
                    },
                    .with {
                        $0.code = "MORPHINE-SULFATE-ANHYDROUS"
                        $0.name = "morphine sulfate (anhydrous)"
                    },
                ]
            }
        ])
        #expect(try names.form("Morphine").code == "MORPHINE")
        #expect(try names.form("morphine sulfate penta").code == "MORPHINE-SULFATE-PENTAHYDRATE")
        #expect(try names.form("morphine_sulfate_anhydrous").code == "MORPHINE-SULFATE-ANHYDROUS")
        #expect(try names.line("morphine sulfate (anhydrous)=2.5kg").tradedMg == 2_500_000)
        do {
            _ = try names.form("morphine sulfate")
            Issue.record("an ambiguous name must be refused")
        } catch let error as CLIError {
            #expect(error.message.contains("matches 2 forms"))
        }
    }
}
