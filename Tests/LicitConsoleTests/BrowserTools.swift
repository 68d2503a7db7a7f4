import Foundation
import Testing

/// Chromium, chromedriver and a Python with Selenium: Debian's `chromium` and `chromium-driver`,
/// Selenium from PyPI (`.ci/run` installs it in /opt/licit-tools). Without them the browser tests
/// are skipped, except in CI, where a missing tool fails them.
struct BrowserTools {
    let python: String
    let chromium: String
    let chromedriver: String

    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Browser")

    static func find() -> BrowserTools? {
        let environment = ProcessInfo.processInfo.environment
        let chromium = environment["LICIT_CHROMIUM"] ?? "/usr/bin/chromium"
        let chromedriver = environment["LICIT_CHROMEDRIVER"] ?? "/usr/bin/chromedriver"
        let pythons = [environment["LICIT_BROWSER_PYTHON"], "/opt/licit-tools/bin/python3", "/usr/bin/python3"]
            .compactMap { $0 }
        let python = pythons.first { Self.hasSelenium($0) }
        var missing: [String] = []
        if !FileManager.default.isExecutableFile(atPath: chromium) { missing.append("chromium (\(chromium))") }
        if !FileManager.default.isExecutableFile(atPath: chromedriver) {
            missing.append("chromedriver (\(chromedriver))")
        }
        if python == nil { missing.append("a python3 with selenium (\(pythons.joined(separator: ", ")))") }
        guard let python, missing.isEmpty else {
            let message =
                "browser tests need " + missing.joined(separator: ", ")
                + ": apt-get install chromium chromium-driver; pip install selenium (as .ci/run does)"
            if environment["CI"] != nil {
                Issue.record(Comment(rawValue: message))
            } else {
                print("skipped: \(message)")
            }
            return nil
        }
        return BrowserTools(python: python, chromium: chromium, chromedriver: chromedriver)
    }

    private static func hasSelenium(_ python: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import selenium"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Runs a script of Tests/Browser, killed after `limit`; its output and error, interleaved.
    func run(
        script: String,
        arguments: [String],
        limit: Duration = .seconds(300)
    ) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: self.python)
        process.arguments =
            [Self.scripts.appendingPathComponent(script).path] + arguments
            + ["--chromium", self.chromium, "--chromedriver", self.chromedriver]
        let log = FileManager.default.temporaryDirectory.appendingPathComponent(
            "licit-browser-\(UUID().uuidString).log"
        )
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        let (ended, finish) = AsyncStream<Void>.makeStream()
        process.terminationHandler = { _ in finish.finish() }
        try process.run()
        let watchdog = Task {
            try await Task.sleep(for: limit)
            process.terminate()
        }
        for await _ in ended {}
        watchdog.cancel()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output)
    }
}
