/// A country or territory (ISO 3166-1), and whether its CNAs use the exchange.
public struct Country: Hashable, Sendable, Codable {
    public let code: String
    /// The English name.
    public let name: String
    /// Countries not on the exchange are paper partners (docs/ARCHITECTURE.md §1.11).
    public let participating: Bool
    /// The name in the Board's other languages, by ``Language`` code ("fr", "es").
    public let names: [String: String]

    public init(code: String, name: String, participating: Bool, names: [String: String] = [:]) {
        self.code = code
        self.name = name
        self.participating = participating
        self.names = names
    }

    public func name(in language: Language) -> String {
        language == .english ? self.name : self.names[language.rawValue] ?? self.name
    }
}

/// The languages the exchange's reference data and printed documents come in: the Board's
/// working languages of the forms. The wire carries codes, never translated text.
public enum Language: String, Hashable, Sendable, CaseIterable, Codable {
    case english = "en"
    case french = "fr"
    case spanish = "es"
}

/// A competent national authority. A country may have several, for example one for narcotic
/// drugs and one for psychotropic substances.
public struct Authority: Hashable, Sendable, Codable {
    public let code: String
    public let country: String
    public let name: String
    public let conventions: Set<Convention>
    /// Its postal address, as prints show it; empty when not given.
    public let address: String

    public init(code: String, country: String, name: String, conventions: Set<Convention>, address: String = "") {
        self.code = code
        self.country = country
        self.name = name
        self.conventions = conventions
        self.address = address
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.code = try container.decode(String.self, forKey: .code)
        self.country = try container.decode(String.self, forKey: .country)
        self.name = try container.decode(String.self, forKey: .name)
        self.conventions = try container.decode(Set<Convention>.self, forKey: .conventions)
        // Written before authorities had addresses.
        self.address = try container.decodeIfPresent(String.self, forKey: .address) ?? ""
    }

    /// The CNA of `country` that administers `convention`: documents addressed to the country
    /// go to it. The first of the country's CNAs when none declares the convention.
    public static func competent(
        for convention: Convention,
        in country: String,
        among authorities: [Authority]
    ) -> Authority? {
        let national = authorities.filter { $0.country == country }.sorted { $0.code < $1.code }
        return national.first { $0.conventions.contains(convention) } ?? national.first
    }
}

/// An importer or exporter as registered by its own country's CNA.
public struct RegisteredTrader: Hashable, Sendable, Codable {
    public let id: String
    /// The CNA that registered it.
    public let authority: String
    public let trader: Trader

    public init(id: String, authority: String, trader: Trader) {
        self.id = id
        self.authority = authority
        self.trader = trader
    }

    /// The trader as a document names it: with the id it is registered under.
    public var named: Trader {
        Trader(
            name: self.trader.name,
            address: self.trader.address,
            country: self.trader.country,
            registeredID: self.id
        )
    }
}

/// A 1971 art. 13 notification: the country prohibits the import of the substance.
public struct Prohibition: Hashable, Sendable, Codable {
    public let country: String
    public let substance: String

    public init(country: String, substance: String) {
        self.country = country
        self.substance = substance
    }
}
