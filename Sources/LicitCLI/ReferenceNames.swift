import Foundation
import LicitClient
import LicitWire

/// Country and substance names from the exchange's reference data, in the caller's language.
package enum ReferenceNames {
    /// The names of every country and substance, fetched once per command: reference data limited
    /// to the caller's country (country-specific entries are not needed for names).
    static func fetch(_ client: LicitClient, _ language: PrintLanguage) async throws -> [String: String] {
        Self.all(try await client.reference(country: try await client.recognisedAccount().country), language)
    }

    package static func all(_ reference: Licit_V1_ReferenceData, _ language: PrintLanguage) -> [String: String] {
        var names: [String: String] = [:]
        for country in reference.countries {
            names[country.code] = language == .en ? country.name : country.names[language.rawValue] ?? country.name
        }
        // A CNA's full name, beside its code.
        for authority in reference.authorities {
            names[authority.code] = authority.name
            if !authority.address.isEmpty { names["address:\(authority.code)"] = authority.address }
        }
        for substance in reference.substances {
            names[substance.code] =
                language == .en ? substance.name : substance.names[language.rawValue] ?? substance.name
        }
        return names
    }

    /// The names of the countries and substances a document mentions.
    package static func of(kind: Licit_V1_DocumentKind, content: Data, in names: [String: String]) -> [String: String] {
        var codes: [String] = []
        if kind == .importAuthorization, let ia = try? Licit_V1_ImportAuthorizationContent(serializedBytes: content) {
            codes =
                [ia.authority, ia.importingCountry, ia.exportingCountry, ia.importer.country, ia.exporter.country]
                + ia.lines.map(\.substance)
        }
        if kind == .exportAuthorization, let ea = try? Licit_V1_ExportAuthorizationContent(serializedBytes: content) {
            codes =
                [ea.authority, ea.importingCountry, ea.exportingCountry, ea.importer.country, ea.exporter.country]
                + ea.lines.map(\.substance) + ea.transitCountries
        }
        let addresses = Set(codes.map { "address:\($0)" })
        return names.filter { codes.contains($0.key) || addresses.contains($0.key) }
    }
}
