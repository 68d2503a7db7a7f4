import LicitExchange
import LicitModel
import LicitServerCore

/// The reference data a new sandbox is seeded with: its countries (and three paper partners),
/// their CNAs and traders, the starting catalogue (``ReferenceCatalogue``), estimates and assessments for this
/// year and the next, and two art. 13 prohibitions to practise against.
extension SandboxWorld {
    /// Countries that are not on the exchange: their documents are exchanged on paper.
    package static let paperPartners = [
        Country(code: "NP", name: "Nepal", participating: false, names: ["fr": "Népal", "es": "Nepal"]),
        Country(code: "HT", name: "Haiti", participating: false, names: ["fr": "Haïti", "es": "Haití"]),
        Country(
            code: "LA",
            name: "Lao People's Democratic Republic",
            participating: false,
            names: ["fr": "République démocratique populaire lao", "es": "República Democrática Popular Lao"]
        ),
    ]

    /// The competent authorities of the paper partners: a paper document names one of them.
    package static let paperPartnerAuthorities: [Authority] = {
        let both: Set<Convention> = [.narcotic1961, .psychotropic1971]
        return [
            Authority(code: "NP-DDA", country: "NP", name: "Department of Drug Administration", conventions: both),
            Authority(
                code: "HT-DPM",
                country: "HT",
                name: "Direction de la Pharmacie et du Médicament",
                conventions: both
            ),
            Authority(code: "LA-FDD", country: "LA", name: "Food and Drug Department", conventions: both),
        ]
    }()

    /// Annual base quantities for a mid-sized country, in kilograms (training figures, not real ones).
    package static let typicalNeedKilograms: [String: Int64] = [
        "MORPHINE": 400, "CODEINE": 3_000, "DIHYDROCODEINE": 300, "OXYCODONE": 250, "HYDROMORPHONE": 30,
        "HYDROCODONE": 20, "FENTANYL": 5, "SUFENTANIL": 1, "REMIFENTANIL": 2, "METHADONE": 300,
        "PETHIDINE": 100, "DIAMORPHINE": 10, "COCAINE": 15, "METHYLPHENIDATE": 600, "DEXAMFETAMINE": 80,
        "CANNABIS": 200, "CANNABIS-RESIN": 10, "BUPRENORPHINE": 50, "PENTOBARBITAL": 200, "PHENOBARBITAL": 2_000,
        "MIDAZOLAM": 150,
    ]

    package static func reference(years: [Int]) -> ReferenceData {
        var data = ReferenceData()
        data.countries =
            Self.countries.map { Country(code: $0.code, name: $0.name, participating: true, names: $0.names) }
            + Self.paperPartners
        for country in Self.countries {
            for (index, code) in country.authorities.enumerated() {
                // With two CNAs, the first administers the 1961 Convention and the second the 1971.
                let conventions: Set<Convention> =
                    country.authorities.count == 1
                    ? [.narcotic1961, .psychotropic1971]
                    : (index == 0 ? [.narcotic1961] : [.psychotropic1971])
                data.authorities.append(
                    Authority(
                        code: code,
                        country: country.code,
                        name: "\(country.name) — \(code)",
                        conventions: conventions,
                        address: "\(index + 1) Ministry of Health Square, \(country.name)"
                    )
                )
                data.traders += [
                    RegisteredTrader(
                        id: "\(code)-T1",
                        authority: code,
                        trader: Trader(
                            name: "\(country.name) Pharma Ltd",
                            address: "1 Harbour Road, \(country.name)",
                            country: country.code
                        )
                    ),
                    RegisteredTrader(
                        id: "\(code)-T2",
                        authority: code,
                        trader: Trader(
                            name: "\(country.name) Generics SA",
                            address: "22 Industrial Park, \(country.name)",
                            country: country.code
                        )
                    ),
                ]
            }
        }
        data.authorities += Self.paperPartnerAuthorities
        data.substances = ReferenceCatalogue.substances
        for (rank, country) in (Self.countries.map(\.code) + Self.paperPartners.map(\.code)).enumerated() {
            // Countries differ in size: a scale from 1 to 4, stable across sandboxes.
            let scale = Int64(rank % 4 + 1)
            for year in years {
                for substance in ReferenceCatalogue.substances {
                    let kilograms = (Self.typicalNeedKilograms[substance.code] ?? 50) * scale
                    data.allowances.append(
                        Allowance(
                            country: country,
                            substance: substance.code,
                            year: year,
                            initial: .kilograms(kilograms)
                        )
                    )
                }
            }
        }
        data.prohibitions = [
            Prohibition(country: "TH", substance: "PENTOBARBITAL"),
            Prohibition(country: "JP", substance: "DEXAMFETAMINE"),
        ]
        return data
    }
}
