import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// `licit export`: the printable copy.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a sealed document as print-ready HTML, plain text or JSON, with its seal.",
        discussion: """
            The copy that travels with the consignment, or goes to a paper partner. Anyone with the
            exchange's public key can check it offline with `licit verify FILE`. Examples:
              licit export FR-ANSM/IA-001 --format html --output IA-001.html
              licit export FR-ANSM/IA-001 --format html --lang fr --output IA-001-fr.html
              licit export IN-NCB/EA-001 --format text
            """
    )
    @Argument(help: ArgumentHelp("AUTHORITY/NUMBER, or NUMBER for your own authority's.", valueName: "document"))
    var document: String

    @Option(name: .long, help: "html, text or json.")
    var format: String = "html"

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")
    )
    var output: String?

    @OptionGroup var language: LanguageOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let language = try self.language.language
        guard let format = PrintedDocument.Format(rawValue: self.format.lowercased()) else {
            throw CLIError.usage("unknown --format \(self.format)", hint: "choose html, text or json")
        }
        let printed = try await self.connection.withClient { client in
            let name = try DocumentName(self.document, defaultAuthority: try await client.recognisedAccount().authority)
            return try await PrintedDocument.issued(
                authority: name.authority,
                number: name.number,
                format: format,
                language: language,
                client: client
            )
        }
        let text = try printed.render()
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CLIError.usage("cannot write \(output): \(error.localizedDescription)")
            }
            Console.current.err("wrote \(output)")
        } else {
            Console.current.out(text)
        }
    }
}

/// `licit verify FILE`: offline.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a printed document offline: the exchange's seal, and that not one byte was changed.",
        discussion: """
            The keys come from --public-key, LICIT_SEAL_KEY (comma-separated), or the profile (saved by
            `licit seal-key --save` or `licit profile add --sandbox`); the one whose key id the print
            names is used, so documents sealed before a key rotation keep verifying. Exits 0 when
            valid, 4 when not. Examples:
              licit verify IA-001.html
              licit verify EA-001.txt --public-key 9fX2…= --public-key Qm3a…=
            """
    )
    @Argument(help: ArgumentHelp("A file written by `licit export`.", valueName: "file"))
    var file: String

    @Option(
        name: .long,
        help: ArgumentHelp("An exchange's Ed25519 public key, base64 (repeatable: a key set).", valueName: "key")
    )
    var publicKey: [String] = []

    @Option(name: .long, help: "The profile whose saved seal key to use.")
    var profile: String?

    @OptionGroup var output: OutputOptions

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: self.file) else {
            throw CLIError.usage("cannot read \(self.file)")
        }
        let keys = try self.keys()
        // `licit export` to standard output adds one newline to the print.
        let (printed, name) = try PrintedDocument.verify(String(decoding: data, as: UTF8.self), keys: keys)
        let facts = try? DocumentFacts(kind: printed.kind, content: printed.content)
        if self.output.json {
            Output.print(json: ["valid": true, "kind": printed.kindName, "document": name, "keyId": printed.keyID])
        } else {
            Console.current.out(
                "valid: \(facts?.title ?? "document") \(name), sealed by the exchange (key id \(printed.keyID))"
            )
            Console.current.out("note: the seal covers what was issued; ask the exchange for its current status")
        }
    }

    private func keys() throws -> [Data] {
        let environment = Console.current.environment
        var encoded = self.publicKey
        if encoded.isEmpty, let variable = environment["LICIT_SEAL_KEY"], !variable.isEmpty {
            encoded = variable.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        if encoded.isEmpty {
            let file = try ProfileFile.load()
            let name = self.profile ?? environment["LICIT_PROFILE"] ?? file.current
            let profile = name.flatMap { file.profiles[$0] }
            encoded = profile?.sealPublicKeys ?? profile?.sealPublicKey.map { [$0] } ?? []
        }
        guard !encoded.isEmpty else {
            throw CLIError.usage(
                "no seal key to verify with",
                hint:
                    "give --public-key (the exchange publishes it; `licit seal-key` prints it), or save it with `licit seal-key --save`"
            )
        }
        return try encoded.map { text in
            guard let key = Data(base64Encoded: text), key.count == 32 else {
                throw CLIError.usage("the seal key \(text) is not a base64 32-byte Ed25519 public key")
            }
            return key
        }
    }

    static func firstDifferentLine(_ a: String, _ b: String) -> Int {
        let left = a.split(separator: "\n", omittingEmptySubsequences: false)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<min(left.count, right.count) where left[index] != right[index] { return index + 1 }
        return min(left.count, right.count) + 1
    }
}

/// `licit seal-key`
struct SealKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal-key",
        abstract: "Print the exchange's public seal key (and save it in the profile for offline verification).",
        discussion: "Example:\n  licit seal-key --save"
    )
    @Flag(name: .long, help: "Save it in the current (or --profile) profile.")
    var save = false

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let key = try await self.connection.withClient { try await $0.sealKey() }
        let encoded = key.publicKey.base64EncodedString()
        // Every key the exchange has sealed with (an older exchange lists none: its one key).
        let all = key.allKeys.map { $0.publicKey.base64EncodedString() }
        if self.save {
            var file = try ProfileFile.load()
            let environment = Console.current.environment
            guard let name = self.connection.profile ?? environment["LICIT_PROFILE"] ?? file.current,
                file.profiles[name] != nil
            else {
                throw CLIError.usage("no profile to save the key in", hint: "add one with `licit profile add`")
            }
            file.profiles[name]?.sealPublicKey = encoded
            file.profiles[name]?.sealPublicKeys = all
            try file.save()
        }
        if self.output.json {
            Output.print(
                json: [
                    "publicKey": encoded, "keyId": key.keyID,
                    "keys": key.keys.map { info -> [String: Any] in
                        [
                            "keyId": info.keyID, "publicKey": info.publicKey.base64EncodedString(),
                            "validFromMs": info.validFromMs, "validUntilMs": info.validUntilMs,
                        ]
                    },
                ]
            )
        } else {
            Console.current.out("\(encoded)  (key id \(key.keyID))")
            for info in key.keys where info.keyID != key.keyID {
                let until = AuditCommand.time(info.validUntilMs)
                Console.current.out("\(info.publicKey.base64EncodedString())  (key id \(info.keyID), retired \(until))")
            }
        }
    }
}

extension PrintedDocument {
    /// The print of an issued document, as the exchange sealed it (`licit export`, the console's
    /// print view): refused for a draft, or a seal none of the exchange's keys verifies.
    package static func issued(
        authority: String,
        number: String,
        format: Format,
        language: PrintLanguage,
        client: LicitClient
    ) async throws -> PrintedDocument {
        let name = "\(authority)/\(number)"
        let document = try await client.document(authority: authority, number: number)
        guard !document.seal.isEmpty else {
            throw CLIError(.rejected, "\(name) is a draft: only issued documents are sealed and printed")
        }
        // The key that sealed it: the current one, or one retired since.
        guard let key = try await client.sealKey().key(sealing: document) else {
            throw CLIError(.verificationFailed, "the exchange's seal on \(name) does not verify with any of its keys")
        }
        let names = try await ReferenceNames.fetch(client, language)
        return PrintedDocument(
            format: format,
            kind: document.kind,
            content: document.content,
            seal: document.seal,
            keyID: key.keyID,
            language: language,
            names: ReferenceNames.of(kind: document.kind, content: document.content, in: names)
        )
    }

    /// Checks a print offline: its seal with the key it names (one of `keys`), then that the whole
    /// file is exactly what that sealed content prints as. Returns the print and its document's name.
    package static func verify(_ text: String, keys: [Data]) throws -> (PrintedDocument, String) {
        let printed = try PrintedDocument.parse(text)
        let facts = try? DocumentFacts(kind: printed.kind, content: printed.content)
        let name = "\(facts?.authority ?? "?")/\(facts?.number ?? "?")"
        guard let key = keys.first(where: { Seal.keyID(of: $0) == printed.keyID }) else {
            throw CLIError(
                .verificationFailed,
                "\(name) names seal key \(printed.keyID), which is not among the keys given (\(keys.map { Seal.keyID(of: $0) }.joined(separator: ", ")))",
                hint:
                    "`licit seal-key --save` keeps every key the exchange has sealed with; a key the exchange never had means a forged print"
            )
        }
        guard Seal.verify(printed.content, signature: printed.seal, publicKey: key) else {
            throw CLIError(
                .verificationFailed,
                "the seal of \(name) is not valid: its sealed content was changed, or it was not sealed by this exchange's key",
                hint: "do not rely on this copy; ask the issuing authority or check the document on the exchange"
            )
        }
        let expected = try printed.render()
        guard text == expected || text == expected + "\n" else {
            let line = VerifyCommand.firstDifferentLine(expected, text)
            throw CLIError(
                .verificationFailed,
                "the seal of \(name) is valid, but the file was altered around it (first difference on line \(line))",
                hint: "print a fresh copy with `licit export`; rely only on the sealed facts shown by `licit verify`"
            )
        }
        return (printed, name)
    }
}
