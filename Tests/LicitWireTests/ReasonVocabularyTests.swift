import Foundation
import LicitWire
import Testing

/// The reasons the exchange sends, the reason catalogue, its vocabulary (served by GetReference),
/// PROTOCOL.md's reason table and the C and Python clients' lists agree.
@Suite("The reason catalogue")
struct ReasonVocabularyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Reasons that never reach a client: a daemon that cannot open its database.
    static let offTheWire: Set<String> = ["database_in_use", "database_unavailable"]

    /// The reasons written in the server's code, the way its code writes them.
    static func reasonsInServerCode() throws -> Set<String> {
        let patterns = try [
            #"reason:\s*"([a-z_]+)""#, #"\.invalid\(\s*"([a-z_]+)""#, #"Reason\(\s*"([a-z_]+)"\s*\)"#,
            #"refuse\([^,]+,\s*\.\w+,\s*"([a-z_]+)""#, #"violation\(\s*"([a-z_]+)""#,
            #"refusal\(\s*\.\w+,\s*"([a-z_]+)""#, #"end\(\s*\.\w+,\s*"([a-z_]+)""#,
            #"ExchangeError\(\s*"([a-z_]+)""#,
        ].map { try NSRegularExpression(pattern: $0) }
        var reasons: Set<String> = []
        for target in [
            "LicitWire", "LicitModel", "LicitStorage", "LicitStorageSQLite", "LicitExchange", "LicitServerCore",
            "LicitServer",
        ] {
            let folder = Self.root.appendingPathComponent("Sources/\(target)")
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" && !$0.path.contains("/Generated/") }
            for file in files ?? [] {
                let text = try String(contentsOf: file, encoding: .utf8)
                for pattern in patterns {
                    for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                        reasons.insert(String(text[Range(match.range(at: 1), in: text)!]))
                    }
                }
            }
        }
        return reasons
    }

    @Test("every reason the server's code sends is in the vocabulary, named in three languages")
    func serverReasonsNamed() throws {
        let sent = try Self.reasonsInServerCode().subtracting(Self.offTheWire)
        #expect(sent.count > 80, "the scan found the server's reasons")
        let unnamed = sent.subtracting(Vocabulary.reasons.keys)
        #expect(unnamed.isEmpty, "reasons without names: \(unnamed.sorted())")
        for (code, names) in Vocabulary.reasons {
            #expect(!names.english.isEmpty && !names.french.isEmpty && !names.spanish.isEmpty, "\(code)")
        }
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    }

    static func matches(_ pattern: String, in text: String) throws -> [[String]] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).map { String(text[Range(match.range(at: $0), in: text)!]) }
        }
    }

    @Test("PROTOCOL.md's reason table lists every reason of the catalogue, with its code, and no other")
    func protocolTable() throws {
        let rows = try Self.matches(#"\n\| `([a-z_]+)` \| (\d+) `([A-Z_]+)` \|"#, in: Self.text("PROTOCOL.md"))
        let table = Dictionary(rows.map { ($0[0], Int($0[1])!) }, uniquingKeysWith: { first, _ in first })
        #expect(rows.count == ReasonCatalogue.entries.count, "one row per reason")
        for entry in ReasonCatalogue.entries {
            #expect(table[entry.reason] == entry.code.wireValue.rawValue, "\(entry.reason): PROTOCOL.md's code")
        }
    }

    @Test("the C and Python clients know exactly the catalogue's reasons, in its order")
    func clientsAgree() throws {
        let reasons = ReasonCatalogue.entries.map(\.reason)
        let c = try Self.matches(
            #"\{LICIT_REASON_([A-Z_]+), "([a-z_]+)", ([01])\}"#,
            in: Self.text("Clients/c/src/reasons.c")
        )
        #expect(c.map { $0[1] } == reasons)
        #expect(c.allSatisfy { $0[0] == $0[1].uppercased() })
        #expect(c.map { $0[2] == "1" } == ReasonCatalogue.entries.map(\.retrySameID))
        let header = try Self.matches(
            #"\n    LICIT_REASON_([A-Z_]+),"#,
            in: Self.text("Clients/c/include/licit/reasons.h")
        )
        #expect(header.map { $0[0] } == ["OTHER"] + reasons.map { $0.uppercased() })
        let python = try Self.matches(
            #"\n    "([a-z_]+)": Reason\("[a-z_]+", "([A-Z_]+)""#,
            in: Self.text("Clients/python/src/licit/reasons.py")
        )
        #expect(python.map { $0[0] } == reasons)
        #expect(python.map { $0[1] } == ReasonCatalogue.entries.map { Self.wireName("\($0.code)") })
    }

    /// "FAILED_PRECONDITION" for `failedPrecondition`: the code's name as PROTOCOL.md writes it.
    static func wireName(_ name: String) -> String {
        name.reduce(into: "") { name, character in
            if character.isUppercase { name += "_" }
            name += character.uppercased()
        }
    }

    @Test("GetReference's vocabulary carries every reason with its code, retry advice and detail keys")
    func vocabularyServed() {
        let terms = Vocabulary.reasonTerms
        #expect(terms.count == ReasonCatalogue.entries.count)
        for term in terms {
            let entry = ReasonCatalogue.byReason[term.code]
            #expect(entry != nil && term.statusCode == entry?.code.wireValue, "\(term.code)")
            #expect(term.names.count == 3 && !term.action.isEmpty, "\(term.code)")
            #expect(term.statusCode != .ok || term.code == "shutting_down", "\(term.code) refuses with a code")
        }
    }
}
