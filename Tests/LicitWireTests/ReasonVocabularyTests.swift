import Foundation
import LicitWire
import Testing

/// The reasons the exchange sends, its vocabulary (served by GetReference), PROTOCOL.md's
/// session table and the C client's list agree.
@Suite("The reason vocabulary")
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
        ].map { try NSRegularExpression(pattern: $0) }
        var reasons: Set<String> = []
        for target in [
            "LicitWire", "LicitModel", "LicitStorage", "LicitStorageSQLite", "LicitServerCore", "LicitServer",
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

    @Test("PROTOCOL.md's session reasons and the C client's known reasons are all in the vocabulary")
    func clientsAgree() throws {
        let protocolText = try String(
            contentsOf: Self.root.appendingPathComponent("PROTOCOL.md"),
            encoding: .utf8
        )
        let c = try String(contentsOf: Self.root.appendingPathComponent("Clients/c/src/reasons.c"), encoding: .utf8)
        for (text, pattern, source) in [
            (protocolText, #"\n\| `([a-z_]+)` \| \d+ `"#, "PROTOCOL.md"), (c, #""([a-z_]+)"\}"#, "the C client"),
        ] {
            let regex = try NSRegularExpression(pattern: pattern)
            let listed = Set(
                regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
                    String(text[Range($0.range(at: 1), in: text)!])
                }
            )
            #expect(listed.count > 20, "\(source): the scan found its reasons")
            #expect(
                listed.subtracting(Vocabulary.reasons.keys).isEmpty,
                "\(source) knows reasons the vocabulary does not: \(listed.subtracting(Vocabulary.reasons.keys).sorted())"
            )
        }
    }
}
