import ArgumentParser
import Foundation

/// A file of documents to issue, one per record: CSV with a header row, or JSON lines. Each
/// record's keys are the issue command's flags (`number`, `exporting-country` or
/// `exporting_country`, `line` …); a record becomes that command line, so it is checked exactly
/// as the flags are.
struct BulkFile {
    struct Record {
        /// The record's line in the file (1-based; for CSV, the header is line 1).
        let line: Int
        /// Key → values, in the file's order; several values for a repeatable flag.
        let fields: [(key: String, values: [String])]
        /// The record as written, which names its idempotency key.
        let text: String

        func value(_ key: String) -> String? { self.fields.first { $0.key == key }?.values.first }
    }

    let records: [Record]

    /// Values of these keys are lists: `;`-separated in CSV, arrays (or one string) in JSON.
    static let repeatable: Set<String> = ["line", "transit"]

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw CLIError.usage("cannot read \(path) as UTF-8 text") }
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") {
            self.records = try Self.jsonLines(text)
        } else if lower.hasSuffix(".csv") {
            self.records = try Self.csv(text)
        } else {
            throw CLIError.usage("\(path): name a .csv or .jsonl file", hint: "the extension says how to read it")
        }
        guard !self.records.isEmpty else { throw CLIError.usage("\(path) holds no documents") }
    }

    static func key(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
    }

    // MARK: CSV (RFC 4180: quoted fields may hold commas, quotes doubled and line breaks)

    static func csv(_ text: String) throws -> [Record] {
        let rows = try Self.csvRows(text)
        guard let header = rows.first else { return [] }
        let keys = header.fields.map(Self.key)
        return try rows.dropFirst().filter { !$0.fields.allSatisfy(\.isEmpty) }.map { row in
            guard row.fields.count == keys.count else {
                throw CLIError.usage(
                    "line \(row.line): \(row.fields.count) fields where the header has \(keys.count)"
                )
            }
            let fields = zip(keys, row.fields).map { key, value in
                (
                    key: key,
                    values: Self.repeatable.contains(key)
                        ? value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) } : [value]
                )
            }
            return Record(line: row.line, fields: fields, text: row.fields.joined(separator: "\u{1F}"))
        }
    }

    private static func csvRows(_ text: String) throws -> [(line: Int, fields: [String])] {
        var rows: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var rowLine = 1
        var characters = Array(text).makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let character = pending {
                pending = nil
                return character
            }
            return characters.next()
        }
        while let character = next() {
            if quoted {
                if character == "\"" {
                    let following = next()
                    if following == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        pending = following
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: quoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                fields.append(field)
                rows.append((rowLine, fields))
                (fields, field) = ([], "")
                line += 1
                rowLine = line
            default: field.append(character)
            }
        }
        guard !quoted else { throw CLIError.usage("line \(rowLine): a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append((rowLine, fields))
        }
        return rows
    }

    // MARK: JSON lines

    static func jsonLines(_ text: String) throws -> [Record] {
        var records: [Record] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                throw CLIError.usage("line \(index + 1): not a JSON object")
            }
            let fields = try object.keys.sorted().map { raw -> (key: String, values: [String]) in
                (key: Self.key(raw), values: try Self.strings(object[raw]!, key: raw, line: index + 1))
            }
            records.append(Record(line: index + 1, fields: fields, text: trimmed))
        }
        return records
    }

    private static func strings(_ value: Any, key: String, line: Int) throws -> [String] {
        switch value {
        case let text as String: return [text]
        case let list as [Any]: return try list.flatMap { try Self.strings($0, key: key, line: line) }
        case let number as NSNumber:
            // JSON true and false arrive as a boolean kind of NSNumber (1 and 0 are numbers too).
            let isBoolean = String(describing: type(of: number)).contains("Boolean")
            return [isBoolean ? (number.boolValue ? "true" : "false") : "\(number)"]
        default: throw CLIError.usage("line \(line): \(key) is neither text, a number, true or false, nor a list")
        }
    }
}
