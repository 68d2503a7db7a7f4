import Foundation
import SwiftProtobuf

/// Tables for people and JSON for scripts.
enum Output {
    /// Columns padded to their widest cell; the header in capitals.
    /// A table for people: its headers in this run's language (``PrintLanguage/current``).
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let language = PrintLanguage.current
        guard !rows.isEmpty else { return language("(none)") }
        let all = [header.map { language($0).uppercased() }] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// RFC 4180 CSV: a header row, then the rows; fields quoted when they need it.
    static func csv(_ header: [String], _ rows: [[String]]) -> String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n")
    }

    /// `label  value` lines, the labels aligned.
    static func fields(_ pairs: [(String, String)]) -> String {
        let shown = pairs.filter { !$0.1.isEmpty }
        let width = shown.map(\.0.count).max() ?? 0
        return shown.map {
            $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1
        }.joined(separator: "\n")
    }

    /// How messages appear in `--json`: the proto3 JSON mapping (fields at their default value are
    /// omitted), with 64-bit integers as numbers so that scripts can add milligrams.
    static var jsonOptions: JSONEncodingOptions {
        var options = JSONEncodingOptions()
        options.alwaysPrintInt64sAsNumbers = true
        options.useDeterministicOrdering = true
        return options
    }

    /// A message in its `--json` form, as a JSON value.
    static func value(_ message: any SwiftProtobuf.Message) -> Any {
        guard let data = try? message.jsonUTF8Data(options: Self.jsonOptions),
            let object = try? JSONSerialization.jsonObject(with: data)
        else { return [String: Any]() }
        return object
    }

    /// Pretty, key-sorted JSON text.
    static func json(_ value: Any) -> String {
        let data =
            (try? JSONSerialization.data(
                withJSONObject: value,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            )) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func print(json value: Any) {
        Console.current.out(Self.json(value))
    }
}
