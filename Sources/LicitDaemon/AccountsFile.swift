import Foundation
import LicitExchange
import LicitServer
import LicitServerCore

/// The accounts file: which certificate fingerprint reaches which account, and the deny-list.
///
/// ```json
/// { "accounts": [ { "name": "fr-signer", "country": "FR", "authority": "FR-ANSM",
///                   "role": "signer", "certificate_fingerprint": "3f2a…" } ],
///   "revoked": [ "9c01…" ] }
/// ```
package struct AccountsFile: Codable, Equatable, Sendable {
    package var accounts: [Account]
    package var revoked: [String]

    package init(accounts: [Account], revoked: [String]) {
        self.accounts = accounts
        self.revoked = revoked
    }

    package static func read(_ url: URL) throws -> AccountsFile {
        do {
            return try JSONDecoder.snakeCase.decode(AccountsFile.self, from: Data(contentsOf: url))
        } catch {
            throw ValidationFailure("cannot read the accounts file \(url.path): \(ValidationFailure.explain(error))")
        }
    }

    package func write(_ url: URL) throws {
        try JSONEncoder.pretty.encode(self).write(to: url, options: .atomic)
    }

    /// Revocations and enrolments made over the wire, written to the file before they take effect.
    package static func persistence(_ url: URL) -> DirectoryAdministration.Persistence {
        DirectoryAdministration.Persistence(
            revoke: { fingerprint in
                var file = try AccountsFile.read(url)
                file.revoked = Array(Set(file.revoked).union([fingerprint])).sorted()
                try file.write(url)
            },
            register: { account in
                var file = try AccountsFile.read(url)
                try file.register(account)
                try file.write(url)
            },
            approve: { fingerprint in
                var file = try AccountsFile.read(url)
                for index in file.accounts.indices where file.accounts[index].certificateFingerprint == fingerprint {
                    file.accounts[index].pendingApproval = false
                }
                try file.write(url)
            }
        )
    }

    package mutating func register(_ account: Account) throws {
        if let existing = self.accounts.first(where: { $0.certificateFingerprint == account.certificateFingerprint }) {
            throw ValidationFailure("that certificate is already registered to account \(existing.name)")
        }
        self.accounts.append(account)
    }
}

/// A problem the operator can fix, printed without a stack of wrappers.
package struct ValidationFailure: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }

    /// A file error or a JSON decoding error, told in one line.
    package static func explain(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing field \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return
                "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "not valid JSON: \(context.debugDescription)"
        default:
            return (error as NSError).localizedDescription
        }
    }
}

extension JSONDecoder {
    package static var snakeCase: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}

extension JSONEncoder {
    package static var pretty: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
