import Foundation
import LicitDaemon
import LicitServerCore
import Testing

/// docs/CONFIGURATION.md against the code: the same keys, the limits' documented defaults the
/// real ones, and a key the code does not know refused.
@Suite("The configuration reference is the code's")
struct ConfigurationReferenceTests {
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/CONFIGURATION.md")

    /// The reference's rows: key → default column.
    static func documented() throws -> [String: String] {
        var rows: [String: String] = [:]
        for line in try String(contentsOf: Self.reference, encoding: .utf8).split(separator: "\n")
        where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            rows[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = cells[2]
        }
        return rows
    }

    @Test("the sample sets every setting, so that its keys are all the keys")
    func sampleIsComplete() {
        #expect(Self.unset(in: DaemonConfiguration.everySetting).isEmpty)
    }

    @Test("docs/CONFIGURATION.md lists exactly the keys the daemon reads")
    func sameKeys() throws {
        let documented = Set(try Self.documented().keys)
        let code = DaemonConfiguration.keyPaths
        #expect(code.subtracting(documented).sorted() == [], "read by the daemon, missing from the reference")
        #expect(documented.subtracting(code).sorted() == [], "in the reference, read by no code")
    }

    @Test("each limit's documented default is the daemon's")
    func limitDefaults() throws {
        for (key, value) in try Self.documented() where key.hasPrefix("limits.") {
            let name = String(key.dropFirst("limits.".count))
            let number = try #require(Int(value), "\(key): its default \(value) is not a number")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID()).json")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(#"{"\#(name)": \#(number)}"#.utf8).write(to: file)
            var configuration = DaemonConfiguration.everySetting
            configuration.limits = try DaemonConfiguration.Limits.read(file.path)
            #expect(configuration.serverLimits == ServerLimits.defaults, "\(key): the default is not \(number)")
        }
    }

    @Test("a key that names no setting is refused, naming it")
    func unknownKeyRefused() throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var object =
            try JSONSerialization.jsonObject(with: try encoder.encode(DaemonConfiguration.everySetting))
            as! [String: Any]
        var limits = object["limits"] as! [String: Any]
        limits["max_frame_byte"] = 1
        object["limits"] = limits
        object["admin_port"] = 9000
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        let error = #expect(throws: ValidationFailure.self) { try DaemonConfiguration.read(file.path) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("admin_port, limits.max_frame_byte"))
    }

    /// The settings left unset, by Swift name: an optional that is nil anywhere in `value`.
    static func unset(in value: Any, path: String = "") -> [String] {
        Mirror(reflecting: value).children.flatMap { child -> [String] in
            let name = path.isEmpty ? (child.label ?? "?") : "\(path).\(child.label ?? "?")"
            let mirror = Mirror(reflecting: child.value)
            if mirror.displayStyle == .optional {
                guard let wrapped = mirror.children.first?.value else { return [name] }
                return Mirror(reflecting: wrapped).displayStyle == .struct ? Self.unset(in: wrapped, path: name) : []
            }
            return mirror.displayStyle == .struct ? Self.unset(in: child.value, path: name) : []
        }
    }
}

/// contrib/licitd.service as systemd reads it.
@Suite("The systemd unit")
struct SystemdUnitTests {
    @Test("systemd-analyze verify accepts contrib/licitd.service (its ExecStart pointed at a program that exists)")
    func unitVerifies() throws {
        let analyze = "/usr/bin/systemd-analyze"
        guard FileManager.default.isExecutableFile(atPath: analyze) else {
            // CI installs it (.ci/run): there a missing tool fails the test rather than passing it.
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "systemd-analyze is not installed")
            print("note: systemd-analyze is not installed here (apt-get install systemd): the unit is not checked")
            return
        }
        let unit = ConfigurationReferenceTests.reference.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("contrib/licitd.service")
        let text = try String(contentsOf: unit, encoding: .utf8)
        #expect(text.contains("ExecStart=/usr/local/bin/licitd serve --config /etc/licit/licitd.json"))
        for hardening in ["NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes"] {
            #expect(text.contains(hardening), "\(hardening)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unit-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("licitd.service")
        try Data(text.replacingOccurrences(of: "/usr/local/bin/licitd", with: "/bin/true").utf8).write(to: copy)
        let (status, output) = try SandboxDaemonTests.run(
            ["verify", copy.path],
            program: URL(fileURLWithPath: analyze)
        )
        #expect(status == 0, "\(output)")
        #expect(!output.contains("licitd.service:"), "systemd complains about the unit: \(output)")
    }
}
