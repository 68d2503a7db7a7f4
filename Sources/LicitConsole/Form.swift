import ArgumentParser
import Foundation
import Hummingbird

/// A submitted form (`application/x-www-form-urlencoded`), or a query string: every value of each
/// field, in order.
struct Form: Sendable {
    private(set) var fields: [String: [String]] = [:]

    /// The largest form the console reads: a form of a document, not a file upload.
    static let byteLimit = 256 * 1024

    init(encoded text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), !name.isEmpty else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            self.fields[name, default: []].append(value)
        }
    }

    init(_ fields: [String: [String]] = [:]) { self.fields = fields }

    /// The body of a POST, refused above ``byteLimit``.
    static func read(_ request: Request) async throws -> Form {
        let body = try await request.body.collect(upTo: Self.byteLimit)
        return Form(encoded: String(buffer: body))
    }

    static func query(_ request: Request) -> Form {
        Form(encoded: request.uri.query ?? "")
    }

    /// The first value, trimmed; nil when absent or blank.
    subscript(_ name: String) -> String? {
        guard let value = self.fields[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines),
            !value.isEmpty
        else { return nil }
        return value
    }

    func all(_ name: String) -> [String] {
        (self.fields[name] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    func has(_ name: String) -> Bool { self.fields[name] != nil }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// `name=value&…`, percent-encoded, for links that carry a form's state (filters, paging).
    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { name, value in "\(name)=\(Self.escape(value))" }.joined(separator: "&")
    }

    /// A value percent-encoded for a URL's path segment or query.
    static func escape(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

extension Form {
    /// The form as `licit`'s command line: each filled field as its flag, each filled substance
    /// line as `--line FORM=QUANTITY`, each ticked box as its flag.
    func arguments(_ flags: [(field: String, flag: String)], boxes: [(field: String, flag: String)]) -> [String] {
        var arguments: [String] = []
        for (field, flag) in flags {
            if let value = self[field] { arguments += [flag, value] }
        }
        for (form, quantity) in zip(self.all("line_form"), self.all("line_quantity"))
        where !form.isEmpty || !quantity.isEmpty {
            arguments += ["--line", "\(form)=\(quantity)"]
        }
        for (field, flag) in boxes where self.has(field) { arguments.append(flag) }
        return arguments
    }

    /// `arguments` parsed by `licit`'s own options; what they refuse, told as `licit` tells it.
    static func parse<Options: ParsableArguments>(_ type: Options.Type, _ arguments: [String]) throws -> Options {
        do {
            return try Options.parse(arguments)
        } catch {
            throw ConsoleInputError(Options.message(for: error))
        }
    }
}
