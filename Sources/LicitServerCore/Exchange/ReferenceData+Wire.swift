import Foundation
import LicitExchange
import LicitModel
import LicitStorage
import LicitWire

/// Reference data as the wire carries it, checked field by field on the way in.
extension ReferenceData {
    /// Checks every entry of a wire bundle; the first bad one is INVALID_ARGUMENT naming it.
    public init(_ wire: Licit_V1_ReferenceData) throws {
        self.init()
        guard wire.statuses.isEmpty, wire.reasons.isEmpty else {
            throw ExchangeError(
                "invalid_reference",
                "statuses and reasons are the exchange's own vocabulary: they are served, never imported"
            )
        }
        self.countries = try wire.countries.map { country in
            guard country.code.count == 2, country.code.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw ExchangeError(
                    "invalid_country",
                    "country code \"\(country.code)\" is not ISO 3166-1 alpha-2"
                )
            }
            return Country(
                code: country.code,
                name: try InputCheck.text(country.name, field: "country \(country.code) name", max: 128),
                participating: country.participating,
                names: try Self.names(country.names, of: country.code)
            )
        }
        self.authorities = try wire.authorities.map { authority in
            Authority(
                code: try InputCheck.number(authority.code, field: "authority code"),
                country: authority.country,
                name: try InputCheck.text(authority.name, field: "authority \(authority.code) name", max: 256),
                conventions: Set(try authority.conventions.map { try Self.convention($0, of: authority.code) }),
                address: try InputCheck.text(
                    authority.address,
                    field: "authority \(authority.code) address",
                    max: 512,
                    required: false
                )
            )
        }
        self.substances = try wire.substances.map(Self.substance)
        self.allowances = try wire.allowances.map { allowance in
            guard allowance.initialMg >= 0, allowance.supplementaryMg.allSatisfy({ $0 >= 0 }) else {
                throw ExchangeError(
                    "invalid_allowance",
                    "the estimate of \(allowance.substance) for \(allowance.country) is negative"
                )
            }
            return Allowance(
                country: allowance.country,
                substance: allowance.substance,
                year: Int(allowance.year),
                initial: Quantity(milligrams: allowance.initialMg),
                supplementary: allowance.supplementaryMg.map(Quantity.init(milligrams:))
            )
        }
        self.prohibitions = wire.prohibitions.map { Prohibition(country: $0.country, substance: $0.substance) }
        self.traders = try wire.traders.map { trader in
            RegisteredTrader(
                id: try InputCheck.number(trader.id, field: "trader id"),
                authority: trader.authority,
                trader: Trader(
                    name: try InputCheck.text(trader.name, field: "trader \(trader.id) name", max: 256),
                    address: try InputCheck.text(trader.address, field: "trader \(trader.id) address", max: 512),
                    country: trader.country
                )
            )
        }
    }

    var counts: Licit_V1_ImportReferenceResponse {
        .with {
            $0.countries = UInt32(self.countries.count)
            $0.authorities = UInt32(self.authorities.count)
            $0.substances = UInt32(self.substances.count)
            $0.allowances = UInt32(self.allowances.count)
            $0.prohibitions = UInt32(self.prohibitions.count)
            $0.traders = UInt32(self.traders.count)
        }
    }

    /// The wire form of reference data.
    public static func wire(
        countries: [Country],
        authorities: [Authority],
        substances: [Substance],
        allowances: [Allowance],
        prohibitions: [Prohibition],
        traders: [RegisteredTrader]
    ) -> Licit_V1_ReferenceData {
        .with {
            $0.countries = countries.map { country in
                .with {
                    $0.code = country.code
                    $0.name = country.name
                    $0.participating = country.participating
                    $0.names = country.names
                }
            }
            $0.authorities = authorities.map { authority in
                .with {
                    $0.code = authority.code
                    $0.country = authority.country
                    $0.name = authority.name
                    $0.conventions = authority.conventions.map(\.rawValue).sorted()
                    $0.address = authority.address
                }
            }
            $0.substances = substances.map { substance in
                .with {
                    $0.code = substance.code
                    $0.name = substance.name
                    $0.convention = substance.convention.rawValue
                    $0.schedules = substance.schedules.sorted().map(UInt32.init)
                    $0.names = substance.names
                    $0.forms = substance.forms.map { form in
                        .with {
                            $0.code = form.code
                            $0.name = form.name
                            $0.factors = form.factors.map { factor in
                                .with {
                                    $0.millionths = UInt32(factor.factor.millionths)
                                    $0.effectiveFrom = factor.effectiveFrom.description
                                    $0.source = factor.source.rawValue
                                }
                            }
                        }
                    }
                }
            }
            $0.allowances = allowances.map { allowance in
                .with {
                    $0.country = allowance.country
                    $0.substance = allowance.substance
                    $0.year = UInt32(allowance.year)
                    $0.initialMg = allowance.initial.milligrams
                    $0.supplementaryMg = allowance.supplementary.map(\.milligrams)
                }
            }
            $0.prohibitions = prohibitions.map { prohibition in
                .with {
                    $0.country = prohibition.country
                    $0.substance = prohibition.substance
                }
            }
            $0.traders = traders.map { WireModel.trader($0.trader, id: $0.id, authority: $0.authority) }
        }
    }

    public var wire: Licit_V1_ReferenceData {
        Self.wire(
            countries: self.countries,
            authorities: self.authorities,
            substances: self.substances,
            allowances: self.allowances,
            prohibitions: self.prohibitions,
            traders: self.traders
        )
    }

    /// Translated names: French and Spanish only (English is `name`), each at most 128 bytes.
    private static func names(_ names: [String: String], of code: String) throws -> [String: String] {
        for (language, name) in names {
            guard language == Language.french.rawValue || language == Language.spanish.rawValue else {
                throw ExchangeError(
                    "invalid_language",
                    "\(code): names are given in fr or es, not \"\(language)\""
                )
            }
            _ = try InputCheck.text(name, field: "\(code) name in \(language)", max: 128)
        }
        return names
    }

    private static func convention(_ text: String, of code: String) throws -> Convention {
        guard let convention = Convention(rawValue: text) else {
            throw ExchangeError("invalid_convention", "\(code): convention \"\(text)\" is neither 1961 nor 1971")
        }
        return convention
    }

    private static func substance(_ wire: Licit_V1_Substance) throws -> Substance {
        let code = try InputCheck.number(wire.code, field: "substance code")
        guard !wire.schedules.isEmpty, wire.schedules.allSatisfy({ (1...4).contains($0) }) else {
            throw ExchangeError("invalid_schedule", "\(code): schedules are 1 to 4, at least one")
        }
        return Substance(
            code: code,
            name: try InputCheck.text(wire.name, field: "substance \(code) name", max: 128),
            convention: try Self.convention(wire.convention, of: code),
            schedules: Set(wire.schedules.map(Int.init)),
            forms: try wire.forms.map { form in
                SubstanceForm(
                    code: try InputCheck.number(form.code, field: "form code"),
                    name: try InputCheck.text(form.name, field: "form \(form.code) name", max: 256),
                    factors: try form.factors.map { factor in
                        guard let value = ConversionFactor(millionths: Int64(factor.millionths)) else {
                            throw ExchangeError(
                                "invalid_factor",
                                "\(form.code): a factor is more than 0 and at most 1"
                            )
                        }
                        guard
                            let source = DatedFactor.Source(
                                rawValue: factor.source.isEmpty ? "published" : factor.source
                            )
                        else {
                            throw ExchangeError(
                                "invalid_factor",
                                "\(form.code): a factor's source is computed or published"
                            )
                        }
                        return DatedFactor(
                            factor: value,
                            effectiveFrom: try InputCheck.day(
                                factor.effectiveFrom,
                                field: "\(form.code) effective_from"
                            ),
                            source: source
                        )
                    }
                )
            },
            names: try Self.names(wire.names, of: code)
        )
    }
}
