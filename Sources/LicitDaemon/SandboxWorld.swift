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
    }

    package static let countries: [Member] = [
        Member(code: "FR", name: "France", authorities: ["FR-ANSM"]),
        Member(code: "DE", name: "Germany", authorities: ["DE-BFARM"]),
        Member(code: "IN", name: "India", authorities: ["IN-NCB", "IN-CDSCO"]),
        Member(code: "GH", name: "Ghana", authorities: ["GH-FDA"]),
        Member(code: "KE", name: "Kenya", authorities: ["KE-PPB"]),
        Member(code: "BR", name: "Brazil", authorities: ["BR-ANVISA"]),
        Member(code: "MX", name: "Mexico", authorities: ["MX-COFEPRIS"]),
        Member(code: "CA", name: "Canada", authorities: ["CA-OCS"]),
        Member(code: "AU", name: "Australia", authorities: ["AU-ODC"]),
        Member(code: "JP", name: "Japan", authorities: ["JP-MHLW"]),
        Member(code: "TH", name: "Thailand", authorities: ["TH-FDA"]),
        Member(code: "CH", name: "Switzerland", authorities: ["CH-SWISSMEDIC"]),
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
