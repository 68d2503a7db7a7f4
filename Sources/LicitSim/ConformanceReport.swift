import Foundation

/// The outcome of `licit-sim conform`: what the client met and how it behaved, as text, JSON
/// or a self-contained HTML page an integrator attaches to its go-live request.
struct ConformanceReport: Encodable {
    struct Check: Encodable {
        var id: String
        var title: String
        /// The situations the check looked at (faults met, events delivered…).
        var examined: Int
        var findings: [String]
        /// Told, not judged.
        var informational = false

        /// `pass`, `fail`, `not_exercised` (nothing to examine) or `info`.
        var status: String {
            if self.informational { return "info" }
            if !self.findings.isEmpty { return "fail" }
            return self.examined == 0 ? "not_exercised" : "pass"
        }

        enum CodingKeys: String, CodingKey {
            case id, title, examined, findings, informational, status
        }

        init(id: String, title: String, examined: Int, findings: [String]) {
            self.id = id
            self.title = title
            self.examined = examined
            self.findings = findings
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.id, forKey: .id)
            try container.encode(self.title, forKey: .title)
            try container.encode(self.examined, forKey: .examined)
            try container.encode(self.findings, forKey: .findings)
            try container.encode(self.informational, forKey: .informational)
            try container.encode(self.status, forKey: .status)
        }
    }

    var account: String
    var journal: String
    var calls: Int
    var writes: Int
    var connections: Int
    var events: Int
    /// How many times each fault was inflicted.
    var faults: [String: Int]
    var checks: [Check]

    enum CodingKeys: String, CodingKey {
        case account, journal, calls, writes, connections, events, faults, checks, verdict
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.account, forKey: .account)
        try container.encode(self.journal, forKey: .journal)
        try container.encode(self.calls, forKey: .calls)
        try container.encode(self.writes, forKey: .writes)
        try container.encode(self.connections, forKey: .connections)
        try container.encode(self.events, forKey: .events)
        try container.encode(self.faults, forKey: .faults)
        try container.encode(self.checks, forKey: .checks)
        try container.encode(self.verdict, forKey: .verdict)
    }

    /// `pass` when every judged check passed; `fail` when any found a fault of the client;
    /// `incomplete` when a check had nothing to examine (let the client work longer).
    var verdict: String {
        let judged = self.checks.filter { !$0.informational }
        if judged.contains(where: { $0.status == "fail" }) { return "fail" }
        return judged.contains(where: { $0.status == "not_exercised" }) ? "incomplete" : "pass"
    }

    var exitCode: Int32 {
        switch self.verdict {
        case "pass": 0
        case "fail": 1
        default: 2
        }
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    var text: String {
        var lines = [
            "Conformance of \(self.account): \(self.verdict.uppercased())",
            "  \(self.calls) calls (\(self.writes) writes), \(self.connections) connections, \(self.events) events delivered",
            "  faults met: "
                + (self.faults.isEmpty
                    ? "none"
                    : self.faults.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")),
            "",
        ]
        for check in self.checks {
            let mark = ["pass": "ok  ", "fail": "FAIL", "not_exercised": "--  ", "info": "info"][check.status] ?? "?"
            lines.append("  \(mark) \(check.title) (\(check.examined) examined)")
            for finding in check.findings { lines.append("         - \(finding)") }
        }
        if self.verdict == "incomplete" {
            lines.append("")
            lines.append("Checks marked -- met no fault to judge: let the client work longer, or raise the rates.")
        }
        return lines.joined(separator: "\n")
    }

    var html: String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let rows = self.checks.map { check in
            let findings = check.findings.map { "<li>\(escape($0))</li>" }.joined()
            return """
                <tr class="\(check.status)"><td>\(escape(check.status.replacingOccurrences(of: "_", with: " ")))</td>\
                <td>\(escape(check.title))\(findings.isEmpty ? "" : "<ul>\(findings)</ul>")</td>\
                <td>\(check.examined)</td></tr>
                """
        }.joined(separator: "\n")
        let faults = self.faults.sorted { $0.key < $1.key }.map { "<li>\(escape($0.key)): \($0.value)</li>" }.joined()
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Licit conformance: \(escape(self.account))</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em;max-width:60em}
            table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4em;text-align:left;vertical-align:top}
            tr.pass td:first-child{color:#060}tr.fail td:first-child{color:#a00;font-weight:bold}
            tr.not_exercised td:first-child,tr.info td:first-child{color:#666}
            .verdict{font-size:1.4em}
            </style></head><body>
            <h1>Licit conformance report</h1>
            <p class="verdict">Account <b>\(escape(self.account))</b>: <b id="verdict">\(escape(self.verdict.uppercased()))</b></p>
            <p>\(self.calls) calls (\(self.writes) writes), \(self.connections) connections, \(self.events) events delivered.
            Journal: <code>\(escape(self.journal))</code>.</p>
            <h2>Faults met</h2><ul>\(faults.isEmpty ? "<li>none</li>" : faults)</ul>
            <h2>Checks</h2>
            <table><thead><tr><th>Result</th><th>Check</th><th>Examined</th></tr></thead><tbody>
            \(rows)
            </tbody></table>
            </body></html>
            """
    }
}
