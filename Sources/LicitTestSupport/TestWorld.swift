import Foundation
import LicitClient
import LicitExchange
import LicitModel
import LicitPKI
import LicitServerCore
import LicitStorage
import LicitWire

/// A small world for exchange tests: France imports, India exports (with separate CNAs for
/// narcotic drugs and psychotropic substances), Germany is an unrelated third country, and
/// Nepal trades on paper. Estimates and assessments for this year and the next.
public enum TestWorld {
    public static let importer = "FR-ANSM"
    public static let exporter = "IN-NCB"

    public static func reference(year: Int) -> ReferenceData {
        var data = ReferenceData()
        data.countries = [
            Country(code: "FR", name: "France", participating: true),
            Country(code: "IN", name: "India", participating: true),
            Country(code: "DE", name: "Germany", participating: true),
            Country(code: "NP", name: "Nepal", participating: false),
        ]
        data.authorities = [
            Authority(code: "FR-ANSM", country: "FR", name: "ANSM", conventions: [.narcotic1961, .psychotropic1971]),
            Authority(code: "IN-NCB", country: "IN", name: "Narcotics Control Bureau", conventions: [.narcotic1961]),
            Authority(code: "IN-CDSCO", country: "IN", name: "CDSCO", conventions: [.psychotropic1971]),
            Authority(code: "DE-BFARM", country: "DE", name: "BfArM", conventions: [.narcotic1961, .psychotropic1971]),
            // Nepal is not on the exchange: its CNA is listed so that its paper documents can be recorded.
            Authority(
                code: "NP-DDA",
                country: "NP",
                name: "Department of Drug Administration",
                conventions: [.narcotic1961, .psychotropic1971]
            ),
        ]
        data.substances = ReferenceCatalogue.substances
        for country in ["FR", "IN", "DE", "NP"] {
            for year in [year, year + 1] {
                data.allowances.append(
                    Allowance(country: country, substance: "MORPHINE", year: year, initial: .kilograms(100))
                )
                data.allowances.append(
                    Allowance(country: country, substance: "CODEINE", year: year, initial: .kilograms(500))
                )
                data.allowances.append(
                    Allowance(country: country, substance: "METHYLPHENIDATE", year: year, initial: .kilograms(50))
                )
            }
        }
        data.prohibitions = [Prohibition(country: "FR", substance: "PENTOBARBITAL")]
        data.traders = [
            RegisteredTrader(
                id: "FR-T1",
                authority: "FR-ANSM",
                trader: Trader(name: "Pharma France SA", address: "1 rue de la Paix, Paris", country: "FR")
            ),
            RegisteredTrader(
                id: "IN-T1",
                authority: "IN-NCB",
                trader: Trader(name: "Ganges Alkaloids Ltd", address: "Ghazipur, Uttar Pradesh", country: "IN")
            ),
        ]
        return data
    }

    /// Seeds the world into the exchange's store.
    public static func seed(_ exchange: TestExchange) async throws {
        let data = Self.reference(year: Day(exchange.clock.now).year)
        _ = try await exchange.exchange.storage.write(
            WriteIntent(
                authority: "TEST",
                requestID: "seed",
                payload: Data(),
                actor: "test",
                certificate: "",
                action: "reference.import",
                subject: "world",
                at: Int64(exchange.clock.now.timeIntervalSince1970 * 1000)
            )
        ) { transaction in
            try data.apply(to: transaction)
            return Data()
        }
    }

    /// An IA content for `kilograms` of morphine base from India, valid 90 days from today.
    public static func morphineImport(
        _ number: String,
        on day: Day,
        kilograms: Int64 = 10,
        form: String = "MORPHINE",
        multiple: Bool = true
    ) -> Licit_V1_ImportAuthorizationContent {
        .with {
            $0.number = number
            $0.exportingCountry = "IN"
            $0.importer.id = "FR-T1"
            $0.exporter = .with {
                $0.name = "Ganges Alkaloids Ltd"
                $0.address = "Ghazipur, Uttar Pradesh"
            }
            $0.lines = [
                .with {
                    $0.form = form
                    $0.tradedMg = kilograms * 1_000_000
                }
            ]
            $0.period = .with {
                $0.first = day.description
                $0.last = day.adding(days: 90).description
            }
            $0.multipleConsignments = multiple
        }
    }

    /// An EA content against `ia`, for `kilograms` of its (single) line's form.
    public static func export(
        _ number: String,
        against ia: Licit_V1_ImportAuthorizationContent,
        kilograms: Int64,
        on day: Day
    ) -> Licit_V1_ExportAuthorizationContent {
        .with {
            $0.number = number
            $0.importAuthorization = .with {
                $0.number = ia.number
                $0.issuedOn = ia.issuedOn
                $0.authority = ia.authority
            }
            $0.lines = [
                .with {
                    $0.form = ia.lines[0].form
                    $0.tradedMg = kilograms * 1_000_000
                }
            ]
            $0.period = .with {
                $0.first = day.description
                $0.last = day.adding(days: 30).description
            }
        }
    }
}
