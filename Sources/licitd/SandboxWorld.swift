import LicitServerCore

/// The training world a new sandbox starts with: countries across regions, their competent
/// national authorities, and an account of every role for each. Fictional CNA codes.
enum SandboxWorld {
    struct Country {
        let code: String
        let name: String
        /// The CNA for narcotic drugs, and for psychotropic substances where it is a different one.
        let authorities: [String]
    }

    static let countries: [Country] = [
        Country(code: "FR", name: "France", authorities: ["FR-ANSM"]),
        Country(code: "DE", name: "Germany", authorities: ["DE-BFARM"]),
        Country(code: "IN", name: "India", authorities: ["IN-NCB", "IN-CDSCO"]),
        Country(code: "GH", name: "Ghana", authorities: ["GH-FDA"]),
        Country(code: "KE", name: "Kenya", authorities: ["KE-PPB"]),
        Country(code: "BR", name: "Brazil", authorities: ["BR-ANVISA"]),
        Country(code: "MX", name: "Mexico", authorities: ["MX-COFEPRIS"]),
        Country(code: "CA", name: "Canada", authorities: ["CA-OCS"]),
        Country(code: "AU", name: "Australia", authorities: ["AU-ODC"]),
        Country(code: "JP", name: "Japan", authorities: ["JP-MHLW"]),
        Country(code: "TH", name: "Thailand", authorities: ["TH-FDA"]),
        Country(code: "CH", name: "Switzerland", authorities: ["CH-SWISSMEDIC"]),
    ]

    struct AccountSeed {
        let name: String
        let country: String
        let authority: String
        let role: Role
    }

    /// Two Board accounts, then for each country's first CNA an account of every country role.
    static var accounts: [AccountSeed] {
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
