import LicitExchange
import LicitModel
import LicitServerCore

/// The training world a new sandbox starts with: countries across regions, their competent
/// national authorities, and an account of every role for each. Fictional CNA codes.
package enum SandboxWorld {
    package struct Member {
        package let code: String
        package let name: String
        /// The CNA for narcotic drugs, and for psychotropic substances where it is a different one.
        package let authorities: [String]
        /// French and Spanish names.
        package let names: [String: String]

        init(_ code: String, _ name: String, french: String, spanish: String, authorities: [String]) {
            self.code = code
            self.name = name
            self.authorities = authorities
            self.names = ["fr": french, "es": spanish]
        }
    }

    package static let countries: [Member] = [
        Member("FR", "France", french: "France", spanish: "Francia", authorities: ["FR-ANSM"]),
        Member("DE", "Germany", french: "Allemagne", spanish: "Alemania", authorities: ["DE-BFARM"]),
        Member("IN", "India", french: "Inde", spanish: "India", authorities: ["IN-NCB", "IN-CDSCO"]),
        Member("GH", "Ghana", french: "Ghana", spanish: "Ghana", authorities: ["GH-FDA"]),
        Member("KE", "Kenya", french: "Kenya", spanish: "Kenya", authorities: ["KE-PPB"]),
        Member("BR", "Brazil", french: "Brésil", spanish: "Brasil", authorities: ["BR-ANVISA"]),
        Member("MX", "Mexico", french: "Mexique", spanish: "México", authorities: ["MX-COFEPRIS"]),
        Member("CA", "Canada", french: "Canada", spanish: "Canadá", authorities: ["CA-OCS"]),
        Member("AU", "Australia", french: "Australie", spanish: "Australia", authorities: ["AU-ODC"]),
        Member("JP", "Japan", french: "Japon", spanish: "Japón", authorities: ["JP-MHLW"]),
        Member("TH", "Thailand", french: "Thaïlande", spanish: "Tailandia", authorities: ["TH-FDA"]),
        Member("CH", "Switzerland", french: "Suisse", spanish: "Suiza", authorities: ["CH-SWISSMEDIC"]),
    ]

    package struct AccountSeed {
        package let name: String
        package let country: String
        package let authority: String
        package let role: Role
    }

    /// Two Board accounts, then for each country's first CNA an account of every country role.
    package static var accounts: [AccountSeed] {
        var seeds = [
            AccountSeed(name: "board-admin", country: "", authority: "BOARD", role: .boardAdmin),
            AccountSeed(name: "board-observer", country: "", authority: "BOARD", role: .boardObserver),
        ]
        let countryRoles: [(suffix: String, role: Role)] = [
            ("admin", .countryAdmin), ("officer", .officer), ("signer", .signer), ("viewer", .viewer),
        ]
        for country in Self.countries {
            for (suffix, role) in countryRoles {
                seeds.append(
                    AccountSeed(
                        name: "\(country.code.lowercased())-\(suffix)",
                        country: country.code,
                        authority: country.authorities[0],
                        role: role
                    )
                )
            }
            for authority in country.authorities.dropFirst() {
                seeds.append(
                    AccountSeed(
                        name: "\(authority.lowercased())-signer",
                        country: country.code,
                        authority: authority,
                        role: .signer
                    )
                )
            }
        }
        return seeds
    }
}
