import Foundation
import LicitExchange
import LicitModel
import LicitServerCore

/// The world every history starts from, written here from the treaty workflow rather than
/// taken from the exchange's fixtures: France, India (one CNA per convention) and Germany on the
/// exchange, Nepal trading on paper; estimates and assessments for two years; one art. 13
/// prohibition; and accounts of every role.
enum SimulationWorld {
    /// 2026-03-02 06:00 UTC: the clock only ever moves by whole days (sweeps follow each move),
    /// and the seconds steps add never reach midnight.
    static let start = Date(timeIntervalSince1970: 1_772_431_200)
    static var startDay: Day { Day(Self.start) }

    /// Base forms only, so that a line's base quantity is its traded quantity.
    static let substances = ["MORPHINE", "CODEINE", "METHYLPHENIDATE"]
    static let narcotics: Set<String> = ["MORPHINE", "CODEINE"]
    static let countries = ["FR", "IN", "DE"]
    static let paperCountry = "NP"
    static let paperAuthority = "NP-DDA"

    /// The CNA of `country` that handles `substance`'s convention.
    static func authority(of country: String, for substance: String) -> String? {
        switch country {
        case "FR": "FR-ANSM"
        case "DE": "DE-BFARM"
        case "IN": Self.narcotics.contains(substance) ? "IN-NCB" : "IN-CDSCO"
        default: nil
        }
    }

    static let authorities = ["FR-ANSM", "IN-NCB", "IN-CDSCO", "DE-BFARM"]

    static func country(of authority: String) -> String {
        String(authority.prefix(2))
    }

    /// A registered trader of each CNA: `<authority>-T1`.
    static func trader(of authority: String) -> String { "\(authority)-T1" }

    /// The yearly allowance (base mg) the world starts with.
    static func allowance(_ substance: String) -> Int64 {
        switch substance {
        case "MORPHINE": 100_000_000
        case "CODEINE": 500_000_000
        default: 50_000_000
        }
    }

    static let prohibition = Prohibition(country: "FR", substance: "PENTOBARBITAL")

    static func reference(year: Int) -> ReferenceData {
        var data = ReferenceData()
        data.countries = [
            Country(code: "FR", name: "France", participating: true),
            Country(code: "IN", name: "India", participating: true),
            Country(code: "DE", name: "Germany", participating: true),
            Country(code: "NP", name: "Nepal", participating: false),
        ]
        data.authorities = [
            Authority(code: "FR-ANSM", country: "FR", name: "ANSM", conventions: [.narcotic1961, .psychotropic1971]),
            Authority(code: "IN-NCB", country: "IN", name: "NCB", conventions: [.narcotic1961]),
            Authority(code: "IN-CDSCO", country: "IN", name: "CDSCO", conventions: [.psychotropic1971]),
            Authority(code: "DE-BFARM", country: "DE", name: "BfArM", conventions: [.narcotic1961, .psychotropic1971]),
            Authority(
                code: Self.paperAuthority,
                country: "NP",
                name: "DDA",
                conventions: [.narcotic1961, .psychotropic1971]
            ),
        ]
        data.substances = ReferenceCatalogue.substances
        for country in Self.countries + [Self.paperCountry] {
            for year in [year, year + 1] {
                for substance in Self.substances {
                    data.allowances.append(
                        Allowance(
                            country: country,
                            substance: substance,
                            year: year,
                            initial: Quantity(milligrams: Self.allowance(substance))
                        )
                    )
                }
            }
        }
        data.prohibitions = [Self.prohibition]
        data.traders = Self.authorities.map { authority in
            let country = Self.country(of: authority)
            return RegisteredTrader(
                id: Self.trader(of: authority),
                authority: authority,
                trader: Trader(name: "Trader of \(authority)", address: "1 Main Street, \(country)", country: country)
            )
        }
        return data
    }

    /// Signers, officers and viewers of every CNA, France's country admin, and the Board.
    static let accounts: [Account] = {
        var accounts: [Account] = []
        for authority in Self.authorities {
            for role in [Role.signer, .officer, .viewer] {
                accounts.append(Self.account("\(authority.lowercased())-\(role.rawValue)", authority, role))
            }
        }
        accounts.append(Self.account("fr-admin", "FR-ANSM", .countryAdmin))
        accounts.append(Self.account("board-admin", "BOARD", .boardAdmin))
        accounts.append(Self.account("board-observer", "BOARD", .boardObserver))
        return accounts
    }()

    static func account(_ name: String, _ authority: String, _ role: Role) -> Account {
        Account(
            name: name,
            country: authority == "BOARD" ? "" : Self.country(of: authority),
            authority: authority,
            role: role,
            certificateFingerprint: Self.fingerprint(name)
        )
    }

    /// A stable 64-hex-digit stand-in for a certificate's SHA-256.
    static func fingerprint(_ name: String) -> String {
        var random = SimulationRandom(
            seed: name.utf8.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 }
        )
        return (0..<4).map { _ in
            let text = String(random.next(), radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
    }

    static func signer(of authority: String) -> Account {
        Self.accounts.first { $0.authority == authority && $0.role == .signer }!
    }

    static func officer(of authority: String) -> Account {
        Self.accounts.first { $0.authority == authority && $0.role == .officer }!
    }

    static let boardAdmin = Self.accounts.first { $0.role == .boardAdmin }!
}
