/// The starting substance catalogue (docs/ARCHITECTURE.md §1, Quantities): each base and form with its
/// factor, computed from IUPAC standard atomic weights (to 4 decimals), effective
/// from 2019-01-01. Board admins extend it and record published factors that override these.
public enum ReferenceCatalogue {
    public static let effectiveFrom = Day(iso: "2019-01-01")!

    public static let substances: [Substance] = [
        substance(
            "MORPHINE",
            "Morphine",
            .narcotic1961,
            [1],
            [
                ("MORPHINE-HYDROCHLORIDE-TRIHYDRATE", "morphine hydrochloride trihydrate", "0.7592"),
                ("MORPHINE-HYDROCHLORIDE-ANHYDROUS", "morphine hydrochloride (anhydrous)", "0.8867"),
                ("MORPHINE-SULFATE-PENTAHYDRATE", "morphine sulfate pentahydrate", "0.7521"),
                ("MORPHINE-SULFATE-ANHYDROUS", "morphine sulfate (anhydrous)", "0.8534"),
                ("MORPHINE-MONOHYDRATE", "morphine monohydrate", "0.9406"),
            ]
        ),
        substance(
            "CODEINE",
            "Codeine",
            .narcotic1961,
            [2],
            [
                ("CODEINE-PHOSPHATE-HEMIHYDRATE", "codeine phosphate hemihydrate", "0.7367"),
                ("CODEINE-PHOSPHATE-SESQUIHYDRATE", "codeine phosphate sesquihydrate", "0.7054"),
                ("CODEINE-HYDROCHLORIDE-DIHYDRATE", "codeine hydrochloride dihydrate", "0.8051"),
                ("CODEINE-SULFATE-TRIHYDRATE", "codeine sulfate trihydrate", "0.7974"),
                ("CODEINE-MONOHYDRATE", "codeine monohydrate", "0.9432"),
            ]
        ),
        substance(
            "DIHYDROCODEINE",
            "Dihydrocodeine",
            .narcotic1961,
            [2],
            [
                ("DIHYDROCODEINE-HYDROGEN-TARTRATE", "dihydrocodeine hydrogen tartrate", "0.6676")
            ]
        ),
        substance(
            "OXYCODONE",
            "Oxycodone",
            .narcotic1961,
            [1],
            [
                ("OXYCODONE-HYDROCHLORIDE", "oxycodone hydrochloride", "0.8964")
            ]
        ),
        substance(
            "HYDROMORPHONE",
            "Hydromorphone",
            .narcotic1961,
            [1],
            [
                ("HYDROMORPHONE-HYDROCHLORIDE", "hydromorphone hydrochloride", "0.8867")
            ]
        ),
        substance(
            "HYDROCODONE",
            "Hydrocodone",
            .narcotic1961,
            [1],
            [
                ("HYDROCODONE-HYDROGEN-TARTRATE-2_5-HYDRATE", "hydrocodone hydrogen tartrate 2.5-hydrate", "0.6054")
            ]
        ),
        substance(
            "FENTANYL",
            "Fentanyl",
            .narcotic1961,
            [1],
            [
                ("FENTANYL-CITRATE", "fentanyl citrate", "0.6365")
            ]
        ),
        substance(
            "SUFENTANIL",
            "Sufentanil",
            .narcotic1961,
            [1],
            [
                ("SUFENTANIL-CITRATE", "sufentanil citrate", "0.6680")
            ]
        ),
        substance(
            "REMIFENTANIL",
            "Remifentanil",
            .narcotic1961,
            [1],
            [
                ("REMIFENTANIL-HYDROCHLORIDE", "remifentanil hydrochloride", "0.9117")
            ]
        ),
        substance(
            "METHADONE",
            "Methadone",
            .narcotic1961,
            [1],
            [
                ("METHADONE-HYDROCHLORIDE", "methadone hydrochloride", "0.8946")
            ]
        ),
        substance(
            "PETHIDINE",
            "Pethidine",
            .narcotic1961,
            [1],
            [
                ("PETHIDINE-HYDROCHLORIDE", "pethidine hydrochloride", "0.8715")
            ]
        ),
        substance(
            "DIAMORPHINE",
            "Diamorphine",
            .narcotic1961,
            [1, 4],
            [
                ("DIAMORPHINE-HYDROCHLORIDE-MONOHYDRATE", "diamorphine hydrochloride monohydrate", "0.8715")
            ]
        ),
        substance(
            "COCAINE",
            "Cocaine",
            .narcotic1961,
            [1],
            [
                ("COCAINE-HYDROCHLORIDE", "cocaine hydrochloride", "0.8927")
            ]
        ),
        substance(
            "METHYLPHENIDATE",
            "Methylphenidate",
            .psychotropic1971,
            [2],
            [
                ("METHYLPHENIDATE-HYDROCHLORIDE", "methylphenidate hydrochloride", "0.8649")
            ]
        ),
        substance(
            "DEXAMFETAMINE",
            "Dexamfetamine",
            .psychotropic1971,
            [2],
            [
                ("DEXAMFETAMINE-SULFATE", "dexamfetamine sulfate", "0.7339")
            ]
        ),
        // Plant material is counted by its own weight: the base form is the only form.
        substance("CANNABIS", "Cannabis", .narcotic1961, [1], []),
        substance("CANNABIS-RESIN", "Cannabis resin", .narcotic1961, [1], []),
        substance(
            "BUPRENORPHINE",
            "Buprenorphine",
            .psychotropic1971,
            [3],
            [
                ("BUPRENORPHINE-HYDROCHLORIDE", "buprenorphine hydrochloride", "0.9277")
            ]
        ),
        substance(
            "PENTOBARBITAL",
            "Pentobarbital",
            .psychotropic1971,
            [3],
            [
                ("PENTOBARBITAL-SODIUM", "pentobarbital sodium", "0.9115")
            ]
        ),
        substance(
            "PHENOBARBITAL",
            "Phenobarbital",
            .psychotropic1971,
            [4],
            [
                ("PHENOBARBITAL-SODIUM", "phenobarbital sodium", "0.9135")
            ]
        ),
        substance(
            "MIDAZOLAM",
            "Midazolam",
            .psychotropic1971,
            [4],
            [
                ("MIDAZOLAM-HYDROCHLORIDE", "midazolam hydrochloride", "0.8994")
            ]
        ),
    ]

    /// The substance with `code`, if catalogued.
    public static func substance(_ code: String) -> Substance? {
        Self.substances.first { $0.code == code }
    }

    private static func substance(
        _ code: String,
        _ name: String,
        _ convention: Convention,
        _ schedules: [Int],
        _ forms: [(code: String, name: String, factor: String)]
    ) -> Substance {
        let base = SubstanceForm(
            code: code,
            name: name.lowercased() + " (base)",
            factors: [DatedFactor(factor: .base, effectiveFrom: Self.effectiveFrom, source: .computed)]
        )
        let salts = forms.map { form in
            SubstanceForm(
                code: form.code,
                name: form.name,
                factors: [
                    DatedFactor(
                        factor: ConversionFactor(decimal: form.factor)!,
                        effectiveFrom: Self.effectiveFrom,
                        source: .computed
                    )
                ]
            )
        }
        let translated = Self.translatedNames[code]
        return Substance(
            code: code,
            name: name,
            convention: convention,
            schedules: Set(schedules),
            forms: [base] + salts,
            names: translated.map { ["fr": $0.french, "es": $0.spanish] } ?? [:]
        )
    }

    /// The INNs in French and Spanish.
    static let translatedNames: [String: (french: String, spanish: String)] = [
        "MORPHINE": ("Morphine", "Morfina"), "CODEINE": ("Codéine", "Codeína"),
        "DIHYDROCODEINE": ("Dihydrocodéine", "Dihidrocodeína"), "OXYCODONE": ("Oxycodone", "Oxicodona"),
        "HYDROMORPHONE": ("Hydromorphone", "Hidromorfona"), "HYDROCODONE": ("Hydrocodone", "Hidrocodona"),
        "FENTANYL": ("Fentanyl", "Fentanilo"), "SUFENTANIL": ("Sufentanil", "Sufentanilo"),
        "REMIFENTANIL": ("Rémifentanil", "Remifentanilo"), "METHADONE": ("Méthadone", "Metadona"),
        "PETHIDINE": ("Péthidine", "Petidina"), "DIAMORPHINE": ("Diamorphine", "Diamorfina"),
        "COCAINE": ("Cocaïne", "Cocaína"), "CANNABIS": ("Cannabis", "Cannabis"),
        "CANNABIS-RESIN": ("Résine de cannabis", "Resina de cannabis"),
        "METHYLPHENIDATE": ("Méthylphénidate", "Metilfenidato"),
        "DEXAMFETAMINE": ("Dexamfétamine", "Dexanfetamina"), "BUPRENORPHINE": ("Buprénorphine", "Buprenorfina"),
        "PENTOBARBITAL": ("Pentobarbital", "Pentobarbital"), "PHENOBARBITAL": ("Phénobarbital", "Fenobarbital"),
        "MIDAZOLAM": ("Midazolam", "Midazolam"),
    ]
}
