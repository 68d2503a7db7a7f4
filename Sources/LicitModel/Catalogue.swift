/// The substance catalogue as the rules consult it: substances by code, and forms by code.
public struct Catalogue: Sendable {
    public let substances: [String: Substance]
    private let substanceOfForm: [String: String]

    public init(_ substances: [Substance]) {
        self.substances = Dictionary(substances.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last })
        var substanceOfForm: [String: String] = [:]
        for substance in substances {
            for form in substance.forms { substanceOfForm[form.code] = substance.code }
        }
        self.substanceOfForm = substanceOfForm
    }

    /// The substance a salt, preparation or base form belongs to.
    public func substance(ofForm code: String) -> Substance? {
        self.substanceOfForm[code].flatMap { self.substances[$0] }
    }

    public subscript(code: String) -> Substance? { self.substances[code] }
}
