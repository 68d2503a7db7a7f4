/// An importer or exporter, registered by its own country's CNA.
public struct Trader: Hashable, Sendable, Codable {
    public let name: String
    public let address: String
    /// ISO 3166-1 alpha-2.
    public let country: String
    /// The id a CNA registered the trader under; `nil` for a trader given inline.
    public let registeredID: String?

    public init(name: String, address: String, country: String, registeredID: String? = nil) {
        self.name = name
        self.address = address
        self.country = country
        self.registeredID = registeredID
    }
}

/// One substance on an authorization: as traded, and as anhydrous base (what balances count).
public struct AuthorizationLine: Hashable, Sendable, Codable {
    public let substance: String
    public let form: String
    public let traded: Quantity
    public let base: Quantity

    public init(substance: String, form: String, traded: Quantity, base: Quantity) {
        self.substance = substance
        self.form = form
        self.traded = traded
        self.base = base
    }

    /// A line whose base quantity is computed with the catalogue's factor in force on `day`.
    public static func converting(
        _ traded: Quantity,
        of formCode: String,
        of substance: Substance,
        on day: Day
    ) throws(ExchangeError) -> AuthorizationLine {
        guard let form = substance.form(formCode) else {
            throw ExchangeError(.unknownForm, "\(substance.name) has no form \(formCode) in the catalogue")
        }
        guard let factor = form.factor(on: day) else {
            throw ExchangeError(.noFactorInForce, "no conversion factor for \(form.name) is in force on \(day)")
        }
        guard traded > .zero else { throw ExchangeError(.nonPositiveQuantity, "the quantity must be more than zero") }
        guard traded <= .largestStated else {
            throw ExchangeError(
                .quantityTooLarge,
                "\(traded.milligrams) mg is more than the largest quantity a line may state, "
                    + "\(Quantity.largestStated.milligrams) mg (1 000 t): quantities are in milligrams"
            )
        }
        do {
            return AuthorizationLine(
                substance: substance.code,
                form: form.code,
                traded: traded,
                base: try factor.factor.baseQuantity(of: traded)
            )
        } catch {
            throw ExchangeError(.quantityTooLarge, "\(traded) is too large a quantity")
        }
    }
}
