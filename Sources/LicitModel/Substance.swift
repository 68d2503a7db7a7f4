/// Which treaty controls a substance.
public enum Convention: String, Hashable, Sendable, Codable, CaseIterable {
    /// The Single Convention on Narcotic Drugs, 1961: estimates govern its imports.
    case narcotic1961 = "1961"
    /// The Convention on Psychotropic Substances, 1971: assessments govern its imports.
    case psychotropic1971 = "1971"
}

/// A controlled substance (its base, by INN) and the forms in which it is traded.
public struct Substance: Hashable, Sendable, Codable {
    /// Stable code, for example "MORPHINE".
    public let code: String
    /// International non-proprietary name, in English.
    public let name: String
    public let convention: Convention
    /// Schedules (1 to 4, the Roman numerals of the treaty) the substance is listed in.
    public let schedules: Set<Int>
    public let forms: [SubstanceForm]
    /// The INN in the Board's other languages, by ``Language`` code ("fr", "es").
    public let names: [String: String]

    public init(
        code: String,
        name: String,
        convention: Convention,
        schedules: Set<Int>,
        forms: [SubstanceForm],
        names: [String: String] = [:]
    ) {
        self.code = code
        self.name = name
        self.convention = convention
        self.schedules = schedules
        self.forms = forms
        self.names = names
    }

    public func name(in language: Language) -> String {
        language == .english ? self.name : self.names[language.rawValue] ?? self.name
    }

    /// Whether trade needs an import and an export authorization (docs/ARCHITECTURE.md §1.7): every 1961
    /// Schedule I, II and IV drug (Schedule III holds exempt preparations); 1971 Schedules I
    /// and II by treaty, III and IV by ECOSOC resolutions 1985/15, 1987/30 and 1991/44.
    public var requiresAuthorization: Bool {
        switch self.convention {
        case .narcotic1961: !self.schedules.isDisjoint(with: [1, 2, 4])
        case .psychotropic1971: !self.schedules.isDisjoint(with: [1, 2, 3, 4])
        }
    }

    public func form(_ code: String) -> SubstanceForm? {
        self.forms.first { $0.code == code }
    }
}

/// A salt, hydrate, preparation or the base itself, with its conversion factors over time.
public struct SubstanceForm: Hashable, Sendable, Codable {
    /// Stable code, for example "MORPHINE-HCL-3H2O".
    public let code: String
    /// For example "morphine hydrochloride trihydrate".
    public let name: String
    public let factors: [DatedFactor]

    public init(code: String, name: String, factors: [DatedFactor]) {
        self.code = code
        self.name = name
        self.factors = factors
    }

    /// The factor in force on `day`: the latest taking effect on or before it, a factor the Board
    /// published taking precedence over a computed one from the same day. `nil` before the first.
    public func factor(on day: Day) -> DatedFactor? {
        self.factors
            .filter { $0.effectiveFrom <= day }
            .max { ($0.effectiveFrom, $0.source.precedence) < ($1.effectiveFrom, $1.source.precedence) }
    }
}

public struct DatedFactor: Hashable, Sendable, Codable {
    public enum Source: String, Hashable, Sendable, Codable {
        /// From molecular weights (IUPAC standard atomic weights; docs/ARCHITECTURE.md §1, Quantities).
        case computed
        /// As published by the Board (Yellow List, Green List), overriding a computed factor.
        case published

        var precedence: Int { self == .published ? 1 : 0 }
    }

    public let factor: ConversionFactor
    public let effectiveFrom: Day
    public let source: Source

    public init(factor: ConversionFactor, effectiveFrom: Day, source: Source) {
        self.factor = factor
        self.effectiveFrom = effectiveFrom
        self.source = source
    }
}

extension Substance {
    private enum CodingKeys: String, CodingKey {
        case code, name, convention, schedules, forms, names
    }

    /// Decodes substances stored before they had translated names.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try container.decode(String.self, forKey: .code),
            name: try container.decode(String.self, forKey: .name),
            convention: try container.decode(Convention.self, forKey: .convention),
            schedules: try container.decode(Set<Int>.self, forKey: .schedules),
            forms: try container.decode([SubstanceForm].self, forKey: .forms),
            names: try container.decodeIfPresent([String: String].self, forKey: .names) ?? [:]
        )
    }
}
