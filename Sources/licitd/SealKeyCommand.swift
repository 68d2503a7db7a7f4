import ArgumentParser
import Foundation
import LicitDaemon
import LicitExchange

/// `licitd seal-key list|rotate`: the exchange's seal keys, and a new one made current.
struct SealKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal-key",
        abstract: "List the exchange's seal keys, or make a new one current without stopping the daemon.",
        subcommands: [List.self, Rotate.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The current seal key and the retired ones, with when each sealed.",
            discussion: """
                Examples:
                  licitd seal-key list --data ./sandbox
                  licitd seal-key list --config /etc/licit/licitd.json
                """
        )
        @OptionGroup var location: DatabaseLocation

        func run() throws {
            let (keyPath, retiredPath) = try self.location.sealKeyPaths()
            let current = try SealKeyFile.read(keyPath)
            let retired = try RetiredSealKeys.read(retiredPath)
            for key in retired {
                let from = key.validFromMs.map(Self.time) ?? "?"
                print(
                    "retired  \(key.keyID)  \(key.publicKey.base64EncodedString())  \(from) to \(Self.time(key.validUntilMs))"
                )
            }
            let since = retired.last.map { Self.time($0.validUntilMs) } ?? "?"
            print("current  \(current.keyID)  \(current.publicKey.base64EncodedString())  since \(since)")
        }

        static func time(_ milliseconds: Int64) -> String {
            Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(.iso8601)
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new seal key current; the old one is retired, and what it sealed keeps verifying.",
            discussion: """
                Writes a new key in place of the seal key file and lists the old one's public half, with
                the time it stopped sealing, in the retired keys beside it. A daemon serving with these
                files seals with the new key within two seconds, without a restart; GetSealKey and
                `licit seal-key` then list both. With several daemons, rotate on one host and copy the
                seal key file and retired-seal-keys.json to the others: until they have them, documents
                are sealed with either key, and both verify.
                  licitd seal-key rotate --config /etc/licit/licitd.json
                """
        )
        @OptionGroup var location: DatabaseLocation

        func run() throws {
            let (keyPath, retiredPath) = try self.location.sealKeyPaths()
            let (retired, current) = try RetiredSealKeys.rotate(sealKeyPath: keyPath, retiredPath: retiredPath)
            print("retired \(retired.keyID); now sealing with \(current.keyID) (\(keyPath), \(retiredPath))")
        }
    }
}
