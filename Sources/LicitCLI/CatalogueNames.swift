import Foundation
import LicitWire

/// Substances and their salts and preparations by the names officers use, resolved against the
/// exchange's catalogue. The names seen last are cached for shell completion.
package struct CatalogueNames {
    struct Entry {
        let code: String
        let name: String
        let substance: String
    }

    let entries: [Entry]

    package init(_ substances: [Licit_V1_Substance]) {
        var entries: [Entry] = []
        for substance in substances {
            entries.append(Entry(code: substance.code, name: substance.name, substance: substance.code))
            for form in substance.forms where form.code != substance.code {
                entries.append(Entry(code: form.code, name: form.name, substance: substance.code))
            }
        }
        self.entries = entries
    }

    /// The form code for a code or name, exact or by a unique fragment ("morphine sulfate penta").
    func form(_ text: String) throws -> Entry {
        let wanted = Self.normalized(text)
        if let exact = self.entries.first(where: {
            Self.normalized($0.code) == wanted || Self.normalized($0.name) == wanted
        }) {
            return exact
        }
        let words = wanted.split(separator: " ")
        let matches = self.entries.filter { entry in
            let haystack = Self.normalized(entry.code) + " " + Self.normalized(entry.name)
            return words.allSatisfy { haystack.contains($0) }
        }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            throw CLIError.usage(
                "no substance, salt or preparation in the catalogue is called \(text)",
                hint: "see `licit ref substances`; codes look like MORPHINE-SULFATE-PENTAHYDRATE"
            )
        }
        let listed = matches.prefix(8).map { "\($0.code) (\($0.name))" }.joined(separator: ", ")
        throw CLIError.usage(
            "\(text) matches \(matches.count) forms: \(listed)",
            hint: "give more of the name, or the code"
        )
    }

    /// A `FORM=QUANTITY` argument as a document line.
    func line(_ argument: String) throws -> Licit_V1_Line {
        guard let separator = argument.lastIndex(of: "=") else {
            throw CLIError.usage(
                "the line \(argument) has no quantity",
                hint: "write FORM=QUANTITY, e.g. --line MORPHINE-SULFATE-PENTAHYDRATE=25kg"
            )
        }
        let form = try self.form(String(argument[..<separator]))
        let quantity = try QuantityInput.milligrams(String(argument[argument.index(after: separator)...]))
        return .with {
            $0.form = form.code
            $0.tradedMg = quantity
        }
    }

    static func normalized(_ text: String) -> String {
        let mapped = text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }
        return String(mapped).split(separator: " ").joined(separator: " ")
    }

    // MARK: completion cache

    static var cacheFile: URL {
        let environment = Console.current.environment
        let base =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".cache")
        return base.appendingPathComponent("licit/forms.txt")
    }

    func remember() {
        let file = Self.cacheFile
        try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try? Data(self.entries.map(\.code).joined(separator: "\n").utf8).write(to: file, options: .atomic)
    }

    /// Completions for a `--line` value: the cached form codes, each followed by `=`.
    static func completions(_ prefix: String) -> [String] {
        guard let text = try? String(contentsOf: Self.cacheFile, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map { "\($0)=" }.filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
    }
}
